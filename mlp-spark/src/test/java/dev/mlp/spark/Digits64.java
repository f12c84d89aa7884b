package dev.mlp.spark;

import dev.mlp.activation.ReLU;
import dev.mlp.activation.Softmax;
import dev.mlp.data.DataSet;
import dev.mlp.data.Digits;
import dev.mlp.linalg.Backends;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.model.Network;
import dev.mlp.optim.Adam;
import dev.mlp.random.NumpyRandom;
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

/** The digits, scaled to [0, 1], as matrices and as DataFrames; the network and configuration of the tests. */
final class Digits64 {

    /** Rows 0..TRAIN-1 train, the rest validate. */
    static final int TRAIN = 1500;
    static final int SEED = 7;

    final DMatrixRMaj x;
    final DMatrixRMaj y;
    final int[] labels;

    Digits64() {
        DataSet d = Digits.load();
        x = Digits.pixelScaler().transform(d.features());
        y = d.oneHot();
        labels = d.labels();
    }

    DMatrixRMaj rows(DMatrixRMaj m, int from, int to) {
        return new DMatrixRMaj(to - from, m.numCols, true, Arrays.copyOfRange(m.data, from * m.numCols, to * m.numCols));
    }

    /** Rows from..to-1 as (features vector, label double), in order. */
    Dataset<Row> frame(SparkSession spark, int from, int to) {
        List<Row> rows = new ArrayList<>();
        for (int r = from; r < to; r++) {
            rows.add(RowFactory.create(Vectors.dense(Arrays.copyOfRange(x.data, r * x.numCols, (r + 1) * x.numCols)),
                    (double) labels[r]));
        }
        StructType schema = new StructType(new StructField[] {
            new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty()),
            new StructField("label", DataTypes.DoubleType, false, Metadata.empty())});
        return spark.createDataFrame(rows, schema);
    }

    static NumpyRandom random() {
        return new NumpyRandom(SEED);
    }

    /** 64-32-10, ReLU then softmax, initialised from {@code random}. */
    static Network network(NumpyRandom random) {
        return Network.of(new int[] {64, 32, 10}, List.of(new ReLU(), new Softmax()), random);
    }

    /** Adam, batch 100 (15 steps an epoch), softmax cross-entropy, on the blocked kernel with one thread. */
    static TrainingConfig config(int epochs) {
        return TrainingConfig.builder().epochs(epochs).batchSize(100).learningRate(1e-2).optimizer(new Adam())
                .loss(new SoftmaxCrossEntropy()).backend(Backends.byName("blocked", 1)).build();
    }

    /** The largest difference between two networks' weights and biases. */
    static double maxDifference(Network a, Network b) {
        double max = 0;
        for (int l = 0; l < a.layers().size(); l++) {
            max = Math.max(max, maxDifference(a.layer(l).weights().data, b.layer(l).weights().data));
            max = Math.max(max, maxDifference(a.layer(l).bias().data, b.layer(l).bias().data));
        }
        return max;
    }

    private static double maxDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** Every weight and bias of the network, flattened, for bit comparisons. */
    static double[] parameters(Network n) {
        List<Double> all = new ArrayList<>();
        for (int l = 0; l < n.layers().size(); l++) {
            for (double d : n.layer(l).weights().data) {
                all.add(d);
            }
            for (double d : n.layer(l).bias().data) {
                all.add(d);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
