package dev.mlp.data;

import dev.mlp.Checks;
import dev.mlp.model.InputScaling;
import org.ejml.data.DMatrixRMaj;

/**
 * The same affine map for every column, x' = (x − offset) / scale, with parameters chosen by hand
 * rather than fitted: {@code FixedScaler.divideBy(16)} maps the digits' pixel counts 0..16 into
 * [0, 1]. It accepts any number of columns.
 */
public final class FixedScaler implements Scaler {

    private final double offset;
    private final double scale;

    private FixedScaler(double offset, double scale) {
        this.offset = offset;
        this.scale = scale;
    }

    /**
     * {@return the scaler x' = (x − offset) / scale}
     *
     * @param offset subtracted first, finite
     * @param scale  the divisor, finite and &gt; 0
     * @throws IllegalArgumentException when offset is not finite or scale is not finite and &gt; 0
     */
    public static FixedScaler of(double offset, double scale) {
        if (!Double.isFinite(offset)) {
            throw new IllegalArgumentException("offset must be finite, got " + offset);
        }
        Checks.requirePositiveFinite(scale, "scale");
        return new FixedScaler(offset, scale);
    }

    /**
     * {@return the scaler x' = x / divisor}
     *
     * @param divisor finite and &gt; 0
     * @throws IllegalArgumentException for any other divisor
     */
    public static FixedScaler divideBy(double divisor) {
        return of(0.0, divisor);
    }

    /** {@return the value subtracted before dividing} */
    public double offset() {
        return offset;
    }

    /** {@return the divisor} */
    public double scale() {
        return scale;
    }

    @Override
    public DMatrixRMaj transform(DMatrixRMaj x) {
        Matrices.requireFinite(x, "x");
        DMatrixRMaj out = new DMatrixRMaj(x.numRows, x.numCols);
        int n = x.getNumElements();
        for (int i = 0; i < n; i++) {
            out.data[i] = (x.data[i] - offset) / scale;
        }
        return out;
    }

    @Override
    public InputScaling toInputScaling(int columns) {
        if (columns <= 0) {
            throw new IllegalArgumentException("columns must be > 0, got " + columns);
        }
        double[] offsets = new double[columns];
        double[] scales = new double[columns];
        java.util.Arrays.fill(offsets, offset);
        java.util.Arrays.fill(scales, scale);
        return new InputScaling(offsets, scales);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FixedScaler f && Double.compare(offset, f.offset) == 0 && Double.compare(scale, f.scale) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(offset) + Double.hashCode(scale);
    }

    @Override
    public String toString() {
        return "FixedScaler[(x - " + offset + ") / " + scale + "]";
    }
}
