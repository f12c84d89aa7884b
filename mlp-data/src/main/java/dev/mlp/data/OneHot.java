package dev.mlp.data;

import dev.mlp.Checks;
import dev.mlp.MatrixRows;
import org.ejml.data.DMatrixRMaj;

/**
 * One-hot encoding of class labels and its inverse.
 *
 * <p>{@link #encode(int[], int)} turns n labels into the n×k matrix Y with
 * Y<sub>ic</sub> = 1 when y<sub>i</sub> = c and 0 otherwise. {@link #decode(DMatrixRMaj)} maps each
 * row back to its class, ŷ<sub>i</sub> = argmax<sub>c</sub> Y<sub>ic</sub>, the first column
 * winning a tie as in numpy's {@code argmax}; it also turns a matrix of class scores or
 * probabilities into predicted labels.
 */
public final class OneHot {

    private OneHot() {
    }

    /**
     * The n×k one-hot matrix of {@code labels}. An empty label array gives a 0×k matrix.
     *
     * @param labels     the classes, each in [0, numClasses); not modified
     * @param numClasses k, from 1 to {@link DataSet#MAX_CLASSES}
     * @return a new n×k matrix
     * @throws IllegalArgumentException when {@code labels} is null, k &lt; 1 or k &gt;
     *                                  {@link DataSet#MAX_CLASSES}, n·k is more than one array holds,
     *                                  or a label is outside [0, k)
     */
    public static DMatrixRMaj encode(int[] labels, int numClasses) {
        Checks.requireNonNull(labels, "labels");
        Checks.requirePositive(numClasses, "numClasses");
        if (numClasses > DataSet.MAX_CLASSES) {
            throw new IllegalArgumentException("numClasses must be at most " + DataSet.MAX_CLASSES
                    + " (DataSet.MAX_CLASSES), got " + numClasses);
        }
        if ((long) labels.length * numClasses > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a one-hot matrix of " + labels.length + " labels × " + numClasses
                    + " classes has " + (long) labels.length * numClasses + " entries, more than one array holds ("
                    + (Integer.MAX_VALUE - 8) + ")");
        }
        DMatrixRMaj y = new DMatrixRMaj(labels.length, numClasses);
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            if (c < 0 || c >= numClasses) {
                throw new IllegalArgumentException("label " + c + " at index " + i + " is outside [0, "
                        + numClasses + ")");
            }
            y.data[i * numClasses + c] = 1.0;
        }
        return y;
    }

    /**
     * The column of the largest value in each row; of equal largest values the first wins.
     *
     * @param y an n×k matrix with k ≥ 1 and only finite values; not modified
     * @return a new array of n labels, each in [0, k)
     * @throws IllegalArgumentException when {@code y} is null, has no columns or holds a NaN or
     *                                  infinite value
     */
    public static int[] decode(DMatrixRMaj y) {
        Checks.requireNonNull(y, "y");
        int k = y.numCols;
        if (k == 0) {
            throw new IllegalArgumentException("y must have at least one column, got " + Checks.shape(y));
        }
        Checks.requireFinite(y, "y");
        int[] labels = new int[y.numRows];
        for (int i = 0; i < y.numRows; i++) {
            labels[i] = MatrixRows.argmax(y, i);
        }
        return labels;
    }
}
