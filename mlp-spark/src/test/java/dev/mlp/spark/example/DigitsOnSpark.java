package dev.mlp.spark.example;

import dev.mlp.activation.ReLU;
import dev.mlp.activation.Softmax;
import dev.mlp.data.DataSet;
import dev.mlp.data.Digits;
import dev.mlp.linalg.Backends;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.model.Network;
import dev.mlp.optim.Adam;
import dev.mlp.random.NumpyRandom;
import dev.mlp.spark.SparkTrainer;
import dev.mlp.spark.SparkTraining;
import dev.mlp.train.History;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The README's example: the digits (64-32-10, ReLU, softmax, Adam, batch 64, 20 epochs) trained by
 * {@link Trainer} on one machine and by {@link SparkTrainer} on 1 and 3 partitions, each evaluated
 * on the same held-out rows. Arguments: the Spark master (default local[2]).
 */
public final class DigitsOnSpark {

    private static final int TRAIN = 1500;
    private static final int SEED = 7;

    private DigitsOnSpark() {
    }

    public static void main(String[] args) {
        String master = args.length > 0 ? args[0] : "local[2]";
        DataSet d = Digits.load();
        DMatrixRMaj x = Digits.pixelScaler().transform(d.features());
        DMatrixRMaj y = d.oneHot();
        TrainingConfig config = TrainingConfig.builder().epochs(20).batchSize(64).learningRate(1e-3)
                .optimizer(new Adam()).loss(new SoftmaxCrossEntropy()).backend(Backends.byName("blocked", 1)).build();

        NumpyRandom random = new NumpyRandom(SEED);
        Network single = network(random);
        long t0 = System.nanoTime();
        History h = new Trainer(config).fit(single, random, rows(x, 0, TRAIN), rows(y, 0, TRAIN),
                rows(x, TRAIN, x.numRows), rows(y, TRAIN, y.numRows));
        report("Trainer, one machine", h, t0);

        SparkSession spark = SparkSession.builder().master(master).appName("mlp digits on Spark")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        Dataset<Row> train = frame(spark, x, d.labels(), 0, TRAIN);
        Dataset<Row> test = frame(spark, x, d.labels(), TRAIN, x.numRows);
        for (int partitions : new int[] {1, 3}) {
            NumpyRandom r = new NumpyRandom(SEED);
            Network network = network(r);
            long t = System.nanoTime();
            History onSpark = new SparkTrainer(config, SparkTraining.synchronous(partitions))
                    .fit(network, r, train, test, "features", "label");
            report("SparkTrainer, " + partitions + " partition" + (partitions > 1 ? "s" : ""), onSpark, t);
            System.out.println("  largest weight difference from Trainer: " + maxDifference(single, network));
        }
        spark.stop();
    }

    private static Network network(NumpyRandom random) {
        return Network.of(new int[] {64, 32, 10}, List.of(new ReLU(), new Softmax()), random);
    }

    private static void report(String what, History h, long start) {
        var last = h.epochs().get(h.epochs().size() - 1);
        System.out.printf("%-30s test accuracy %.4f, test loss %.6f, %.1f s%n", what, last.validationAccuracy(),
                last.validationLoss(), (System.nanoTime() - start) / 1e9);
    }

    private static DMatrixRMaj rows(DMatrixRMaj m, int from, int to) {
        return new DMatrixRMaj(to - from, m.numCols, true, Arrays.copyOfRange(m.data, from * m.numCols, to * m.numCols));
    }

    private static Dataset<Row> frame(SparkSession spark, DMatrixRMaj x, int[] labels, int from, int to) {
        List<Row> rows = new ArrayList<>();
        for (int r = from; r < to; r++) {
            rows.add(RowFactory.create(Vectors.dense(Arrays.copyOfRange(x.data, r * x.numCols, (r + 1) * x.numCols)),
                    (double) labels[r]));
        }
        return spark.createDataFrame(rows, new StructType(new StructField[] {
            new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty()),
            new StructField("label", DataTypes.DoubleType, false, Metadata.empty())}));
    }

    private static double maxDifference(Network a, Network b) {
        double max = 0;
        for (int l = 0; l < a.layers().size(); l++) {
            double[][] pairs = {a.layer(l).weights().data, b.layer(l).weights().data, a.layer(l).bias().data,
                b.layer(l).bias().data};
            for (int k = 0; k < 4; k += 2) {
                for (int i = 0; i < pairs[k].length; i++) {
                    max = Math.max(max, Math.abs(pairs[k][i] - pairs[k + 1][i]));
                }
            }
        }
        return max;
    }
}
