package dev.mlp.random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Golden values from {@code src/test/resources/golden/blog_reference.py} (numpy's legacy RandomState). */
class NumpyRandomTest {

    @Test
    void randMatchesNumpyBitForBit() {
        NumpyRandom r = new NumpyRandom(1);
        double[] expected = {0.417022004702574, 0.7203244934421581, 0.00011437481734488664,
                0.30233257263183977, 0.14675589081711304};
        for (double e : expected) {
            assertEquals(e, r.nextDouble(), 0.0);
        }
    }

    @Test
    void randnMatchesNumpyIncludingTheCachedSecondDeviate() {
        NumpyRandom r = new NumpyRandom(7);
        double[] expected = {1.690525703800356, -0.46593737054083278, 0.032820163678584403,
                0.40751628299650783, -0.7889230286257386};
        DMatrixRMaj m = r.randn(1, 5);
        assertArrayEquals(expected, m.data, 0.0);
    }

    @Test
    void shuffleMatchesNumpy() {
        NumpyRandom r = new NumpyRandom(3);
        int[] order = new int[20];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        r.shuffle(order);
        assertArrayEquals(new int[] {14, 2, 1, 17, 4, 16, 6, 7, 15, 12, 9, 11, 19, 18, 13, 5, 0, 8, 3, 10}, order);
    }

    @Test
    void nextIntStaysInRangeAndCoversIt() {
        NumpyRandom r = new NumpyRandom(5);
        int[] counts = new int[7];
        for (int i = 0; i < 7000; i++) {
            counts[r.nextInt(6)]++;
        }
        for (int c : counts) {
            assertEquals(1000, c, 150);
        }
        assertEquals(0, r.nextInt(0));
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(-1));
    }

    @Test
    void sameSeedSameStream() {
        NumpyRandom a = new NumpyRandom(42);
        NumpyRandom b = new NumpyRandom(42);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextGaussian(), b.nextGaussian(), 0.0);
        }
    }
}
