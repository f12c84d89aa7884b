package dev.mlp.train;

import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.MatrixType;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import static dev.mlp.testing.Refusals.assertRefused;
import static dev.mlp.train.TrainerTest.blobs;
import static dev.mlp.train.TrainerTest.net;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The {@link SimpleMatrix} forms of {@code fit} are their {@link DMatrixRMaj} forms: the same
 * weights and history for the same seed, the very matrices handed to the gradients, and a matrix of
 * another type refused by name.
 */
class SimpleMatrixTrainingTest {

    private static final TrainingConfig CONFIG = TrainingConfig.builder().epochs(3).batchSize(5)
            .learningRate(0.2).optimizer(new dev.mlp.optim.Adam()).build();
    private static final TrainingConfig SPLITTING = CONFIG.toBuilder().validationFraction(0.25).build();

    private static final DMatrixRMaj[] TRAIN = blobs(24, 2);
    private static final DMatrixRMaj[] VALIDATION = blobs(10, 3);

    private static SimpleMatrix simple(DMatrixRMaj m) {
        return SimpleMatrix.wrap(m);
    }

    @Test
    void everyFitOfSimpleMatricesGivesTheBitsOfItsDMatrixRMajForm() {
        DMatrixRMaj x = TRAIN[0];
        DMatrixRMaj y = TRAIN[1];
        DMatrixRMaj xVal = VALIDATION[0];
        DMatrixRMaj yVal = VALIDATION[1];
        assertSameTraining((net, r) -> new Trainer(SPLITTING).fit(net, r, x, y),
                (net, r) -> new Trainer(SPLITTING).fit(net, r, simple(x), simple(y)));
        assertSameTraining((net, r) -> new Trainer(CONFIG).fit(net, r, x, y, xVal, yVal),
                (net, r) -> new Trainer(CONFIG).fit(net, r, simple(x), simple(y), simple(xVal), simple(yVal)));
        assertSameTraining((net, r) -> {
            TrainingSession session = new Trainer(SPLITTING).session(net, r);
            session.fit(x, y);
            return session.fit(x, y, xVal, yVal);
        }, (net, r) -> {
            TrainingSession session = new Trainer(SPLITTING).session(net, r);
            session.fit(simple(x), simple(y));
            return session.fit(simple(x), simple(y), simple(xVal), simple(yVal));
        });
    }

    /** Trains a fresh network from the same seed both ways; the histories and every parameter agree to the bit. */
    private static void assertSameTraining(BiFunction<Network, NumpyRandom, History> dense,
                                           BiFunction<Network, NumpyRandom, History> simple) {
        NumpyRandom denseRandom = new NumpyRandom(8);
        Network denseNet = net(denseRandom);
        History expected = dense.apply(denseNet, denseRandom);
        NumpyRandom simpleRandom = new NumpyRandom(8);
        Network simpleNet = net(simpleRandom);
        History got = simple.apply(simpleNet, simpleRandom);

        assertEquals(expected.epochs(), got.epochs());
        for (int l = 0; l < denseNet.layers().size(); l++) {
            assertArrayEquals(denseNet.layer(l).weights().data, simpleNet.layer(l).weights().data, 0.0);
            assertArrayEquals(denseNet.layer(l).bias().data, simpleNet.layer(l).bias().data, 0.0);
        }
    }

    /** The gradient source sees the DMatrixRMaj each SimpleMatrix wraps: nothing was copied on the way. */
    @Test
    void fittingSimpleMatricesTrainsOnTheMatricesTheyWrap() {
        SimpleMatrix x = simple(TRAIN[0]);
        SimpleMatrix y = simple(TRAIN[1]);
        NumpyRandom random = new NumpyRandom(8);
        Network network = net(random);
        List<GradientSourceTest.Recording> made = new ArrayList<>();
        TrainingSession session = new Trainer(CONFIG).session(network, random, maxRows -> {
            GradientSourceTest.Recording r = new GradientSourceTest.Recording(network, maxRows, CONFIG);
            made.add(r);
            return r;
        });

        session.fit(x, y);
        assertSame(x.getDDRM(), made.get(0).lastX);
        assertSame(y.getDDRM(), made.get(0).lastY);
        SimpleMatrix more = simple(TRAIN[0].copy());
        session.fit(more, y, simple(VALIDATION[0]), simple(VALIDATION[1]));
        assertSame(more.getDDRM(), made.get(0).lastX);
    }

    @Test
    void aSimpleMatrixOfAnotherTypeOrNullIsRefusedByName() {
        SimpleMatrix x = simple(TRAIN[0]);
        SimpleMatrix y = simple(TRAIN[1]);
        SimpleMatrix floats = new SimpleMatrix(24, 2, MatrixType.FDRM);
        SimpleMatrix sparse = new SimpleMatrix(10, 4, MatrixType.DSCC);
        Trainer trainer = new Trainer(CONFIG);
        NumpyRandom random = new NumpyRandom(8);
        Network network = net(random);

        assertRefused(() -> trainer.fit(network, random, x, floats),
                "y must be a SimpleMatrix of dense doubles (MatrixType.DDRM), got FDRM");
        assertRefused(() -> trainer.fit(network, random, x, y, sparse, y),
                "xVal must be a SimpleMatrix of dense doubles (MatrixType.DDRM), got DSCC");
        assertRefused(() -> trainer.session(network, random).fit(x, y, x, floats), "yVal", "got FDRM");
        assertRefused(() -> trainer.session(network, random).fit(null, y), "x must not be null");
        assertRefused(() -> trainer.fit(network, random, x, (SimpleMatrix) null), "y must not be null");
    }
}
