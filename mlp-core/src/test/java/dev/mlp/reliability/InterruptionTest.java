package dev.mlp.reliability;

import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Softmax;
import dev.mlp.loss.MeanSquaredError;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.model.Network;
import dev.mlp.optim.Adam;
import dev.mlp.optim.Momentum;
import dev.mlp.optim.Optimizer;
import dev.mlp.optim.Sgd;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.EpochResult;
import dev.mlp.train.History;
import dev.mlp.train.StopReason;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;
import dev.mlp.train.TrainingListener;
import dev.mlp.train.TrainingSession;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A listener that returns STOP, or an interrupt of the training thread, ends training at the
 * boundary of the batch it happened in: the network holds exactly the weights after that batch
 * (those of an uninterrupted run at the same point, bit for bit), the history holds the epochs
 * completed before it, and the stop reason names the epoch and batch.
 */
class InterruptionTest {

    static final int STOP_CASES = 40;

    /** One random training set-up, reproducible from its case number. */
    private record Setup(Network network, NumpyRandom random, DMatrixRMaj x, DMatrixRMaj y, TrainingConfig config, int batches) {

        static Setup draw(int i) {
            Gen g = new Gen(90_000 + i);
            int[] sizes = g.sizes();
            int out = Math.max(2, sizes[sizes.length - 1]);
            sizes[sizes.length - 1] = out;
            boolean softmax = g.random.nextBoolean();
            Network net = g.network(sizes, softmax ? new Softmax() : new Sigmoid(), i);
            int rows = g.between(10, 60);
            int batch = g.between(1, rows / 2);
            Optimizer optimizer = g.pick(List.<Optimizer>of(new Sgd(), new Momentum(0.9), new Adam()));
            TrainingConfig config = TrainingConfig.builder().epochs(g.between(2, 5)).batchSize(batch)
                    .learningRate(0.05).optimizer(optimizer)
                    .loss(softmax ? new SoftmaxCrossEntropy() : new MeanSquaredError()).build();
            return new Setup(net, new NumpyRandom(i), g.matrix(rows, sizes[0]), g.oneHot(rows, out), config, rows / batch);
        }
    }

    /** Records the weights after batch (epoch, batch) of an uninterrupted run, and all epochs. */
    private static final class Snapshot implements TrainingListener {
        final Network network;
        final int epoch;
        final int batch;
        double[] weights;

        Snapshot(Network network, int epoch, int batch) {
            this.network = network;
            this.epoch = epoch;
            this.batch = batch;
        }

        @Override
        public Action onBatchEnd(int e, int b, double loss) {
            if (e == epoch && b == batch) {
                weights = Gen.parameters(network);
            }
            return Action.CONTINUE;
        }
    }

    static Stream<Integer> stopCases() {
        return IntStream.range(0, STOP_CASES).boxed();
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("stopCases")
    void aListenerStopEndsTrainingAtThatBatchWithConsistentWeightsAndHistory(int i) {
        Setup reference = Setup.draw(i);
        Setup stopped = Setup.draw(i);
        Gen g = new Gen(91_000 + i);
        int stopEpoch = g.between(1, reference.config().epochs());
        int stopBatch = g.between(1, reference.batches());

        Snapshot snapshot = new Snapshot(reference.network(), stopEpoch, stopBatch);
        History full = new Trainer(reference.config()).fit(reference.network(), reference.random(), reference.x(), reference.y(), snapshot);

        TrainingListener stopper = new TrainingListener() {
            @Override
            public Action onBatchEnd(int epoch, int batch, double batchLoss) {
                return epoch == stopEpoch && batch == stopBatch ? Action.STOP : Action.CONTINUE;
            }
        };
        History h = new Trainer(stopped.config()).fit(stopped.network(), stopped.random(), stopped.x(), stopped.y(), stopper);

        assertEquals(StopReason.LISTENER, h.stopReason(), h.toString());
        assertEquals(List.of(stopEpoch, stopBatch), List.of(h.stopEpoch(), h.stopBatch()));
        assertTrue(h.message().contains("epoch " + stopEpoch + ", batch " + stopBatch), h.message());
        assertArrayEquals(snapshot.weights, Gen.parameters(stopped.network()), 0.0, "weights after the stop");
        assertEquals(full.epochs().subList(0, stopEpoch - 1), h.epochs(), "the completed epochs, and only those");
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("stopCases")
    void anInterruptDuringABatchEndsTrainingAtThatBatchAndKeepsTheFlag(int i) {
        Setup reference = Setup.draw(i);
        Setup interrupted = Setup.draw(i);
        Gen g = new Gen(92_000 + i);
        int stopEpoch = g.between(1, reference.config().epochs());
        int stopBatch = g.between(1, reference.batches());

        Snapshot snapshot = new Snapshot(reference.network(), stopEpoch, stopBatch);
        History full = new Trainer(reference.config()).fit(reference.network(), reference.random(), reference.x(), reference.y(), snapshot);

        TrainingListener interrupter = new TrainingListener() {
            @Override
            public Action onBatchEnd(int epoch, int batch, double batchLoss) {
                if (epoch == stopEpoch && batch == stopBatch) {
                    Thread.currentThread().interrupt();
                }
                return Action.CONTINUE;
            }
        };
        History h;
        try {
            h = new Trainer(interrupted.config()).fit(interrupted.network(), interrupted.random(), interrupted.x(), interrupted.y(), interrupter);
        } finally {
            assertTrue(Thread.interrupted(), "training must leave the thread's interrupt flag set");
        }
        assertEquals(StopReason.INTERRUPTED, h.stopReason(), h.toString());
        assertEquals(List.of(stopEpoch, stopBatch), List.of(h.stopEpoch(), h.stopBatch()));
        assertTrue(h.message().contains("interrupted after epoch " + stopEpoch + ", batch " + stopBatch), h.message());
        assertArrayEquals(snapshot.weights, Gen.parameters(interrupted.network()), 0.0, "weights after the interrupt");
        assertEquals(full.epochs().subList(0, stopEpoch - 1), h.epochs());
    }

    /** Another thread interrupts the training thread; training ends cleanly after the batch it was in. */
    @Test
    void anInterruptFromAnotherThreadEndsTrainingCleanlyAtABatchBoundary() throws Exception {
        Setup setup = Setup.draw(1234);
        TrainingConfig forever = setup.config().toBuilder().epochs(1_000_000).build();
        CountDownLatch running = new CountDownLatch(1);
        double[][] lastWeights = new double[1][];
        int[] lastBatch = new int[2];
        TrainingListener listener = new TrainingListener() {
            @Override
            public Action onBatchEnd(int epoch, int batch, double batchLoss) {
                lastWeights[0] = Gen.parameters(setup.network());
                lastBatch[0] = epoch;
                lastBatch[1] = batch;
                if (epoch == 2 && batch == 1) {
                    running.countDown();
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.onSpinWait();
                    }
                }
                return Action.CONTINUE;
            }
        };
        AtomicReference<History> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread trainer = new Thread(() -> {
            try {
                result.set(new Trainer(forever).fit(setup.network(), setup.random(), setup.x(), setup.y(), listener));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "training");
        trainer.start();
        running.await();
        trainer.interrupt();
        trainer.join(TimeUnit.MINUTES.toMillis(5));
        assertFalse(trainer.isAlive(), "training did not end after the interrupt");
        assertNull(failure.get(), () -> "training failed: " + failure.get());
        History h = result.get();
        assertEquals(StopReason.INTERRUPTED, h.stopReason(), h.toString());
        assertEquals(List.of(2, 1), List.of(h.stopEpoch(), h.stopBatch()));
        assertEquals(1, h.epochs().size());
        assertEquals(2, lastBatch[0]);
        assertEquals(1, lastBatch[1]);
        assertArrayEquals(lastWeights[0], Gen.parameters(setup.network()), 0.0);
        assertTrue(Gen.allFinite(setup.network()));
    }

    /** After a stop, the same session continues from the consistent state: epochs keep counting. */
    @Test
    void aSessionStoppedMidEpochContinuesWithContiguousEpochNumbers() {
        Setup setup = Setup.draw(4321);
        TrainingSession session = new Trainer(setup.config()).session(setup.network(), setup.random());
        History first = session.fit(setup.x(), setup.y(), new TrainingListener() {
            @Override
            public Action onBatchEnd(int epoch, int batch, double batchLoss) {
                return epoch == 2 && batch == 1 ? Action.STOP : Action.CONTINUE;
            }
        });
        assertEquals(1, first.epochs().size());
        History second = session.fit(setup.x(), setup.y());
        assertFalse(second.stoppedEarly());
        List<EpochResult> all = session.history();
        for (int k = 0; k < all.size(); k++) {
            assertEquals(k + 1, all.get(k).epoch());
        }
        assertEquals(1 + setup.config().epochs(), all.size());
        assertTrue(Gen.allFinite(setup.network()));
    }
}
