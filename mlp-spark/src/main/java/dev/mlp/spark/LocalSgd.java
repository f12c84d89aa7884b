package dev.mlp.spark;

import dev.mlp.model.Network;
import dev.mlp.optim.Optimizer;
import dev.mlp.random.RandomSource;
import dev.mlp.train.EpochResult;
import dev.mlp.train.History;
import dev.mlp.train.StopReason;
import dev.mlp.train.TrainingConfig;
import dev.mlp.train.TrainingListener;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.ejml.data.DMatrixRMaj;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SparkTraining.Mode#LOCAL_SGD}: model averaging every k local steps. Approximate, and
 * deterministic for a seed and P.
 *
 * <p>Per epoch the driver shuffles the row ids 0..n-1 with the session's random source (as the
 * synchronous mode does) and broadcasts the order; each partition walks its own rows in that order,
 * in local batches of max(1, B / P) rows, S = min over partitions of rows / local batch steps an
 * epoch. A round is one Spark job: every partition starts from the broadcast weights and optimizer
 * state, takes up to k steps with its own updater, and returns its weights and optimizer state
 * ({@link Optimizer.Updater#exportState()}); the driver averages both in partition order. No L2,
 * clipping, validation or early stopping in this mode (the driver sees no gradients).
 */
final class LocalSgd {

    private LocalSgd() {
    }

    /** One round's broadcast: where to start and how far to go. */
    static final class Round implements Serializable {
        private static final long serialVersionUID = 1L;
        final double[] weights;
        final double[] state;
        final int firstStep;
        final int steps;
        final int localBatch;
        final double learningRate;

        Round(double[] weights, double[] state, int firstStep, int steps, int localBatch, double learningRate) {
            this.weights = weights;
            this.state = state;
            this.firstStep = firstStep;
            this.steps = steps;
            this.localBatch = localBatch;
            this.learningRate = learningRate;
        }
    }

    /** A partition's weights, optimizer state and summed batch losses after a round. */
    static final class Result implements Serializable {
        private static final long serialVersionUID = 1L;
        final double[] weights;
        final double[] state;
        final double lossSum;

        Result(double[] weights, double[] state, double lossSum) {
            this.weights = weights;
            this.state = state;
            this.lossSum = lossSum;
        }
    }

    /** The executor's part: up to k local steps on the partition's rows, in the epoch's order. */
    static Result round(int partition, FitSpec spec, OptimizerSpec optimizer, int[] order, Round round,
                        RowBlock block) {
        int[] local = block.localRows(order);
        PartitionWorkers.Worker worker = PartitionWorkers.take(spec);
        try {
            DMatrixRMaj[] params = worker.source.parameters();
            Parameters.load(round.weights, params);
            Optimizer.Updater updater = optimizer.optimizer().start(params, worker.source.weightDecayMask());
            updater.importState(round.state);
            double lossSum = 0;
            for (int s = round.firstStep; s < round.firstStep + round.steps; s++) {
                int from = s * round.localBatch;
                double loss = worker.source.gradients(block.features(), block.targets(), local, from,
                        from + round.localBatch);
                if (!Double.isFinite(loss) || !worker.source.gradientsFinite()) {
                    throw new IllegalStateException("local SGD diverged on partition " + partition + " at local step "
                            + (s + 1) + " (loss " + loss + ", learning rate " + round.learningRate + ")");
                }
                updater.step(round.learningRate, params, worker.source.gradientBuffers());
                lossSum += loss;
            }
            return new Result(Parameters.flatten(params), updater.exportState(), lossSum);
        } finally {
            PartitionWorkers.give(spec, worker);
        }
    }

    /** The driver's state across fits of one session: the averaged optimizer state and the epochs so far. */
    static final class State {
        double[] optimizer;
        final List<EpochResult> history = new ArrayList<>();
    }

    /** Trains config.epochs() more epochs; see {@link LocalSgd}. */
    static History fit(JavaSparkContext spark, TrainingConfig config, SparkTraining distribution, Network network,
                       DMatrixRMaj[] params, boolean[] decay, RandomSource random, FitSpec spec, JavaRDD<RowBlock> blocks,
                       int rows, State state, TrainingListener[] listeners) {
        if (config.l2() > 0 || config.clipNorm() > 0 || config.earlyStopping() != null) {
            throw new IllegalArgumentException("local SGD takes no L2, clipping or early stopping: the driver sees"
                    + " no gradients; use the synchronous mode");
        }
        int p = distribution.numPartitions();
        int localBatch = Math.max(1, config.batchSize() / p);
        int steps = blocks.map(b -> b.rows).collect().stream().mapToInt(r -> r / localBatch).min().orElse(0);
        if (steps == 0) {
            throw new IllegalArgumentException("a partition holds fewer rows than a local batch of " + localBatch);
        }
        if (state.optimizer == null) {
            state.optimizer = config.optimizer().start(params, decay).exportState();
        }
        OptimizerSpec optimizer = new OptimizerSpec(config.optimizer());
        Broadcast<FitSpec> fit = spark.broadcast(spec);
        int k = distribution.averageEvery();
        List<EpochResult> epochs = new ArrayList<>();
        StopReason stop = null;
        int stopEpoch = 0;
        int stopBatch = 0;
        int[] order = new int[rows];
        try (Network.TrainingGuard guard = network.guardTraining()) {
            int last = state.history.size() + config.epochs();
            for (int epoch = state.history.size() + 1; epoch <= last && stop == null; epoch++) {
                double rate = config.schedule().rate(epoch, config.learningRate(), state.history);
                for (int i = 0; i < rows; i++) {
                    order[i] = i;
                }
                random.shuffle(order);
                Broadcast<int[]> epochOrder = spark.broadcast(order.clone());
                double lossSum = 0;
                int rounds = 0;
                try {
                    for (int first = 0; first < steps && stop == null; first += k) {
                        Broadcast<Round> round = spark.broadcast(new Round(Parameters.flatten(params), state.optimizer,
                                first, Math.min(k, steps - first), localBatch, rate));
                        List<Result> results = blocks.mapPartitionsWithIndex((part, it) -> List.of(round(part,
                                fit.value(), optimizer, epochOrder.value(), round.value(), it.next())).iterator(), true)
                                .collect();
                        round.destroy();
                        double roundSum = average(results, params, state);
                        lossSum += roundSum;
                        double roundLoss = roundSum / Math.min(k, steps - first);
                        rounds++;
                        for (TrainingListener listener : listeners) {
                            if (listener.onBatchEnd(epoch, rounds, roundLoss) == TrainingListener.Action.STOP) {
                                stop = StopReason.LISTENER;
                                stopEpoch = epoch;
                                stopBatch = rounds;
                            }
                        }
                    }
                } finally {
                    epochOrder.destroy();
                }
                if (stop != null) {
                    break;
                }
                EpochResult result = new EpochResult(epoch, lossSum / steps, Double.NaN, Double.NaN, rate, steps);
                state.history.add(result);
                epochs.add(result);
                stopEpoch = epoch;
                for (TrainingListener listener : listeners) {
                    if (listener.onEpochEnd(result) == TrainingListener.Action.STOP && epoch < last) {
                        stop = StopReason.LISTENER;
                    }
                }
            }
        } finally {
            fit.destroy();
        }
        return new History(epochs, stop == null ? StopReason.COMPLETED : stop, stopEpoch, stopBatch, 0, false);
    }

    /**
     * Averages the partitions' weights into {@code params} and their optimizer states into the
     * driver's, each summed in partition order, then divided by P.
     *
     * @return the sum over the round's steps of the partitions' mean batch loss
     */
    static double average(List<Result> results, DMatrixRMaj[] params, State state) {
        int p = results.size();
        double[] weights = results.get(0).weights.clone();
        double[] optimizer = results.get(0).state.clone();
        double lossSum = results.get(0).lossSum;
        for (int i = 1; i < p; i++) {
            Result r = results.get(i);
            for (int j = 0; j < weights.length; j++) {
                weights[j] += r.weights[j];
            }
            for (int j = 0; j < optimizer.length; j++) {
                optimizer[j] += r.state[j];
            }
            lossSum += r.lossSum;
        }
        for (int j = 0; j < weights.length; j++) {
            weights[j] /= p;
        }
        for (int j = 0; j < optimizer.length; j++) {
            optimizer[j] /= p;
        }
        Parameters.load(weights, params);
        state.optimizer = optimizer;
        return lossSum / p;
    }
}
