package dev.mlp.linalg;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Locale;

/**
 * Makes {@link Backend}s by name, and picks the default one.
 *
 * <p>{@link #defaultBackend()} returns the backend named by the system property
 * {@value #BACKEND_PROPERTY} ({@code ejml}, {@code blocked} or {@code vector}) when it is set, and
 * otherwise the fastest that pays on this JVM: {@code vector} when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, has at least 256-bit vectors and compiles with C2,
 * else {@code blocked}. Without C2 ({@code -Xint}, or {@code -XX:TieredStopAtLevel} below 4) the
 * Vector API is never compiled to vector instructions: every vector is a heap object and the
 * vector backend runs many times slower than the plain one, so it is not chosen there.
 * {@link #defaultChoice()} says which backend was picked and why. {@code ejml} is the reference
 * and is never chosen by itself. The property is read when these methods are called, never when a
 * class loads; a backend handed to a network or a trainer governs everything it computes, whatever
 * the property says.
 *
 * <p>The vector backend is only ever loaded reflectively, after checking that the module
 * {@value #VECTOR_MODULE} is in the boot layer, so this library runs on a bare JVM: nothing that
 * refers to the incubator API is loaded there.
 *
 * <p>Threads: every backend except {@code ejml} splits large products by output rows across up to
 * {@value #THREADS_PROPERTY} threads (default: {@link Runtime#availableProcessors()}), with
 * bit-identical results for any thread count; see {@link BlockedKernel}.
 */
public final class Backends {

    /** System property naming the default backend: {@code ejml}, {@code blocked} or {@code vector}. */
    public static final String BACKEND_PROPERTY = "mlp.kernel";
    /** System property: the most threads one product of the default backend may use (an integer ≥ 1). */
    public static final String THREADS_PROPERTY = "mlp.threads";
    /**
     * The JDK module the {@code vector} backend needs: start the JVM with
     * {@code --add-modules jdk.incubator.vector}.
     */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";

    /**
     * The least work ({@link #work}) for which the automatic choice takes {@code vector}: about
     * where a fresh JVM's vector warm-up is paid back (mlp-linalg/DESIGN.md).
     */
    public static final long VECTOR_MIN_WORK = 50_000_000_000L;

    /**
     * How the reason of a choice made for a job below {@link #VECTOR_MIN_WORK} begins, for a
     * program that words such a choice its own way.
     */
    public static final String SMALL_JOB = "a small job";

    private static final String VECTOR_CLASS = "dev.mlp.linalg.VectorKernel";
    private static final String HOW_TO_ENABLE = "start the JVM with --add-modules " + VECTOR_MODULE;

    private Backends() {
    }

    /**
     * {@return the backend named by {@value #BACKEND_PROPERTY}, or the fastest available one when
     * the property is unset or blank} It uses {@value #THREADS_PROPERTY} threads.
     *
     * @throws IllegalArgumentException if the property names no backend, or the thread property is bad
     * @throws IllegalStateException    if it names {@code vector} and the Vector API is not available
     */
    public static Backend defaultBackend() {
        return defaultChoice().backend();
    }

    /**
     * The backend {@link #defaultBackend()} returns, with the reason it was picked, for a program
     * to show its user.
     *
     * @return the backend and why
     * @throws IllegalArgumentException if the property names no backend, or the thread property is bad
     * @throws IllegalStateException    if it names {@code vector} and the Vector API is not available
     */
    public static Choice defaultChoice() {
        return defaultChoice(Long.MAX_VALUE);
    }

    /**
     * As {@link #defaultChoice()}, for a job of {@code work} row-parameter passes (see
     * {@link #work}): the automatic choice takes {@code blocked} for a job below
     * {@value #VECTOR_MIN_WORK}, where {@code vector} would be faster. In a fresh JVM the Vector
     * API first runs as heap objects while the JIT compiles it, over a second of compilation on
     * two cores, and a small job ends before the faster products have paid that back (measured
     * as whole processes of the command line: mlp-linalg/DESIGN.md). The vector backend is then
     * not even loaded. A backend named by {@value #BACKEND_PROPERTY} is used whatever the size.
     *
     * @param work the job's size, ≥ 0; {@link Long#MAX_VALUE} when unknown or unbounded
     * @return the backend for that job and why
     * @throws IllegalArgumentException if work is negative, or as {@link #defaultChoice()}
     * @throws IllegalStateException    as {@link #defaultChoice()}
     */
    public static Choice defaultChoice(long work) {
        if (work < 0) {
            throw new IllegalArgumentException("work must be >= 0, got " + work);
        }
        String requested = System.getProperty(BACKEND_PROPERTY);
        int threads = Parallel.defaultThreads();
        if (requested == null || requested.isBlank()) {
            return automatic(threads, work);
        }
        return new Choice(byName(requested, threads), "named by -D" + BACKEND_PROPERTY + "=" + requested.trim());
    }

    /**
     * The size of a job for {@link #defaultChoice(long)}: rows × parameters × passes, saturating
     * at {@link Long#MAX_VALUE}. A training pass over the rows costs about three multiply-adds per
     * row and parameter (forward, the weight gradient, the delta), a prediction one.
     *
     * @param rows       rows per pass, ≥ 0
     * @param parameters the network's weights and biases, ≥ 0
     * @param passes     epochs (or 1 for a prediction), ≥ 0
     * @return rows × parameters × passes, or {@link Long#MAX_VALUE} if that overflows
     * @throws IllegalArgumentException if any is negative
     */
    public static long work(long rows, long parameters, long passes) {
        if (rows < 0 || parameters < 0 || passes < 0) {
            throw new IllegalArgumentException("rows, parameters and passes must be >= 0, got " + rows + ", "
                    + parameters + " and " + passes);
        }
        if (rows == 0 || parameters == 0 || passes == 0) {
            return 0;
        }
        try {
            return Math.multiplyExact(Math.multiplyExact(rows, parameters), passes);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * A backend and why {@link #defaultChoice()} picked it.
     *
     * @param backend the backend
     * @param reason  one sentence for a user: the property that named it, or what made the
     *                automatic choice (e.g. "the JVM was started without --add-modules
     *                jdk.incubator.vector"); never null
     */
    public record Choice(Backend backend, String reason) {

        /**
         * Checks both parts.
         *
         * @param backend the backend
         * @param reason  why it was picked
         * @throws IllegalArgumentException if either is null
         */
        public Choice {
            if (backend == null || reason == null) {
                throw new IllegalArgumentException("a choice needs a backend and a reason");
            }
        }
    }

    /**
     * {@return a new backend called {@code name}, using {@value #THREADS_PROPERTY} threads}
     *
     * @param name {@code ejml}, {@code blocked} or {@code vector}, any case
     * @throws IllegalArgumentException for an unknown name (the message lists the available ones)
     * @throws IllegalStateException    for {@code vector} when the Vector API is not available
     */
    public static Backend byName(String name) {
        return byName(name, Parallel.defaultThreads());
    }

    /**
     * As {@link #byName(String)}, with the most threads one product may use.
     *
     * @param name    {@code ejml}, {@code blocked} or {@code vector}, any case
     * @param threads ≥ 1; ignored by {@code ejml}, which is single-threaded
     * @return a new backend of that name and thread count
     */
    public static Backend byName(String name, int threads) {
        Parallel.requireThreads(threads);
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "ejml":
                return new EjmlKernel();
            case "blocked":
                return new BlockedKernel(threads);
            case "vector":
                if (!vectorAvailable()) {
                    throw new IllegalStateException("backend 'vector' needs the incubating Vector API: "
                            + HOW_TO_ENABLE + "; available now: " + available());
                }
                return newVectorBackend(threads);
            default:
                throw new IllegalArgumentException("unknown backend '" + name + "' (" + BACKEND_PROPERTY
                        + "); available: " + available()
                        + (vectorAvailable() ? "" : ", and 'vector' if you " + HOW_TO_ENABLE));
        }
    }

    /** {@return true when {@value #VECTOR_MODULE} is in the boot layer, so {@code vector} can be used} */
    public static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /** {@return the names {@link #byName} accepts in this JVM, fastest last} */
    public static List<String> available() {
        return vectorAvailable() ? List.of("ejml", "blocked", "vector") : List.of("ejml", "blocked");
    }

    /** {@return a line a program may show when {@code vector} is not available: how to turn it on} */
    public static String howToEnableVector() {
        return "for the faster vector backend, " + HOW_TO_ENABLE;
    }

    private static Choice automatic(int threads, long work) {
        if (!vectorAvailable()) {
            return new Choice(new BlockedKernel(threads), "the JVM was started without --add-modules " + VECTOR_MODULE);
        }
        String noC2 = JitCompiler.whyNotC2();
        if (noC2 != null) {
            return new Choice(new BlockedKernel(threads), noC2 + ": the Vector API would run as heap objects,"
                    + " many times slower than plain Java");
        }
        if (work < VECTOR_MIN_WORK) {
            return new Choice(new BlockedKernel(threads), SMALL_JOB + " (" + scientific(work)
                    + " row-parameter passes, below " + scientific(VECTOR_MIN_WORK)
                    + "), done before the vector backend's JIT warm-up would pay off");
        }
        Backend vector;
        try {
            vector = newVectorBackend(threads);
        } catch (RuntimeException | LinkageError e) {
            return new Choice(new BlockedKernel(threads), "the vector backend failed to load: " + e.getMessage());
        }
        if (vector.vectorBits() < 256) {
            return new Choice(new BlockedKernel(threads), "vectors are " + vector.vectorBits()
                    + " bits wide here, and the vector backend pays from 256");
        }
        return new Choice(vector, "the Vector API is available, with " + vector.vectorBits() + "-bit vectors and C2");
    }

    /** 4.1e8 for 410 000 000: two significant digits. */
    static String scientific(long n) {
        return String.format(Locale.ROOT, "%.2g", (double) n).replace("e+0", "e").replace("e+", "e").replace(".0e", "e");
    }

    private static Backend newVectorBackend(int threads) {
        try {
            Class<?> type = Class.forName(VECTOR_CLASS, true, Backends.class.getClassLoader());
            Constructor<?> constructor = type.getConstructor(int.class);
            return (Backend) constructor.newInstance(threads);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException("cannot create the vector backend: " + cause, cause);
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot load the vector backend (" + cause + "); " + HOW_TO_ENABLE
                    + " and check mlp.vector.bits; available: " + available(), cause);
        }
    }
}
