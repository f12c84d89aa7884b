package dev.mlp.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * The dense matrix products that training and prediction use, with exactly the semantics of
 * EJML's {@code CommonOps_DDRM}: the output comes last, is reshaped to the result's shape (its
 * backing array is reused when large enough, so it may be longer than the result), and every
 * entry of it is overwritten.
 *
 * <p>For all operations: the inputs are not modified; the output must not be the same matrix as
 * an input nor share its backing array ({@link IllegalArgumentException}); inner dimensions that
 * do not match throw {@link IllegalArgumentException} naming both shapes, for example
 * {@code "mult: A is 15×64 but B is 63×15"}. A zero inner dimension gives a zero result.
 *
 * <p>Implementations are thread-safe: one instance may be used from many threads at once, each
 * call writing only its own output. How an implementation splits large products across cores is
 * described on the implementation; all of them give the same bits whatever the thread count.
 *
 * @see Backend
 */
public interface MatrixKernel {

    /**
     * C = A·B.
     *
     * @param a m×k, not modified
     * @param b k×n, not modified
     * @param c output, reshaped to m×n and overwritten; modified
     */
    void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c);

    /**
     * C = Aᵀ·B.
     *
     * @param a k×m, not modified
     * @param b k×n, not modified
     * @param c output, reshaped to m×n and overwritten; modified
     */
    void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c);

    /**
     * C = A·Bᵀ.
     *
     * @param a m×k, not modified
     * @param b n×k, not modified
     * @param c output, reshaped to m×n and overwritten; modified
     */
    void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c);

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
    default void multAddBias(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj bias, DMatrixRMaj c) {
        KernelChecks.checkBias("multAddBias", b, bias, c);
        mult(a, b, c);
        KernelChecks.addBiasRows(c, bias);
    }

    /** {@return a short, stable name of this backend: {@code "ejml"}, {@code "blocked"} or {@code "vector"}} */
    String name();
}
