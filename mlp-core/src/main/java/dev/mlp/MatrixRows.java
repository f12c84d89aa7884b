package dev.mlp;

import org.ejml.data.DMatrixRMaj;

/** Row-wise helpers shared by prediction, training metrics and the data tools. */
public final class MatrixRows {

    private MatrixRows() {
    }

    /**
     * {@return the column of the largest entry in {@code row} of {@code m}: argmax_c m[row, c]} The
     * first column wins a tie, as in numpy's {@code argmax}. The matrix is assumed finite.
     *
     * @param m   a matrix with at least one column
     * @param row 0 ≤ row &lt; m.numRows (not checked)
     */
    public static int argmax(DMatrixRMaj m, int row) {
        int base = row * m.numCols;
        int best = 0;
        for (int c = 1; c < m.numCols; c++) {
            if (m.data[base + c] > m.data[base + best]) {
                best = c;
            }
        }
        return best;
    }
}
