package dev.mlp.testing;

import org.junit.jupiter.api.Assumptions;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-thread allocation counters for tests that require code to allocate nothing. */
public final class AllocationCounting {

    private AllocationCounting() {
    }

    /**
     * The JVM's thread bean with per-thread allocation counting; skips the calling test (an
     * assumption) when this JVM has no such counting or has it switched off.
     */
    public static com.sun.management.ThreadMXBean threadsOrSkip() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "per-thread allocation counting is not available");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is not enabled");
        return threads;
    }

    /** Keeps what a measured call returns alive, so that no compiler can drop its allocation. */
    private static volatile Object sink;

    /**
     * Asserts that {@code route} allocates less than 1 KB more than {@code reference} on the calling
     * thread, as a form that only wraps or unwraps around another does: a copy of any matrix larger
     * than 1 KB would show. The reference must allocate at least {@code referenceAtLeast} bytes (its
     * result), which shows that the measurement works. Skips the test as {@link #threadsOrSkip()}.
     */
    public static void assertAllocatesAsMuchAs(Supplier<?> reference, Supplier<?> route, long referenceAtLeast) {
        com.sun.management.ThreadMXBean threads = threadsOrSkip();
        long referenceBytes = fewestBytes(threads, reference);
        long routeBytes = fewestBytes(threads, route);
        assertTrue(referenceBytes >= referenceAtLeast, "the measurement sees the result: " + referenceBytes + " bytes");
        assertTrue(routeBytes - referenceBytes < 1024, routeBytes + " bytes allocated, against " + referenceBytes);
    }

    /** The fewest bytes this thread allocates over five calls, after three unmeasured ones. */
    private static long fewestBytes(com.sun.management.ThreadMXBean threads, Supplier<?> call) {
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < 3; i++) {
            sink = call.get();
        }
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long before = threads.getThreadAllocatedBytes(thread);
            sink = call.get();
            fewest = Math.min(fewest, threads.getThreadAllocatedBytes(thread) - before);
        }
        return fewest;
    }
}
