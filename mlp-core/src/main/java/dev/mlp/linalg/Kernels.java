package dev.mlp.linalg;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Locale;

/**
 * Chooses a {@link MatrixKernel} backend.
 *
 * <p>{@link #defaultKernel()} returns the backend named by the system property
 * {@value #KERNEL_PROPERTY} ({@code ejml}, {@code blocked} or {@code vector}) when it is set, and
 * otherwise the fastest available: {@code vector} when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and has at least 256-bit vectors, else
 * {@code blocked}. {@code ejml} is the reference and is never chosen automatically.
 *
 * <p>The vector backend is only ever loaded reflectively, after checking that the module
 * {@code jdk.incubator.vector} is in the boot layer, so this library runs on a bare JVM: nothing
 * that refers to the incubator API is loaded there.
 *
 * <p>Threads: every backend except {@code ejml} splits large products by output rows across up to
 * {@value #THREADS_PROPERTY} threads (default: {@link Runtime#availableProcessors()}), with
 * bit-identical results for any thread count; see {@link BlockedKernel}.
 */
public final class Kernels {

    /** System property naming the backend: {@code ejml}, {@code blocked} or {@code vector}. */
    public static final String KERNEL_PROPERTY = "mlp.kernel";
    /** System property: the most threads one product may use (an integer ≥ 1). */
    public static final String THREADS_PROPERTY = "mlp.threads";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_CLASS = "dev.mlp.linalg.VectorKernel";
    private static final String VECTOR_SIGMOID_CLASS = "dev.mlp.linalg.VectorSigmoid";
    private static final String VECTOR_FINITE_CLASS = "dev.mlp.linalg.VectorFiniteCheck";
    private static final String HOW_TO_ENABLE = "start the JVM with --add-modules " + VECTOR_MODULE;

    private Kernels() {
    }

    /**
     * The backend named by {@value #KERNEL_PROPERTY}, or the fastest available one when the
     * property is unset or blank. Uses {@value #THREADS_PROPERTY} threads.
     *
     * @throws IllegalArgumentException if the property names no backend, or the thread property is bad
     * @throws IllegalStateException    if it names {@code vector} and the Vector API is not available
     */
    public static MatrixKernel defaultKernel() {
        String requested = System.getProperty(KERNEL_PROPERTY);
        if (requested == null || requested.isBlank()) {
            return automatic(Parallel.defaultThreads());
        }
        return byName(requested, Parallel.defaultThreads());
    }

    /**
     * The backend called {@code name} ({@code ejml}, {@code blocked} or {@code vector}, any case),
     * using {@value #THREADS_PROPERTY} threads.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the available ones)
     * @throws IllegalStateException    for {@code vector} when the Vector API is not available
     */
    public static MatrixKernel byName(String name) {
        return byName(name, Parallel.defaultThreads());
    }

    /**
     * As {@link #byName(String)}, with the most threads one product may use.
     *
     * @param name    {@code ejml}, {@code blocked} or {@code vector}, any case
     * @param threads ≥ 1; ignored by {@code ejml}, which is single-threaded
     */
    public static MatrixKernel byName(String name, int threads) {
        Parallel.requireThreads(threads);
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "ejml":
                return new EjmlKernel();
            case "blocked":
                return new BlockedKernel(threads);
            case "vector":
                if (!vectorModulePresent()) {
                    throw new IllegalStateException("matrix kernel 'vector' needs the incubating Vector API: "
                            + HOW_TO_ENABLE + "; available now: " + available());
                }
                return newVectorKernel(threads);
            default:
                throw new IllegalArgumentException("unknown matrix kernel '" + name + "' (" + KERNEL_PROPERTY
                        + "); available: " + available()
                        + (vectorModulePresent() ? "" : ", and 'vector' if you " + HOW_TO_ENABLE));
        }
    }

    /**
     * The sigmoid 1 / (1 + e^(-z)) over an array, vectorized either way: with the Vector API's
     * exponential (within 1 ulp of {@link Math#exp}) when {@link #defaultKernel()} is the
     * {@code vector} backend, else (the {@code blocked} and {@code ejml} backends) with
     * {@link PlainSigmoid}'s loops for C2, within 4 ulp of the formula with {@link Math#exp}. Tied
     * to the default kernel so that one backend choice gives one set of results.
     */
    public static ElementwiseFunction sigmoid() {
        ElementwiseFunction vector = vectorHelper(VECTOR_SIGMOID_CLASS, ElementwiseFunction.class);
        if (vector != null) {
            return vector;
        }
        return new PlainSigmoid();
    }

    /**
     * Whether a NaN or ±∞ anywhere in a row of A is sure to make every entry of that row of
     * {@code kernel}'s products NaN or ±∞: true for the blocked and vector backends, which multiply
     * every entry of A into every sum of its row and never skip a term (∞·0 is NaN). A caller may
     * then check a product's output, usually far smaller than A, instead of A itself. False for
     * every other kernel, whose arithmetic this library does not control.
     */
    public static boolean propagatesNonFinite(MatrixKernel kernel) {
        return kernel instanceof StridedKernel;
    }

    /**
     * The check that an array holds no NaN or ±∞: vectorized when {@link #defaultKernel()} is the
     * {@code vector} backend, else {@link FiniteCheck#plain}. Both give the same answer.
     */
    public static FiniteCheck finiteCheck() {
        FiniteCheck vector = vectorHelper(VECTOR_FINITE_CLASS, FiniteCheck.class);
        return vector != null ? vector : FiniteCheck::plain;
    }

    /** A new {@code className} when the default kernel is {@code vector} and it loads; else null. */
    private static <T> T vectorHelper(String className, Class<T> type) {
        try {
            if ("vector".equals(defaultKernel().name())) {
                Class<?> found = Class.forName(className, true, Kernels.class.getClassLoader());
                return type.cast(found.getConstructor().newInstance());
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // the caller falls back to its plain-Java version; a bad mlp.kernel is reported
            // where a kernel is made
        }
        return null;
    }

    /** True when {@code jdk.incubator.vector} is in the boot layer, so {@code vector} can be used. */
    public static boolean vectorAvailable() {
        return vectorModulePresent();
    }

    /** The names {@link #byName} accepts in this JVM, fastest last. */
    public static List<String> available() {
        return vectorModulePresent() ? List.of("ejml", "blocked", "vector") : List.of("ejml", "blocked");
    }

    private static MatrixKernel automatic(int threads) {
        if (vectorModulePresent()) {
            try {
                MatrixKernel vector = newVectorKernel(threads);
                Object lanes = vector.getClass().getMethod("lanes").invoke(null);
                if ((Integer) lanes >= 4) {
                    return vector;
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // fall through to the plain-Java backend
            }
        }
        return new BlockedKernel(threads);
    }

    private static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    private static MatrixKernel newVectorKernel(int threads) {
        try {
            Class<?> type = Class.forName(VECTOR_CLASS, true, Kernels.class.getClassLoader());
            Constructor<?> constructor = type.getConstructor(int.class);
            return (MatrixKernel) constructor.newInstance(threads);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException("cannot create the vector kernel: " + cause, cause);
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot load the vector kernel (" + cause + "); " + HOW_TO_ENABLE
                    + " and check mlp.vector.bits; available: " + available(), cause);
        }
    }
}
