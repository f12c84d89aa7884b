package dev.mlp.spark;

import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.History;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract of synchronous training, in local[2]: on the digits (64-32-10, Adam, batch 100, 3 epochs), one
 * partition gives Trainer's bits; three partitions give the same bits on every run, the in-process
 * oracle's bits, and Trainer's weights within rounding with the same accuracy.
 */
class SparkTrainerExactTest {

    private static Digits64 digits;
    private static SparkSession spark;
    private static Dataset<Row> train;
    private static Dataset<Row> validation;
    private static DMatrixRMaj x;
    private static DMatrixRMaj y;

    @BeforeAll
    static void data() {
        digits = new Digits64();
        spark = LocalSpark.session();
        // local[2] makes this DataFrame of 2 input partitions: its row order, not its partitioning, counts
        train = digits.frame(spark, 0, Digits64.TRAIN);
        validation = digits.frame(spark, Digits64.TRAIN, digits.x.numRows);
        x = digits.rows(digits.x, 0, Digits64.TRAIN);
        y = digits.rows(digits.y, 0, Digits64.TRAIN);
    }

    /** Trainer on the same rows as matrices, evaluated on the same validation rows. */
    private static Network single(TrainingConfig config, History[] history) {
        NumpyRandom random = Digits64.random();
        Network network = Digits64.network(random);
        history[0] = new Trainer(config).fit(network, random, x, y, digits.rows(digits.x, Digits64.TRAIN,
                digits.x.numRows), digits.rows(digits.y, Digits64.TRAIN, digits.y.numRows));
        return network;
    }

    private static Network spark(TrainingConfig config, SparkTraining distribution, History[] history) {
        NumpyRandom random = Digits64.random();
        Network network = Digits64.network(random);
        history[0] = new SparkTrainer(config, distribution).fit(network, random, train, validation, "features", "label");
        return network;
    }

    @Test
    void onePartitionIsBitIdenticalToTrainer() {
        TrainingConfig config = Digits64.config(3);
        History[] expected = new History[1];
        History[] got = new History[1];
        Network single = single(config, expected);
        Network onSpark = spark(config, SparkTraining.synchronous(1), got);
        assertArrayEquals(Digits64.parameters(single), Digits64.parameters(onSpark), 0.0);
        assertEquals(expected[0], got[0], "the same history, bit for bit (losses, accuracies)");
        assertEquals(3, got[0].epochs().size());
    }

    @Test
    void threePartitionsRepeatMatchTheOracleAndTrainerWithinRounding() {
        TrainingConfig config = Digits64.config(3);
        History[] first = new History[1];
        History[] second = new History[1];
        History[] expected = new History[1];
        SparkTraining three = SparkTraining.synchronous(3);
        Network a = spark(config, three, first);
        Network b = spark(config, three, second);
        assertArrayEquals(Digits64.parameters(a), Digits64.parameters(b), 0.0, "two runs, the same bits");
        assertEquals(first[0], second[0]);
        assertArrayEquals(Digits64.parameters(Oracle.train(config, three, x, y)), Digits64.parameters(a), 0.0,
                "the in-process oracle's bits");
        Network single = single(config, expected);
        double diff = Digits64.maxDifference(single, a);
        System.out.println("mlp-spark: P = 3 against Trainer after 3 epochs: max |dw| = " + diff
                + ", validation accuracy " + first[0].epochs().get(2).validationAccuracy() + " against "
                + expected[0].epochs().get(2).validationAccuracy());
        assertTrue(diff < 1e-12, "within rounding of Trainer, got " + diff);
        assertEquals(expected[0].epochs().get(2).validationAccuracy(), first[0].epochs().get(2).validationAccuracy());
    }

    @Test
    void theTwoLevelSumIsDeterministicAndTheOracles() {
        TrainingConfig config = Digits64.config(1);
        SparkTraining grouped = SparkTraining.synchronous(3).withReduceFanout(2);
        History[] h = new History[1];
        Network a = spark(config, grouped, h);
        Network b = spark(config, grouped, h);
        assertArrayEquals(Digits64.parameters(a), Digits64.parameters(b), 0.0);
        assertArrayEquals(Digits64.parameters(Oracle.train(config, grouped, x, y)), Digits64.parameters(a), 0.0);
    }

    @Test
    void aFeatureVectorOfTheWrongWidthIsRefusedNamingTheRow() {
        Dataset<Row> narrow = digits.frame(spark, 0, 100).selectExpr("label as features", "label");
        NumpyRandom random = Digits64.random();
        Exception e = assertThrows(Exception.class, () -> new SparkTrainer(Digits64.config(1), SparkTraining.synchronous(2))
                .fit(Digits64.network(random), random, narrow, "features", "label"));
        assertTrue(String.valueOf(e.getMessage()).contains("must hold org.apache.spark.ml.linalg.Vector"), e.getMessage());
    }
}
