package dev.mlp.train;

import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.mlp.train.TrainerTest.blobs;
import static dev.mlp.train.TrainerTest.net;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The training loop runs on any {@link GradientSource}, not only the built-in backprop. */
class GradientSourceTest {

    /**
     * Another source: hands each batch to a backprop of its own and records the batch's rows and
     * the matrices it was handed (SimpleMatrixTrainingTest uses it too).
     */
    static final class Recording implements GradientSource {
        final GradientSource inner;
        final List<Integer> batchRows = new ArrayList<>();
        DMatrixRMaj lastX;
        DMatrixRMaj lastY;
        /** The rows it holds itself, used when the loop hands it null matrices (fitHeldRows). */
        DMatrixRMaj heldX;
        DMatrixRMaj heldY;

        Recording(Network network, int maxRows, TrainingConfig config) {
            inner = new BackpropGradients(new Backprop(network, maxRows), config.loss(), config.gradientRule());
        }

        @Override
        public DMatrixRMaj[] parameters() {
            return inner.parameters();
        }

        @Override
        public boolean[] weightDecayMask() {
            return inner.weightDecayMask();
        }

        @Override
        public DMatrixRMaj[] gradientBuffers() {
            return inner.gradientBuffers();
        }

        @Override
        public double gradients(DMatrixRMaj x, DMatrixRMaj y, int[] order, int from, int to) {
            batchRows.add(to - from);
            lastX = x;
            lastY = y;
            return x == null ? inner.gradients(heldX, heldY, order, from, to) : inner.gradients(x, y, order, from, to);
        }

        @Override
        public boolean gradientsFinite() {
            return inner.gradientsFinite();
        }
    }

    @Test
    void aSessionOnAnotherGradientSourceRunsTheSameLoopToTheSameWeights() {
        DMatrixRMaj[] d = blobs(23, 2);
        TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(5).learningRate(0.2)
                .dropLastPartialBatch(false).l2(1e-3).clipNorm(2).optimizer(new dev.mlp.optim.Adam()).build();

        NumpyRandom builtInRandom = new NumpyRandom(3);
        Network builtIn = net(builtInRandom);
        History expected = new Trainer(config).session(builtIn, builtInRandom).fit(d[0], d[1]);

        NumpyRandom otherRandom = new NumpyRandom(3);
        Network other = net(otherRandom);
        List<Recording> made = new ArrayList<>();
        TrainingSession session = new Trainer(config).session(other, otherRandom, maxRows -> {
            Recording r = new Recording(other, maxRows, config);
            made.add(r);
            return r;
        });
        History got = session.fit(d[0], d[1]);

        assertEquals(expected.epochs(), got.epochs());
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(builtIn.layer(l).weights().data, other.layer(l).weights().data, 0.0);
        }
        assertEquals(1, made.size(), "one source per session");
        assertEquals(List.of(5, 5, 5, 5, 3, 5, 5, 5, 5, 3, 5, 5, 5, 5, 3), made.get(0).batchRows);
    }

    /** A source that holds its rows: the loop hands it null matrices and its own row numbers. */
    @Test
    void rowsHeldByTheSourceTrainAsTheSameRowsHandedToFit() {
        DMatrixRMaj[] d = blobs(23, 2);
        DMatrixRMaj[] val = blobs(7, 5);
        TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(5).learningRate(0.2)
                .dropLastPartialBatch(false).optimizer(new dev.mlp.optim.Adam()).build();

        NumpyRandom builtInRandom = new NumpyRandom(3);
        Network builtIn = net(builtInRandom);
        History expected = new Trainer(config).session(builtIn, builtInRandom).fit(d[0], d[1], val[0], val[1]);

        NumpyRandom heldRandom = new NumpyRandom(3);
        Network held = net(heldRandom);
        List<Recording> made = new ArrayList<>();
        TrainingSession session = new Trainer(config).session(held, heldRandom, maxRows -> {
            Recording r = new Recording(held, maxRows, config);
            r.heldX = d[0];
            r.heldY = d[1];
            made.add(r);
            return r;
        });
        History got = session.fitHeldRows(23, val[0], val[1]);

        assertEquals(expected.epochs(), got.epochs());
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(builtIn.layer(l).weights().data, held.layer(l).weights().data, 0.0);
        }
        assertEquals(null, made.get(0).lastX, "held rows: the loop hands over no matrices");
    }

    @Test
    void heldRowsRefuseAValidationFractionAndTooFewRows() {
        NumpyRandom random = new NumpyRandom(3);
        Network network = net(random);
        TrainingConfig split = TrainingConfig.builder().batchSize(5).validationFraction(0.2).build();
        GradientSource.Factory none = maxRows -> {
            throw new AssertionError("no source is made before the checks");
        };
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Trainer(split).session(network, random, none).fitHeldRows(23));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("validationFraction"), e.getMessage());
        TrainingConfig plain = TrainingConfig.builder().batchSize(5).build();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Trainer(plain).session(network, random, none).fitHeldRows(4));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Trainer(plain).session(network, random, none).fitHeldRows(0));
    }

    /** A checkpoint: the weights, the random source and the optimizer's state carry a run on exactly. */
    @Test
    void aSessionResumedFromTheOptimizerStateContinuesTheSameRun() {
        DMatrixRMaj[] d = blobs(23, 2);
        TrainingConfig config = TrainingConfig.builder().epochs(1).batchSize(5).learningRate(0.2)
                .optimizer(new dev.mlp.optim.Adam()).build();
        NumpyRandom straightRandom = new NumpyRandom(3);
        Network straight = net(straightRandom);
        TrainingSession one = new Trainer(config).session(straight, straightRandom);
        one.fit(d[0], d[1]);
        one.fit(d[0], d[1]);

        NumpyRandom random = new NumpyRandom(3);
        Network resumed = net(random);
        TrainingSession before = new Trainer(config).session(resumed, random);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, before::optimizerState);
        before.fit(d[0], d[1]);
        TrainingSession after = new Trainer(config).session(resumed, random);
        after.restoreOptimizerState(before.optimizerState());
        after.fit(d[0], d[1]);
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(straight.layer(l).weights().data, resumed.layer(l).weights().data, 0.0);
        }
    }
}
