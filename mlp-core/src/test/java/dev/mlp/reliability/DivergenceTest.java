package dev.mlp.reliability;

import dev.mlp.activation.Identity;
import dev.mlp.activation.Sigmoid;
import dev.mlp.model.Network;
import dev.mlp.optim.Adam;
import dev.mlp.optim.Momentum;
import dev.mlp.optim.Optimizer;
import dev.mlp.optim.RmsProp;
import dev.mlp.optim.Sgd;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.EpochResult;
import dev.mlp.train.History;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;
import dev.mlp.train.TrainingDivergedException;
import dev.mlp.train.TrainingListener;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * When the loss or a gradient becomes NaN or infinite, training stops with a
 * {@link TrainingDivergedException} naming the epoch, the batch and the likely cause; the update
 * of that batch is not applied, so the network holds the weights of the last step that ran, and
 * {@link TrainingDivergedException#weightsUsable()} says whether those are finite.
 */
class DivergenceTest {

    static final int HUGE_LEARNING_RATE_CASES = 40;

    /** Records the weights after every batch, so the weights at the failure can be checked. */
    private static final class LastStep implements TrainingListener {
        final Network network;
        double[] weights;
        int epoch;
        int batch;

        LastStep(Network network) {
            this.network = network;
            this.weights = Gen.parameters(network);
        }

        @Override
        public Action onBatchEnd(int epoch, int batch, double batchLoss) {
            this.weights = Gen.parameters(network);
            this.epoch = epoch;
            this.batch = batch;
            return Action.CONTINUE;
        }
    }

    private static Optimizer optimizer(Gen g) {
        return g.pick(List.<Optimizer>of(new Sgd(), new Momentum(0.9), new RmsProp(), new Adam()));
    }

    static Stream<Integer> hugeLearningRateCases() {
        return IntStream.range(0, HUGE_LEARNING_RATE_CASES).boxed();
    }

    /**
     * lr = 1e300 on a regression network with unbounded outputs: weights overflow within a few
     * steps. Training must end with the exception, whose epoch and batch are the batch after the
     * last one reported to listeners; the network must hold exactly the weights of that last step;
     * and weightsUsable() must say whether they are all finite.
     */
    @ParameterizedTest(name = "case {0}")
    @MethodSource("hugeLearningRateCases")
    void aHugeLearningRateStopsTrainingNamingEpochBatchAndCauseAndWeightsUsableTellsTheTruth(int i) {
        Gen g = new Gen(80_000 + i);
        int[] sizes = g.sizes();
        Network net = g.network(sizes, new Identity(), i);
        int rows = g.between(8, 40);
        DMatrixRMaj x = g.matrix(rows, sizes[0]);
        DMatrixRMaj y = g.matrix(rows, sizes[sizes.length - 1]);
        for (int k = 0; k < y.getNumElements(); k++) {
            y.data[k] = y.data[k] * 10 + 5;
        }
        Optimizer optimizer = optimizer(g);
        int batch = g.between(1, rows / 4);
        TrainingConfig config = TrainingConfig.builder().epochs(50).batchSize(batch).learningRate(1e300)
                .optimizer(optimizer).build();
        LastStep steps = new LastStep(net);
        TrainingDivergedException e;
        try {
            History h = new Trainer(config).fit(net, new NumpyRandom(i), x, y, steps);
            assertTrue(Gen.allFinite(net), "case " + i + " (" + optimizer + "): training returned normally but "
                    + "left non-finite weights; history " + h);
            return;
        } catch (TrainingDivergedException diverged) {
            e = diverged;
        }
        String message = e.getMessage();
        int batchesPerEpoch = rows / batch;
        int expectedEpoch = steps.batch == batchesPerEpoch ? steps.epoch + 1 : Math.max(steps.epoch, 1);
        int expectedBatch = steps.batch == batchesPerEpoch ? 1 : steps.batch + 1;
        if (message.contains("the update overflowed the weights")) {
            // found after the run's last step, which no later batch could reveal: that step is named
            expectedEpoch = steps.epoch;
            expectedBatch = steps.batch;
        }
        assertEquals(expectedEpoch, e.epoch(), message);
        assertEquals(expectedBatch, e.batch(), message);
        assertTrue(message.contains("epoch " + e.epoch() + ", batch " + e.batch()), message);
        assertTrue(message.contains("learning rate that is too high (1.0E300)"), message);
        assertArrayEquals(steps.weights, Gen.parameters(net), 0.0, "case " + i + ": the failing batch changed the weights");
        assertEquals(Gen.allFinite(net), e.weightsUsable(), "case " + i + ": weightsUsable() " + message);
        assertTrue(message.contains(e.weightsUsable() ? "keeps the weights of the last finite step"
                : "the network is unusable"), message);
    }

    /**
     * Weights that overflow on the very last step of training are not reported by a batch
     * check (no batch follows): fit must still not return normally with infinite weights.
     */
    @Test
    void weightsThatOverflowOnTheLastStepAreReportedNotReturnedAsTrained() {
        // one identity unit, x = 1, y = 1e20: the MSE gradient is about -4e20 for the weight, so
        // the single step of lr = 1e300 moves it by about 4e320, beyond the largest double
        Network net = Network.of(new int[] {1, 1}, List.of(new Identity()), new dev.mlp.random.NumpyRandom(1));
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1}, {1}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{1e20}, {1e20}});
        TrainingConfig config = TrainingConfig.builder().epochs(1).batchSize(2).learningRate(1e300).build();
        try {
            History h = new Trainer(config).fit(net, new NumpyRandom(1), x, y);
            assertTrue(Gen.allFinite(net), "fit returned normally (history " + h + ") but the weights are "
                    + java.util.Arrays.toString(Gen.parameters(net)));
        } catch (TrainingDivergedException e) {
            assertEquals(Gen.allFinite(net), e.weightsUsable(), e.getMessage());
        }
    }

    /** A sigmoid output saturates instead of overflowing: lr = 1e300 then gives finite weights, or the exception. */
    @Test
    void aHugeLearningRateOnABoundedOutputEndsFiniteOrDivergesNeverWithOtherErrors() {
        for (int i = 0; i < 20; i++) {
            Gen g = new Gen(82_000 + i);
            int[] sizes = g.sizes();
            Network net = g.network(sizes, new Sigmoid(), i);
            DMatrixRMaj x = g.matrix(20, sizes[0]);
            DMatrixRMaj y = g.oneHot(20, sizes[sizes.length - 1]);
            TrainingConfig config = TrainingConfig.builder().epochs(5).batchSize(4).learningRate(1e300).build();
            try {
                new Trainer(config).fit(net, new NumpyRandom(i), x, y);
                assertTrue(Gen.allFinite(net), "case " + i);
            } catch (TrainingDivergedException e) {
                assertEquals(Gen.allFinite(net), e.weightsUsable(), "case " + i + ": " + e.getMessage());
            } catch (RuntimeException other) {
                fail("case " + i + ": " + other, other);
            }
        }
    }

    /** With validation data, a diverged epoch is not reported as a finished epoch with a NaN loss. */
    @Test
    void aDivergedRunRecordsNoEpochWithANonFiniteTrainingLoss() {
        Gen g = new Gen(83_000);
        Network net = g.network(new int[] {4, 8, 3}, new Identity(), 3);
        DMatrixRMaj x = g.matrix(40, 4);
        DMatrixRMaj y = g.matrix(40, 3);
        DMatrixRMaj xVal = g.matrix(10, 4);
        DMatrixRMaj yVal = g.matrix(10, 3);
        TrainingConfig config = TrainingConfig.builder().epochs(30).batchSize(8).learningRate(1e300).build();
        java.util.List<EpochResult> seen = new java.util.ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public Action onEpochEnd(EpochResult result) {
                seen.add(result);
                return Action.CONTINUE;
            }
        };
        assertThrows(TrainingDivergedException.class, () -> new Trainer(config).fit(net, new NumpyRandom(3), x, y, xVal, yVal, recorder));
        for (EpochResult r : seen) {
            assertTrue(Double.isFinite(r.trainingLoss()), r.toString());
        }
    }
}
