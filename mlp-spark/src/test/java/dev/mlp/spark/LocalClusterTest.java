package dev.mlp.spark;

import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.History;
import dev.mlp.train.TrainingConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Synchronous training on a real standalone cluster inside the test JVM: local-cluster[2,1,1024]
 * runs Spark's Master and a Worker here, and the worker starts two executor JVMs of its own. The
 * weights and rows cross JVMs; the bits must still be the oracle's (P = 3 over two executors), so
 * the same as in local[2] ({@link SparkTrainerExactTest}).
 *
 * <p>Needs no Spark distribution: Surefire sets SPARK_HOME to an empty directory made here (the
 * worker's launcher wants one), SPARK_SCALA_VERSION and SPARK_LOCAL_IP, and the executors get the
 * test class path. A broken executor launch fails the test after five minutes instead of waiting
 * for resources forever (the executors' logs are under target/spark-home/work).
 */
class LocalClusterTest {

    /** 10 steps of 100 rows: the point is the JVMs in between, not the length of the run. */
    private static final int ROWS = 1000;
    private static SparkSession spark;
    private static Digits64 digits;

    @BeforeAll
    static void cluster() throws IOException {
        String home = System.getenv("SPARK_HOME");
        assertNotNull(home, "SPARK_HOME must be set (mlp-spark/pom.xml sets it for Surefire)");
        Files.createDirectories(Path.of(home, "jars"));
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
        SparkSession.clearDefaultSession();
        SparkSession.clearActiveSession();
        spark = SparkSession.builder().master("local-cluster[2,1,1024]").appName("mlp-spark local-cluster test")
                .config("spark.ui.enabled", "false")
                .config("spark.executor.memory", "512m")
                // Surefire's system property: the test class path (java.class.path is its booter jar)
                .config("spark.executor.extraClassPath", System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")))
                .getOrCreate();
        digits = new Digits64();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        SparkSession.clearDefaultSession();
        SparkSession.clearActiveSession();
    }

    private Network fit(TrainingConfig config, SparkTraining distribution, Dataset<Row> train) {
        NumpyRandom random = Digits64.random();
        Network network = Digits64.network(random);
        History history = new SparkTrainer(config, distribution).fit(network, random, train, "features", "label");
        assertEquals(config.epochs(), history.epochs().size());
        return network;
    }

    @Test
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void acrossExecutorJvmsThreePartitionsGiveTheOraclesBits() {
        TrainingConfig config = Digits64.config(1);
        Dataset<Row> train = digits.frame(spark, 0, ROWS);
        DMatrixRMaj x = digits.rows(digits.x, 0, ROWS);
        DMatrixRMaj y = digits.rows(digits.y, 0, ROWS);
        SparkTraining three = SparkTraining.synchronous(3);
        assertArrayEquals(Digits64.parameters(Oracle.train(config, three, x, y)),
                Digits64.parameters(fit(config, three, train)), 0.0);
    }
}
