package dev.mlp.train;

import dev.mlp.activation.Activation;
import dev.mlp.activation.Identity;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import dev.mlp.linalg.Backend;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.mlp.train.TrainerTest.blobs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training and prediction from other threads refuse each other with a clear error, never mix. */
class TrainingAndPredictionExclusionTest {

    @Test
    void predictingFromAnotherThreadWhileTrainingIsRefusedButTheTrainingThreadMayPredict() throws Exception {
        DMatrixRMaj[] d = blobs(40, 1);
        Network net = Network.of(new int[] {4, 6, 2}, List.of(new ReLU(), new Sigmoid()), new NumpyRandom(1));
        CountDownLatch inTraining = new CountDownLatch(1);
        CountDownLatch triedToPredict = new CountDownLatch(1);
        AtomicReference<DMatrixRMaj> fromListener = new AtomicReference<>();
        TrainingListener pause = new TrainingListener() {
            @Override
            public Action onBatchEnd(int epoch, int batch, double batchLoss) {
                if (epoch == 1 && batch == 1) {
                    fromListener.set(net.predict(d[0]));
                    inTraining.countDown();
                    await(triedToPredict);
                }
                return Action.CONTINUE;
            }
        };
        TrainingConfig config = TrainingConfig.builder().epochs(2).batchSize(10).learningRate(0.1).build();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<History> training = pool.submit(() -> new Trainer(config).fit(net, new NumpyRandom(1), d[0], d[1], pause));
            assertTrue(inTraining.await(30, TimeUnit.SECONDS));
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> net.predict(d[0]));
            assertTrue(refused.getMessage().contains("another thread trains"), refused.getMessage());
            triedToPredict.countDown();
            assertEquals(2, training.get(30, TimeUnit.SECONDS).epochs().size());
        } finally {
            triedToPredict.countDown();
            pool.shutdownNow();
        }
        assertNotNull(fromListener.get(), "the training thread's own listener predicted");
        assertEquals(40, net.predict(d[0]).numRows, "prediction works again once fit has returned");
    }

    @Test
    void trainingWhileAnotherThreadPredictsIsRefused() throws Exception {
        CountDownLatch predicting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Activation slow = new Activation() {
            private final Identity identity = new Identity();

            @Override
            public String name() {
                return "slow_identity";
            }

            @Override
            public void forward(DMatrixRMaj z, DMatrixRMaj a, Backend backend) {
                if (z.numRows == 3) {
                    predicting.countDown();
                    await(release);
                }
                identity.forward(z, a, backend);
            }

            @Override
            public void backward(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj grad) {
                identity.backward(z, a, grad);
            }
        };
        Network net = Network.of(new int[] {4, 2}, List.of(slow), new NumpyRandom(1));
        DMatrixRMaj[] d = blobs(40, 1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<DMatrixRMaj> prediction = pool.submit(() -> net.predict(new DMatrixRMaj(3, 4)));
            assertTrue(predicting.await(30, TimeUnit.SECONDS));
            TrainingConfig config = TrainingConfig.builder().epochs(1).batchSize(10).learningRate(0.1).build();
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> new Trainer(config).fit(net, new NumpyRandom(1), d[0], d[1]));
            assertTrue(refused.getMessage().contains("other threads predict"), refused.getMessage());
            release.countDown();
            assertEquals(3, prediction.get(30, TimeUnit.SECONDS).numRows);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        TrainingConfig config = TrainingConfig.builder().epochs(1).batchSize(10).learningRate(0.1).build();
        assertEquals(1, new Trainer(config).fit(net, new NumpyRandom(1), d[0], d[1]).epochs().size(), "training works once it has returned");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
