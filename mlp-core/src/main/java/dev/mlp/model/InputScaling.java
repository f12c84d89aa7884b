package dev.mlp.model;

import dev.mlp.Checks;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * A per-column affine scaling of the inputs, x' = (x - offset) / scale, fitted on training data
 * and kept with a saved model so that later inputs are scaled the same way; a regression model
 * keeps its targets' scaling in the same form, and {@link #invert} maps outputs back. Min-max scaling
 * (offset = min, scale = max - min) and standardisation (offset = mean, scale = std) are both of
 * this form.
 *
 * @param offset subtracted from each column, finite
 * @param scale  each column is divided by it, finite and non-zero
 */
public record InputScaling(double[] offset, double[] scale) {

    /**
     * Checks both arrays and keeps copies of them.
     *
     * @param offset one per column, finite
     * @param scale  one per column, finite and non-zero
     * @throws IllegalArgumentException for a null or empty array, lengths that differ, or a bad entry
     *                                  (the message names its index)
     */
    public InputScaling {
        Checks.requireNonNull(offset, "offset");
        Checks.requireNonNull(scale, "scale");
        if (offset.length != scale.length || offset.length == 0) {
            throw new IllegalArgumentException("offset and scale must have the same, non-zero length, got "
                    + offset.length + " and " + scale.length);
        }
        for (int i = 0; i < offset.length; i++) {
            if (!Double.isFinite(offset[i])) {
                throw new IllegalArgumentException("offset[" + i + "] must be finite, got " + offset[i]);
            }
            if (!Double.isFinite(scale[i]) || scale[i] == 0) {
                throw new IllegalArgumentException("scale[" + i + "] must be finite and non-zero, got " + scale[i]);
            }
        }
        offset = offset.clone();
        scale = scale.clone();
    }

    /** {@return a copy of the offsets, one per column} */
    @Override
    public double[] offset() {
        return offset.clone();
    }

    /** {@return a copy of the scales, one per column} */
    @Override
    public double[] scale() {
        return scale.clone();
    }

    /** {@return the number of input columns it scales} */
    public int columns() {
        return offset.length;
    }

    /**
     * A new matrix (x - offset) / scale, column by column.
     *
     * <p>x is not scanned for NaN or ±∞ (a non-finite entry gives a non-finite output, as any
     * arithmetic would): {@code SavedModel.predict} checks x before scaling it, and the scaled
     * result after, so that the check is not paid twice on the prediction path.
     *
     * @param x n x {@link #columns()}, not modified
     * @return a new n x {@link #columns()} matrix
     * @throws IllegalArgumentException if x is null or has another number of columns
     */
    public DMatrixRMaj apply(DMatrixRMaj x) {
        return map(x, "x", false);
    }

    /**
     * A new matrix y · scale + offset, column by column: the inverse of {@link #apply}, which
     * maps outputs trained on scaled targets back to the targets' units.
     *
     * @param y n x {@link #columns()}, not modified
     * @return a new n x {@link #columns()} matrix
     * @throws IllegalArgumentException if y is null or has another number of columns
     */
    public DMatrixRMaj invert(DMatrixRMaj y) {
        return map(y, "y", true);
    }

    /** (m - offset) / scale, or m · scale + offset when {@code inverse}, into a new matrix. */
    private DMatrixRMaj map(DMatrixRMaj m, String name, boolean inverse) {
        Checks.requireNonNull(m, name);
        Checks.requireColumns(m, offset.length, name);
        DMatrixRMaj out = new DMatrixRMaj(m.numRows, m.numCols);
        int cols = m.numCols;
        for (int r = 0; r < m.numRows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = m.data[r * cols + c];
                out.data[r * cols + c] = inverse ? v * scale[c] + offset[c] : (v - offset[c]) / scale[c];
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputScaling s && Arrays.equals(offset, s.offset) && Arrays.equals(scale, s.scale);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(offset) + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "InputScaling" + Arrays.toString(offset) + "/" + Arrays.toString(scale);
    }
}
