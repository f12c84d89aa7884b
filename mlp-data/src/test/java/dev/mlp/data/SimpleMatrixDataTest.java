package dev.mlp.data;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.MatrixType;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.Test;

import static dev.mlp.testing.AllocationCounting.assertAllocatesAsMuchAs;
import static dev.mlp.testing.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@link SimpleMatrix} forms of the data set and the scalers are their {@link DMatrixRMaj}
 * forms: equal results, no copy beyond the one a data set keeps or a scaler returns, and a matrix
 * of another type refused by name.
 */
class SimpleMatrixDataTest {

    private static final DataSet DIGITS = Digits.load();

    @Test
    void simpleMatrixFormsGiveWhatTheirDMatrixRMajFormsGive() {
        DMatrixRMaj x = DIGITS.features();
        SimpleMatrix sx = SimpleMatrix.wrap(x);
        int[] labels = DIGITS.labels();

        assertEquals(DIGITS, new DataSet(sx, labels, 10));
        assertEquals(DIGITS, DataSet.of(sx, labels));
        assertEquals(DIGITS, new DataSet(new DMatrixRMaj(1797, 3), labels, 10).withFeatures(sx));
        assertArrayEquals(x.data, DIGITS.featuresSimple().getDDRM().data, 0.0);
        assertEquals(x.numCols, DIGITS.featuresSimple().getNumCols());
        assertArrayEquals(DIGITS.oneHot().data, DIGITS.oneHotSimple().getDDRM().data, 0.0);
        assertEquals(10, DIGITS.oneHotSimple().getNumCols());

        MinMaxScaler minMax = MinMaxScaler.fit(sx);
        assertArrayEquals(MinMaxScaler.fit(x).min(), minMax.min(), 0.0);
        assertArrayEquals(MinMaxScaler.fit(x).max(), minMax.max(), 0.0);
        StandardScaler standard = StandardScaler.fit(sx);
        assertArrayEquals(StandardScaler.fit(x).mean(), standard.mean(), 0.0);
        assertArrayEquals(StandardScaler.fit(x).scale(), standard.scale(), 0.0);
        for (Scaler scaler : new Scaler[] {minMax, standard, Digits.pixelScaler()}) {
            assertArrayEquals(scaler.transform(x).data, scaler.transform(sx).getDDRM().data, 0.0);
        }
    }

    /**
     * The features are 1797 × 64 doubles (920 KB): the SimpleMatrix forms allocate no more than the
     * DMatrixRMaj forms, which copy them once (a data set keeps its own copy and hands out copies).
     */
    @Test
    void simpleMatrixFormsMakeNoCopyOfTheirOwn() {
        DMatrixRMaj x = DIGITS.features();
        SimpleMatrix sx = SimpleMatrix.wrap(x);
        int[] labels = DIGITS.labels();
        int features = 1797 * 64 * 8;

        assertAllocatesAsMuchAs(DIGITS::features, DIGITS::featuresSimple, features);
        assertAllocatesAsMuchAs(DIGITS::oneHot, DIGITS::oneHotSimple, 1797 * 10 * 8);
        assertAllocatesAsMuchAs(() -> DataSet.of(x, labels), () -> DataSet.of(sx, labels), features);
        assertAllocatesAsMuchAs(() -> new DataSet(x, labels, 10), () -> new DataSet(sx, labels, 10), features);
        assertAllocatesAsMuchAs(() -> DIGITS.withFeatures(x), () -> DIGITS.withFeatures(sx), features);
        Scaler scaler = Digits.pixelScaler();
        assertAllocatesAsMuchAs(() -> scaler.transform(x), () -> scaler.transform(sx), features);
        assertAllocatesAsMuchAs(() -> MinMaxScaler.fit(x), () -> MinMaxScaler.fit(sx), 2 * 64 * 8);
    }

    /** What the SimpleMatrix of {@link DataSet#featuresSimple()} holds is the caller's: writes stay out of the data set. */
    @Test
    void writingToTheFeaturesSimpleLeavesTheDataSetUnchanged() {
        SimpleMatrix features = DIGITS.featuresSimple();
        double before = DIGITS.feature(0, 0);
        features.set(0, 0, before + 1);
        assertEquals(before + 1, features.getDDRM().get(0, 0), 0.0);
        assertEquals(before, DIGITS.feature(0, 0), 0.0);
    }

    @Test
    void aSimpleMatrixOfAnotherTypeOrNullIsRefusedByName() {
        SimpleMatrix floats = new SimpleMatrix(1797, 64, MatrixType.FDRM);
        SimpleMatrix sparse = new SimpleMatrix(1797, 64, MatrixType.DSCC);
        int[] labels = DIGITS.labels();
        String dense = " must be a SimpleMatrix of dense doubles (MatrixType.DDRM), got ";

        assertRefused(() -> new DataSet(floats, labels, 10), "features" + dense + "FDRM");
        assertRefused(() -> DataSet.of(sparse, labels), "features" + dense + "DSCC");
        assertRefused(() -> DIGITS.withFeatures(floats), "newFeatures" + dense + "FDRM");
        assertRefused(() -> MinMaxScaler.fit(floats), "train" + dense + "FDRM");
        assertRefused(() -> StandardScaler.fit(sparse), "train" + dense + "DSCC");
        assertRefused(() -> Digits.pixelScaler().transform(floats), "x" + dense + "FDRM");
        assertRefused(() -> DataSet.of((SimpleMatrix) null, labels), "features must not be null");
        assertRefused(() -> Digits.pixelScaler().transform((SimpleMatrix) null), "x must not be null");
    }
}
