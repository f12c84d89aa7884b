package dev.mlp.data;

import dev.mlp.Checks;
import dev.mlp.model.InputScaling;
import org.ejml.data.DMatrixRMaj;
import org.ejml.simple.SimpleMatrix;

import java.util.Arrays;

/**
 * Standardisation fitted on training data: for each column j,
 * <pre>
 *     μ_j = (1/n) Σ_i x_ij
 *     σ_j = sqrt( (1/n) Σ_i (x_ij − μ_j)² )
 *     x'_ij = (x_ij − μ_j) / σ_j
 * </pre>
 * over the n training rows, so those rows get mean 0 and variance 1. σ is the population standard
 * deviation (divisor n, numpy's {@code std} default and scikit-learn's {@code StandardScaler}). A
 * column whose training values are all equal gets μ<sub>j</sub> equal to that value and scale 1,
 * so its training values map to exactly 0. The mean is computed in two passes for accuracy.
 *
 * <p>Immutable; {@link #mean()} and {@link #scale()} give the parameters to save, and
 * {@link #of(double[], double[])} restores a scaler from them.
 */
public final class StandardScaler implements Scaler {

    private final double[] mean;
    private final double[] scale;

    private StandardScaler(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /**
     * Learns each column's mean and population standard deviation from {@code train}.
     *
     * @param train the training features, at least one row and column, all finite; not modified
     * @return the fitted scaler, for {@code train}'s number of columns
     * @throws IllegalArgumentException when {@code train} is null, empty or not finite, or a
     *                                  column's variance overflows a double
     */
    public static StandardScaler fit(DMatrixRMaj train) {
        Checks.requireFiniteData(train, "train");
        int n = train.numRows;
        int d = train.numCols;
        double[] mu = new double[d];
        double[] sigma = new double[d];
        boolean[] constant = new boolean[d];
        Arrays.fill(constant, true);
        for (int i = 0; i < n; i++) {
            int offset = i * d;
            for (int j = 0; j < d; j++) {
                double v = train.data[offset + j];
                mu[j] += v;
                if (v != train.data[j]) {
                    constant[j] = false;
                }
            }
        }
        for (int j = 0; j < d; j++) {
            mu[j] = constant[j] ? train.data[j] : mu[j] / n;
        }
        for (int i = 0; i < n; i++) {
            int offset = i * d;
            for (int j = 0; j < d; j++) {
                double e = train.data[offset + j] - mu[j];
                sigma[j] += e * e;
            }
        }
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(sigma[j] / n);
            if (!Double.isFinite(mu[j]) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("the mean or variance of column " + j + " overflows a double");
            }
            sigma[j] = constant[j] || s == 0.0 ? 1.0 : s;
        }
        return new StandardScaler(mu, sigma);
    }

    /**
     * {@return a scaler fitted on the features of the training set} As {@link #fit(DMatrixRMaj)}.
     *
     * @param train the training part only, never data to be tested on
     * @throws IllegalArgumentException when {@code train} is null
     */
    public static StandardScaler fit(DataSet train) {
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
    public static StandardScaler fit(SimpleMatrix train) {
        return fit(Checks.requireDDRM(train, "train"));
    }

    /**
     * {@return a scaler with saved parameters}
     *
     * @param mean  the per-column means, as {@link #mean()} gave them; copied
     * @param scale the per-column divisors, as {@link #scale()} gave them; copied
     * @throws IllegalArgumentException when the arrays are null, empty, of different lengths, not
     *                                  finite, or a scale is not &gt; 0
     */
    public static StandardScaler of(double[] mean, double[] scale) {
        double[] mu = Matrices.finiteCopy(mean, "mean");
        double[] s = Matrices.finiteCopy(scale, "scale");
        if (mu.length != s.length) {
            throw new IllegalArgumentException("mean and scale must have the same length, got " + mu.length
                    + " and " + s.length);
        }
        for (int j = 0; j < s.length; j++) {
            if (!(s[j] > 0)) {
                throw new IllegalArgumentException("scale[" + j + "] must be > 0, got " + s[j]);
            }
        }
        return new StandardScaler(mu, s);
    }

    /** {@return the number of columns this scaler was fitted on} */
    public int columns() {
        return mean.length;
    }

    /** {@return a copy of the per-column means μ of the training data} */
    public double[] mean() {
        return mean.clone();
    }

    /** {@return a copy of the per-column divisors: σ, or 1 for a constant column} */
    public double[] scale() {
        return scale.clone();
    }

    /** {@inheritDoc} Computes (x − μ<sub>j</sub>) / σ<sub>j</sub>. */
    @Override
    public DMatrixRMaj transform(DMatrixRMaj x) {
        Matrices.requireFinite(x, "x");
        return toInputScaling(mean.length).apply(x);
    }

    @Override
    public InputScaling toInputScaling(int columns) {
        if (columns != mean.length) {
            throw new IllegalArgumentException("this scaler was fitted on " + mean.length + " columns, asked for " + columns);
        }
        return new InputScaling(mean, scale);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StandardScaler s && Arrays.equals(mean, s.mean) && Arrays.equals(scale, s.scale);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "StandardScaler[" + mean.length + " columns]";
    }
}
