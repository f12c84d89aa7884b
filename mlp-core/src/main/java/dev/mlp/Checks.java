package dev.mlp;

import dev.mlp.linalg.Backend;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.MatrixType;
import org.ejml.simple.SimpleMatrix;

/**
 * Argument checks shared by the public entry points. Each throws {@link IllegalArgumentException}
 * with a message that names the argument, what was expected and what was found. Most scan data and
 * run once at entry, never inside a training loop; {@link #requireNonNull} and
 * {@link #requireSameShape} are a few comparisons that allocate nothing unless they throw, so they
 * may run on every batch.
 */
public final class Checks {

    private Checks() {
    }

    /**
     * {@return the shape of {@code m} as messages print it, rows × columns: "1797×64"}
     *
     * @param m any matrix, not null
     */
    public static String shape(DMatrixRMaj m) {
        return m.numRows + "×" + m.numCols;
    }

    /**
     * Requires {@code value} to be non-null: "x must not be null".
     *
     * @param value the argument
     * @param name  the argument's name, for the message
     */
    public static void requireNonNull(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    /**
     * Requires a non-empty matrix whose entries are all finite.
     *
     * @param m    the argument
     * @param name the argument's name, for the message
     */
    public static void requireFiniteData(DMatrixRMaj m, String name) {
        requireNonEmpty(m, name);
        requireFinite(m, name);
    }

    /**
     * Requires a non-null matrix with at least one row and one column.
     *
     * @param m    the argument
     * @param name the argument's name, for the message
     */
    public static void requireNonEmpty(DMatrixRMaj m, String name) {
        requireNonNull(m, name);
        if (m.numRows == 0 || m.numCols == 0) {
            throw new IllegalArgumentException(name + " is empty (" + shape(m) + ")");
        }
    }

    /**
     * As {@link #requireFinite(DMatrixRMaj, String)}, scanning with {@code backend}'s finite check
     * (vectorized on the vector backend) and again entry by entry only to name a bad value's place.
     *
     * @param m       the argument
     * @param name    the argument's name, for the message
     * @param backend whose {@link Backend#allFinite} does the first scan
     */
    public static void requireFinite(DMatrixRMaj m, String name, Backend backend) {
        requireNonNull(m, name);
        if (!backend.allFinite(m.data, m.getNumElements())) {
            requireFinite(m, name);
        }
    }

    /**
     * Requires a non-null matrix whose entries are all finite; zero rows are allowed. The message
     * names the first bad value's row and column.
     *
     * @param m    the argument
     * @param name the argument's name, for the message
     */
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

    /**
     * Requires two non-null matrices of the same shape: "a and target must have the same shape, got
     * 2×3 and 2×2". A few integer comparisons; allocates nothing unless it throws.
     *
     * @param a     the first argument
     * @param b     the second argument
     * @param aName the first argument's name, for the message
     * @param bName the second argument's name, for the message
     */
    public static void requireSameShape(DMatrixRMaj a, DMatrixRMaj b, String aName, String bName) {
        if (a == null || b == null || a.numRows != b.numRows || a.numCols != b.numCols) {
            throw notSameShape(a, b, aName, bName);
        }
    }

    /** The refusal of {@link #requireSameShape}, kept out of it so that the check stays small enough to inline. */
    private static IllegalArgumentException notSameShape(DMatrixRMaj a, DMatrixRMaj b, String aName, String bName) {
        requireNonNull(a, aName);
        requireNonNull(b, bName);
        return new IllegalArgumentException(aName + " and " + bName + " must have the same shape, got "
                + shape(a) + " and " + shape(b));
    }

    /**
     * Requires exactly {@code expected} columns: "x must have 64 columns, got 15×63".
     *
     * @param m        the argument, not null
     * @param expected the number of columns it must have
     * @param name     the argument's name, for the message
     */
    public static void requireColumns(DMatrixRMaj m, int expected, String name) {
        if (m.numCols != expected) {
            throw new IllegalArgumentException(name + " must have " + expected + " columns, got " + shape(m));
        }
    }

    /**
     * Requires as many rows in y as in x: "x and y must have the same number of rows, got 3×2 and 4×1".
     *
     * @param x     the first argument, not null (usually the features)
     * @param y     the second argument, not null (usually the targets)
     * @param xName the first argument's name, for the message
     * @param yName the second argument's name, for the message
     */
    public static void requireSameRows(DMatrixRMaj x, DMatrixRMaj y, String xName, String yName) {
        if (x.numRows != y.numRows) {
            throw new IllegalArgumentException(xName + " and " + yName + " must have the same number of rows, got "
                    + shape(x) + " and " + shape(y));
        }
    }

    /**
     * Requires a {@link SimpleMatrix} of dense doubles ({@link MatrixType#DDRM}) and returns the
     * {@link DMatrixRMaj} it wraps, the same object, not a copy: the {@code SimpleMatrix} forms of
     * the public methods unwrap their arguments with it. ({@link SimpleMatrix#getDDRM()} alone would
     * quietly convert a float or sparse matrix into a new one.)
     *
     * @param m    the matrix an argument holds
     * @param name the argument's name, for the message
     * @return the {@code DMatrixRMaj} inside {@code m}
     * @throws IllegalArgumentException "x must not be null", or, for a matrix of another type, "x
     *                                  must be a SimpleMatrix of dense doubles (MatrixType.DDRM), got
     *                                  FDRM ..."
     */
    public static DMatrixRMaj requireDDRM(SimpleMatrix m, String name) {
        requireNonNull(m, name);
        MatrixType type = m.getType();
        if (type != MatrixType.DDRM) {
            throw new IllegalArgumentException(name + " must be a SimpleMatrix of dense doubles (MatrixType.DDRM), got "
                    + type + (type.isReal() ? "; " + name + ".getDDRM() copies it into one" : ""));
        }
        return m.getMatrix();
    }

    /**
     * Requires {@code value > 0}: "maxRows must be > 0, got 0".
     *
     * @param value the argument
     * @param name  the argument's name, for the message
     */
    public static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    /**
     * Requires a finite {@code value > 0}: "learningRate must be finite and > 0, got NaN".
     *
     * @param value the argument
     * @param name  the argument's name, for the message
     */
    public static void requirePositiveFinite(double value, String name) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
    }
}
