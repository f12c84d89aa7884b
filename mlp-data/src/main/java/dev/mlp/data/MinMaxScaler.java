package dev.mlp.data;

import dev.mlp.Checks;
import dev.mlp.model.InputScaling;
import org.ejml.data.DMatrixRMaj;
import org.ejml.simple.SimpleMatrix;

import java.util.Arrays;

/**
 * Min-max scaling fitted on training data: for each column j,
 * <pre>
 *     x'_ij = (x_ij − min_j) / (max_j − min_j)
 * </pre>
 * where min<sub>j</sub> and max<sub>j</sub> are taken over the training rows, so those rows land in
 * [0, 1]. A column that is constant in the training data (max<sub>j</sub> = min<sub>j</sub>) is
 * divided by 1 instead, so its training values map to 0. Later data is not clipped: a value
 * outside the training range maps outside [0, 1]. (scikit-learn's {@code MinMaxScaler} with its
 * defaults computes the same.)
 *
 * <p>Immutable; {@link #min()} and {@link #max()} give the parameters to save, and
 * {@link #of(double[], double[])} restores a scaler from them.
 */
public final class MinMaxScaler implements Scaler {

    private final double[] min;
    private final double[] max;
    private final double[] range;

    private MinMaxScaler(double[] min, double[] max) {
        this.min = min;
        this.max = max;
        this.range = new double[min.length];
        for (int j = 0; j < min.length; j++) {
            double r = max[j] - min[j];
            if (!Double.isFinite(r)) {
                throw new IllegalArgumentException("the range of column " + j + " (" + min[j] + " to " + max[j]
                        + ") overflows a double");
            }
            range[j] = r == 0.0 ? 1.0 : r;
        }
    }

    /**
     * Learns each column's minimum and maximum from {@code train}.
     *
     * @param train the training features, at least one row and column, all finite; not modified
     * @return the fitted scaler, for {@code train}'s number of columns
     * @throws IllegalArgumentException when {@code train} is null, empty or not finite
     */
    public static MinMaxScaler fit(DMatrixRMaj train) {
        Checks.requireFiniteData(train, "train");
        int d = train.numCols;
        double[] lo = Arrays.copyOf(train.data, d);
        double[] hi = Arrays.copyOf(train.data, d);
        for (int i = 1; i < train.numRows; i++) {
            int offset = i * d;
            for (int j = 0; j < d; j++) {
                double v = train.data[offset + j];
                if (v < lo[j]) {
                    lo[j] = v;
                }
                if (v > hi[j]) {
                    hi[j] = v;
                }
            }
        }
        return new MinMaxScaler(lo, hi);
    }

    /**
     * {@return a scaler fitted on the features of the training set} As {@link #fit(DMatrixRMaj)}.
     *
     * @param train the training part only, never data to be tested on
     * @throws IllegalArgumentException when {@code train} is null
     */
    public static MinMaxScaler fit(DataSet train) {
        Checks.requireNonNull(train, "train");
        return fit(train.features());
    }

    /**
     * {@link #fit(DMatrixRMaj)} on EJML's {@link SimpleMatrix}, which is unwrapped, not copied.
     *
     * @param train the training features, dense doubles ({@code MatrixType.DDRM}); not modified
     * @return the fitted scaler
     * @throws IllegalArgumentException when train is null or holds another type (float, sparse),
     *                                  and as {@link #fit(DMatrixRMaj)}
     */
    public static MinMaxScaler fit(SimpleMatrix train) {
        return fit(Checks.requireDDRM(train, "train"));
    }

    /**
     * {@return a scaler with saved parameters}
     *
     * @param min the per-column minima, as {@link #min()} gave them; copied
     * @param max the per-column maxima, as {@link #max()} gave them; copied
     * @throws IllegalArgumentException when the arrays are null, empty, of different lengths, not
     *                                  finite, or some max<sub>j</sub> &lt; min<sub>j</sub>
     */
    public static MinMaxScaler of(double[] min, double[] max) {
        double[] lo = Matrices.finiteCopy(min, "min");
        double[] hi = Matrices.finiteCopy(max, "max");
        if (lo.length != hi.length) {
            throw new IllegalArgumentException("min and max must have the same length, got " + lo.length
                    + " and " + hi.length);
        }
        for (int j = 0; j < lo.length; j++) {
            if (hi[j] < lo[j]) {
                throw new IllegalArgumentException("max[" + j + "] = " + hi[j] + " is below min[" + j + "] = " + lo[j]);
            }
        }
        return new MinMaxScaler(lo, hi);
    }

    /** {@return the number of columns this scaler was fitted on} */
    public int columns() {
        return min.length;
    }

    /** {@return a copy of the per-column minima of the training data} */
    public double[] min() {
        return min.clone();
    }

    /** {@return a copy of the per-column maxima of the training data} */
    public double[] max() {
        return max.clone();
    }

    /** {@inheritDoc} Computes (x − min<sub>j</sub>) / (max<sub>j</sub> − min<sub>j</sub>), with 1 for a zero range. */
    @Override
    public DMatrixRMaj transform(DMatrixRMaj x) {
        Matrices.requireFinite(x, "x");
        return toInputScaling(min.length).apply(x);
    }

    @Override
    public InputScaling toInputScaling(int columns) {
        if (columns != min.length) {
            throw new IllegalArgumentException("this scaler was fitted on " + min.length + " columns, asked for " + columns);
        }
        return new InputScaling(min, range);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MinMaxScaler m && Arrays.equals(min, m.min) && Arrays.equals(max, m.max);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(min) + Arrays.hashCode(max);
    }

    @Override
    public String toString() {
        return "MinMaxScaler[" + min.length + " columns]";
    }
}
