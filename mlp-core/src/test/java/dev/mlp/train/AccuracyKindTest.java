package dev.mlp.train;

import dev.mlp.activation.Identity;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Softmax;
import dev.mlp.loss.BinaryCrossEntropy;
import dev.mlp.loss.Loss;
import dev.mlp.loss.MeanSquaredError;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.activation.Activation;
import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.mlp.train.TrainerTest.blobs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One meaning per name: the validation accuracy is the class accuracy for single-label targets
 * whatever the loss (binary cross-entropy on one-hot targets included), per-label accuracy only
 * for multi-label targets, and absent for regression outputs; each epoch says which.
 */
class AccuracyKindTest {

    private static EpochResult lastEpoch(Activation output, Loss loss, DMatrixRMaj x, DMatrixRMaj y,
                                         DMatrixRMaj xVal, DMatrixRMaj yVal) {
        NumpyRandom random = new NumpyRandom(4);
        Network net = Network.of(new int[] {x.numCols, 6, y.numCols}, List.of(new ReLU(), output), random);
        TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(10).learningRate(0.1).loss(loss).build();
        return new Trainer(config).fit(net, random, x, y, xVal, yVal).last();
    }

    /** The share of rows whose largest output is the target's class. */
    private static double classAccuracy(Network net, DMatrixRMaj x, DMatrixRMaj y) {
        int[] predicted = net.predictClass(x);
        int correct = 0;
        for (int r = 0; r < x.numRows; r++) {
            correct += y.get(r, predicted[r]) == 1 ? 1 : 0;
        }
        return (double) correct / x.numRows;
    }

    @Test
    void binaryCrossEntropyOnOneHotTargetsReportsTheClassAccuracy() {
        DMatrixRMaj[] train = blobs(60, 1);
        DMatrixRMaj[] val = blobs(30, 2);
        NumpyRandom random = new NumpyRandom(4);
        Network net = Network.of(new int[] {4, 6, 2}, List.of(new ReLU(), new Sigmoid()), random);
        TrainingConfig config = TrainingConfig.builder().epochs(2).batchSize(10).learningRate(0.05)
                .loss(new BinaryCrossEntropy()).build();
        EpochResult last = new Trainer(config).fit(net, random, train[0], train[1], val[0], val[1]).last();
        assertEquals(AccuracyKind.CLASS, last.accuracyKind());
        assertEquals(classAccuracy(net, val[0], val[1]), last.validationAccuracy(), 0.0);
    }

    @Test
    void softmaxAndSigmoidMseAreClassAccuracyToo() {
        DMatrixRMaj[] train = blobs(60, 1);
        DMatrixRMaj[] val = blobs(30, 2);
        assertEquals(AccuracyKind.CLASS,
                lastEpoch(new Softmax(), new SoftmaxCrossEntropy(), train[0], train[1], val[0], val[1]).accuracyKind());
        assertEquals(AccuracyKind.CLASS,
                lastEpoch(new Sigmoid(), new MeanSquaredError(), train[0], train[1], val[0], val[1]).accuracyKind());
    }

    @Test
    void multiLabelTargetsReportPerLabelAccuracy() {
        DMatrixRMaj[] train = blobs(60, 1);
        DMatrixRMaj[] val = blobs(30, 2);
        // a third label, on for every row of class 1 and for every fifth row: rows with 0 or 2 labels
        DMatrixRMaj y = labels(train[1]);
        DMatrixRMaj yVal = labels(val[1]);
        EpochResult last = lastEpoch(new Sigmoid(), new BinaryCrossEntropy(), train[0], y, val[0], yVal);
        assertEquals(AccuracyKind.PER_LABEL, last.accuracyKind());
        assertTrue(last.validationAccuracy() >= 0 && last.validationAccuracy() <= 1);
        assertEquals("per-label accuracy", last.accuracyKind().description());
    }

    private static DMatrixRMaj labels(DMatrixRMaj oneHot) {
        DMatrixRMaj y = new DMatrixRMaj(oneHot.numRows, 3);
        for (int r = 0; r < y.numRows; r++) {
            y.set(r, 0, oneHot.get(r, 0));
            y.set(r, 1, oneHot.get(r, 1));
            y.set(r, 2, oneHot.get(r, 1) == 1 || r % 5 == 0 ? 1 : 0);
        }
        return y;
    }

    @Test
    void regressionOutputsAndRunsWithoutValidationHaveNoAccuracy() {
        DMatrixRMaj[] train = blobs(60, 1);
        DMatrixRMaj[] val = blobs(30, 2);
        EpochResult regression = lastEpoch(new Identity(), new MeanSquaredError(), train[0], train[1], val[0], val[1]);
        assertEquals(AccuracyKind.NONE, regression.accuracyKind());
        assertTrue(Double.isNaN(regression.validationAccuracy()));
        EpochResult noValidation = TrainerTest.fitNet(1, TrainingConfig.builder().epochs(1).batchSize(10).build(),
                train[0], train[1]).last();
        assertEquals(AccuracyKind.NONE, noValidation.accuracyKind());
    }

    @Test
    void theKindMustFitTheNumber() {
        assertEquals(AccuracyKind.CLASS, new EpochResult(1, 0.5, 0.4, 0.9, 0.1, 3).accuracyKind());
        assertEquals(AccuracyKind.NONE, new EpochResult(1, 0.5, Double.NaN, Double.NaN, 0.1, 3).accuracyKind());
        assertThrows(IllegalArgumentException.class, () -> new EpochResult(1, 0.5, 0.4, 0.9, 0.1, 3, AccuracyKind.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> new EpochResult(1, 0.5, 0.4, Double.NaN, 0.1, 3, AccuracyKind.PER_LABEL));
        assertThrows(IllegalArgumentException.class, () -> new EpochResult(1, 0.5, 0.4, 0.9, 0.1, 3, null));
    }
}
