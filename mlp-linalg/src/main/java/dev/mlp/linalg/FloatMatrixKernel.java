package dev.mlp.linalg;

import org.ejml.data.FMatrixRMaj;

/**
 * The float32 counterpart of {@link MatrixKernel}: the same four dense products on EJML's
 * {@link FMatrixRMaj}, with exactly the semantics of {@code CommonOps_FDRM} and the same checks,
 * messages and threading rules as {@link MatrixKernel}. The output comes last, is reshaped to the
 * result's shape (its backing array is reused when large enough, so it may be longer than the
 * result), and every entry of it is overwritten.
 *
 * <p>For all operations: the inputs are not modified; the output must not be the same matrix as
 * an input nor share its backing array ({@link IllegalArgumentException}); inner dimensions that
 * do not match throw {@link IllegalArgumentException} naming both shapes, for example
 * {@code "mult: A is 15×64 but B is 63×15"}. A zero inner dimension gives a zero result.
 *
 * <p>Every product and sum is rounded to float32 (24-bit significand) as it is computed; nothing
 * is accumulated in double precision. An entry of a product over an inner dimension k is therefore
 * within about k·2⁻²⁴·Σ|aᵢbᵢ| of the exact value (the usual bound for a sequential sum).
 *
 * <p>Implementations are thread-safe: one instance may be used from many threads at once, each
 * call writing only its own output, and all of them give the same bits whatever the thread count.
 *
 * @see FloatBackend
 */
public interface FloatMatrixKernel {

    /**
     * C = A·B.
     *
     * @param a m×k, not modified
     * @param b k×n, not modified
     * @param c output, reshaped to m×n and overwritten; modified
     */
    void mult(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c);

    /**
     * C = Aᵀ·B.
     *
     * @param a k×m, not modified
     * @param b k×n, not modified
     * @param c output, reshaped to m×n and overwritten; modified
     */
    void multTransA(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c);

    /**
     * C = A·Bᵀ.
     *
     * @param a m×k, not modified
     * @param b n×k, not modified
     * @param c output, reshaped to m×n and overwritten; modified
     */
    void multTransB(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c);

    /**
     * C = A·B + 1·bias: the product with the row vector {@code bias} added to every row, the
     * forward pass of a dense layer. Each entry is the entry of {@link #mult} plus the bias entry,
     * rounded once more, so the result has the same bits as {@code mult} followed by adding the
     * bias row by row; implementations may fuse the two passes.
     *
     * @param a    m×k, not modified
     * @param b    k×n, not modified
     * @param bias 1×n, not modified
     * @param c    output, reshaped to m×n and overwritten; must not be, or share data with,
     *             {@code a}, {@code b} or {@code bias}; modified
     */
    default void multAddBias(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj bias, FMatrixRMaj c) {
        KernelChecks.checkBias("multAddBias", b, bias, c);
        mult(a, b, c);
        KernelChecks.addBiasRows(c, bias);
    }

    /** {@return the name of the backend this belongs to: {@code "ejml"}, {@code "blocked"} or {@code "vector"}} */
    String name();
}
