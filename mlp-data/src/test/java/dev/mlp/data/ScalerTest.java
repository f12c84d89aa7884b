package dev.mlp.data;

import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScalerTest {

    /** Column 0 varies, column 1 is constant 7, column 2 varies. */
    private static DMatrixRMaj train() {
        return new DMatrixRMaj(new double[][] {
                {1, 7, -2},
                {3, 7, 0},
                {5, 7, 8}});
    }

    @Test
    void minMaxLearnsRangesFromTrainingRowsOnly() {
        MinMaxScaler s = MinMaxScaler.fit(train());
        assertArrayEquals(new double[] {1, 7, -2}, s.min(), 0.0);
        assertArrayEquals(new double[] {5, 7, 8}, s.max(), 0.0);
        // by hand: (x - min) / (max - min), the constant column divided by 1
        assertArrayEquals(new double[] {0, 0, 0, 0.5, 0, 0.2, 1, 0, 1}, s.transform(train()).data, 1e-15);
        // later data uses the training parameters and is not clipped
        DMatrixRMaj later = new DMatrixRMaj(new double[][] {{9, 8, 3}});
        assertArrayEquals(new double[] {2, 1, 0.5}, s.transform(later).data, 1e-15);
    }

    @Test
    void standardLearnsPopulationMeanAndStdFromTrainingRowsOnly() {
        StandardScaler s = StandardScaler.fit(train());
        // column 0: mean 3, population variance (4 + 0 + 4) / 3; column 2: mean 2, variance (16 + 4 + 36) / 3
        double sd0 = Math.sqrt(8.0 / 3.0);
        double sd2 = Math.sqrt(56.0 / 3.0);
        assertArrayEquals(new double[] {3, 7, 2}, s.mean(), 1e-15);
        assertArrayEquals(new double[] {sd0, 1, sd2}, s.scale(), 1e-15);
        DMatrixRMaj z = s.transform(train());
        assertArrayEquals(new double[] {-2 / sd0, 0, -4 / sd2, 0, 0, -2 / sd2, 2 / sd0, 0, 6 / sd2}, z.data, 1e-14);
        DMatrixRMaj later = new DMatrixRMaj(new double[][] {{6, 9, 2}});
        assertArrayEquals(new double[] {3 / sd0, 2, 0}, s.transform(later).data, 1e-14);
    }

    @Test
    void standardizedTrainingColumnsHaveMeanZeroAndUnitVariance() {
        DataSet digits = Digits.load();
        Split split = Split.stratified(digits, 0.25, new NumpyRandom(0));
        StandardScaler s = StandardScaler.fit(split.train());
        DMatrixRMaj z = s.transform(split.train().features());
        for (int j = 0; j < z.numCols; j++) {
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < z.numRows; i++) {
                sum += z.get(i, j);
                sq += z.get(i, j) * z.get(i, j);
            }
            double mean = sum / z.numRows;
            double variance = sq / z.numRows - mean * mean;
            assertEquals(0.0, mean, 1e-12, "column " + j);
            boolean constant = s.scale()[j] == 1.0 && variance < 1e-12;
            assertEquals(constant ? 0.0 : 1.0, variance, 1e-9, "column " + j);
        }
        // fitted on train only: the test part has its own statistics, so they differ
        assertEquals(StandardScaler.fit(split.train()), s);
        assertThrows(AssertionError.class, () -> assertArrayEquals(
                StandardScaler.fit(split.test()).mean(), s.mean(), 1e-9));
    }

    @Test
    void constantColumnMapsToZeroEvenWhenItsMeanIsInexact() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{0.1, 1}, {0.1, 2}, {0.1, 3}});
        StandardScaler standard = StandardScaler.fit(x);
        MinMaxScaler minMax = MinMaxScaler.fit(x);
        DMatrixRMaj z = standard.transform(x);
        DMatrixRMaj m = minMax.transform(x);
        for (int i = 0; i < 3; i++) {
            assertEquals(0.0, z.get(i, 0), 0.0);
            assertEquals(0.0, m.get(i, 0), 0.0);
        }
        assertEquals(1.0, standard.scale()[0]);
    }

    @Test
    void transformRejectsAnotherColumnCountAndNonFiniteValues() {
        MinMaxScaler minMax = MinMaxScaler.fit(train());
        StandardScaler standard = StandardScaler.fit(train());
        DMatrixRMaj twoColumns = new DMatrixRMaj(2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> minMax.transform(twoColumns));
        assertEquals("x must have 3 columns, got 2×2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> standard.transform(twoColumns));
        DMatrixRMaj nan = new DMatrixRMaj(new double[][] {{1, Double.NaN, 3}});
        assertThrows(IllegalArgumentException.class, () -> minMax.transform(nan));
        assertThrows(IllegalArgumentException.class, () -> standard.transform(nan));
        assertThrows(IllegalArgumentException.class, () -> MinMaxScaler.fit(new DMatrixRMaj(0, 3)));
        assertThrows(IllegalArgumentException.class, () -> StandardScaler.fit(nan));
    }

    @Test
    void transformLeavesItsInputUnchangedAndAcceptsZeroRows() {
        DMatrixRMaj x = train();
        MinMaxScaler.fit(x).transform(x);
        StandardScaler.fit(x).transform(x);
        assertArrayEquals(train().data, x.data, 0.0);
        assertEquals(0, StandardScaler.fit(x).transform(new DMatrixRMaj(0, 3)).numRows);
    }

    @Test
    void savedParametersRestoreAnEqualScaler() {
        MinMaxScaler minMax = MinMaxScaler.fit(train());
        StandardScaler standard = StandardScaler.fit(train());
        assertEquals(minMax, MinMaxScaler.of(minMax.min(), minMax.max()));
        assertEquals(standard, StandardScaler.of(standard.mean(), standard.scale()));
        assertThrows(IllegalArgumentException.class, () -> MinMaxScaler.of(new double[] {2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> MinMaxScaler.of(new double[] {0, 0}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> StandardScaler.of(new double[] {0}, new double[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> StandardScaler.of(new double[] {Double.NaN}, new double[] {1}));
    }

    @Test
    void parameterAccessorsReturnCopies() {
        StandardScaler s = StandardScaler.fit(train());
        s.mean()[0] = 100;
        s.scale()[0] = 100;
        assertEquals(3.0, s.mean()[0], 1e-15);
        MinMaxScaler m = MinMaxScaler.fit(train());
        m.min()[0] = 100;
        assertEquals(1.0, m.min()[0]);
    }

    @Test
    void fixedScalerAppliesOneAffineMapToAnyColumnCount() {
        FixedScaler s = FixedScaler.of(1, 4);
        assertArrayEquals(new double[] {0, 0.25, 1.5}, s.transform(new DMatrixRMaj(new double[][] {{1, 2, 7}})).data,
                0.0);
        assertArrayEquals(new double[] {0.5}, FixedScaler.divideBy(16).transform(new DMatrixRMaj(new double[][] {{8}})).data,
                0.0);
        assertThrows(IllegalArgumentException.class, () -> FixedScaler.divideBy(0));
        assertThrows(IllegalArgumentException.class, () -> FixedScaler.of(Double.NaN, 1));
    }

    @Test
    void scalingADataSetKeepsItsLabels() {
        DataSet d = new DataSet(train(), new int[] {1, 0, 1}, 2);
        DataSet scaled = MinMaxScaler.fit(d).transform(d);
        assertArrayEquals(d.labels(), scaled.labels());
        assertEquals(0.5, scaled.feature(1, 0), 0.0);
    }
}
