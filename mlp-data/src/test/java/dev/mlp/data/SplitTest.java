package dev.mlp.data;

import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitTest {

    private static DataSet digits;

    @BeforeAll
    static void load() {
        digits = Digits.load();
    }

    /** A data set with the given number of rows per class; feature 0 is the row index. */
    private static DataSet withClassCounts(int... counts) {
        int n = Arrays.stream(counts).sum();
        DMatrixRMaj x = new DMatrixRMaj(n, 2);
        int[] y = new int[n];
        int i = 0;
        for (int c = 0; c < counts.length; c++) {
            for (int m = 0; m < counts[c]; m++) {
                x.set(i, 0, i);
                x.set(i, 1, c);
                y[i++] = c;
            }
        }
        // interleave the classes so that data order is not class order
        int[] order = new int[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
        }
        new NumpyRandom(0).shuffle(order);
        DataSet grouped = new DataSet(x, y, counts.length);
        DataSet mixed = grouped.subset(order);
        DMatrixRMaj renumbered = mixed.features();
        for (int j = 0; j < n; j++) {
            renumbered.set(j, 0, j);
        }
        return mixed.withFeatures(renumbered);
    }

    private static void assertPartition(DataSet data, Split split) {
        int n = data.rows();
        int[] seen = new int[n];
        for (int i : split.trainIndices()) {
            seen[i]++;
        }
        for (int i : split.testIndices()) {
            seen[i]++;
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1, seen[i], "row " + i + " must be in exactly one part");
        }
        assertEquals(n, split.train().rows() + split.test().rows());
        assertRowsMatch(data, split.train(), split.trainIndices());
        assertRowsMatch(data, split.test(), split.testIndices());
    }

    private static void assertRowsMatch(DataSet data, DataSet part, int[] indices) {
        assertEquals(data.numClasses(), part.numClasses());
        for (int r = 0; r < indices.length; r++) {
            assertEquals(data.label(indices[r]), part.label(r));
            for (int j = 0; j < data.columns(); j++) {
                assertEquals(data.feature(indices[r], j), part.feature(r, j));
            }
        }
    }

    @Test
    void stratifiedSplitKeepsEveryClassWithinOneSampleOfItsShare() {
        for (double f : new double[] {0.1, 0.2, 0.25, 0.3, 0.5, 0.8}) {
            Split split = Split.stratified(digits, f, new NumpyRandom(42));
            assertEquals(Math.round(1797 * f), split.test().rows(), "test size for f = " + f);
            int[] counts = digits.classCounts();
            int[] testCounts = split.test().classCounts();
            for (int c = 0; c < counts.length; c++) {
                double expected = counts[c] * f;
                assertTrue(Math.abs(testCounts[c] - expected) <= 1.0,
                        "f = " + f + ", class " + c + ": " + testCounts[c] + " test rows, expected " + expected);
            }
        }
    }

    @Test
    void stratifiedSplitIsADisjointPartitionOfTheData() {
        Split split = Split.stratified(digits, 0.25, new NumpyRandom(1));
        assertPartition(digits, split);
        assertEquals(449, split.test().rows());
        assertEquals(1348, split.train().rows());
    }

    @Test
    void stratifiedPartsKeepTheOriginalRowOrder() {
        Split split = Split.stratified(digits, 0.25, new NumpyRandom(1));
        int[] train = split.trainIndices();
        int[] test = split.testIndices();
        int[] sortedTrain = train.clone();
        int[] sortedTest = test.clone();
        Arrays.sort(sortedTrain);
        Arrays.sort(sortedTest);
        assertArrayEquals(sortedTrain, train);
        assertArrayEquals(sortedTest, test);
    }

    @Test
    void sameSeedGivesTheSameSplitAndAnotherSeedAnotherSplit() {
        Split a = Split.stratified(digits, 0.25, new NumpyRandom(7));
        Split b = Split.stratified(digits, 0.25, new NumpyRandom(7));
        Split c = Split.stratified(digits, 0.25, new NumpyRandom(8));
        assertEquals(a, b);
        assertArrayEquals(a.testIndices(), b.testIndices());
        assertFalse(Arrays.equals(a.testIndices(), c.testIndices()));
        assertNotEquals(a, c);
    }

    @Test
    void classesOfTwoKeepOneRowInEachPartEvenWhenTheirShareRoundsAway() {
        DataSet data = withClassCounts(2, 2, 30);
        Split small = Split.stratified(data, 0.1, new NumpyRandom(3));
        assertPartition(data, small);
        assertEquals(3, small.test().rows());
        assertArrayEquals(new int[] {1, 1, 1}, small.test().classCounts());

        DataSet tail = withClassCounts(2, 40);
        Split large = Split.stratified(tail, 0.9, new NumpyRandom(3));
        assertPartition(tail, large);
        assertEquals(38, large.test().rows());
        assertArrayEquals(new int[] {1, 37}, large.test().classCounts());
    }

    @Test
    void aClassOfOneRowGoesWhereItsShareSendsIt() {
        DataSet data = withClassCounts(1, 9, 10);
        Split split = Split.stratified(data, 0.5, new NumpyRandom(5));
        assertPartition(data, split);
        int[] test = split.test().classCounts();
        assertEquals(10, split.test().rows());
        assertTrue(test[1] >= 4 && test[1] <= 5 && test[2] == 5, Arrays.toString(test));
    }

    @Test
    void allocationGivesTheLeftoverRowsToTheLargestRemainders() {
        // t = 5 of n = 10: shares 1.5, 2.5, 1.0 -> floors 1, 2, 1 and one row left; remainders tie
        // (5/10 and 5/10), so the lower class gets it
        assertArrayEquals(new int[] {2, 2, 1}, Split.allocate(new int[] {3, 5, 2}, 10, 5));
        // shares 0.6, 2.4 of t = 3 (n = 5 with counts 1, 4): floors 0, 2, remainders 3/5 and 2/5
        assertArrayEquals(new int[] {1, 2}, Split.allocate(new int[] {1, 4}, 5, 3));
    }

    @Test
    void shuffledSplitCutsOneNumpyPermutation() {
        DataSet data = withClassCounts(10, 10);
        Split split = Split.shuffled(data, 0.25, new NumpyRandom(3));
        // np.random.seed(3); np.random.permutation(20) begins 14, 2, 1, 17, 4 (see NumpyRandomTest)
        assertArrayEquals(new int[] {14, 2, 1, 17, 4}, split.testIndices());
        assertEquals(15, split.trainIndices().length);
        assertEquals(16, split.trainIndices()[0]);
        assertPartition(data, split);
        assertEquals(split, Split.shuffled(data, 0.25, new NumpyRandom(3)));
    }

    @Test
    void rejectsFractionsThatLeaveAPartEmpty() {
        DataSet data = withClassCounts(5, 5);
        for (double f : new double[] {0.0, 1.0, -0.1, 1.5, Double.NaN, 0.01, 0.99}) {
            assertThrows(IllegalArgumentException.class, () -> Split.stratified(data, f, new NumpyRandom(1)),
                    "f = " + f);
            assertThrows(IllegalArgumentException.class, () -> Split.shuffled(data, f, new NumpyRandom(1)),
                    "f = " + f);
        }
        assertThrows(IllegalArgumentException.class, () -> Split.stratified(data, 0.5, null));
        assertThrows(IllegalArgumentException.class, () -> Split.stratified(null, 0.5, new NumpyRandom(1)));
    }

    @Test
    void splitsReturnCopiesOfTheirIndices() {
        Split split = Split.shuffled(digits, 0.2, new NumpyRandom(2));
        int first = split.testIndices()[0];
        split.testIndices()[0] = -1;
        assertEquals(first, split.testIndices()[0]);
    }
}
