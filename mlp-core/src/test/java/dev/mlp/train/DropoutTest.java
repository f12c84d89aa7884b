package dev.mlp.train;

import dev.mlp.GradientCheck;
import dev.mlp.activation.Activation;
import dev.mlp.activation.GELU;
import dev.mlp.activation.Identity;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Softmax;
import dev.mlp.activation.Tanh;
import dev.mlp.linalg.Backends;
import dev.mlp.loss.Loss;
import dev.mlp.loss.MeanSquaredError;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.model.DenseLayer;
import dev.mlp.model.Network;
import dev.mlp.model.NetworkSpec;
import dev.mlp.optim.Adam;
import dev.mlp.random.NumpyRandom;
import dev.mlp.testing.AllocationCounting;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dropout: Backprop's gradient is the gradient of the masked network's loss (checked with the
 * mask held fixed), the masks drop the stated share and keep the expected value, prediction never
 * drops, a seed reproduces a run, and a training step still allocates nothing.
 */
class DropoutTest {

    static Stream<Arguments> networks() {
        Activation[] hidden = {new ReLU(), new Tanh(), new Sigmoid(), new GELU()};
        return Stream.of(0, 1, 2, 3).map(i -> Arguments.of(hidden[i], i + 1, new int[] {1, 4, 9, 16}[i]));
    }

    /**
     * Central differences of the loss with the mask held fixed: every loss evaluation runs a fresh
     * workspace on a random source of the same seed, so each draws the same masks.
     */
    @ParameterizedTest(name = "hidden {0}, seed {1}, batch {2}")
    @MethodSource("networks")
    void backpropIsTheGradientOfTheMaskedNetwork(Activation hidden, int seed, int batch) {
        NumpyRandom random = new NumpyRandom(seed);
        Network network = NetworkSpec.input(4).dense(6, hidden).dropout(0.5).dense(5, hidden).dropout(0.2)
                .output(3, new Softmax(), new SoftmaxCrossEntropy()).build(random);
        for (DenseLayer layer : network.layers()) {
            for (int i = 0; i < layer.outputs(); i++) {
                layer.bias().data[i] = 0.1 * random.nextGaussian();
            }
        }
        DMatrixRMaj x = random.randn(batch, 4);
        DMatrixRMaj y = new DMatrixRMaj(batch, 3);
        for (int r = 0; r < batch; r++) {
            y.set(r, random.nextInt(2), 1);
        }
        Loss loss = new SoftmaxCrossEntropy();
        int maskSeed = 100 + seed;
        Backprop analytic = new Backprop(network, batch, Backends.defaultBackend(), new NumpyRandom(maskSeed));
        analytic.gradients(x, y, loss, GradientRule.EXACT);

        double error = GradientCheck.relativeError(analytic.parameters(), analytic.gradientBuffers(),
                () -> maskedLoss(network, x, y, loss, maskSeed));
        assertTrue(error < 1e-6, "relative error " + error);
    }

    private static double maskedLoss(Network network, DMatrixRMaj x, DMatrixRMaj y, Loss loss, int maskSeed) {
        return new Backprop(network, x.numRows, Backends.defaultBackend(), new NumpyRandom(maskSeed))
                .gradients(x, y, loss, GradientRule.EXACT);
    }

    /**
     * One input of 1, a hidden identity layer of 1000 units with weights 1 and dropout p = 0.3, an
     * output that averages them (weights 1/1000) with MSE against 0. Then the output is the mean of
     * the mask, about 1 (inverted dropout keeps the expectation: 0.7 · 1/0.7), and dW₁ⱼ = hⱼ δ is 0
     * exactly where unit j was dropped: about 300 of 1000 (3 standard deviations: ±44).
     */
    @Test
    void masksDropTheStatedShareAndKeepTheExpectedValue() {
        Network network = Network.fromLayers(List.of(new DenseLayer(1, 1000, new Identity(), 0.3),
                new DenseLayer(1000, 1, new Identity())));
        Arrays.fill(network.layer(0).weights().data, 1.0);
        Arrays.fill(network.layer(1).weights().data, 1.0 / 1000);
        Backprop backprop = new Backprop(network, 1, Backends.defaultBackend(), new NumpyRandom(5));
        double loss = backprop.gradients(new DMatrixRMaj(new double[][] {{1}}), new DMatrixRMaj(1, 1),
                new MeanSquaredError(), GradientRule.EXACT);
        double output = Math.sqrt(loss);
        assertEquals(1.0, output, 0.07, "the mean of the mask");
        DMatrixRMaj dW1 = backprop.gradientBuffers()[2];
        int dropped = 0;
        for (int j = 0; j < 1000; j++) {
            double h = dW1.data[j] / (2 * output);
            if (dW1.data[j] == 0) {
                dropped++;
            } else {
                assertEquals(1 / 0.7, h, 1e-12, "a kept unit is scaled by 1/(1 - p)");
            }
        }
        assertEquals(300, dropped, 44);
    }

    @Test
    void predictionNeverDrops() {
        Network withDropout = NetworkSpec.input(4).dense(8, new ReLU()).dropout(0.5)
                .output(3, new Softmax(), new SoftmaxCrossEntropy()).build(new NumpyRandom(3));
        Network without = NetworkSpec.input(4).dense(8, new ReLU())
                .output(3, new Softmax(), new SoftmaxCrossEntropy()).build(new NumpyRandom(3));
        DMatrixRMaj x = new NumpyRandom(4).randn(10, 4);
        assertArrayEquals(without.predict(x).data, withDropout.predict(x).data, 0.0);
        assertArrayEquals(withDropout.predict(x).data, withDropout.predict(x).data, 0.0);
    }

    private static Network train(double dropout, int seed) {
        NumpyRandom random = new NumpyRandom(seed);
        NetworkSpec spec = NetworkSpec.input(5).dense(16, new ReLU());
        if (dropout > 0) {
            spec = spec.dropout(dropout);
        }
        Network network = spec.output(3, new Softmax(), new SoftmaxCrossEntropy()).build(random);
        DMatrixRMaj x = new NumpyRandom(9).randn(60, 5);
        DMatrixRMaj y = new DMatrixRMaj(60, 3);
        for (int r = 0; r < 60; r++) {
            y.set(r, x.get(r, 0) > 0.5 ? 0 : x.get(r, 1) > 0 ? 1 : 2, 1);
        }
        TrainingConfig config = TrainingConfig.builder().epochs(5).batchSize(8).learningRate(0.01)
                .loss(new SoftmaxCrossEntropy()).optimizer(new Adam()).build();
        new Trainer(config).fit(network, random, x, y);
        return network;
    }

    @Test
    void aSeedReproducesARunAndTheMasksChangeIt() {
        Network a = train(0.3, 11);
        Network b = train(0.3, 11);
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(a.layer(l).weights().data, b.layer(l).weights().data, 0.0);
        }
        assertFalse(Arrays.equals(a.layer(0).weights().data, train(0, 11).layer(0).weights().data));
    }

    @Test
    void theSpecRefusesDropoutWhereItHasNoMeaning() {
        assertThrows(IllegalStateException.class, () -> NetworkSpec.input(3).dropout(0.5));
        NetworkSpec complete = NetworkSpec.input(3).dense(4, new ReLU()).output(2, new Softmax(), new SoftmaxCrossEntropy());
        assertThrows(IllegalStateException.class, () -> complete.dropout(0.5));
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.input(3).dense(4, new ReLU()).dropout(1.0));
        assertTrue(one.getMessage().contains("hidden layer 1: dropout must be in [0, 1)"), one.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DenseLayer(2, 2, new ReLU(), Double.NaN));
        IllegalArgumentException output = assertThrows(IllegalArgumentException.class,
                () -> Network.fromLayers(List.of(new DenseLayer(2, 2, new ReLU(), 0.5))));
        assertTrue(output.getMessage().contains("output layer"), output.getMessage());
        Network dropping = NetworkSpec.input(3).dense(4, new ReLU()).dropout(0.5)
                .output(2, new Softmax(), new SoftmaxCrossEntropy()).build(new NumpyRandom(1));
        IllegalArgumentException noRandom = assertThrows(IllegalArgumentException.class,
                () -> new Backprop(dropping, 4, Backends.defaultBackend()));
        assertTrue(noRandom.getMessage().contains("random source"), noRandom.getMessage());
    }

    @Test
    void aTrainingStepWithDropoutAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = AllocationCounting.threadsOrSkip();
        NumpyRandom random = new NumpyRandom(2);
        Network network = NetworkSpec.input(8).dense(16, new ReLU()).dropout(0.25)
                .output(4, new Softmax(), new SoftmaxCrossEntropy()).build(random);
        GradientSource source = GradientSource.backprop(network, 16, new SoftmaxCrossEntropy(), GradientRule.EXACT,
                Backends.byName("blocked"), random);
        DMatrixRMaj x = random.randn(64, 8);
        DMatrixRMaj y = new DMatrixRMaj(64, 4);
        for (int r = 0; r < 64; r++) {
            y.set(r, r % 4, 1);
        }
        int[] order = new int[64];
        Arrays.setAll(order, i -> i);
        for (int i = 0; i < 20_000; i++) {
            source.gradients(x, y, order, (i % 4) * 16, (i % 4) * 16 + 16);
        }
        long thread = Thread.currentThread().getId();
        int steps = 5_000;
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < steps; i++) {
            source.gradients(x, y, order, (i % 4) * 16, (i % 4) * 16 + 16);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < steps, allocated + " bytes allocated over " + steps + " steps");
    }
}
