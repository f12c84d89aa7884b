package dev.mlp.linalg;

/**
 * Everything that differs between the numeric backends of training and prediction: the four
 * matrix products of {@link MatrixKernel}, the element-wise sigmoid, the finite check, and what
 * the backend is (its name, thread count and vector width). One object governs a whole run: a
 * network's layers hand it to their activations, the trainer to its backpropagation, so that one
 * choice gives one set of results. Nothing binds a backend when a class loads; the system property
 * {@value Backends#BACKEND_PROPERTY} only picks {@link Backends#defaultBackend()}.
 *
 * <p>Three backends: {@code ejml} ({@link EjmlKernel}, the reference), {@code blocked}
 * ({@link BlockedKernel}, plain Java that C2 vectorizes) and {@code vector} ({@code VectorKernel},
 * the incubating Vector API). Their products agree to the last bits (each documents its order of
 * summation); their sigmoid and finite check give the same bits and answers on every backend.
 *
 * <p><b>Reproducibility.</b> Every operation of a backend is built from arithmetic whose result is
 * defined to the bit (IEEE add, multiply, fused multiply-add, division, comparisons, bit
 * operations, {@link StrictMath}): for the same inputs, backend and thread count, the results are
 * the same bits in every JVM run, interpreted or compiled by C1 or C2, early or late.
 *
 * <p><b>Precision.</b> These methods compute in float64; {@link #float32()} gives the same
 * backend's float32 operations ({@link FloatBackend}).
 *
 * <p>Implementations are thread-safe: one instance may be used from many threads at once.
 */
public interface Backend extends MatrixKernel {

    /**
     * out[i] = σ(in[i]) = 1 / (1 + e^(-in[i])) for i &lt; n, within 4 ulp of that formula with
     * {@link Math#exp} (see {@code PlainSigmoid} for the method); NaN stays NaN. Each entry
     * depends on its own input only, so a row gives the same bits alone and in a batch.
     *
     * @param in  read, entries 0..n-1; may be {@code out}
     * @param out written, entries 0..n-1
     * @param n   how many entries
     */
    default void sigmoid(double[] in, double[] out, int n) {
        PlainSigmoid.apply(in, out, n);
    }

    /**
     * {@return whether the first n entries of {@code data} are all finite (no NaN, no ±∞)} This is
     * the check every batch's gradients go through.
     *
     * @param data read, entries 0..n-1
     * @param n    how many entries, ≤ {@code data.length}
     */
    default boolean allFinite(double[] data, int n) {
        return FiniteCheck.plain(data, n);
    }

    /**
     * {@return whether a NaN or ±∞ anywhere in a row of A is sure to make every entry of that row of
     * this backend's products NaN or ±∞} True when every entry of A is multiplied into every sum of
     * its row and no term is skipped (∞·0 is NaN). A caller may then check a product's output,
     * usually far smaller than A, instead of A itself.
     */
    default boolean propagatesNonFinite() {
        return false;
    }

    /** {@return the most threads one product may use; 1, the default, for a single-threaded backend} */
    default int threads() {
        return 1;
    }

    /**
     * {@return the width in bits of the vectors this backend's code is written for (256 or 512 for
     * {@code vector}), or 0, the default, for scalar Java code, which C2 may still vectorize}
     */
    default int vectorBits() {
        return 0;
    }

    /**
     * {@return this backend's float32 operations: the same products, sigmoid and finite check on
     * {@code float[]} and {@code FMatrixRMaj}, with this backend's name, threads and vector width}
     * The built-in backends return one instance per backend. The default, for a caller's own
     * backend, refuses: a float32 path is never substituted silently.
     *
     * @throws UnsupportedOperationException if this backend has no float32 operations
     */
    default FloatBackend float32() {
        throw new UnsupportedOperationException("backend '" + name() + "' has no float32 operations");
    }

    /** {@return one line for logs and headers: {@code "vector (512-bit vectors, 2 threads)"}} */
    default String description() {
        String width = vectorBits() > 0 ? vectorBits() + "-bit vectors" : "scalar Java";
        return name() + " (" + width + ", " + threads() + (threads() == 1 ? " thread)" : " threads)");
    }
}
