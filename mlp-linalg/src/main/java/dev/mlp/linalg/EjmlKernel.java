package dev.mlp.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The reference backend: each operation delegates to EJML's single-threaded
 * {@link CommonOps_DDRM} ({@code mult}, {@code multTransA}, {@code multTransB}) after this
 * package's argument checks, so errors are {@link IllegalArgumentException}s with both shapes.
 * Its sigmoid and finite check are the plain-Java ones of every scalar backend. Stateless and
 * thread-safe; never uses more than the calling thread.
 */
public final class EjmlKernel implements Backend {

    /** Creates the (stateless) EJML backend. */
    public EjmlKernel() {
    }

    @Override
    public void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        KernelChecks.checkMult(a, b, c);
        CommonOps_DDRM.mult(a, b, c);
    }

    @Override
    public void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        KernelChecks.checkMultTransA(a, b, c);
        CommonOps_DDRM.multTransA(a, b, c);
    }

    @Override
    public void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        KernelChecks.checkMultTransB(a, b, c);
        CommonOps_DDRM.multTransB(a, b, c);
    }

    /** {@return the float32 reference: {@code CommonOps_FDRM} behind the same checks} */
    @Override
    public FloatBackend float32() {
        return FloatEjmlKernel.INSTANCE;
    }

    @Override
    public String name() {
        return "ejml";
    }

    @Override
    public String toString() {
        return "EjmlKernel";
    }
}
