package dev.mlp.train;

import dev.mlp.GradientCheck;
import dev.mlp.activation.Activation;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Softmax;
import dev.mlp.activation.Tanh;
import dev.mlp.linalg.Backends;
import dev.mlp.loss.BinaryCrossEntropy;
import dev.mlp.loss.ClassWeights;
import dev.mlp.loss.Loss;
import dev.mlp.loss.MeanSquaredError;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.model.DenseLayer;
import dev.mlp.model.Network;
import dev.mlp.optim.Adam;
import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Row weights in training: Backprop's gradient is the gradient of the weighted loss for every loss
 * and output pairing, weights reach the loss row for row through the session, and bad weights are
 * refused at the entry.
 */
class WeightedTrainingTest {

    static Stream<Arguments> pairings() {
        return Stream.of(
                Arguments.of(new Sigmoid(), new MeanSquaredError(), 3),
                Arguments.of(new Tanh(), new MeanSquaredError(), 2),
                Arguments.of(new Softmax(), new SoftmaxCrossEntropy(), 3),
                Arguments.of(new Softmax(), MeanSquaredError.allowingSoftmax(), 3),
                Arguments.of(new Sigmoid(), new BinaryCrossEntropy(), 1),
                Arguments.of(new Sigmoid(), new BinaryCrossEntropy(), 3));
    }

    @ParameterizedTest(name = "{0} + {1}, {2} outputs")
    @MethodSource("pairings")
    void backpropIsTheGradientOfTheWeightedLoss(Activation output, Loss loss, int outputs) {
        NumpyRandom random = new NumpyRandom(outputs * 7 + loss.name().length());
        Network network = Network.of(new int[] {4, 5, outputs}, List.of(new ReLU(), output), random);
        for (DenseLayer layer : network.layers()) {
            for (int i = 0; i < layer.outputs(); i++) {
                layer.bias().data[i] = 0.1 * random.nextGaussian();
            }
        }
        int rows = 6;
        DMatrixRMaj x = random.randn(rows, 4);
        DMatrixRMaj y = new DMatrixRMaj(rows, outputs);
        DMatrixRMaj w = new DMatrixRMaj(rows, 1);
        for (int r = 0; r < rows; r++) {
            y.set(r, outputs == 1 ? 0 : random.nextInt(outputs - 1), 1);
            w.set(r, 0, 3 * random.nextDouble());
        }
        Backprop backprop = new Backprop(network, rows, Backends.defaultBackend(), null);
        double reported = backprop.gradients(x, y, w, loss, GradientRule.EXACT);
        assertEquals(loss.loss(network.predict(x), y, w), reported, 1e-14, "the weighted loss is reported");
        double error = GradientCheck.relativeError(backprop.parameters(), backprop.gradientBuffers(),
                () -> loss.loss(network.predict(x), y, w));
        assertTrue(error < 1e-6, "relative error " + error);
        // unit weights: the unweighted gradient
        DMatrixRMaj ones = new DMatrixRMaj(rows, 1);
        ones.fill(1);
        backprop.gradients(x, y, ones, loss, GradientRule.EXACT);
        DMatrixRMaj dW0 = backprop.gradientBuffers()[0].copy();
        backprop.gradients(x, y, loss, GradientRule.EXACT);
        assertArrayEquals(backprop.gradientBuffers()[0].data, dW0.data, 1e-15);
        assertTrue(GradientCheck.relativeError(network, loss, x, y) < 1e-6);
    }

    private static Network network(int seed) {
        return Network.of(new int[] {3, 8, 2}, List.of(new ReLU(), new Softmax()), new NumpyRandom(seed));
    }

    private static DMatrixRMaj[] data() {
        NumpyRandom random = new NumpyRandom(4);
        DMatrixRMaj x = random.randn(40, 3);
        DMatrixRMaj y = new DMatrixRMaj(40, 2);
        for (int r = 0; r < 40; r++) {
            y.set(r, r < 30 ? 0 : 1, 1);
        }
        return new DMatrixRMaj[] {x, y};
    }

    private static TrainingConfig.Builder config() {
        return TrainingConfig.builder().epochs(3).batchSize(8).learningRate(0.01).loss(new SoftmaxCrossEntropy())
                .optimizer(new Adam());
    }

    /**
     * Class weights act as the sample weights they imply: a run with class weights (1, 3) equals,
     * bit for bit, a run with sample weights 1 for class 0 and 3 for class 1; the validation loss is
     * scored with the class weights too.
     */
    @Test
    void classWeightsAreTheSampleWeightsTheyImply() {
        DMatrixRMaj[] d = data();
        Network byClass = network(1);
        History a = new Trainer(config().classWeights(ClassWeights.of(1, 3)).build())
                .fit(byClass, new NumpyRandom(2), d[0], d[1], d[0], d[1]);
        double[] samples = new double[40];
        for (int r = 0; r < 40; r++) {
            samples[r] = r < 30 ? 1 : 3;
        }
        Network bySample = network(1);
        History b = new Trainer(config().build()).session(bySample, new NumpyRandom(2))
                .fit(d[0], d[1], samples, d[0], d[1]);
        assertArrayEquals(byClass.layer(0).weights().data, bySample.layer(0).weights().data, 0.0);
        assertEquals(b.epochs().get(2).trainingLoss(), a.epochs().get(2).trainingLoss(), 0.0);
        // the validation loss: class-weighted for a, unweighted for b (sample weights are the training rows')
        DMatrixRMaj w = ClassWeights.rowWeights(d[1], new double[] {1, 3}, null);
        assertEquals(new SoftmaxCrossEntropy().loss(byClass.predict(d[0]), d[1], w), a.epochs().get(2).validationLoss(),
                1e-12);
        assertEquals(new SoftmaxCrossEntropy().loss(bySample.predict(d[0]), d[1]), b.epochs().get(2).validationLoss(),
                1e-12);
    }

    @Test
    void sampleWeightsTravelWithTheirRowsIntoTheValidationSplit() {
        DMatrixRMaj[] d = data();
        double[] samples = new double[40];
        java.util.Arrays.fill(samples, 2.0);
        Network doubled = network(1);
        History a = new Trainer(config().validationFraction(0.25).build()).fit(doubled, new NumpyRandom(2), d[0], d[1],
                samples);
        Network plain = network(1);
        History b = new Trainer(config().validationFraction(0.25).learningRate(0.01).build())
                .fit(plain, new NumpyRandom(2), d[0], d[1]);
        // weights of 2 double the first epoch's loss (same start, same batches) and split as the rows do
        assertEquals(2 * b.epochs().get(0).trainingLoss(), a.epochs().get(0).trainingLoss(), 0.05);
    }

    @Test
    void badWeightsAreRefusedAtTheEntry() {
        DMatrixRMaj[] d = data();
        TrainingSession session = new Trainer(config().build()).session(network(1), new NumpyRandom(2));
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> session.fit(d[0], d[1], new double[39]));
        assertTrue(length.getMessage().contains("sampleWeights has 39 entries, but x has 40 rows"), length.getMessage());
        double[] negative = new double[40];
        negative[7] = -1;
        IllegalArgumentException sign = assertThrows(IllegalArgumentException.class,
                () -> session.fit(d[0], d[1], negative));
        assertTrue(sign.getMessage().contains("sampleWeights[7] is -1.0"), sign.getMessage());
        IllegalArgumentException blog = assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.builder().gradientRule(GradientRule.BLOG).classWeights(ClassWeights.balanced()).build());
        assertTrue(blog.getMessage().contains("no class weights"), blog.getMessage());
        TrainingSession held = new Trainer(config().classWeights(ClassWeights.balanced()).build())
                .session(network(1), new NumpyRandom(2));
        IllegalArgumentException heldRows = assertThrows(IllegalArgumentException.class, () -> held.fitHeldRows(40));
        assertTrue(heldRows.getMessage().contains("need the training targets"), heldRows.getMessage());
    }
}
