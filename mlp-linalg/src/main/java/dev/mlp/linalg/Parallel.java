package dev.mlp.linalg;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the parts of one product on the calling thread and shared daemon helper threads, allocating
 * nothing once each calling thread has run one product.
 *
 * <p>Parts are claimed dynamically: the caller and helpers take part numbers from a counter until
 * none is left, and the caller waits until every part is done. Which thread runs which part is
 * therefore unspecified, and the kernels make each part's result independent of that: a part is
 * a fixed range of output rows computed with the same operation sequence on any thread. The caller
 * always works too and can run every part itself, so nothing deadlocks when the helpers are busy,
 * when several threads call at once, or when a part itself calls {@link #run}.
 *
 * <p>The helpers ({@code availableProcessors() - 1}, at least one, named {@code mlp-linalg-N}) start
 * on first parallel use. Each calling thread reuses one job object, which it offers to idle helpers
 * through a mailbox per helper; an idle helper spins for some tens of microseconds (back-to-back
 * products then start without a wake-up), then parks and uses no CPU.
 */
final class Parallel {

    /** One part of a job: computes the output rows of part {@code part}. */
    interface Body {
        void run(int part);
    }

    /** How long an idle helper, or a caller waiting for the last part, spins before parking. */
    private static final long SPIN_NANOS = 50_000;

    /** The job each thread reuses for its own products (further ones for nested calls). */
    private static final ThreadLocal<Job> JOBS = ThreadLocal.withInitial(Job::new);

    private Parallel() {
    }

    /** Runs parts 0..parts-1 and returns when all are done; rethrows the first failure. */
    static void run(int parts, Body body) {
        if (parts <= 1) {
            body.run(0);
            return;
        }
        Job job = JOBS.get();
        while (job.busy) { // a part running on this thread called run: use the next level's job
            job = job.nested();
        }
        job.run(parts, body);
    }

    /**
     * One thread's reusable job. Each product is a new generation of it.
     *
     * <p>Why a helper can never act on the wrong product: a helper may hold this job long after
     * the product it was offered for has ended (it took the job from its mailbox late, or kept
     * claiming), and by then the owner may have started the next generation with another body and
     * part count. So the generation and the count of unclaimed parts share one {@code AtomicLong},
     * and a part is claimed only by a compare-and-set of that exact pair: a stale helper's CAS fails
     * once the generation moved on. A successful claim pins its generation, since the owner starts
     * no new one (nor clears {@code body}) before {@code pending} reaches 0, which needs this claimed
     * part to be counted; so the body read after the claim is that generation's, the part is run
     * once, and its count-down lands in its own generation. Parts are claimed from the top
     * (remaining − 1) so that a claim depends on the packed word alone, never on a part count that
     * might already be the next generation's. The generation's 32 bits could only repeat the same
     * word after 2³² products while one helper sat between its read and its CAS.
     */
    private static final class Job {
        /** generation &lt;&lt; 32 | parts not yet claimed. */
        private final AtomicLong claims = new AtomicLong();
        /** Parts of the current generation not yet finished. */
        private final AtomicInteger pending = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread owner = Thread.currentThread();
        /** The current generation's body; written by the owner before it publishes the generation. */
        private Body body;
        /** Owner only: a product of this job is running on the owner. */
        private boolean busy;
        /** Owner only: the job for a call made from inside one of this job's parts. */
        private Job nested;

        Job nested() {
            if (nested == null) {
                nested = new Job();
            }
            return nested;
        }

        void run(int parts, Body b) {
            busy = true;
            body = b;
            pending.set(parts);
            claims.set(((claims.get() >>> 32) + 1) << 32 | parts);
            // work catches the parts' failures; offering may still fail (helpers that cannot start):
            // then this thread runs every part itself, and the job is drained before it is reused
            Throwable offerFailure = null;
            try {
                Helpers.offer(this, parts - 1);
            } catch (Throwable t) {
                offerFailure = t;
            }
            work();
            awaitAll();
            body = null;
            busy = false;
            Throwable partFailure = failure.getAndSet(null);
            rethrow(partFailure != null ? partFailure : offerFailure);
        }

        /** Claims and runs parts of the current generation until none is left unclaimed. */
        void work() {
            while (true) {
                long c = claims.get();
                int left = (int) c;
                if (left == 0) {
                    return;
                }
                if (!claims.compareAndSet(c, c - 1)) {
                    continue;
                }
                try {
                    body.run(left - 1);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    if (pending.decrementAndGet() == 0 && Thread.currentThread() != owner) {
                        LockSupport.unpark(owner);
                    }
                }
            }
        }

        /** Spins briefly, then parks until the last part is done; keeps an interrupt for later. */
        private void awaitAll() {
            boolean interrupted = false;
            long spinEnd = System.nanoTime() + SPIN_NANOS;
            while (pending.get() != 0) {
                if (System.nanoTime() - spinEnd < 0) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                    interrupted |= Thread.interrupted();
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private static void rethrow(Throwable t) {
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    /** A helper thread: takes a job from its mailbox, claims parts until none is left, repeats. */
    private static final class Helper implements Runnable {
        private final AtomicReference<Job> mailbox = new AtomicReference<>();
        private volatile boolean parked;
        private final Thread thread;

        Helper(int number) {
            thread = new Thread(null, this, "mlp-linalg-" + number, 0, false);
            thread.setDaemon(true);
            // helpers live as long as the JVM: holding the first caller's class loader would keep an
            // undeployed application's classes alive
            thread.setContextClassLoader(null);
        }

        @Override
        public void run() {
            while (true) {
                Job job = mailbox.getAndSet(null);
                if (job != null) {
                    job.work();
                } else {
                    idle();
                }
            }
        }

        /** Returns once the mailbox holds a job: spins for SPIN_NANOS, then parks. */
        private void idle() {
            long spinEnd = System.nanoTime() + SPIN_NANOS;
            while (mailbox.get() == null) {
                if (System.nanoTime() - spinEnd < 0) {
                    Thread.onSpinWait();
                    continue;
                }
                // parked is set before the last look and read by offer after it fills the
                // mailbox (both volatile), so either this look sees the job or offer unparks
                parked = true;
                if (mailbox.get() == null) {
                    LockSupport.park(this);
                    Thread.interrupted(); // nothing interrupts helpers on purpose; never spin on it
                }
                parked = false;
            }
        }
    }

    /** Helper threads start on first parallel use; none exist in single-threaded programs. */
    private static final class Helpers {
        static final Helper[] ALL = start();

        private static Helper[] start() {
            int count = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
            Helper[] helpers = new Helper[count];
            int started = 0;
            for (int i = 0; i < count; i++) {
                Helper h = new Helper(i + 1);
                try {
                    h.thread.start();
                } catch (OutOfMemoryError e) {
                    break; // no more native threads: fewer helpers, the callers do the rest
                }
                helpers[started++] = h;
            }
            return Arrays.copyOf(helpers, started);
        }

        /** Offers the job to up to {@code wanted} helpers whose mailbox is empty. */
        static void offer(Job job, int wanted) {
            Thread self = Thread.currentThread();
            for (Helper h : ALL) {
                if (wanted == 0) {
                    return;
                }
                if (h.thread != self && h.mailbox.get() == null && h.mailbox.compareAndSet(null, job)) {
                    wanted--;
                    if (h.parked) {
                        LockSupport.unpark(h.thread);
                    }
                }
            }
        }
    }

    /**
     * Splits rows [0, m) into at most {@code threads} parts whose boundaries are multiples of
     * {@code align}; returns the part count and fills {@code bounds[0..parts]}.
     */
    static int splitRows(int m, int threads, int align, int[] bounds) {
        int units = (m + align - 1) / align;
        int parts = Math.max(1, Math.min(threads, units));
        for (int p = 0; p <= parts; p++) {
            bounds[p] = Math.min(m, (int) ((long) units * p / parts) * align);
        }
        return parts;
    }

    /** The number of threads from {@code mlp.threads}, default availableProcessors; at least 1. */
    static int defaultThreads() {
        String v = System.getProperty("mlp.threads");
        int cpus = Runtime.getRuntime().availableProcessors();
        if (v == null || v.isBlank()) {
            return cpus;
        }
        try {
            int t = Integer.parseInt(v.trim());
            if (t < 1) {
                throw new IllegalArgumentException("mlp.threads must be ≥ 1, got " + v);
            }
            return t;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mlp.threads must be an integer ≥ 1, got '" + v + "'", e);
        }
    }

    static void requireThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
    }
}
