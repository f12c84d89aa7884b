package dev.mlp.linalg;

/**
 * A backend's float32 operations: what {@link Backend} is for float64, on {@code float[]} and
 * EJML's {@code FMatrixRMaj}. It is not chosen on its own: {@link Backend#float32()} returns the
 * float32 side of a backend, with the same name, threads and vector width, so that one backend
 * object still governs a whole run whatever its precision.
 *
 * <p>The same contracts as the float64 side: every operation is built from arithmetic defined to
 * the bit (IEEE float add, multiply, fused multiply-add, division, comparisons, bit operations),
 * so for the same inputs, backend and thread count the results are the same bits in every JVM run,
 * interpreted or compiled; products give the same bits for any thread count; nothing is allocated
 * per call once the per-thread buffers have grown. Implementations are thread-safe.
 */
public interface FloatBackend extends FloatMatrixKernel {

    /**
     * out[i] = σ(in[i]) = 1 / (1 + e^(-in[i])) for i &lt; n, in float32, within 3 ulp of the exact
     * sigmoid (see {@code FloatPlainSigmoid} for the method); NaN stays NaN. Each
     * entry depends on its own input only, so a row gives the same bits alone and in a batch, and
     * every backend gives the same bits.
     *
     * @param in  read, entries 0..n-1; may be {@code out}
     * @param out written, entries 0..n-1
     * @param n   how many entries
     */
    default void sigmoid(float[] in, float[] out, int n) {
        FloatPlainSigmoid.apply(in, out, n);
    }

    /**
     * {@return whether the first n entries of {@code data} are all finite (no NaN, no ±∞)}
     *
     * @param data read, entries 0..n-1
     * @param n    how many entries, ≤ {@code data.length}
     */
    default boolean allFinite(float[] data, int n) {
        return FiniteCheck.plain(data, n);
    }

    /** {@return as {@link Backend#propagatesNonFinite()}, for these products} */
    default boolean propagatesNonFinite() {
        return false;
    }

    /** {@return the most threads one product may use: the same as the backend's} */
    default int threads() {
        return 1;
    }

    /** {@return the width in bits of the vectors this code is written for, 0 for scalar Java: the backend's} */
    default int vectorBits() {
        return 0;
    }

    /** {@return one line for logs and headers: {@code "vector (512-bit vectors, 2 threads, float32)"}} */
    default String description() {
        String width = vectorBits() > 0 ? vectorBits() + "-bit vectors" : "scalar Java";
        return name() + " (" + width + ", " + threads() + (threads() == 1 ? " thread" : " threads") + ", float32)";
    }
}
