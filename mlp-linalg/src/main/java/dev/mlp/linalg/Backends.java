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
 * otherwise the fastest available: {@code vector} when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and has at least 256-bit vectors, else
 * {@code blocked}. {@code ejml} is the reference and is never chosen by itself. The property is
 * read when this method is called, never when a class loads; a backend handed to a network or a
 * trainer governs everything it computes, whatever the property says.
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
        String requested = System.getProperty(BACKEND_PROPERTY);
        if (requested == null || requested.isBlank()) {
            return automatic(Parallel.defaultThreads());
        }
        return byName(requested, Parallel.defaultThreads());
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

    private static Backend automatic(int threads) {
        if (vectorAvailable()) {
            try {
                Backend vector = newVectorBackend(threads);
                if (vector.vectorBits() >= 256) {
                    return vector;
                }
            } catch (RuntimeException | LinkageError e) {
                // fall through to the plain-Java backend
            }
        }
        return new BlockedKernel(threads);
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
