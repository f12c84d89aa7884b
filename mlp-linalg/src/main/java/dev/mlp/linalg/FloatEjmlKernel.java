package dev.mlp.linalg;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * The float32 side of {@link EjmlKernel}, the reference: each operation delegates to EJML's
 * single-threaded {@link CommonOps_FDRM} after this package's argument checks. Its sigmoid and
 * finite check are the plain-Java ones. Stateless and thread-safe.
 */
final class FloatEjmlKernel implements FloatBackend {

    static final FloatEjmlKernel INSTANCE = new FloatEjmlKernel();

    private FloatEjmlKernel() {
    }

    @Override
    public void mult(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        KernelChecks.checkMult(a, b, c);
        CommonOps_FDRM.mult(a, b, c);
    }

    @Override
    public void multTransA(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        KernelChecks.checkMultTransA(a, b, c);
        CommonOps_FDRM.multTransA(a, b, c);
    }

    @Override
    public void multTransB(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        KernelChecks.checkMultTransB(a, b, c);
        CommonOps_FDRM.multTransB(a, b, c);
    }

    @Override
    public String name() {
        return "ejml";
    }

    @Override
    public String toString() {
        return "EjmlKernel.float32";
    }
}
