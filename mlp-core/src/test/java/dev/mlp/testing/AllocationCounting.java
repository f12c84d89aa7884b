package dev.mlp.testing;

import org.junit.jupiter.api.Assumptions;

import java.lang.management.ManagementFactory;

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
}
