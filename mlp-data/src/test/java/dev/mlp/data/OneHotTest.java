package dev.mlp.data;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OneHotTest {

    @Test
    void encodePutsASingleOneInTheLabelsColumn() {
        DMatrixRMaj y = OneHot.encode(new int[] {2, 0, 1}, 4);
        assertEquals(3, y.numRows);
        assertEquals(4, y.numCols);
        assertArrayEquals(new double[] {0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0}, y.data, 0.0);
    }

    @Test
    void decodeInvertsEncode() {
        int[] labels = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 0};
        assertArrayEquals(labels, OneHot.decode(OneHot.encode(labels, 10)));
    }

    @Test
    void decodeTakesTheArgmaxAndTheFirstOfEqualMaximaLikeNumpy() {
        DMatrixRMaj scores = new DMatrixRMaj(new double[][] {
                {0.1, 0.7, 0.2},
                {0.5, 0.2, 0.5},
                {-3, -1, -1},
                {2, 2, 2}});
        assertArrayEquals(new int[] {1, 0, 1, 0}, OneHot.decode(scores));
    }

    @Test
    void emptyLabelsGiveAnEmptyMatrix() {
        DMatrixRMaj y = OneHot.encode(new int[0], 3);
        assertEquals(0, y.numRows);
        assertEquals(3, y.numCols);
        assertEquals(0, OneHot.decode(y).length);
    }

    @Test
    void encodeRejectsLabelsOutsideTheRangeAndBadClassCounts() {
        assertThrows(IllegalArgumentException.class, () -> OneHot.encode(new int[] {0, 3}, 3));
        assertThrows(IllegalArgumentException.class, () -> OneHot.encode(new int[] {-1}, 3));
        assertThrows(IllegalArgumentException.class, () -> OneHot.encode(new int[] {0}, 0));
        assertThrows(IllegalArgumentException.class, () -> OneHot.encode(null, 2));
    }

    @Test
    void decodeRejectsNonFiniteValuesAndMatricesWithoutColumns() {
        assertThrows(IllegalArgumentException.class,
                () -> OneHot.decode(new DMatrixRMaj(new double[][] {{0.2, Double.NaN}})));
        assertThrows(IllegalArgumentException.class, () -> OneHot.decode(new DMatrixRMaj(2, 0)));
        assertThrows(IllegalArgumentException.class, () -> OneHot.decode(null));
    }
}
