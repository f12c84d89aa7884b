package dev.mlp.linalg;

import dev.mlp.linalg.LinalgTesting.Op;
import org.ejml.data.FMatrixRMaj;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Helpers for the float32 tests: random float matrices, the products on a backend's float32
 * side, and the float64 reference they are held to.
 */
final class FloatTesting {

    /** The unit roundoff of float32: half an ulp of 1. */
    static final double U = 0x1p-24;

    private FloatTesting() {
    }

    static FMatrixRMaj random(int rows, int cols, Random rnd) {
        FMatrixRMaj m = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = rnd.nextFloat() * 2 - 1;
        }
        return m;
    }

    /** A rows×cols matrix whose backing array is longer, with NaN past its elements. */
    static FMatrixRMaj randomOversized(int rows, int cols, Random rnd) {
        FMatrixRMaj m = new FMatrixRMaj(rows + 3, cols + 5);
        java.util.Arrays.fill(m.data, Float.NaN);
        m.reshape(rows, cols);
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = rnd.nextFloat() * 2 - 1;
        }
        return m;
    }

    /** Stored operands for op(A) m×k and op(B) k×n, and a bias 1×n. */
    static FMatrixRMaj[] operands(Op op, int m, int k, int n, Random rnd) {
        FMatrixRMaj a = op == Op.TRANS_A ? random(k, m, rnd) : random(m, k, rnd);
        FMatrixRMaj b = op == Op.TRANS_B ? random(n, k, rnd) : random(k, n, rnd);
        return new FMatrixRMaj[] {a, b, random(1, n, rnd)};
    }

    static void apply(FloatBackend kernel, Op op, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj bias, FMatrixRMaj c) {
        switch (op) {
            case MULT -> kernel.mult(a, b, c);
            case TRANS_A -> kernel.multTransA(a, b, c);
            case TRANS_B -> kernel.multTransB(a, b, c);
            case BIAS -> kernel.multAddBias(a, b, bias, c);
        }
    }

    /**
     * Asserts that {@code got} is op(A)·op(B) (+ bias) within float32's rounding: each entry within
     * (k + 2)·u·(Σ_p |a_ip·b_pj| + |bias_j|) of the sum computed in float64 from the same float
     * inputs (whose products are exact in float64), u = 2⁻²⁴. That is the textbook bound of a
     * sequential sum of k products and one bias, rounded to float at every step, with or without
     * fused multiply-adds; the float64 sum's own error is some 10⁹ times smaller.
     */
    static void assertWithinFloatRounding(String what, Op op, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj bias,
                                          FMatrixRMaj got) {
        boolean ta = op == Op.TRANS_A;
        boolean tb = op == Op.TRANS_B;
        int m = ta ? a.numCols : a.numRows;
        int k = ta ? a.numRows : a.numCols;
        int n = tb ? b.numRows : b.numCols;
        assertTrue(got.numRows == m && got.numCols == n,
                () -> what + ": shape " + got.numRows + "×" + got.numCols + ", expected " + m + "×" + n);
        // op(A)(i, p) = ad[i·ars + p·acs], op(B)(p, j) = bd[p·bps + j·bjs]
        float[] ad = a.data;
        float[] bd = b.data;
        int ars = ta ? 1 : k;
        int acs = ta ? m : 1;
        int bps = tb ? 1 : n;
        int bjs = tb ? k : 1;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    double term = (double) ad[i * ars + p * acs] * bd[p * bps + j * bjs];
                    sum += term;
                    magnitude += Math.abs(term);
                }
                if (op == Op.BIAS) {
                    sum += bias.data[j];
                    magnitude += Math.abs(bias.data[j]);
                }
                double bound = (k + 2) * U * magnitude;
                float value = got.data[i * n + j];
                double diff = Math.abs(value - sum);
                if (!(diff <= bound)) {
                    fail(what + ": C(" + i + ", " + j + ") = " + value + ", float64 reference " + sum
                            + ", |difference| " + diff + " > bound " + bound);
                }
            }
        }
    }

    /** True when both hold the same bits in their first getNumElements() entries. */
    static boolean sameBits(FMatrixRMaj x, FMatrixRMaj y) {
        if (x.numRows != y.numRows || x.numCols != y.numCols) {
            return false;
        }
        for (int i = 0; i < x.getNumElements(); i++) {
            if (Float.floatToRawIntBits(x.data[i]) != Float.floatToRawIntBits(y.data[i])) {
                return false;
            }
        }
        return true;
    }

    static String describe(Op op, FMatrixRMaj a, FMatrixRMaj b) {
        return op + " A " + a.numRows + "×" + a.numCols + ", B " + b.numRows + "×" + b.numCols;
    }
}
