package dev.mlp.spark;

import dev.mlp.linalg.Backend;
import dev.mlp.train.GradientSource;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.ejml.data.DMatrixRMaj;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The driver's {@link GradientSource} for synchronous training: each call is one Spark job. The
 * step's weights and the batch's row ids are broadcast; every partition computes the gradient of its
 * rows of the batch ({@link PartitionWorkers}); the driver sums the results in partition order
 * ({@link WeightedSum}), or, past {@link SparkTraining#reduceFanout()} partitions, in groups summed in
 * order on the executors and then in group order here.
 */
final class SparkGradients implements GradientSource {

    private final JavaSparkContext spark;
    private final SparkTraining distribution;
    private final Broadcast<FitSpec> spec;
    private final DMatrixRMaj[] parameters;
    private final boolean[] decay;
    private final DMatrixRMaj[] gradients;
    private final Backend backend;
    private JavaRDD<RowBlock> blocks;

    SparkGradients(JavaSparkContext spark, SparkTraining distribution, FitSpec spec, DMatrixRMaj[] parameters,
                   boolean[] decay, Backend backend) {
        this.spark = spark;
        this.distribution = distribution;
        this.spec = spark.broadcast(spec);
        this.parameters = parameters;
        this.decay = decay;
        this.backend = backend;
        gradients = new DMatrixRMaj[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            gradients[i] = new DMatrixRMaj(parameters[i].numRows, parameters[i].numCols);
        }
    }

    /** The rows the next steps train on: one block per partition, cached. */
    void use(JavaRDD<RowBlock> rows) {
        this.blocks = rows;
    }

    /** Frees the fit's broadcast on the executors. */
    void close() {
        spec.destroy();
    }

    @Override
    public DMatrixRMaj[] parameters() {
        return parameters;
    }

    @Override
    public boolean[] weightDecayMask() {
        return decay;
    }

    @Override
    public DMatrixRMaj[] gradientBuffers() {
        return gradients;
    }

    @Override
    public double gradients(DMatrixRMaj x, DMatrixRMaj y, int[] order, int from, int to) {
        int batchRows = to - from;
        Broadcast<Step> step = spark.broadcast(new Step(Parameters.flatten(parameters),
                Arrays.copyOfRange(order, from, to)));
        try {
            WeightedSum sum = sum(step, batchRows);
            if (sum.rows != batchRows) {
                throw new IllegalStateException("the partitions held " + sum.rows + " of the batch's " + batchRows
                        + " rows: the data changed under the training");
            }
            Parameters.load(sum.gradient, gradients);
            return sum.loss;
        } finally {
            step.destroy();
        }
    }

    private WeightedSum sum(Broadcast<Step> step, int batchRows) {
        Broadcast<FitSpec> fit = spec;
        JavaRDD<PartitionResult> parts = blocks.mapPartitionsWithIndex((p, it) -> List.of(
                PartitionWorkers.compute(p, fit.value(), step.value(), it.next())).iterator(), true);
        WeightedSum total = new WeightedSum();
        int fanout = distribution.reduceFanout();
        if (blocks.getNumPartitions() <= fanout) {
            // collect() returns the partitions' results in partition order, whatever order they finished in
            for (PartitionResult part : parts.collect()) {
                total.add(part, batchRows);
            }
            return total;
        }
        int groups = (blocks.getNumPartitions() + fanout - 1) / fanout;
        List<Tuple2<Integer, WeightedSum>> sums = parts
                .mapToPair(r -> new Tuple2<>(r.partition / fanout, r))
                .groupByKey(groups)
                .mapValues(group -> groupSum(group, batchRows))
                .collect();
        List<Tuple2<Integer, WeightedSum>> ordered = new ArrayList<>(sums);
        ordered.sort(Comparator.comparingInt(Tuple2::_1));
        for (Tuple2<Integer, WeightedSum> group : ordered) {
            total.add(group._2());
        }
        return total;
    }

    /** One group's results summed in partition order, whatever order the shuffle delivered them in. */
    static WeightedSum groupSum(Iterable<PartitionResult> group, int batchRows) {
        List<PartitionResult> sorted = new ArrayList<>();
        group.forEach(sorted::add);
        sorted.sort(Comparator.comparingInt(r -> r.partition));
        WeightedSum sum = new WeightedSum();
        for (PartitionResult r : sorted) {
            sum.add(r, batchRows);
        }
        return sum;
    }

    @Override
    public boolean gradientsFinite() {
        for (DMatrixRMaj g : gradients) {
            if (!backend.allFinite(g.data, g.getNumElements())) {
                return false;
            }
        }
        return true;
    }
}
