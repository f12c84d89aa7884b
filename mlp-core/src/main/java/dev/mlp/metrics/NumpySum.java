package dev.mlp.metrics;

/**
 * Sums in the order numpy's {@code np.sum} uses for a contiguous float64 vector, so that averages
 * agree with scikit-learn to the last bit, which matters when a value lands on a rounding tie of
 * the printed report.
 *
 * <p>numpy's pairwise summation: fewer than 8 values are added left to right from 0; up to 128
 * values go into 8 interleaved partial sums, combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), and
 * the leftover tail is added to that one by one; longer runs are split in two at a multiple of 8
 * near the middle and each half is summed the same way.
 */
final class NumpySum {

    private static final int BLOCK = 128;

    private NumpySum() {
    }

    /** The sum of {@code values} in numpy's pairwise order. */
    static double sum(double[] values) {
        return pairwise(values, 0, values.length);
    }

    /** The mean as {@code np.mean}: the pairwise sum divided by the count. */
    static double mean(double[] values) {
        return sum(values) / values.length;
    }

    /** {@code np.average(values, weights=weights)}: Σ(v·w) / Σw, both sums pairwise. */
    static double weightedMean(double[] values, double[] weights) {
        double[] products = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            products[i] = values[i] * weights[i];
        }
        return sum(products) / sum(weights);
    }

    private static double pairwise(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= BLOCK) {
            double r0 = a[from];
            double r1 = a[from + 1];
            double r2 = a[from + 2];
            double r3 = a[from + 3];
            double r4 = a[from + 4];
            double r5 = a[from + 5];
            double r6 = a[from + 6];
            double r7 = a[from + 7];
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                int k = from + i;
                r0 += a[k];
                r1 += a[k + 1];
                r2 += a[k + 2];
                r3 += a[k + 3];
                r4 += a[k + 4];
                r5 += a[k + 5];
                r6 += a[k + 6];
                r7 += a[k + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwise(a, from, half) + pairwise(a, from + half, n - half);
    }
}
