package dev.mlp.spark;

import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.History;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Local SGD: deterministic for a seed and P; with one partition, Trainer itself (the optimizer state round-trips exactly). */
class LocalSgdTest {

    private static final int ROWS = 1000;
    private static Digits64 digits;
    private static Dataset<Row> train;

    @BeforeAll
    static void data() {
        digits = new Digits64();
        train = digits.frame(LocalSpark.session(), 0, ROWS);
    }

    private static Network fit(TrainingConfig config, SparkTraining distribution, History[] history) {
        NumpyRandom random = Digits64.random();
        Network network = Digits64.network(random);
        history[0] = new SparkTrainer(config, distribution).fit(network, random, train, "features", "label");
        return network;
    }

    @Test
    void onePartitionAveragingEveryFourStepsIsTrainer() {
        TrainingConfig config = Digits64.config(2);
        History[] h = new History[1];
        Network local = fit(config, SparkTraining.localSgd(1, 4), h);
        NumpyRandom random = Digits64.random();
        Network single = Digits64.network(random);
        DMatrixRMaj x = digits.rows(digits.x, 0, ROWS);
        DMatrixRMaj y = digits.rows(digits.y, 0, ROWS);
        History expected = new Trainer(config).fit(single, random, x, y);
        assertArrayEquals(Digits64.parameters(single), Digits64.parameters(local), 0.0);
        assertEquals(expected.epochs(), h[0].epochs());
    }

    @Test
    void twoPartitionsRepeatAndLearn() {
        TrainingConfig config = Digits64.config(2);
        History[] first = new History[1];
        History[] second = new History[1];
        Network a = fit(config, SparkTraining.localSgd(2, 3), first);
        Network b = fit(config, SparkTraining.localSgd(2, 3), second);
        assertArrayEquals(Digits64.parameters(a), Digits64.parameters(b), 0.0);
        assertEquals(first[0], second[0]);
        assertTrue(first[0].epochs().get(1).trainingLoss() < first[0].epochs().get(0).trainingLoss(), first[0].toString());
    }

    @Test
    void validationDataIsRefused() {
        NumpyRandom random = Digits64.random();
        assertThrows(IllegalArgumentException.class, () -> new SparkTrainer(Digits64.config(1),
                SparkTraining.localSgd(2, 3)).fit(Digits64.network(random), random, train, train, "features", "label"));
    }

    @Test
    void dropoutAndClassWeightsAreRefusedWithTheReason() {
        NumpyRandom random = Digits64.random();
        Network plain = Digits64.network(random);
        java.util.List<dev.mlp.model.DenseLayer> layers = new java.util.ArrayList<>();
        for (dev.mlp.model.DenseLayer layer : plain.layers()) {
            layers.add(layers.isEmpty() ? new dev.mlp.model.DenseLayer(layer.inputs(), layer.outputs(), layer.activation(), 0.2)
                    : layer);
        }
        Network dropping = Network.fromLayers(layers);
        for (SparkTraining mode : new SparkTraining[] {SparkTraining.localSgd(2, 3), SparkTraining.synchronous(2)}) {
            IllegalArgumentException dropout = assertThrows(IllegalArgumentException.class,
                    () -> new SparkTrainer(Digits64.config(1), mode).session(dropping, random));
            assertTrue(dropout.getMessage().contains("dropout is not supported on Spark"), dropout.getMessage());
            TrainingConfig weighted = Digits64.config(1).toBuilder()
                    .classWeights(dev.mlp.loss.ClassWeights.balanced()).build();
            IllegalArgumentException weights = assertThrows(IllegalArgumentException.class,
                    () -> new SparkTrainer(weighted, mode).session(plain, random));
            assertTrue(weights.getMessage().contains("class weights (balanced) are not supported"), weights.getMessage());
        }
    }
}
