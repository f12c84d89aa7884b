package dev.mlp.train;

import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.linalg.Backend;
import dev.mlp.linalg.Backends;
import dev.mlp.loss.BinaryCrossEntropy;
import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backend a configuration or a prediction names governs every operation: the products, the
 * sigmoid and the finite checks all go through it, never through a default bound elsewhere.
 */
class BackendChoiceTest {

    /** Counts what reaches it, and computes with the blocked backend. */
    private static final class Counting implements Backend {
        private final Backend inner = Backends.byName("blocked", 1);
        int products;
        int sigmoids;
        int finiteChecks;

        @Override
        public void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
            products++;
            inner.mult(a, b, c);
        }

        @Override
        public void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
            products++;
            inner.multTransA(a, b, c);
        }

        @Override
        public void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
            products++;
            inner.multTransB(a, b, c);
        }

        @Override
        public void sigmoid(double[] in, double[] out, int n) {
            sigmoids++;
            inner.sigmoid(in, out, n);
        }

        @Override
        public boolean allFinite(double[] data, int n) {
            finiteChecks++;
            return inner.allFinite(data, n);
        }

        @Override
        public String name() {
            return "counting";
        }
    }

    /** A 3-5-2 network trained 2 epochs of 3 batches on {@code backend}, validated on its rows if asked. */
    private static Network train(Counting backend, boolean validate) {
        NumpyRandom random = new NumpyRandom(4);
        Network net = Network.of(new int[] {3, 5, 2}, List.of(new ReLU(), new Sigmoid()), random);
        DMatrixRMaj x = random.randn(12, 3);
        DMatrixRMaj y = new DMatrixRMaj(12, 2);
        for (int r = 0; r < 12; r++) {
            y.set(r, x.get(r, 0) > 0 ? 0 : 1, 1.0);
        }
        TrainingConfig config = TrainingConfig.builder().epochs(2).batchSize(4)
                .loss(new BinaryCrossEntropy()).backend(backend).build();
        if (validate) {
            new Trainer(config).fit(net, random, x, y, x, y);
        } else {
            new Trainer(config).fit(net, random, x, y);
        }
        return net;
    }

    @Test
    void theConfiguredBackendComputesEveryOperationOfTrainingAndPrediction() {
        Counting backend = new Counting();
        Network net = train(backend, false);
        // 3 batches × 2 epochs: forward 2 products and 1 sigmoid each; backward 3 products; the
        // four gradient matrices checked per batch, then the weights once after the last step
        assertEquals(6 * 5, backend.products);
        assertEquals(6, backend.sigmoids);
        assertTrue(backend.finiteChecks >= 6 * 4, "finite checks: " + backend.finiteChecks);

        Counting predicting = new Counting();
        net.predict(new NumpyRandom(9).randn(12, 3), predicting);
        assertEquals(2, predicting.products);
        assertEquals(1, predicting.sigmoids);
    }

    /** The validation pass after each epoch is computed by the configured backend too. */
    @Test
    void theConfiguredBackendComputesTheValidationPass() {
        Counting backend = new Counting();
        train(backend, true);
        // as above, plus one validation pass (2 products, 1 sigmoid) after each of the 2 epochs
        assertEquals(6 * 5 + 2 * 2, backend.products);
        assertEquals(6 + 2, backend.sigmoids);
    }

    @Test
    void aNullBackendIsRefusedWhereItIsGiven() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.builder().backend(null));
        assertTrue(e.getMessage().contains("backend must not be null"), e.getMessage());
        Network net = Network.of(new int[] {2, 2}, List.of(new Sigmoid()), new NumpyRandom(1));
        e = assertThrows(IllegalArgumentException.class, () -> net.predict(new DMatrixRMaj(1, 2), null));
        assertTrue(e.getMessage().contains("backend must not be null"), e.getMessage());
    }
}
