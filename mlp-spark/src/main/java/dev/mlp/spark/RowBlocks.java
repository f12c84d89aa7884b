package dev.mlp.spark;

import dev.mlp.loss.Loss;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.ejml.data.DMatrixRMaj;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A DataFrame's rows as numbers: features from a vector column, targets from a vector column or a
 * numeric one. Rows are numbered 0..n-1 in the DataFrame's order ({@code zipWithIndex}) and spread
 * over P partitions in contiguous, balanced ranges of those numbers, one {@link RowBlock} per
 * partition, so the partitioning depends on n and P only.
 */
final class RowBlocks {

    private RowBlocks() {
    }

    /** How the target column becomes a row of y: a vector as it is, a number as itself or one-hot. */
    static void target(Object value, int outputs, double[] into, int at, long row, String column) {
        if (value instanceof Vector v) {
            if (v.size() != outputs) {
                throw new IllegalArgumentException("row " + row + ": target column '" + column + "' has a vector of "
                        + v.size() + " entries, the network has " + outputs + " outputs");
            }
            for (int j = 0; j < outputs; j++) {
                into[at + j] = v.apply(j);
            }
            return;
        }
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("row " + row + ": target column '" + column
                    + "' must hold numbers or vectors, got " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        double label = number.doubleValue();
        if (outputs == 1) {
            into[at] = label;
            return;
        }
        if (label != Math.rint(label) || label < 0 || label >= outputs) {
            throw new IllegalArgumentException("row " + row + ": label " + label + " in column '" + column
                    + "' is not a class 0.." + (outputs - 1) + " of the network's " + outputs + " outputs");
        }
        java.util.Arrays.fill(into, at, at + outputs, 0.0);
        into[at + (int) label] = 1.0;
    }

    /** The features of a row, checked for width and finiteness, into {@code into[at..]}. */
    static void features(Object value, int inputs, double[] into, int at, long row, String column) {
        if (!(value instanceof Vector v)) {
            throw new IllegalArgumentException("row " + row + ": features column '" + column
                    + "' must hold org.apache.spark.ml.linalg.Vector values (VectorAssembler makes them), got "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        if (v.size() != inputs) {
            throw new IllegalArgumentException("row " + row + ": features column '" + column + "' has a vector of "
                    + v.size() + " entries, the network takes " + inputs);
        }
        for (int j = 0; j < inputs; j++) {
            double d = v.apply(j);
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("row " + row + ": feature " + j + " is " + d + " in column '"
                        + column + "'");
            }
            into[at + j] = d;
        }
    }

    /** The columns of one fit: names and the network's widths. */
    record Columns(String features, String target, int inputs, int outputs) implements java.io.Serializable {

        /** One row's x and y as one array: inputs, then outputs. */
        double[] encode(Row row, long id) {
            double[] xy = new double[inputs + outputs];
            RowBlocks.features(row.get(0), inputs, xy, 0, id, features);
            RowBlocks.target(row.get(1), outputs, xy, inputs, id, target);
            return xy;
        }

        Dataset<Row> select(Dataset<Row> data) {
            return data.select(features, target);
        }
    }

    /**
     * The rows as P blocks, persisted (memory, then disk) and counted, so training reads them from
     * the executors' block managers.
     *
     * @param spec gives the loss, which checks each block's targets (e.g. rows of probabilities)
     */
    static Held blocks(Dataset<Row> data, Columns columns, int partitions, FitSpec spec) {
        JavaRDD<Row> rows = columns.select(data).javaRDD();
        // the blocks' lineage rides in every later step's task binary: it must hold a handle to the
        // spec, never the spec (whose model file is megabytes for a Fashion-sized network)
        Broadcast<FitSpec> shared = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext())
                .broadcast(spec);
        long n = rows.count();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("at most " + (Integer.MAX_VALUE - 8) + " rows per fit, got " + n);
        }
        JavaRDD<RowBlock> blocks = rows.zipWithIndex()
                .mapToPair(t -> new Tuple2<>(t._2(), columns.encode(t._1(), t._2())))
                .partitionBy(new IdRanges(n, partitions))
                .mapPartitionsWithIndex((p, it) -> List.of(block(p, it, columns, shared.value())).iterator(), true);
        blocks.persist(StorageLevel.MEMORY_AND_DISK());
        blocks.count();
        return new Held(blocks, (int) n);
    }

    /** The blocks of a fit and how many rows they hold. */
    record Held(JavaRDD<RowBlock> blocks, int rows) {
    }

    /** Sorts a partition's rows by id (a shuffle delivers them in any order) and packs them. */
    private static RowBlock block(int partition, Iterator<Tuple2<Long, double[]>> rows, Columns columns, FitSpec spec) {
        List<Tuple2<Long, double[]>> list = new ArrayList<>();
        rows.forEachRemaining(list::add);
        list.sort((a, b) -> Long.compare(a._1(), b._1()));
        int n = list.size();
        int in = columns.inputs();
        int out = columns.outputs();
        double[] x = new double[n * in];
        double[] y = new double[n * out];
        long first = n == 0 ? 0 : list.get(0)._1();
        for (int r = 0; r < n; r++) {
            if (list.get(r)._1() != first + r) {
                throw new IllegalStateException("partition " + partition + " holds rows that are not contiguous");
            }
            double[] xy = list.get(r)._2();
            System.arraycopy(xy, 0, x, r * in, in);
            System.arraycopy(xy, in, y, r * out, out);
        }
        RowBlock block = new RowBlock(first, n, in, out, x, y);
        if (n > 0) {
            Loss loss = PartitionWorkers.read(spec.model).loss();
            loss.checkTargets(block.targets(), "the target column '" + columns.target() + "' (rows " + first + ".."
                    + (first + n - 1) + ")");
        }
        return block;
    }

    /** All rows on the driver, as x and y, in the DataFrame's order: for validation data. */
    static DMatrixRMaj[] collect(Dataset<Row> data, Columns columns) {
        List<Row> rows = columns.select(data).collectAsList();
        int n = rows.size();
        DMatrixRMaj x = new DMatrixRMaj(n, columns.inputs());
        DMatrixRMaj y = new DMatrixRMaj(n, columns.outputs());
        for (int r = 0; r < n; r++) {
            double[] xy = columns.encode(rows.get(r), r);
            System.arraycopy(xy, 0, x.data, r * columns.inputs(), columns.inputs());
            System.arraycopy(xy, columns.inputs(), y.data, r * columns.outputs(), columns.outputs());
        }
        return new DMatrixRMaj[] {x, y};
    }

    /** Row id → partition: P contiguous ranges of n ids whose sizes differ by at most one. */
    static final class IdRanges extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final long rows;
        private final int partitions;

        IdRanges(long rows, int partitions) {
            this.rows = rows;
            this.partitions = partitions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return (int) ((Long) key * partitions / rows);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IdRanges other && other.rows == rows && other.partitions == partitions;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(rows) * 31 + partitions;
        }
    }
}
