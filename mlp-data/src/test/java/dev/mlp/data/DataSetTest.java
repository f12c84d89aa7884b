package dev.mlp.data;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DataSetTest {

    private static DMatrixRMaj x() {
        return new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    }

    @Test
    void copiesItsInputsSoLaterChangesDoNotReachIt() {
        DMatrixRMaj x = x();
        int[] y = {0, 1, 2};
        DataSet d = new DataSet(x, y, 3);
        x.set(0, 0, 100);
        y[0] = 2;
        assertEquals(1.0, d.feature(0, 0));
        assertEquals(0, d.label(0));
    }

    @Test
    void accessorsReturnCopies() {
        DataSet d = new DataSet(x(), new int[] {0, 1, 2}, 3);
        d.features().set(1, 1, -1);
        d.labels()[1] = 0;
        assertEquals(4.0, d.feature(1, 1));
        assertEquals(1, d.label(1));
    }

    @Test
    void rejectsMismatchedRowsLabelsOutOfRangeAndNonFiniteFeatures() {
        assertThrows(IllegalArgumentException.class, () -> new DataSet(x(), new int[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> new DataSet(x(), new int[] {0, 1, 2}, 2));
        assertThrows(IllegalArgumentException.class, () -> new DataSet(x(), new int[] {0, -1, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> new DataSet(x(), new int[] {0, 1, 1}, 0));
        DMatrixRMaj nan = x();
        nan.set(2, 1, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> new DataSet(nan, new int[] {0, 1, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> new DataSet(new DMatrixRMaj(0, 2), new int[0], 2));
        assertThrows(IllegalArgumentException.class, () -> new DataSet((DMatrixRMaj) null, new int[0], 2));
    }

    @Test
    void ofInfersTheClassCountFromTheLargestLabel() {
        assertEquals(5, DataSet.of(x(), new int[] {4, 0, 1}).numClasses());
        assertThrows(IllegalArgumentException.class, () -> DataSet.of(x(), new int[] {4, -2, 1}));
    }

    @Test
    void countsOneHotAndSubset() {
        DataSet d = new DataSet(x(), new int[] {2, 0, 2}, 4);
        assertArrayEquals(new int[] {1, 0, 2, 0}, d.classCounts());
        assertArrayEquals(OneHot.encode(new int[] {2, 0, 2}, 4).data, d.oneHot().data, 0.0);
        DataSet s = d.subset(new int[] {2, 0});
        assertEquals(2, s.rows());
        assertEquals(4, s.numClasses());
        assertArrayEquals(new double[] {5, 6, 1, 2}, s.features().data, 0.0);
        assertArrayEquals(new int[] {2, 2}, s.labels());
        assertThrows(IllegalArgumentException.class, () -> d.subset(new int[] {3}));
        assertThrows(IllegalArgumentException.class, () -> d.subset(new int[0]));
    }

    @Test
    void equalityComparesContentNotIdentity() {
        DataSet a = new DataSet(x(), new int[] {0, 1, 1}, 2);
        DataSet b = new DataSet(x(), new int[] {0, 1, 1}, 2);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new DataSet(x(), new int[] {0, 1, 1}, 3));
        assertNotEquals(a, new DataSet(x(), new int[] {0, 1, 0}, 2));
        assertEquals("DataSet[3×2, 2 classes]", a.toString());
    }
}
