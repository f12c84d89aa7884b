package dev.mlp.linalg;

import org.ejml.data.DMatrixRMaj;

/** Argument checks and small helpers shared by the kernels. */
final class KernelChecks {

    private KernelChecks() {
    }

    static String shape(DMatrixRMaj m) {
        return m.numRows + "×" + m.numCols;
    }

    private static void requireNonNull(String op, DMatrixRMaj m, String name) {
        if (m == null) {
            throw new IllegalArgumentException(op + ": " + name + " must not be null");
        }
    }

    /** Null, alias and inner-dimension checks for a product; returns nothing, throws on error. */
    static void checkProduct(String op, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c,
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

    static void checkMult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        checkProduct("mult", a, b, c, a == null ? 0 : a.numCols, b == null ? 0 : b.numRows, "A", "B");
    }

    static void checkMultTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        checkProduct("multTransA", a, b, c, a == null ? 0 : a.numRows, b == null ? 0 : b.numRows,
                "A (used as Aᵀ)", "B");
    }

    static void checkMultTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        checkProduct("multTransB", a, b, c, a == null ? 0 : a.numCols, b == null ? 0 : b.numCols,
                "A", "B (used as Bᵀ)");
    }

    /** bias must be 1×n where n = b.numCols, and must not alias c. */
    static void checkBias(String op, DMatrixRMaj b, DMatrixRMaj bias, DMatrixRMaj c) {
        requireNonNull(op, bias, "bias");
        requireNonNull(op, b, "B");
        requireNonNull(op, c, "C");
        if (bias.numRows != 1 || bias.numCols != b.numCols) {
            throw new IllegalArgumentException(op + ": bias must be 1×" + b.numCols + " for B " + shape(b)
                    + ", got " + shape(bias));
        }
        requireNoAlias(op, bias, c, "bias");
    }

    private static void requireNoAlias(String op, DMatrixRMaj in, DMatrixRMaj c, String name) {
        if (in == c || in.data == c.data) {
            throw new IllegalArgumentException(op + ": the output C must not be " + name
                    + " nor share its data array");
        }
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

    /** 2·m·n·k as a double (no overflow). */
    static double flops(int m, int n, int k) {
        return 2.0 * m * n * k;
    }
}
