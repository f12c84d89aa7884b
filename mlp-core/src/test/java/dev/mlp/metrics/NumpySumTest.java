package dev.mlp.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The summation order of numpy's {@code np.sum}, checked on values where the order changes the result. */
class NumpySumTest {

    @Test
    void shortVectorsAddLeftToRight() {
        assertEquals(0.0, NumpySum.sum(new double[] {1.0, 1e100, -1e100}), 0.0);
        assertEquals(0.0, NumpySum.sum(new double[0]), 0.0);
    }

    @Test
    void eightWayPartialSumsKeepWhatLeftToRightWouldLose() {
        // np.sum gives 1.0: lane 0 holds 1e100 + -1e100 = 0, lane 4 holds 1; left to right gives 0.0
        double[] a = new double[16];
        a[0] = 1e100;
        a[4] = 1.0;
        a[8] = -1e100;
        assertEquals(1.0, NumpySum.sum(a), 0.0);
    }

    @Test
    void longVectorsSplitAtAMultipleOfEightNearTheMiddle() {
        // 136 values split 64 + 72: 1 is lost beside 1e100 in the first half; np.sum gives 0.0,
        // where a single 8-way pass (lane 0: 1e100 + -1e100, lane 1: 1) would give 1.0
        double[] a = new double[136];
        a[0] = 1e100;
        a[1] = 1.0;
        a[64] = -1e100;
        assertEquals(0.0, NumpySum.sum(a), 0.0);
    }

    @Test
    void weightedMeanIsSumOfProductsOverSumOfWeights() {
        assertEquals((1 * 3 + 0.5 * 1) / 4.0, NumpySum.weightedMean(new double[] {1, 0.5}, new double[] {3, 1}), 0.0);
        assertEquals(2.0, NumpySum.mean(new double[] {1, 2, 3}), 0.0);
    }
}
