package dev.mlp.model;

import dev.mlp.activation.GELU;
import dev.mlp.activation.Identity;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Softmax;
import dev.mlp.activation.Tanh;
import dev.mlp.loss.BinaryCrossEntropy;
import dev.mlp.loss.MeanSquaredError;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.random.NumpyRandom;
import org.junit.jupiter.api.Test;

import static dev.mlp.model.NetworkTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkSpecTest {

    @Test
    void buildsTheDescribedStackWithDefaultInitializersPerActivation() {
        NetworkSpec spec = NetworkSpec.input(8).dense(16, new ReLU()).dense(4, new Tanh())
                .output(3, new Softmax(), new SoftmaxCrossEntropy());
        assertEquals(Initializer.HE_UNIFORM, spec.layers().get(0).initializer());
        assertEquals(Initializer.GLOROT_UNIFORM, spec.layers().get(1).initializer());
        assertEquals(Initializer.HE_UNIFORM, NetworkSpec.defaultInitializer(new GELU()));
        Network net = spec.build(new NumpyRandom(3));
        assertArrayEquals(new int[] {8, 16, 4, 3}, net.sizes());
        assertEquals("softmax", net.outputActivation().name());
        double limit = Math.sqrt(6.0 / 8);
        for (double w : net.layer(0).weights().data) {
            assertTrue(Math.abs(w) <= limit);
        }
    }

    @Test
    void specificationsAreImmutableAndBuildsAreSeeded() {
        NetworkSpec base = NetworkSpec.input(4);
        NetworkSpec withHidden = base.dense(5, new ReLU());
        assertNotSame(base, withHidden);
        assertTrue(base.layers().isEmpty());
        NetworkSpec spec = withHidden.output(1, new Sigmoid(), new BinaryCrossEntropy());
        assertArrayEquals(spec.build(new NumpyRandom(9)).layer(0).weights().data,
                spec.build(new NumpyRandom(9)).layer(0).weights().data, 0.0);
        assertSame(spec.loss(), spec.loss());
    }

    @Test
    void invalidPairingsAndShapesAreRefusedNamingTheLayer() {
        NetworkSpec in = NetworkSpec.input(4);
        assertMessage(() -> in.output(3, new Softmax(), new MeanSquaredError()), "output layer", "mse", "softmax");
        assertMessage(() -> in.output(3, new Sigmoid(), new SoftmaxCrossEntropy()), "output layer", "softmax output");
        assertMessage(() -> in.output(3, new Identity(), new BinaryCrossEntropy()), "output layer", "sigmoid");
        assertMessage(() -> in.output(1, new Softmax(), new SoftmaxCrossEntropy()), "softmax needs at least 2 units");
        assertMessage(() -> in.dense(5, new ReLU()).dense(0, new ReLU()), "hidden layer 2", "units", "0");
        assertMessage(() -> in.dense(5, new Softmax()), "hidden layer 1", "softmax");
        assertMessage(() -> NetworkSpec.input(0), "inputs", "0");
        NetworkSpec done = in.output(2, new Softmax(), MeanSquaredError.allowingSoftmax());
        assertThrows(IllegalStateException.class, () -> done.dense(3, new ReLU()));
        assertThrows(IllegalStateException.class, () -> in.build(new NumpyRandom(1)));
    }
}
