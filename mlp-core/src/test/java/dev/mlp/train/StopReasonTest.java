package dev.mlp.train;

import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.mlp.train.TrainerTest.blobs;
import static dev.mlp.train.TrainerTest.fitNet;
import static dev.mlp.train.TrainerTest.net;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each way a training run ends gives its {@link StopReason}, where it ended and which weights it kept. */
class StopReasonTest {

    private static final TrainingConfig FOUR_EPOCHS = TrainingConfig.builder().epochs(4).batchSize(10)
            .learningRate(0.1).build();

    /** Stops when {@code onBatchEnd} or {@code onEpochEnd} reaches the given epoch and batch (0: at the epoch's end). */
    private static TrainingListener stopAt(int stopEpoch, int stopBatch) {
        return new TrainingListener() {
            @Override
            public Action onBatchEnd(int epoch, int batch, double batchLoss) {
                return epoch == stopEpoch && batch == stopBatch ? Action.STOP : Action.CONTINUE;
            }

            @Override
            public Action onEpochEnd(EpochResult result) {
                return result.epoch() == stopEpoch && stopBatch == 0 ? Action.STOP : Action.CONTINUE;
            }
        };
    }

    @Test
    void aRunThatTrainsEveryEpochIsCompletedAndKeepsTheLastEpoch() {
        DMatrixRMaj[] d = blobs(40, 1);
        History h = fitNet(1, FOUR_EPOCHS, d[0], d[1]);
        assertEquals(StopReason.COMPLETED, h.stopReason());
        assertFalse(h.stoppedEarly());
        assertEquals(List.of(4, 0, 4), List.of(h.stopEpoch(), h.stopBatch(), h.keptEpoch()));
        assertEquals(h.last(), h.kept());
        assertEquals("completed after epoch 4", h.message());
    }

    @Test
    void aListenerStopAfterABatchNamesEpochAndBatchAndKeepsTheLastCompletedEpoch() {
        DMatrixRMaj[] d = blobs(40, 1);
        History h = fitNet(1, FOUR_EPOCHS, d[0], d[1], stopAt(3, 2));
        assertEquals(StopReason.LISTENER, h.stopReason());
        assertTrue(h.stoppedEarly());
        assertEquals(List.of(3, 2, 2), List.of(h.stopEpoch(), h.stopBatch(), h.keptEpoch()));
        assertEquals("stopped by a listener after epoch 3, batch 2", h.message());
    }

    @Test
    void aListenerStopAfterAnEpochHasNoBatch() {
        DMatrixRMaj[] d = blobs(40, 1);
        History h = fitNet(1, FOUR_EPOCHS, d[0], d[1], stopAt(2, 0));
        assertEquals(StopReason.LISTENER, h.stopReason());
        assertEquals(List.of(2, 0, 2), List.of(h.stopEpoch(), h.stopBatch(), h.keptEpoch()));
        assertEquals("stopped by a listener after epoch 2", h.message());
    }

    @Test
    void anInterruptBeforeAnyEpochCompletedKeepsNoEpoch() {
        DMatrixRMaj[] d = blobs(40, 1);
        Thread.currentThread().interrupt();
        History h;
        try {
            h = fitNet(1, FOUR_EPOCHS, d[0], d[1]);
        } finally {
            assertTrue(Thread.interrupted());
        }
        assertEquals(StopReason.INTERRUPTED, h.stopReason());
        assertEquals(List.of(1, 1, 0), List.of(h.stopEpoch(), h.stopBatch(), h.keptEpoch()));
        assertNull(h.kept());
        assertEquals("interrupted after epoch 1, batch 1", h.message());
    }

    /** Blobs to train on, and validation rows whose labels are noise: the validation loss soon stops falling. */
    private static DMatrixRMaj[] noisyValidation() {
        DMatrixRMaj[] train = blobs(100, 4);
        DMatrixRMaj[] val = blobs(40, 5);
        NumpyRandom noise = new NumpyRandom(8);
        for (int r = 0; r < 40; r++) {
            int c = noise.nextInt(1);
            val[1].set(r, c, 1);
            val[1].set(r, 1 - c, 0);
        }
        return new DMatrixRMaj[] {train[0], train[1], val[0], val[1]};
    }

    private static History earlyStopped(EarlyStopping rule, int epochs, Network net, NumpyRandom random,
                                        List<double[]> weightsPerEpoch) {
        DMatrixRMaj[] d = noisyValidation();
        TrainingConfig config = TrainingConfig.builder().epochs(epochs).batchSize(10).learningRate(0.5)
                .earlyStopping(rule).build();
        TrainingListener snapshot = new TrainingListener() {
            @Override
            public Action onEpochEnd(EpochResult result) {
                weightsPerEpoch.add(net.layer(0).weights().data.clone());
                return Action.CONTINUE;
            }
        };
        return new Trainer(config).fit(net, random, d[0], d[1], d[2], d[3], snapshot);
    }

    /** The first epoch with the lowest validation loss. */
    private static int bestEpoch(History h) {
        EpochResult best = h.epochs().get(0);
        for (EpochResult r : h.epochs()) {
            if (r.validationLoss() < best.validationLoss()) {
                best = r;
            }
        }
        return best.epoch();
    }

    @Test
    void earlyStoppingWithRestoreKeepsAndRestoresTheBestEpoch() {
        NumpyRandom random = new NumpyRandom(1);
        Network net = net(random);
        List<double[]> weights = new java.util.ArrayList<>();
        History h = earlyStopped(new EarlyStopping(3, 0, true), 200, net, random, weights);
        int best = bestEpoch(h);
        assertEquals(StopReason.EARLY_STOPPING, h.stopReason());
        assertEquals(List.of(best + 3, 0, best, best), List.of(h.stopEpoch(), h.stopBatch(), h.bestEpoch(), h.keptEpoch()));
        assertTrue(h.bestRestored());
        assertEquals(best, h.kept().epoch());
        assertArrayEquals(weights.get(best - 1), net.layer(0).weights().data, 0.0);
        assertEquals("early stopping after epoch " + (best + 3) + ": no improvement over 3 epochs since epoch "
                + best + "; weights of epoch " + best + " restored", h.message());
    }

    @Test
    void earlyStoppingWithoutRestoreKeepsTheLastEpoch() {
        NumpyRandom random = new NumpyRandom(1);
        Network net = net(random);
        List<double[]> weights = new java.util.ArrayList<>();
        History h = earlyStopped(new EarlyStopping(3, 0, false), 200, net, random, weights);
        int best = bestEpoch(h);
        assertEquals(StopReason.EARLY_STOPPING, h.stopReason());
        assertFalse(h.bestRestored());
        assertEquals(List.of(best + 3, best, best + 3), List.of(h.stopEpoch(), h.bestEpoch(), h.keptEpoch()));
        assertArrayEquals(weights.get(weights.size() - 1), net.layer(0).weights().data, 0.0);
        assertEquals("early stopping after epoch " + (best + 3) + ": no improvement over 3 epochs since epoch "
                + best, h.message());
    }

    /** Patience that never runs out still restores the best epoch when asked: the run completes, keeping it. */
    @Test
    void aCompletedRunUnderEarlyStoppingWithRestoreKeepsTheBestEpoch() {
        NumpyRandom random = new NumpyRandom(1);
        Network net = net(random);
        List<double[]> weights = new java.util.ArrayList<>();
        History h = earlyStopped(new EarlyStopping(100, 0, true), 12, net, random, weights);
        int best = bestEpoch(h);
        assertTrue(best < 12, "the set-up must make an earlier epoch the best: " + h);
        assertEquals(StopReason.COMPLETED, h.stopReason());
        assertEquals(List.of(12, best, best), List.of(h.stopEpoch(), h.bestEpoch(), h.keptEpoch()));
        assertArrayEquals(weights.get(best - 1), net.layer(0).weights().data, 0.0);
    }
}
