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

    /**
     * {@return a new matrix of the given rows of {@code m}, in the order given: out[i, :] = m[rows[i], :]}
     *
     * @param m    not modified
     * @param rows row indices of m, each in [0, m.numRows); repeats allowed
     * @throws IllegalArgumentException for a null argument or an index out of range, naming it
     */
    public static DMatrixRMaj select(DMatrixRMaj m, int[] rows) {
        Checks.requireNonNull(m, "m");
        Checks.requireNonNull(rows, "rows");
        int cols = m.numCols;
        DMatrixRMaj out = new DMatrixRMaj(rows.length, cols);
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (r < 0 || r >= m.numRows) {
                throw new IllegalArgumentException("rows[" + i + "] = " + r + " is outside [0, " + m.numRows + ")");
            }
            System.arraycopy(m.data, r * cols, out.data, i * cols, cols);
        }
        return out;
    }
}
