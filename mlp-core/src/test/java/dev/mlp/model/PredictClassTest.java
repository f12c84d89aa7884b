package dev.mlp.model;

import dev.mlp.activation.Activation;
import dev.mlp.activation.Identity;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Tanh;
import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link Network#predictClass} means for each kind of output layer. */
class PredictClassTest {

    /** A 2-input network of one layer whose outputs are set by hand: W = identity-like, b = bias. */
    private static Network oneLayer(int outputs, Activation f, double... bias) {
        Network net = Network.of(new int[] {2, outputs}, List.of(f), new NumpyRandom(1));
        DenseLayer layer = net.layer(0);
        layer.weights().zero();
        for (int c = 0; c < outputs; c++) {
            layer.weights().set(c % 2, c, 1.0);
            layer.bias().set(0, c, bias[c]);
        }
        return net;
    }

    private static final DMatrixRMaj X = new DMatrixRMaj(new double[][] {{3, 0}, {-3, 0}, {0, 5}});

    @Test
    void aSingleIdentityOutputIsRefusedAsARegression() {
        // it used to be thresholded at 0.5, as if it were a probability
        Network regression = oneLayer(1, new Identity(), 0.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> regression.predictClass(X));
        assertTrue(e.getMessage().contains("identity") && e.getMessage().contains("use predict"), e.getMessage());
    }

    @Test
    void aSingleTanhOutputIsRefusedToo() {
        Network tanh = oneLayer(1, new Tanh(), 0.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> tanh.predictClass(X));
        assertTrue(e.getMessage().contains("tanh"), e.getMessage());
    }

    @Test
    void aSingleSigmoidOutputIsThresholdedAtOneHalf() {
        // sigmoid(3) ≈ 0.95, sigmoid(-3) ≈ 0.05, sigmoid(0) = 0.5 counts as class 1
        assertArrayEquals(new int[] {1, 0, 1}, oneLayer(1, new Sigmoid(), 0.0).predictClass(X));
    }

    @Test
    void severalIdentityOutputsTakeTheArgmax() {
        // outputs: (x0 + 0, x1 + 1): {3, 1}, {-3, 1}, {0, 6}
        assertArrayEquals(new int[] {0, 1, 1}, oneLayer(2, new Identity(), 0.0, 1.0).predictClass(X));
    }
}
