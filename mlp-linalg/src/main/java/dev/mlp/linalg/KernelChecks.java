package dev.mlp.linalg;

import org.ejml.data.DMatrixD1;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixD1;
import org.ejml.data.FMatrixRMaj;
import org.ejml.data.Matrix;

/**
 * Argument checks and small helpers shared by the kernels of both precisions: the checks take
 * EJML's common {@link Matrix}, so float64 and float32 products refuse bad arguments with the
 * same messages.
 */
final class KernelChecks {

    private KernelChecks() {
    }

    static String shape(Matrix m) {
        return m.getNumRows() + "×" + m.getNumCols();
    }

    private static void requireNonNull(String op, Matrix m, String name) {
        if (m == null) {
            throw new IllegalArgumentException(op + ": " + name + " must not be null");
        }
    }

    /** Null, alias and inner-dimension checks for a product; returns nothing, throws on error. */
    static void checkProduct(String op, Matrix a, Matrix b, Matrix c,
                             int aInner, int bInner, String aDesc, String bDesc) {
        requireNonNull(op, a, "A");
        requireNonNull(op, b, "B");
        requireNonNull(op, c, "C");
        if (aInner != bInner) {
            throw new IllegalArgumentException(op + ": " + aDesc + " is " + shape(a) + " but " + bDesc + " is "
                    + shape(b));
        }
        requireNoAlias(op, a, c, "A");
        requireNoAlias(op, b, c, "B");
    }

    static void checkMult(Matrix a, Matrix b, Matrix c) {
        checkProduct("mult", a, b, c, a == null ? 0 : a.getNumCols(), b == null ? 0 : b.getNumRows(), "A", "B");
    }

    static void checkMultTransA(Matrix a, Matrix b, Matrix c) {
        checkProduct("multTransA", a, b, c, a == null ? 0 : a.getNumRows(), b == null ? 0 : b.getNumRows(),
                "A (used as Aᵀ)", "B");
    }

    static void checkMultTransB(Matrix a, Matrix b, Matrix c) {
        checkProduct("multTransB", a, b, c, a == null ? 0 : a.getNumCols(), b == null ? 0 : b.getNumCols(),
                "A", "B (used as Bᵀ)");
    }

    /** bias must be 1×n where n = b.numCols, and must not alias c. */
    static void checkBias(String op, Matrix b, Matrix bias, Matrix c) {
        requireNonNull(op, bias, "bias");
        requireNonNull(op, b, "B");
        requireNonNull(op, c, "C");
        if (bias.getNumRows() != 1 || bias.getNumCols() != b.getNumCols()) {
            throw new IllegalArgumentException(op + ": bias must be 1×" + b.getNumCols() + " for B " + shape(b)
                    + ", got " + shape(bias));
        }
        requireNoAlias(op, bias, c, "bias");
    }

    private static void requireNoAlias(String op, Matrix in, Matrix c, String name) {
        if (in == c || sharesData(in, c)) {
            throw new IllegalArgumentException(op + ": the output C must not be " + name
                    + " nor share its data array");
        }
    }

    /** Whether both are dense matrices of one precision backed by the same array. */
    private static boolean sharesData(Matrix x, Matrix y) {
        if (x instanceof DMatrixD1 dx && y instanceof DMatrixD1 dy) {
            return dx.data == dy.data;
        }
        return x instanceof FMatrixD1 fx && y instanceof FMatrixD1 fy && fx.data == fy.data;
    }

    /** Adds the 1×n row {@code bias} to every row of c (m×n). */
    static void addBiasRows(DMatrixRMaj c, DMatrixRMaj bias) {
        int n = c.numCols;
        double[] cd = c.data;
        double[] bd = bias.data;
        for (int r = 0, base = 0; r < c.numRows; r++, base += n) {
            for (int j = 0; j < n; j++) {
                cd[base + j] += bd[j];
            }
        }
    }

    /** Adds the 1×n row {@code bias} to every row of c (m×n), in float32. */
    static void addBiasRows(FMatrixRMaj c, FMatrixRMaj bias) {
        int n = c.numCols;
        float[] cd = c.data;
        float[] bd = bias.data;
        for (int r = 0, base = 0; r < c.numRows; r++, base += n) {
            for (int j = 0; j < n; j++) {
                cd[base + j] += bd[j];
            }
        }
    }

    /** 2·m·n·k as a double (no overflow). */
    static double flops(int m, int n, int k) {
        return 2.0 * m * n * k;
    }
}
