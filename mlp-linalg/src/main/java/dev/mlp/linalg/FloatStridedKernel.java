package dev.mlp.linalg;

import org.ejml.data.FMatrixRMaj;

/**
 * {@link StridedKernel} for float32: the thread settings of the float64 backend it belongs to, the
 * argument checks, and the mapping of the four operations onto one strided product
 * C = op(A)·op(B) (+ bias), where op(A)(i, p) = A.data[i·ars + p·acs] and op(B) is B or Bᵀ.
 */
abstract class FloatStridedKernel implements FloatBackend {

    /** The most threads one product may use. */
    final int threads;
    /** The smallest product, in 2·m·n·k operations, that is split across threads. */
    final double parallelMinFlops;

    FloatStridedKernel(int threads, double parallelMinFlops) {
        this.threads = threads;
        this.parallelMinFlops = parallelMinFlops;
    }

    @Override
    public int threads() {
        return threads;
    }

    /** True: every entry of A is multiplied into every sum of its row, no term skipped. */
    @Override
    public boolean propagatesNonFinite() {
        return true;
    }

    @Override
    public void mult(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        KernelChecks.checkMult(a, b, c);
        product(a.data, a.numCols, 1, a.numRows, a.numCols, b, false, null, c);
    }

    @Override
    public void multTransA(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        KernelChecks.checkMultTransA(a, b, c);
        product(a.data, 1, a.numCols, a.numCols, a.numRows, b, false, null, c);
    }

    @Override
    public void multTransB(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        KernelChecks.checkMultTransB(a, b, c);
        product(a.data, a.numCols, 1, a.numRows, a.numCols, b, true, null, c);
    }

    @Override
    public void multAddBias(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj bias, FMatrixRMaj c) {
        KernelChecks.checkMult(a, b, c);
        KernelChecks.checkBias("multAddBias", b, bias, c);
        product(a.data, a.numCols, 1, a.numRows, a.numCols, b, false, bias.data, c);
    }

    /**
     * C = op(A)·op(B) (+ bias), op(A) m×k read with strides (ars, acs), op(B) b (k×n) or, when
     * transB, bᵀ (b is n×k); c reshaped to m×n. Arguments are already checked.
     */
    abstract void product(float[] ad, int ars, int acs, int m, int k, FMatrixRMaj b, boolean transB,
                          float[] bias, FMatrixRMaj c);
}
