package dev.mlp.activation;

import dev.mlp.linalg.Backend;
import dev.mlp.linalg.Backends;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReLUTest {

    /** The backend the activations compute with (the default path's; all give the same bits). */
    private static final Backend BACKEND = Backends.byName("blocked", 1);

    private static final double[] SPECIAL = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
            -Double.MIN_NORMAL, 1.0, -1.0, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN, Double.longBitsToDouble(0x7FF0000000000001L),
            Double.longBitsToDouble(0xFFF8000000000000L), Double.longBitsToDouble(0xFFFFFFFFFFFFFFFFL),
            Double.longBitsToDouble(0x7FFFFFFFFFFFFFFFL)};

    /**
     * The branch-free backward passes equal {@code z > 0 ? g : +0.0} (ReLU) and
     * {@code z > 0 ? g : g·α} (leaky ReLU) to the bit, for every kind of z and g.
     */
    @Test
    void backwardKeepsTheGradientExactlyWhereZIsPositiveAndGivesPlusZeroElsewhere() {
        Random rnd = new Random(61);
        int n = SPECIAL.length * SPECIAL.length + 5000;
        DMatrixRMaj z = new DMatrixRMaj(1, n);
        DMatrixRMaj g = new DMatrixRMaj(1, n);
        for (int i = 0; i < n; i++) {
            boolean special = i < SPECIAL.length * SPECIAL.length;
            z.data[i] = special ? SPECIAL[i / SPECIAL.length] : Double.longBitsToDouble(rnd.nextLong());
            g.data[i] = special ? SPECIAL[i % SPECIAL.length] : rnd.nextGaussian();
        }
        DMatrixRMaj expected = g.copy();
        for (int i = 0; i < n; i++) {
            expected.data[i] = z.data[i] > 0 ? g.data[i] : 0.0;
        }
        DMatrixRMaj leaky = g.copy();
        DMatrixRMaj expectedLeaky = g.copy();
        for (int i = 0; i < n; i++) {
            expectedLeaky.data[i] = z.data[i] > 0 ? g.data[i] : g.data[i] * 0.2;
        }
        DMatrixRMaj a = new DMatrixRMaj(1, n);
        new ReLU().forward(z, a, BACKEND);
        new ReLU().backward(z, a, g);
        new LeakyReLU(0.2).backward(z, a, leaky);
        for (int i = 0; i < n; i++) {
            assertEquals(Double.doubleToRawLongBits(expected.data[i]), Double.doubleToRawLongBits(g.data[i]),
                    "relu: z = " + z.data[i] + ", g = " + expected.data[i] + " (entry " + i + ")");
            assertEquals(Double.doubleToRawLongBits(expectedLeaky.data[i]), Double.doubleToRawLongBits(leaky.data[i]),
                    "leaky relu: z = " + z.data[i] + " (entry " + i + ")");
        }
    }
}
