package dev.mlp.train;

import dev.mlp.activation.Identity;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Softmax;
import dev.mlp.activation.Tanh;
import dev.mlp.linalg.Backends;
import dev.mlp.loss.Loss;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.model.Network;
import dev.mlp.model.NetworkSpec;
import dev.mlp.optim.Lbfgs;
import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static dev.mlp.train.TrainerTest.blobs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** L-BFGS in the one training loop: its objective, its epochs, its stops. */
class LbfgsTrainingTest {

    private static final Loss CE = new SoftmaxCrossEntropy();

    /** A 4-6-2 classifier with a softmax output, drawn from {@code random}. */
    private static Network net(NumpyRandom random) {
        return Network.of(new int[] {4, 6, 2}, List.of(new ReLU(), new Softmax()), random);
    }

    private static TrainingConfig.Builder lbfgs(int epochs) {
        return TrainingConfig.builder().epochs(epochs).loss(CE).optimizer(new Lbfgs());
    }

    private static double[] flat(Network network) {
        List<Double> values = new ArrayList<>();
        for (var layer : network.layers()) {
            for (double w : layer.weights().data) {
                values.add(w);
            }
            for (double b : layer.bias().data) {
                values.add(b);
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The objective L-BFGS minimises, f = mean cross-entropy + (λ/2) Σ‖W‖², (with row weights:
     * (1/n) Σ wᵢ ℓᵢ + (λ/2) Σ‖W‖²) against its own definition computed from predictions, and its
     * gradient against central differences of f; in one chunk and in several.
     */
    @ParameterizedTest
    @CsvSource({"7, false", "557, false", "7, true", "557, true"})
    void objectiveAndItsGradientMatchFiniteDifferencesWithL2(int rows, boolean weighted) {
        NumpyRandom random = new NumpyRandom(5);
        Network network = Network.of(new int[] {4, 5, 3}, List.of(new Tanh(), new Softmax()), random);
        DMatrixRMaj x = new DMatrixRMaj(rows, 4);
        DMatrixRMaj y = new DMatrixRMaj(rows, 3);
        DMatrixRMaj w = weighted ? new DMatrixRMaj(rows, 1) : null;
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 4; j++) {
                x.set(i, j, random.nextGaussian());
            }
            y.set(i, i % 3, 1);
            if (weighted) {
                w.set(i, 0, 0.5 + 0.5 * (i % 4));
            }
            order[i] = i;
        }
        double lambda = 0.05;
        int chunk = Math.min(rows, FullBatchObjective.CHUNK_ROWS);
        GradientSource source = GradientSource.backprop(network, chunk, CE, GradientRule.EXACT,
                Backends.defaultBackend());
        FullBatchObjective objective = new FullBatchObjective(source, lambda);
        objective.bind(x, y, w, order, rows);

        double f = objective.evaluate();
        DMatrixRMaj[] params = source.parameters();
        double squares = 0;
        for (var layer : network.layers()) {
            for (double weight : layer.weights().data) {
                squares += weight * weight;
            }
        }
        double loss = weighted ? CE.loss(network.predict(x), y, w) : CE.loss(network.predict(x), y);
        assertEquals(loss + 0.5 * lambda * squares, f, 1e-12);
        assertEquals(0.5 * lambda * squares, objective.penalty(), 1e-15);

        DMatrixRMaj[] analytic = new DMatrixRMaj[params.length];
        for (int p = 0; p < params.length; p++) {
            analytic[p] = source.gradientBuffers()[p].copy();
        }
        double h = 1e-6;
        double diff = 0;
        double norm = 0;
        for (int p = 0; p < params.length; p++) {
            for (int i = 0; i < params[p].getNumElements(); i++) {
                double saved = params[p].data[i];
                params[p].data[i] = saved + h;
                double plus = objective.evaluate();
                params[p].data[i] = saved - h;
                double minus = objective.evaluate();
                params[p].data[i] = saved;
                double numeric = (plus - minus) / (2 * h);
                diff += (numeric - analytic[p].data[i]) * (numeric - analytic[p].data[i]);
                norm += analytic[p].data[i] * analytic[p].data[i];
            }
        }
        assertTrue(Math.sqrt(diff / norm) < 1e-7, "relative gradient error " + Math.sqrt(diff / norm));
    }

    @Test
    void trainsToTheSameBitsEveryRunWithADecreasingLoss() {
        DMatrixRMaj[] d = blobs(200, 3);
        TrainingConfig config = lbfgs(30).l2(1e-3).build();
        double[][] weights = new double[2][];
        List<List<EpochResult>> histories = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            NumpyRandom random = new NumpyRandom(1);
            Network network = net(random);
            histories.add(new Trainer(config).fit(network, random, d[0], d[1]).epochs());
            weights[run] = flat(network);
        }
        assertArrayEquals(weights[0], weights[1], 0);
        assertEquals(histories.get(0), histories.get(1));
        List<EpochResult> epochs = histories.get(0);
        // each iteration lowers f = L + penalty; L alone falls overall
        assertTrue(epochs.get(epochs.size() - 1).trainingLoss() < 0.1 * epochs.get(0).trainingLoss(), epochs.toString());
        for (EpochResult e : epochs) {
            assertEquals(1, e.batches());
            assertTrue(e.learningRate() > 0, "the step length: " + e);
        }
    }

    @Test
    void reportsTheDataLossAtTheWeightsItReached() {
        DMatrixRMaj[] d = blobs(60, 2);
        NumpyRandom random = new NumpyRandom(2);
        Network network = net(random);
        History h = new Trainer(lbfgs(5).l2(0.01).build()).fit(network, random, d[0], d[1]);
        assertEquals(CE.loss(network.predict(d[0]), d[1]), h.last().trainingLoss(), 1e-12);
    }

    @Test
    void ignoresTheBatchSizeAndHandsTheSourceAllRowsInFixedChunks() {
        int rows = FullBatchObjective.CHUNK_ROWS + 50;
        DMatrixRMaj[] d = blobs(rows, 4);
        double[][] weights = new double[2][];
        int[] batchSizes = {7, 1000};
        for (int k = 0; k < 2; k++) {
            TrainingConfig config = lbfgs(8).batchSize(batchSizes[k]).build();
            NumpyRandom random = new NumpyRandom(1);
            Network network = net(random);
            List<GradientSourceTest.Recording> made = new ArrayList<>();
            new Trainer(config).session(network, random, maxRows -> {
                GradientSourceTest.Recording r = new GradientSourceTest.Recording(network, maxRows, config);
                made.add(r);
                return r;
            }).fit(d[0], d[1]);
            assertEquals(1, made.size());
            List<Integer> seen = made.get(0).batchRows;
            for (int i = 0; i < seen.size(); i++) {
                assertEquals(i % 2 == 0 ? FullBatchObjective.CHUNK_ROWS : 50, seen.get(i), seen.toString());
            }
            weights[k] = flat(network);
        }
        assertArrayEquals(weights[0], weights[1], 0);
    }

    @Test
    void stopsWhenItConverges() {
        DMatrixRMaj[] d = blobs(100, 5);
        NumpyRandom random = new NumpyRandom(1);
        TrainingConfig config = lbfgs(500).optimizer(new Lbfgs(10, 1e-5, 1e-6)).build();
        History h = new Trainer(config).fit(net(random), random, d[0], d[1]);
        assertEquals(StopReason.CONVERGED, h.stopReason(), h.message());
        assertTrue(h.epochs().size() < 500);
        assertTrue(h.message().startsWith("converged after epoch " + h.epochs().size()), h.message());
    }

    @Test
    void validationAndEarlyStoppingWorkPerEpoch() {
        DMatrixRMaj[] d = blobs(120, 6);
        DMatrixRMaj[] val = blobs(40, 7);
        NumpyRandom random = new NumpyRandom(1);
        Network network = net(random);
        TrainingConfig config = lbfgs(40).earlyStopping(EarlyStopping.patience(3)).build();
        History h = new Trainer(config).fit(network, random, d[0], d[1], val[0], val[1]);
        for (EpochResult e : h.epochs()) {
            assertTrue(e.hasValidation());
            assertEquals(AccuracyKind.CLASS, e.accuracyKind());
        }
        assertTrue(h.kept().validationAccuracy() > 0.9, h.kept().toString());
    }

    @Test
    void anObjectiveThatOverflowsEndsTrainingWithTrainingDivergedException() {
        // weights of 1e200 under an identity output: the squared error overflows to infinity at the start
        DMatrixRMaj[] d = blobs(30, 8);
        Network network = Network.of(new int[] {4, 2}, List.of(new Identity()), new NumpyRandom(1));
        java.util.Arrays.fill(network.layers().get(0).weights().data, 1e200);
        double[] before = flat(network);
        TrainingConfig config = TrainingConfig.builder().epochs(5).optimizer(new Lbfgs()).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(config).fit(network, new NumpyRandom(1), d[0], d[1]));
        assertEquals(1, e.epoch());
        assertTrue(e.weightsUsable());
        assertArrayEquals(before, flat(network), 0);
    }

    @Test
    void refusesClippingTheBlogRuleAndAnOptimizerState() {
        IllegalArgumentException clip = assertThrows(IllegalArgumentException.class,
                () -> lbfgs(5).clipNorm(1).build());
        assertTrue(clip.getMessage().contains("clipNorm"), clip.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().optimizer(new Lbfgs())
                .gradientRule(GradientRule.BLOG).build());

        DMatrixRMaj[] d = blobs(30, 9);
        NumpyRandom random = new NumpyRandom(1);
        TrainingSession session = new Trainer(lbfgs(2).build()).session(net(random), random);
        session.fit(d[0], d[1]);
        assertEquals(0, session.optimizerState().length);
        assertThrows(IllegalArgumentException.class, () -> session.restoreOptimizerState(new double[3]));
        session.restoreOptimizerState(new double[0]);
    }

    @Test
    void refusesDropoutWhoseMasksWouldChangeTheObjectiveUnderTheLineSearch() {
        DMatrixRMaj[] d = blobs(30, 9);
        NumpyRandom random = new NumpyRandom(1);
        Network network = NetworkSpec.input(4).dense(6, new ReLU()).dropout(0.2).output(2, new Softmax(), CE)
                .build(random);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(lbfgs(2).build()).fit(network, random, d[0], d[1]));
        assertTrue(e.getMessage().contains("dropout"), e.getMessage());
    }

    @Test
    void aLaterFitRestartsFromTheWeightsOnMoreRows() {
        DMatrixRMaj[] small = blobs(40, 10);
        DMatrixRMaj[] large = blobs(90, 11);
        NumpyRandom random = new NumpyRandom(1);
        Network network = net(random);
        TrainingSession session = new Trainer(lbfgs(4).build()).session(network, random);
        session.fit(small[0], small[1]);
        History second = session.fit(large[0], large[1]);
        assertEquals(List.of(5, 6, 7, 8), second.epochs().stream().map(EpochResult::epoch).toList());
        assertEquals(CE.loss(network.predict(large[0]), large[1]), second.last().trainingLoss(), 1e-12);
    }
}
