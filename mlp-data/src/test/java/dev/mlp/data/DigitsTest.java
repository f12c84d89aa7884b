package dev.mlp.data;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigitsTest {

    private static DataSet digits;

    @BeforeAll
    static void load() {
        digits = Digits.load();
    }

    @Test
    void loadsAll1797SamplesOf64PixelsAndTenClasses() {
        assertEquals(1797, digits.rows());
        assertEquals(64, digits.columns());
        assertEquals(10, digits.numClasses());
    }

    @Test
    void classCountsMatchScikitLearnsCopy() {
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, digits.classCounts());
    }

    @Test
    void firstRowKeepsFileOrderAndIsUnscaled() {
        double[] firstPixels = new double[6];
        for (int j = 0; j < 6; j++) {
            firstPixels[j] = digits.feature(0, j);
        }
        assertArrayEquals(new double[] {0, 0, 5, 13, 9, 1}, firstPixels, 0.0);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, new int[] {digits.label(0), digits.label(1), digits.label(2),
                digits.label(3), digits.label(4)});
        assertEquals(8, digits.label(1796));
    }

    @Test
    void everyPixelIsAnIntegerBetween0And16AndBothEndsOccur() {
        DMatrixRMaj x = digits.features();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.getNumElements(); i++) {
            double v = x.data[i];
            assertTrue(v >= 0 && v <= 16 && v == Math.rint(v), "pixel " + i + " = " + v);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0.0, min);
        assertEquals(16.0, max);
    }

    @Test
    void eachLoadGivesAnEqualIndependentDataSet() {
        DataSet again = Digits.load();
        assertEquals(digits, again);
        DMatrixRMaj copy = again.features();
        copy.set(0, 2, 99);
        assertEquals(5.0, again.feature(0, 2));
    }

    @Test
    void pixelScalerDividesBy16() {
        DataSet scaled = Digits.pixelScaler().transform(digits);
        assertEquals(5.0 / 16.0, scaled.feature(0, 2), 0.0);
        assertEquals(13.0 / 16.0, scaled.feature(0, 3), 0.0);
        assertArrayEquals(digits.labels(), scaled.labels());
    }
}
