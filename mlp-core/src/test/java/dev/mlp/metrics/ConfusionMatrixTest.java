package dev.mlp.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Confusion matrix counts and per-class scores worked out by hand. */
class ConfusionMatrixTest {

    // true 2 0 2 2 0 1 / pred 0 0 2 2 0 2:
    //          pred 0  1  2
    // true 0       2  0  0
    // true 1       0  0  1
    // true 2       1  0  2
    private static final int[] Y_TRUE = {2, 0, 2, 2, 0, 1};
    private static final int[] Y_PRED = {0, 0, 2, 2, 0, 2};

    @Test
    void rowsAreTrueClassesAndColumnsArePredictedClasses() {
        ConfusionMatrix m = new ConfusionMatrix(Y_TRUE, Y_PRED);
        assertArrayEquals(new int[][] {{2, 0, 0}, {0, 0, 1}, {1, 0, 2}}, m.counts());
        assertEquals(1, m.count(2, 0));
        assertEquals(0, m.count(0, 2));
        assertArrayEquals(new int[] {0, 1, 2}, m.labels());
        assertEquals(6, m.total());
        assertEquals(4, m.correct());
        assertEquals(4.0 / 6, m.accuracy(), 0.0);
    }

    @Test
    void perClassCountsFollowFromRowsAndColumns() {
        ConfusionMatrix m = new ConfusionMatrix(Y_TRUE, Y_PRED);
        // class 2: TP 2, FP 1 (a 1 predicted 2), FN 1 (a 2 predicted 0), TN 2
        assertEquals(2, m.truePositives(2));
        assertEquals(1, m.falsePositives(2));
        assertEquals(1, m.falseNegatives(2));
        assertEquals(2, m.trueNegatives(2));
        assertEquals(3, m.support(2));
        assertEquals(3, m.predictedCount(2));
        assertArrayEquals(new int[] {2, 1, 3}, m.supports());
    }

    @Test
    void precisionRecallAndF1ByHand() {
        ConfusionMatrix m = new ConfusionMatrix(Y_TRUE, Y_PRED);
        // class 0: TP 2, predicted 3, support 2 -> p 2/3, r 1, F1 4/5
        assertEquals(2.0 / 3, m.precision(0), 0.0);
        assertEquals(1.0, m.recall(0), 0.0);
        assertEquals(0.8, m.f1(0), 0.0);
        // class 2: p 2/3, r 2/3, F1 2/3
        assertEquals(2.0 / 3, m.precision(2), 0.0);
        assertEquals(2.0 / 3, m.recall(2), 0.0);
        assertEquals(2.0 / 3, m.f1(2), 1e-16);
        assertArrayEquals(new double[] {2.0 / 3, 0.0, 2.0 / 3}, m.precisions(), 0.0);
        assertArrayEquals(new double[] {1.0, 0.0, 2.0 / 3}, m.recalls(), 0.0);
        assertArrayEquals(new double[] {0.8, 0.0, 4.0 / 6}, m.f1Scores(), 0.0);
    }

    @Test
    void f1IsTheHarmonicMeanOfPrecisionAndRecall() {
        int[] yTrue = {0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2};
        int[] yPred = {0, 0, 1, 2, 2, 1, 0, 0, 2, 2, 2, 2, 1, 0, 0};
        ConfusionMatrix m = new ConfusionMatrix(yTrue, yPred);
        for (int c = 0; c < m.numClasses(); c++) {
            double p = m.precision(c);
            double r = m.recall(c);
            assertEquals(2 * p * r / (p + r), m.f1(c), 1e-15, "class " + c);
        }
    }

    @Test
    void undefinedRatiosAreZero() {
        // class 1 is never predicted, class 2 never occurs in yTrue, class 3 occurs nowhere
        ConfusionMatrix m = new ConfusionMatrix(new int[] {0, 1, 1}, new int[] {0, 0, 2}, 4);
        assertEquals(0.0, m.precision(1), 0.0);
        assertEquals(0.0, m.f1(1), 0.0);
        assertEquals(0.0, m.recall(2), 0.0);
        assertEquals(0, m.support(2));
        assertEquals(0.0, m.precision(3), 0.0);
        assertEquals(0.0, m.recall(3), 0.0);
        assertEquals(0.0, m.f1(3), 0.0);
        assertFalse(m.allClassesOccur());
    }

    @Test
    void defaultLabelsAreTheSortedUnionOfBothArrays() {
        ConfusionMatrix m = new ConfusionMatrix(new int[] {40, 5, 5}, new int[] {11, 5, 40});
        assertArrayEquals(new int[] {5, 11, 40}, m.labels());
        assertEquals(2, m.indexOf(40));
        assertEquals(-1, m.indexOf(7));
        assertEquals(11, m.label(1));
        assertEquals(1, m.count(m.indexOf(40), m.indexOf(11)));
        assertTrue(m.allClassesOccur());
    }

    @Test
    void numClassesAddsClassesAbsentFromTheData() {
        ConfusionMatrix m = new ConfusionMatrix(new int[] {0, 2}, new int[] {0, 2}, 4);
        assertEquals(4, m.numClasses());
        assertArrayEquals(new int[] {0, 1, 2, 3}, m.labels());
        assertArrayEquals(new int[][] {{1, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 0}}, m.counts());
    }

    @Test
    void explicitLabelSetFixesTheRowAndColumnOrder() {
        ConfusionMatrix m = new ConfusionMatrix(new int[] {7, 3, 3}, new int[] {3, 3, 7}, new int[] {7, 3, 9});
        assertArrayEquals(new int[] {7, 3, 9}, m.labels());
        // row 7: predicted 3 once; row 3: predicted 3 once, 7 once
        assertArrayEquals(new int[][] {{0, 1, 0}, {1, 1, 0}, {0, 0, 0}}, m.counts());
    }

    @Test
    void countsAndLabelsAreDefensiveCopies() {
        ConfusionMatrix m = new ConfusionMatrix(Y_TRUE, Y_PRED);
        m.counts()[0][0] = 99;
        m.labels()[0] = 99;
        m.supports()[0] = 99;
        assertEquals(2, m.count(0, 0));
        assertEquals(0, m.label(0));
        assertEquals(2, m.support(0));
    }

    @Test
    void formatsAsATableOfPredictedColumnsAndTrueRows() {
        String expected = ""
                + "true\\pred  0  1  2\n"
                + "        0  2  0  0\n"
                + "        1  0  0  1\n"
                + "        2  1  0  2\n";
        ConfusionMatrix m = new ConfusionMatrix(Y_TRUE, Y_PRED);
        assertEquals(expected, m.format());
        assertEquals(expected, m.toString());
    }

    @Test
    void formatWidensCellsForLargeCountsAndLongLabels() {
        int[] yTrue = new int[1005];
        int[] yPred = new int[1005];
        for (int i = 1000; i < 1005; i++) {
            yTrue[i] = 1234567890;
            yPred[i] = i == 1004 ? 0 : 1234567890;
        }
        String expected = ""
                + " true\\pred           0  1234567890\n"
                + "         0        1000           0\n"
                + "1234567890           1           4\n";
        assertEquals(expected, new ConfusionMatrix(yTrue, yPred).format());
    }

    @Test
    void rejectsArraysOfDifferentLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix(new int[] {0, 1, 2}, new int[] {0, 1}));
        assertEquals("yTrue and yPred must have the same length, got 3 and 2", e.getMessage());
    }

    @Test
    void rejectsEmptyArrays() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix(new int[0], new int[0]));
        assertEquals("yTrue and yPred are empty (length 0)", e.getMessage());
    }

    @Test
    void rejectsNullArrays() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix(null, new int[] {0}));
        assertEquals("yTrue must not be null", e.getMessage());
    }

    @Test
    void rejectsNegativeLabels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix(new int[] {0, -1}, new int[] {0, 1}));
        assertEquals("yTrue has a negative label -1 at index 1; class labels must be >= 0", e.getMessage());
    }

    @Test
    void rejectsLabelsAtOrAboveNumClasses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix(new int[] {0, 1}, new int[] {0, 3}, 3));
        assertEquals("yPred has label 3 at index 1, which is not among [0, numClasses=3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(new int[] {0}, new int[] {0}, 0));
        assertEquals("numClasses must be > 0, got 0", e.getMessage());
    }

    @Test
    void rejectsLabelSetsThatMissALabelOrRepeatOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix(new int[] {0, 5}, new int[] {0, 1}, new int[] {0, 1}));
        assertEquals("yTrue has label 5 at index 1, which is not among labels [0, 1]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix(new int[] {0}, new int[] {0}, new int[] {0, 2, 0}));
        assertEquals("labels has the label 0 more than once: [0, 2, 0]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix(new int[] {0}, new int[] {0}, new int[] {0, -2}));
        assertEquals("labels has a negative label -2 at index 1; class labels must be >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix(new int[] {0}, new int[] {0}, new int[0]));
        assertEquals("labels is empty: give at least one class label", e.getMessage());
    }

    @Test
    void rejectsClassIndexOutOfRange() {
        ConfusionMatrix m = new ConfusionMatrix(Y_TRUE, Y_PRED);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.precision(3));
        assertEquals("classIndex must be in [0, 3), got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.count(0, -1));
        assertEquals("predictedIndex must be in [0, 3), got -1", e.getMessage());
    }
}
