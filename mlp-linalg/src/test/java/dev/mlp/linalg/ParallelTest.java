package dev.mlp.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-off of product parts to the helper threads: each part exactly once, failures, nested
 * and concurrent callers, interrupts, and no allocation once warmed up. The timeouts only turn a
 * deadlock into a failure; nothing here asserts how fast anything is.
 */
class ParallelTest {

    @Test
    void everyPartRunsExactlyOnce() {
        for (int round = 0; round < 30; round++) {
            for (int parts = 1; parts <= 70; parts++) {
                AtomicIntegerArray hits = new AtomicIntegerArray(parts);
                Parallel.run(parts, hits::incrementAndGet);
                for (int p = 0; p < parts; p++) {
                    assertEquals(1, hits.get(p), "part " + p + " of " + parts);
                }
            }
        }
    }

    @Test
    void theFirstFailureIsRethrownAfterEveryPartAndTheNextCallWorks() {
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicIntegerArray hits = new AtomicIntegerArray(8);
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Parallel.run(8, p -> {
            hits.incrementAndGet(p);
            if (p == 3) {
                throw boom;
            }
        }));
        assertSame(boom, thrown);
        for (int p = 0; p < 8; p++) {
            assertEquals(1, hits.get(p), "part " + p + " ran once despite the failure of part 3");
        }

        Error error = new Error("an error passes as it is");
        assertSame(error, assertThrows(Error.class, () -> Parallel.run(5, p -> {
            if (p == 4) {
                throw error;
            }
        })));

        Exception checked = new Exception("checked");
        IllegalStateException wrapped = assertThrows(IllegalStateException.class,
                () -> Parallel.run(3, p -> sneakyThrow(checked)));
        assertSame(checked, wrapped.getCause());

        AtomicIntegerArray again = new AtomicIntegerArray(8);
        Parallel.run(8, again::incrementAndGet);
        for (int p = 0; p < 8; p++) {
            assertEquals(1, again.get(p), "part " + p + " of the call after the failures");
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void nestedCallsFromInsideAPartComplete() {
        for (int round = 0; round < 200; round++) {
            AtomicIntegerArray hits = new AtomicIntegerArray(3 * 4 * 2);
            Parallel.run(3, outer -> Parallel.run(4, middle -> Parallel.run(2,
                    inner -> hits.incrementAndGet((outer * 4 + middle) * 2 + inner))));
            for (int i = 0; i < hits.length(); i++) {
                assertEquals(1, hits.get(i), "round " + round + ", nested part " + i);
            }
        }
    }

    /**
     * Many threads share the helpers. A helper that ran a part of an earlier product late, or twice,
     * would change that product's array after it was checked, so every array is checked again at
     * the end.
     */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void concurrentCallersGetTheirOwnResults() throws InterruptedException {
        int callers = 8;
        int calls = 2000;
        int[][][] results = new int[callers][calls][];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = new Thread[callers];
        for (int t = 0; t < callers; t++) {
            int caller = t;
            threads[t] = new Thread(() -> {
                try {
                    for (int c = 0; c < calls; c++) {
                        int parts = 2 + (caller + c) % 7;
                        int[] sums = new int[parts];
                        results[caller][c] = sums;
                        int base = caller * 1_000_000 + c * 10;
                        Parallel.run(parts, p -> sums[p] += base + p);
                        for (int p = 0; p < parts; p++) {
                            assertEquals(base + p, sums[p], "caller " + caller + ", call " + c + ", part " + p);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "parallel-test-caller-" + t);
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertNull(failure.get(), () -> "a caller failed: " + failure.get());
        for (int t = 0; t < callers; t++) {
            for (int c = 0; c < calls; c++) {
                int[] sums = results[t][c];
                for (int p = 0; p < sums.length; p++) {
                    assertEquals(t * 1_000_000 + c * 10 + p, sums[p], "caller " + t + ", call " + c
                            + ", part " + p + " changed after its call returned");
                }
            }
        }
    }

    @Test
    void theCallersInterruptIsKeptAndEveryPartStillRuns() {
        Thread caller = Thread.currentThread();
        try {
            for (int round = 0; round < 200; round++) {
                AtomicIntegerArray hits = new AtomicIntegerArray(4);
                caller.interrupt();
                Parallel.run(4, p -> {
                    // parts long enough for a helper to take some, and a helper's parts longer,
                    // so that the caller waits for them, and parks, while interrupted
                    long end = System.nanoTime() + 20_000;
                    while (System.nanoTime() < end) {
                        Thread.onSpinWait();
                    }
                    if (Thread.currentThread() != caller) {
                        LockSupport.parkNanos(200_000);
                    }
                    hits.incrementAndGet(p);
                });
                assertTrue(caller.isInterrupted(), "round " + round + ": the interrupt was lost");
                for (int p = 0; p < 4; p++) {
                    assertEquals(1, hits.get(p), "round " + round + ", part " + p);
                }
            }
        } finally {
            Thread.interrupted();
        }
    }

    /**
     * Once warmed up, a split product allocates nothing on the caller or the helpers. One object
     * per call would be at least 16 bytes, 16 000 over the 1000 calls measured. The bound of 512
     * bytes leaves room only for what the JVM itself allocates now and then on a thread: a few
     * hundred bytes, once, in some measurements (seen in a bare loop too, with no product in it:
     * linking, re-interpreting after a JIT deoptimization). A measurement is also repeated, at
     * while the JIT settles (the Vector API allocates boxes until C2 has compiled the kernel), for
     * up to {@link #SETTLE_NANOS}: on a loaded machine C2's background compilation can take that
     * long; a steady allocation would exceed the bound every time.
     */
    /** How long an allocation test measures again while the JIT has not yet compiled the code. */
    static final long SETTLE_NANOS = 60_000_000_000L;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"parallel", "blocked", "vector", "blocked-float32", "vector-float32"})
    void aWarmedUpSplitProductAllocatesNothing(String what) {
        com.sun.management.ThreadMXBean threads = allocationCountingOrSkip();
        Runnable call = splitCall(what);
        for (int i = 0; i < 3000; i++) {
            call.run();
        }
        long[] helpers = helperIds();
        Assumptions.assumeTrue(helpers.length > 0, "no helper thread was started");
        long self = Thread.currentThread().getId();
        int calls = 1000;
        long allocated = Long.MAX_VALUE;
        for (long deadline = System.nanoTime() + SETTLE_NANOS; allocated > 512 && System.nanoTime() < deadline; ) {
            long helpersBefore = sum(threads.getThreadAllocatedBytes(helpers));
            long selfBefore = threads.getThreadAllocatedBytes(self);
            for (int i = 0; i < calls; i++) {
                call.run();
            }
            long selfAfter = threads.getThreadAllocatedBytes(self);
            long helpersAfter = sum(threads.getThreadAllocatedBytes(helpers));
            allocated = (selfAfter - selfBefore) + (helpersAfter - helpersBefore);
        }
        assertTrue(allocated <= 512, what + ": " + allocated + " bytes allocated over " + calls + " split calls");
    }

    /** One call that is split into parts across threads, its inputs made once. */
    private static Runnable splitCall(String what) {
        if (what.equals("parallel")) {
            long[] sums = new long[2];
            Parallel.Body body = p -> sums[p] += p + 1;
            return () -> Parallel.run(2, body);
        }
        Backend kernel;
        if (what.startsWith("blocked")) {
            kernel = new BlockedKernel(2, 0);
        } else {
            Assumptions.assumeTrue(Backends.vectorAvailable(), "needs --add-modules jdk.incubator.vector");
            kernel = LinalgTesting.vector(2, 0);
        }
        Random rnd = new Random(31);
        // 96 rows and 64 columns fill whole register blocks of the vector kernel (6 or 8 rows)
        if (what.endsWith("float32")) {
            FloatBackend float32 = kernel.float32();
            FMatrixRMaj a = FloatTesting.random(96, 64, rnd);
            FMatrixRMaj b = FloatTesting.random(64, 64, rnd);
            FMatrixRMaj c = new FMatrixRMaj(96, 64);
            return () -> float32.mult(a, b, c);
        }
        DMatrixRMaj a = LinalgTesting.random(96, 64, rnd);
        DMatrixRMaj b = LinalgTesting.random(64, 64, rnd);
        DMatrixRMaj c = new DMatrixRMaj(96, 64);
        return () -> kernel.mult(a, b, c);
    }

    private static long[] helperIds() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("mlp-linalg-"))
                .mapToLong(Thread::getId)
                .toArray();
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            assertTrue(v >= 0, "a helper thread ended");
            s += v;
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    /** The thread bean with per-thread allocation counting; skips the test where it is missing or off. */
    static com.sun.management.ThreadMXBean allocationCountingOrSkip() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean
                && ((com.sun.management.ThreadMXBean) bean).isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is not available");
        return (com.sun.management.ThreadMXBean) bean;
    }
}
