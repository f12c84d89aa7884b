package dev.mlp.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Shared helpers: the backends under test, random matrices, the EJML reference and comparisons. */
final class LinalgTesting {

    private LinalgTesting() {
    }

    enum Op { MULT, TRANS_A, TRANS_B, BIAS }

    /** A named way to build a backend; vector ones are skipped (assumption) without the module. */
    record Variant(String label, boolean needsVector, Supplier<Backend> factory) {
        Backend create() {
            if (needsVector) {
                assumeTrue(Backends.vectorAvailable(), "needs --add-modules jdk.incubator.vector");
            }
            return factory.get();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Every backend, single-threaded and forced multi-threaded (threshold 0). */
    static List<Variant> backends() {
        List<Variant> list = new ArrayList<>();
        list.add(new Variant("ejml", false, EjmlKernel::new));
        list.add(new Variant("blocked-1", false, () -> new BlockedKernel(1)));
        list.add(new Variant("blocked-2", false, () -> new BlockedKernel(2, 0)));
        list.add(new Variant("blocked-3", false, () -> new BlockedKernel(3, 0)));
        list.add(new Variant("vector-1", true, () -> vector(1, 0)));
        list.add(new Variant("vector-2", true, () -> vector(2, 0)));
        list.add(new Variant("vector-3", true, () -> vector(3, 0)));
        return list;
    }

    /** A VectorKernel built reflectively, so this class loads without the incubator module. */
    static Backend vector(int threads, double parallelMinFlops) {
        try {
            return (Backend) Class.forName("dev.mlp.linalg.VectorKernel")
                    .getConstructor(int.class, double.class).newInstance(threads, parallelMinFlops);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static DMatrixRMaj random(int rows, int cols, Random rnd) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = rnd.nextDouble() * 2 - 1;
        }
        return m;
    }

    /** A rows×cols matrix whose backing array is longer, with NaN past its elements. */
    static DMatrixRMaj randomOversized(int rows, int cols, Random rnd) {
        DMatrixRMaj m = new DMatrixRMaj(rows + 3, cols + 5);
        java.util.Arrays.fill(m.data, Double.NaN);
        m.reshape(rows, cols);
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = rnd.nextDouble() * 2 - 1;
        }
        return m;
    }

    /** Stored operands for op(A) m×k and op(B) k×n. */
    static DMatrixRMaj[] operands(Op op, int m, int k, int n, Random rnd) {
        DMatrixRMaj a = op == Op.TRANS_A ? random(k, m, rnd) : random(m, k, rnd);
        DMatrixRMaj b = op == Op.TRANS_B ? random(n, k, rnd) : random(k, n, rnd);
        DMatrixRMaj bias = random(1, n, rnd);
        return new DMatrixRMaj[] {a, b, bias};
    }

    static void apply(Backend kernel, Op op, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj bias, DMatrixRMaj c) {
        switch (op) {
            case MULT -> kernel.mult(a, b, c);
            case TRANS_A -> kernel.multTransA(a, b, c);
            case TRANS_B -> kernel.multTransB(a, b, c);
            case BIAS -> kernel.multAddBias(a, b, bias, c);
        }
    }

    /** EJML's CommonOps_DDRM directly, plus a row-by-row bias add for BIAS. */
    static DMatrixRMaj reference(Op op, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj bias) {
        DMatrixRMaj c = new DMatrixRMaj(1, 1);
        switch (op) {
            case MULT -> CommonOps_DDRM.mult(a, b, c);
            case TRANS_A -> CommonOps_DDRM.multTransA(a, b, c);
            case TRANS_B -> CommonOps_DDRM.multTransB(a, b, c);
            case BIAS -> {
                CommonOps_DDRM.mult(a, b, c);
                for (int i = 0; i < c.numRows; i++) {
                    for (int j = 0; j < c.numCols; j++) {
                        c.data[i * c.numCols + j] += bias.data[j];
                    }
                }
            }
        }
        return c;
    }

    static double maxAbs(DMatrixRMaj m) {
        double max = 0;
        for (int i = 0; i < m.getNumElements(); i++) {
            max = Math.max(max, Math.abs(m.data[i]));
        }
        return max;
    }

    /** Largest |x - y| over the elements (shapes must match); NaN if any difference is NaN. */
    static double maxDiff(DMatrixRMaj x, DMatrixRMaj y) {
        double max = 0;
        for (int i = 0; i < x.getNumElements(); i++) {
            double d = Math.abs(x.data[i] - y.data[i]);
            if (!(d <= max)) {
                max = d;
            }
        }
        return max;
    }

    /**
     * Asserts shape equality and max |got − expected| ≤ 1e-12·k·max|A|·max|B| (+ 1e-15·max|bias|),
     * reporting the max difference.
     */
    static void assertClose(String what, DMatrixRMaj expected, DMatrixRMaj got, int k, DMatrixRMaj a,
                            DMatrixRMaj b, DMatrixRMaj bias) {
        assertTrue(expected.numRows == got.numRows && expected.numCols == got.numCols,
                () -> what + ": shape " + got.numRows + "×" + got.numCols + ", expected " + expected.numRows + "×"
                        + expected.numCols);
        double bound = 1e-12 * Math.max(1, k) * maxAbs(a) * maxAbs(b) + (bias == null ? 0 : 1e-15 * maxAbs(bias));
        double diff = maxDiff(expected, got);
        assertTrue(diff <= bound, () -> what + ": max |difference| from EJML " + diff + " > bound " + bound);
    }

    /** True when both hold the same bits in their first getNumElements() entries. */
    static boolean sameBits(DMatrixRMaj x, DMatrixRMaj y) {
        if (x.numRows != y.numRows || x.numCols != y.numCols) {
            return false;
        }
        for (int i = 0; i < x.getNumElements(); i++) {
            if (Double.doubleToRawLongBits(x.data[i]) != Double.doubleToRawLongBits(y.data[i])) {
                return false;
            }
        }
        return true;
    }

    static String describe(Op op, DMatrixRMaj a, DMatrixRMaj b) {
        return op + " A " + a.numRows + "×" + a.numCols + ", B " + b.numRows + "×" + b.numCols;
    }
}
