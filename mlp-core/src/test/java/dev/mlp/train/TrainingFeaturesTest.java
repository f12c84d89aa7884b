package dev.mlp.train;

import dev.mlp.activation.Identity;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.schedule.CosineDecay;
import dev.mlp.train.schedule.ExponentialDecay;
import dev.mlp.train.schedule.LearningRateSchedule;
import dev.mlp.train.schedule.ReduceOnPlateau;
import dev.mlp.train.schedule.StepDecay;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.mlp.train.TrainerTest.blobs;
import static dev.mlp.train.TrainerTest.fitNet;
import static dev.mlp.train.TrainerTest.net;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingFeaturesTest {

    private static EpochResult epoch(int e, double loss) {
        return new EpochResult(e, loss, Double.NaN, Double.NaN, 0.1, 1);
    }

    @Test
    void schedulesFollowTheirFormulas() {
        List<EpochResult> none = List.of();
        assertEquals(0.1, LearningRateSchedule.constant().rate(7, 0.1, none), 0.0);
        StepDecay step = new StepDecay(3, 0.5);
        assertEquals(0.1, step.rate(3, 0.1, none), 1e-15);
        assertEquals(0.05, step.rate(4, 0.1, none), 1e-15);
        assertEquals(0.025, step.rate(7, 0.1, none), 1e-15);
        assertEquals(0.1 * 0.9 * 0.9, new ExponentialDecay(0.9).rate(3, 0.1, none), 1e-15);
        CosineDecay cosine = new CosineDecay(10, 0.001);
        assertEquals(0.1, cosine.rate(1, 0.1, none), 1e-15);
        assertEquals(0.001 + 0.099 * 0.5, cosine.rate(6, 0.1, none), 1e-15);
        assertEquals(0.001, cosine.rate(11, 0.1, none), 1e-15);
    }

    @Test
    void reduceOnPlateauCutsTheRateAfterPatienceEpochsWithoutImprovement() {
        ReduceOnPlateau plateau = new ReduceOnPlateau(0.5, 2, 0.0, 0.01);
        List<EpochResult> h = new ArrayList<>();
        h.add(epoch(1, 1.0));
        h.add(epoch(2, 0.8));
        assertEquals(0.1, plateau.rate(3, 0.1, h), 1e-15);
        h.add(epoch(3, 0.9));
        assertEquals(0.1, plateau.rate(4, 0.1, h), 1e-15);
        h.add(epoch(4, 0.85));
        assertEquals(0.05, plateau.rate(5, 0.1, h), 1e-15);
        h.add(epoch(5, 0.81));
        h.add(epoch(6, 0.82));
        assertEquals(0.025, plateau.rate(7, 0.1, h), 1e-15);
        for (int e = 7; e < 20; e++) {
            h.add(epoch(e, 1));
        }
        assertEquals(0.01, plateau.rate(20, 0.1, h), 1e-15);
    }

    @Test
    void badHyperParametersAreRefusedByName() {
        assertThrows(IllegalArgumentException.class, () -> new StepDecay(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(1.5));
        assertThrows(IllegalArgumentException.class, () -> new CosineDecay(10, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ReduceOnPlateau(1, 2, 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(0, 0, true));
        assertTrue(e.getMessage().contains("patience"));
        e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().l2(-1).build());
        assertTrue(e.getMessage().contains("l2"));
        e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().clipNorm(Double.NaN).build());
        assertTrue(e.getMessage().contains("clipNorm"));
        e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().validationFraction(1).build());
        assertTrue(e.getMessage().contains("validationFraction"));
    }

    @Test
    void scheduledRateIsUsedAndRecordedPerEpoch() {
        DMatrixRMaj[] d = blobs(40, 1);
        TrainingConfig config = TrainingConfig.builder().epochs(4).batchSize(10).learningRate(0.2)
                .schedule(new StepDecay(2, 0.5)).build();
        History h = fitNet(1, config, d[0], d[1]);
        assertEquals(List.of(0.2, 0.2, 0.1, 0.1), h.epochs().stream().map(EpochResult::learningRate).toList());
    }

    @Test
    void validationFractionIsStratifiedAndReportedEveryEpoch() {
        DMatrixRMaj[] d = blobs(100, 2);
        TrainingConfig config = TrainingConfig.builder().epochs(5).batchSize(10).learningRate(0.5)
                .validationFraction(0.2).build();
        History h = fitNet(1, config, d[0], d[1]);
        for (EpochResult r : h.epochs()) {
            assertTrue(r.hasValidation());
            assertTrue(r.validationAccuracy() >= 0 && r.validationAccuracy() <= 1);
            // 80 training rows in batches of 10
            assertEquals(8, r.batches());
        }
        assertTrue(h.last().validationAccuracy() > 0.9, h.toString());
    }

    @Test
    void explicitValidationDataIsEvaluatedAfterEachEpoch() {
        DMatrixRMaj[] train = blobs(80, 2);
        DMatrixRMaj[] val = blobs(20, 3);
        NumpyRandom random = new NumpyRandom(1);
        Network net = net(random);
        TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(10).learningRate(0.5).build();
        History h = new Trainer(config).fit(net, random, train[0], train[1], val[0], val[1]);
        EpochResult last = h.last();
        dev.mlp.loss.MeanSquaredError mse = new dev.mlp.loss.MeanSquaredError();
        assertEquals(mse.loss(net.predict(val[0]), val[1]), last.validationLoss(), 0.0);
        assertThrows(IllegalArgumentException.class,
                () -> new Trainer(config).fit(net, random, train[0], train[1], val[0], new DMatrixRMaj(19, 2)));
    }

    @Test
    void l2AddsLambdaTimesTheWeightsToTheirGradientButNotToBiases() {
        Network net = Network.of(new int[] {1, 1}, List.of(new Identity()), new NumpyRandom(1));
        net.layer(0).weights().data[0] = 2;
        net.layer(0).bias().data[0] = 1;
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1}, {3}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{2}, {4}});
        // data gradient: dw = 10, db = 4 (see TrainerTest); L2 0.5 adds 0.5 · 2 = 1 to dw only
        TrainingConfig config = TrainingConfig.builder().epochs(1).batchSize(2).learningRate(0.1).l2(0.5).build();
        new Trainer(config).fit(net, new NumpyRandom(1), x, y);
        assertEquals(2 - 0.1 * 11, net.layer(0).weights().data[0], 1e-15);
        assertEquals(1 - 0.1 * 4, net.layer(0).bias().data[0], 1e-15);
    }

    @Test
    void clippingScalesTheGlobalGradientNormDownToTheLimit() {
        Network net = Network.of(new int[] {1, 1}, List.of(new Identity()), new NumpyRandom(1));
        net.layer(0).weights().data[0] = 2;
        net.layer(0).bias().data[0] = 1;
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1}, {3}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{2}, {4}});
        // gradient (10, 4) has norm sqrt(116); clipped to norm 1
        double norm = Math.sqrt(116);
        TrainingConfig config = TrainingConfig.builder().epochs(1).batchSize(2).learningRate(0.1).clipNorm(1).build();
        new Trainer(config).fit(net, new NumpyRandom(1), x, y);
        assertEquals(2 - 0.1 * 10 / norm, net.layer(0).weights().data[0], 1e-15);
        assertEquals(1 - 0.1 * 4 / norm, net.layer(0).bias().data[0], 1e-15);
    }

    @Test
    void aSessionContinuesTheEpochCountAndMatchesOneLongRun() {
        DMatrixRMaj[] d = blobs(60, 6);
        TrainingConfig three = TrainingConfig.builder().epochs(3).batchSize(10).learningRate(0.3)
                .optimizer(new dev.mlp.optim.Sgd()).build();
        NumpyRandom ra = new NumpyRandom(4);
        Network a = net(ra);
        TrainingSession session = new Trainer(three).session(a, ra);
        session.fit(d[0], d[1]);
        History second = session.fit(d[0], d[1]);
        assertEquals(List.of(4, 5, 6), second.epochs().stream().map(EpochResult::epoch).toList());
        assertEquals(6, session.history().size());

        NumpyRandom rb = new NumpyRandom(4);
        Network b = net(rb);
        new Trainer(three.toBuilder().epochs(6).build()).fit(b, rb, d[0], d[1]);
        assertArrayEquals(b.layer(0).weights().data, a.layer(0).weights().data, 0.0);
        assertFalse(second.stoppedEarly());
    }

    @Test
    void predictClassAndLabelsFollowTheOutputs() {
        Network net = Network.of(new int[] {2, 3}, List.of(new Sigmoid()), new NumpyRandom(1));
        net.layer(0).weights().data = new double[] {1, 0, -1, 0, 1, 0};
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{2, 0}, {0, 3}, {-1, -1}});
        assertArrayEquals(new int[] {0, 1, 2}, net.predictClass(x));
        boolean[][] labels = net.predictLabels(x, 0.5);
        assertArrayEquals(new boolean[] {true, true, false}, labels[0]);
        assertArrayEquals(new boolean[] {true, true, true}, labels[1]);
        assertThrows(IllegalArgumentException.class, () -> net.predictLabels(x, 1.0));
        Network relu = Network.of(new int[] {2, 3}, List.of(new ReLU()), new NumpyRandom(1));
        assertThrows(IllegalStateException.class, () -> relu.predictProba(x));
    }

    @Test
    void describeListsEveryHyperParameterForAModelFile() {
        TrainingConfig config = TrainingConfig.builder().epochs(7).batchSize(16).learningRate(0.005)
                .optimizer(new dev.mlp.optim.Adam()).schedule(new StepDecay(2, 0.5)).l2(1e-4)
                .earlyStopping(EarlyStopping.patience(3)).build();
        var d = config.describe();
        assertEquals(List.of("epochs", "batchSize", "learningRate", "loss", "optimizer", "gradientRule",
                "dropLastPartialBatch", "schedule", "l2", "clipNorm", "validationFraction", "earlyStopping", "classWeights"),
                List.copyOf(d.keySet()));
        assertEquals("7", d.get("epochs"));
        assertEquals("0.005", d.get("learningRate"));
        assertEquals("mse", d.get("loss"));
        assertTrue(d.get("optimizer").startsWith("adam("), d.get("optimizer"));
        assertTrue(d.get("schedule").contains("StepDecay"), d.get("schedule"));
        assertTrue(d.get("earlyStopping").contains("patience=3"), d.get("earlyStopping"));
    }
}
