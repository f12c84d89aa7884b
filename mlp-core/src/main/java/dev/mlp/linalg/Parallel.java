package dev.mlp.linalg;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the parts of one product on the calling thread and a shared pool of daemon helper threads.
 *
 * <p>Parts are claimed dynamically: the caller and helpers take part numbers from a counter until
 * none is left, and the caller waits until every part is done. Which thread runs which part is
 * therefore unspecified, and the kernels make each part's result independent of that: a part is
 * a fixed range of output rows computed with the same operation sequence on any thread. When the
 * helpers are busy the caller simply runs all parts itself; nothing can deadlock.
 */
final class Parallel {

    /** One part of a job: computes the output rows of part {@code part}. */
    interface Body {
        void run(int part);
    }

    private Parallel() {
    }

    /** Helper threads start on first parallel use; none exist in single-threaded programs. */
    private static final class Pool {
        static final ExecutorService EXECUTOR = create();

        private static ExecutorService create() {
            int helpers = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
            AtomicInteger count = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(helpers, helpers, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "mlp-linalg-" + count.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }

    /** Runs parts 0..parts-1 and returns when all are done; rethrows the first failure. */
    static void run(int parts, Body body) {
        if (parts <= 1) {
            body.run(0);
            return;
        }
        Job job = new Job(parts, body);
        for (int h = 1; h < parts; h++) {
            Pool.EXECUTOR.execute(job::work);
        }
        job.work();
        job.awaitAll();
    }

    private static final class Job {
        private final int parts;
        private final Body body;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private volatile Throwable failure;

        Job(int parts, Body body) {
            this.parts = parts;
            this.body = body;
            this.done = new CountDownLatch(parts);
        }

        void work() {
            int part;
            while ((part = next.getAndIncrement()) < parts) {
                try {
                    body.run(part);
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                } finally {
                    done.countDown();
                }
            }
        }

        void awaitAll() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable t = failure;
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
