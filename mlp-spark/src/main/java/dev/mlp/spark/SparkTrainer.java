package dev.mlp.spark;

import dev.mlp.Checks;
import dev.mlp.model.Network;
import dev.mlp.random.RandomSource;
import dev.mlp.train.GradientRule;
import dev.mlp.train.History;
import dev.mlp.train.TrainingConfig;
import dev.mlp.train.TrainingListener;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Trains networks on the rows of a Spark DataFrame, with one immutable {@link TrainingConfig} (the
 * same as {@link dev.mlp.train.Trainer}'s) and a {@link SparkTraining} that says how to spread the
 * work. The driver holds the network, the optimizer state, the random source, the history, the
 * listeners and early stopping; the executors compute gradients.
 *
 * <p>Contract of {@link SparkTraining#synchronous synchronous} training: with one partition the
 * run is bit-identical to {@code Trainer.fit} on the same rows as a matrix, in the DataFrame's
 * order, with the same random source; with P partitions it is bit-identical from run to run and on
 * any cluster layout, and equal to the single-machine run within rounding. The executors compute
 * with the backend and thread count of {@code config.backend()}, never their own default (their
 * kernels could differ in the last bits, and a default thread count per task would oversubscribe
 * the executor's cores): build the configuration with, for example,
 * {@code Backends.byName("blocked", spark.task.cpus)}.
 */
public final class SparkTrainer {

    private final TrainingConfig config;
    private final SparkTraining distribution;

    /**
     * @throws IllegalArgumentException for a null argument, or the blog's gradient rule (its
     *                                  weight gradient is a batch sum, which this trainer's
     *                                  per-partition means do not add up to)
     */
    public SparkTrainer(TrainingConfig config, SparkTraining distribution) {
        Checks.requireNonNull(config, "config");
        Checks.requireNonNull(distribution, "distribution");
        if (config.gradientRule() != GradientRule.EXACT) {
            throw new IllegalArgumentException("Spark training follows the exact gradient; the blog's rule is"
                    + " for reproducing the blog on one machine");
        }
        this.config = config;
        this.distribution = distribution;
    }

    /** The training configuration. */
    public TrainingConfig config() {
        return config;
    }

    /** How the work is spread over the cluster. */
    public SparkTraining distribution() {
        return distribution;
    }

    /**
     * A session that keeps the optimizer state and the epoch count across {@code fit} calls.
     *
     * @param random shuffles the rows each epoch, on the driver; the same source as the
     *               single-machine run's for the same result
     * @throws IllegalArgumentException for a null argument, or a loss that does not fit the
     *                                  network's output layer
     */
    public SparkTrainingSession session(Network network, RandomSource random) {
        return new SparkTrainingSession(config, distribution, network, random);
    }

    /**
     * Trains {@code network} in place for {@code config.epochs()} epochs on the rows of {@code data}.
     * See {@link SparkTrainingSession#fit(Dataset, String, String, TrainingListener...)}.
     *
     * @param network     trained in place
     * @param random      shuffles the rows each epoch, on the driver
     * @param data        the training rows
     * @param featuresCol a vector column, network.inputSize() wide
     * @param targetCol   a vector column network.outputSize() wide, or a numeric one (a value for one
     *                    output, else a class, one-hot encoded)
     * @param listeners   told after every batch and epoch, on the driver
     * @return the per-epoch history, and why training stopped early if it did
     */
    public History fit(Network network, RandomSource random, Dataset<Row> data, String featuresCol, String targetCol,
                       TrainingListener... listeners) {
        try (SparkTrainingSession session = session(network, random)) {
            return session.fit(data, featuresCol, targetCol, listeners);
        }
    }

    /**
     * As {@link #fit(Network, RandomSource, Dataset, String, String, TrainingListener...)}, evaluating
     * on {@code validation} (collected to the driver) after each epoch, for validation curves and
     * early stopping.
     *
     * @param network     trained in place
     * @param random      shuffles the rows each epoch, on the driver
     * @param data        the training rows
     * @param validation  rows evaluated after each epoch, with the same columns
     * @param featuresCol a vector column, network.inputSize() wide
     * @param targetCol   as for the training rows
     * @param listeners   told after every batch and epoch, on the driver
     * @return the per-epoch history, with validation loss and accuracy
     */
    public History fit(Network network, RandomSource random, Dataset<Row> data, Dataset<Row> validation,
                       String featuresCol, String targetCol, TrainingListener... listeners) {
        try (SparkTrainingSession session = session(network, random)) {
            return session.fit(data, validation, featuresCol, targetCol, listeners);
        }
    }
}
