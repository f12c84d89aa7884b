package dev.mlp.spark;

/**
 * How a {@link SparkTrainer} spreads training over a Spark cluster.
 *
 * <p>{@link Mode#SYNCHRONOUS} (the default) is exact: every step of the single-machine
 * {@link dev.mlp.train.Trainer} is taken once, on the driver, with the gradient of the whole global
 * batch, which the partitions compute in parts. With one partition the run is bit-identical to the
 * {@code Trainer}; with P partitions it is bit-identical from run to run and on any cluster layout,
 * and equal to the single-machine run within rounding (the batch's gradient is summed in P parts
 * instead of one). Each step is one Spark job, which costs tens of milliseconds (mlp-spark/DESIGN.md).
 *
 * <p>{@link Mode#LOCAL_SGD} is approximate, for clusters where a job per step costs too much: each
 * partition takes {@code averageEvery} steps of its own on batches of its own rows (batch size / P
 * rows each), and the driver then averages the partitions' weights and optimizer states, in partition
 * order. Deterministic for a seed and P, but not equal to the single-machine run.
 *
 * @param numPartitions the partitions the rows are spread over, ≥ 1: the parallelism of each step;
 *                      the result depends on it (except for rounding in {@code SYNCHRONOUS} mode),
 *                      never on the number of executors or the order tasks finish in
 * @param mode          synchronous (exact) or local SGD (approximate)
 * @param averageEvery  local SGD: the local steps between two averagings, ≥ 1; 1 for synchronous
 * @param reduceFanout  the most partition results the driver sums directly, ≥ 2; beyond that, groups of
 *                      this many are summed on the executors first, each in partition order, and the
 *                      driver sums the groups in order (a deterministic two-level sum; Spark's
 *                      {@code treeAggregate} merges in the order tasks finish and is not deterministic)
 */
public record SparkTraining(int numPartitions, Mode mode, int averageEvery, int reduceFanout) {

    /** The default {@link #reduceFanout}: up to 32 partitions' gradients are summed on the driver. */
    public static final int DEFAULT_REDUCE_FANOUT = 32;

    /** Synchronous and exact, or local SGD and approximate; see {@link SparkTraining}. */
    public enum Mode {
        /** One Spark job per step; every partition computes the gradient of its rows of the global batch. */
        SYNCHRONOUS,
        /** Each partition trains on its own rows for {@code averageEvery} steps; the driver then averages. */
        LOCAL_SGD
    }

    /**
     * @throws IllegalArgumentException for numPartitions or averageEvery &lt; 1, reduceFanout &lt; 2, a
     *                                  null mode, or averageEvery other than 1 in synchronous mode
     */
    public SparkTraining {
        if (numPartitions < 1) {
            throw new IllegalArgumentException("numPartitions must be >= 1, got " + numPartitions);
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode must not be null");
        }
        if (averageEvery < 1) {
            throw new IllegalArgumentException("averageEvery must be >= 1, got " + averageEvery);
        }
        if (mode == Mode.SYNCHRONOUS && averageEvery != 1) {
            throw new IllegalArgumentException("averageEvery applies to local SGD only; synchronous training"
                    + " takes every step together, got " + averageEvery);
        }
        if (reduceFanout < 2) {
            throw new IllegalArgumentException("reduceFanout must be >= 2, got " + reduceFanout);
        }
    }

    /** Exact synchronous training over {@code numPartitions} partitions. */
    public static SparkTraining synchronous(int numPartitions) {
        return new SparkTraining(numPartitions, Mode.SYNCHRONOUS, 1, DEFAULT_REDUCE_FANOUT);
    }

    /** Local SGD over {@code numPartitions} partitions, averaging every {@code averageEvery} local steps. */
    public static SparkTraining localSgd(int numPartitions, int averageEvery) {
        return new SparkTraining(numPartitions, Mode.LOCAL_SGD, averageEvery, DEFAULT_REDUCE_FANOUT);
    }

    /** This with another {@link #reduceFanout}. */
    public SparkTraining withReduceFanout(int fanout) {
        return new SparkTraining(numPartitions, mode, averageEvery, fanout);
    }
}
