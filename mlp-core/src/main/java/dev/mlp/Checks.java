package dev.mlp;

import org.ejml.data.DMatrixRMaj;

/**
 * Argument checks shared by the public entry points. Each throws {@link IllegalArgumentException}
 * with a message that names the argument, what was expected and what was found. They run once at
 * entry, never inside a training loop.
 */
public final class Checks {

    private Checks() {
    }

    /** "1797×64". */
    public static String shape(DMatrixRMaj m) {
        return m.numRows + "×" + m.numCols;
    }

    public static void requireNonNull(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    /** Requires a non-empty matrix whose entries are all finite. */
    public static void requireFiniteData(DMatrixRMaj m, String name) {
        requireNonEmpty(m, name);
        requireFinite(m, name);
    }

    /** Requires a non-null matrix with at least one row and one column. */
    public static void requireNonEmpty(DMatrixRMaj m, String name) {
        requireNonNull(m, name);
        if (m.numRows == 0 || m.numCols == 0) {
            throw new IllegalArgumentException(name + " is empty (" + shape(m) + ")");
        }
    }

    /** Requires a non-null matrix whose entries are all finite; zero rows are allowed. */
    public static void requireFinite(DMatrixRMaj m, String name) {
        requireNonNull(m, name);
        int cols = m.numCols;
        int n = m.getNumElements();
        for (int i = 0; i < n; i++) {
            // false for NaN and ±∞ alone; the fastest plain-Java form (dev.mlp.linalg's FiniteCheck)
            if (!(Math.abs(m.data[i]) <= Double.MAX_VALUE)) {
                throw new IllegalArgumentException(name + " has a non-finite value " + m.data[i]
                        + " at row " + (i / cols) + ", column " + (i % cols));
            }
        }
    }

    public static void requireColumns(DMatrixRMaj m, int expected, String name) {
        if (m.numCols != expected) {
            throw new IllegalArgumentException(name + " must have " + expected + " columns, got " + shape(m));
        }
    }

    public static void requireSameRows(DMatrixRMaj x, DMatrixRMaj y, String xName, String yName) {
        if (x.numRows != y.numRows) {
            throw new IllegalArgumentException(xName + " and " + yName + " must have the same number of rows, got "
                    + shape(x) + " and " + shape(y));
        }
    }

    public static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    public static void requirePositiveFinite(double value, String name) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
    }
}
