package dev.mlp.tuning;

import dev.mlp.Checks;

/**
 * The mean and spread of one metric over the folds: mean = Σxᵢ / k and the population standard
 * deviation std = √(Σ(xᵢ − mean)² / k), as scikit-learn's {@code cv_results_} report them. A NaN
 * fold (a network whose training diverged) makes both NaN.
 *
 * @param mean the mean over the folds
 * @param std  the population standard deviation over the folds
 */
public record Summary(double mean, double std) {

    /**
     * {@return the summary of {@code values}}
     *
     * @param values one per fold, at least one; not modified
     * @throws IllegalArgumentException for null or no values
     */
    public static Summary of(double[] values) {
        Checks.requireNonNull(values, "values");
        if (values.length == 0) {
            throw new IllegalArgumentException("a summary needs at least one value");
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new Summary(mean, Math.sqrt(squares / values.length));
    }
}
