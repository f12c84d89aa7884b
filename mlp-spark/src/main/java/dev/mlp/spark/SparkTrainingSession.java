package dev.mlp.spark;

import dev.mlp.io.SavedModel;
import dev.mlp.model.DenseLayer;
import dev.mlp.model.Network;
import dev.mlp.random.RandomSource;
import dev.mlp.train.EpochResult;
import dev.mlp.train.History;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;
import dev.mlp.train.TrainingListener;
import dev.mlp.train.TrainingSession;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * The state of training one network on Spark, kept on the driver: the network, the optimizer
 * state, the random source, the epoch count and the history. It runs mlp-core's own
 * {@link TrainingSession} (the same shuffling, batches, L2 and clipping, optimizer, listeners,
 * validation and early stopping as {@link Trainer}) around a gradient source whose every batch is
 * one Spark job ({@link SparkTraining.Mode#SYNCHRONOUS}); or, in {@link SparkTraining.Mode#LOCAL_SGD},
 * rounds of local steps whose weights and optimizer states it averages. Each {@code fit} trains
 * {@code config.epochs()} more epochs. Get one from {@link SparkTrainer#session}; close it to free
 * its broadcast on the executors.
 *
 * <p>Listeners run on the driver, after each step and epoch, as with {@code Trainer}. Not
 * thread-safe.
 */
public final class SparkTrainingSession implements AutoCloseable {

    private final TrainingConfig config;
    private final SparkTraining distribution;
    private final Network network;
    private final TrainingSession session;
    /** What every task needs besides the weights; its maxRows is the batch size, the largest batch. */
    private final FitSpec spec;
    private JavaSparkContext spark;
    /** The rows of the fit in progress. */
    private JavaRDD<RowBlock> blocks;
    private SparkGradients gradients;
    private final RandomSource random;
    /** Local SGD's averaged optimizer state and epochs, across fits. */
    private final LocalSgd.State localSgd = new LocalSgd.State();

    SparkTrainingSession(TrainingConfig config, SparkTraining distribution, Network network, RandomSource random) {
        refuseWhatPartitionsCannotReproduce(config, network);
        this.config = config;
        this.distribution = distribution;
        this.network = network;
        this.random = random;
        this.spec = new FitSpec(new SavedModel(network, config.loss(), null, null), config, config.batchSize());
        this.session = new Trainer(config).session(network, random, maxRows -> createGradients());
    }

    /**
     * Dropout and class weights are refused rather than approximated. A partition's masks would be
     * drawn on its executor, from a stream that depends on the partitioning, so a run would no
     * longer equal {@code Trainer}'s nor be the same on another cluster layout; and class weights
     * need every training target on the driver.
     */
    private static void refuseWhatPartitionsCannotReproduce(TrainingConfig config, Network network) {
        if (network != null && network.hasDropout()) {
            throw new IllegalArgumentException("dropout is not supported on Spark: its masks would depend on the "
                    + "partitioning; train this network with Trainer, or without dropout");
        }
        if (config != null && !config.classWeights().isNone()) {
            throw new IllegalArgumentException("class weights (" + config.classWeights() + ") are not supported "
                    + "on Spark; train with Trainer, or without them");
        }
    }

    /** Called by the session at its first fit, once the batch size has been checked against the rows. */
    private SparkGradients createGradients() {
        gradients = new SparkGradients(spark, distribution, spec, parameters(network), decayMask(network),
                config.backend());
        gradients.use(blocks);
        return gradients;
    }

    /** W₀, b₀, W₁, b₁, … : the network's live matrices. */
    static DMatrixRMaj[] parameters(Network network) {
        List<DenseLayer> layers = network.layers();
        DMatrixRMaj[] parameters = new DMatrixRMaj[2 * layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            parameters[2 * l] = layers.get(l).weights();
            parameters[2 * l + 1] = layers.get(l).bias();
        }
        return parameters;
    }

    /** True for the weights, false for the biases, in the order of {@link #parameters}. */
    static boolean[] decayMask(Network network) {
        boolean[] decay = new boolean[2 * network.layers().size()];
        for (int l = 0; l < decay.length; l += 2) {
            decay[l] = true;
        }
        return decay;
    }

    /** The network being trained, in place. */
    public Network network() {
        return network;
    }

    /** Every epoch trained in this session so far, oldest first. */
    public List<EpochResult> history() {
        return distribution.mode() == SparkTraining.Mode.LOCAL_SGD ? List.copyOf(localSgd.history) : session.history();
    }

    /**
     * Trains {@code config.epochs()} more epochs on the rows of {@code data}.
     *
     * @param data          the training rows; their order (as {@code zipWithIndex} numbers them) is
     *                      the order the same rows would have as a matrix on one machine
     * @param featuresCol   a column of {@code org.apache.spark.ml.linalg.Vector}s, network.inputSize() wide, finite
     * @param targetCol     a vector column network.outputSize() wide, or a numeric column: the value
     *                      itself for one output, else a class 0..outputSize-1, one-hot encoded
     * @param listeners     told after every batch and epoch, on the driver; any may stop training
     * @return the history of this call's epochs
     * @throws IllegalArgumentException as {@link TrainingSession#fit}, naming the row of a bad value;
     *                                  and when the configuration asks for a validation fraction
     *                                  (split the DataFrame, e.g. with {@code randomSplit}, and pass the
     *                                  validation part)
     */
    public History fit(Dataset<Row> data, String featuresCol, String targetCol, TrainingListener... listeners) {
        return run(data, null, featuresCol, targetCol, listeners);
    }

    /**
     * As {@link #fit(Dataset, String, String, TrainingListener...)}, evaluating on {@code validation}
     * after each epoch. The validation rows are collected to the driver once per call and evaluated
     * there, exactly as {@link Trainer} evaluates them, so they must fit in the driver's memory.
     */
    public History fit(Dataset<Row> data, Dataset<Row> validation, String featuresCol, String targetCol,
                       TrainingListener... listeners) {
        if (validation == null) {
            throw new IllegalArgumentException("validation must not be null");
        }
        return run(data, validation, featuresCol, targetCol, listeners);
    }

    private History run(Dataset<Row> data, Dataset<Row> validation, String featuresCol, String targetCol,
                        TrainingListener[] listeners) {
        if (data == null || featuresCol == null || targetCol == null) {
            throw new IllegalArgumentException("data, featuresCol and targetCol must not be null");
        }
        if (config.validationFraction() > 0) {
            throw new IllegalArgumentException("validationFraction (" + config.validationFraction() + ") is for"
                    + " data on one machine; split the DataFrame (randomSplit) and pass the validation part");
        }
        boolean local = distribution.mode() == SparkTraining.Mode.LOCAL_SGD;
        if (local && validation != null) {
            throw new IllegalArgumentException("local SGD evaluates no validation data; use the synchronous mode,"
                    + " or evaluate the network after fit");
        }
        spark = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        RowBlocks.Columns columns = new RowBlocks.Columns(featuresCol, targetCol, network.inputSize(),
                network.outputSize());
        DMatrixRMaj[] val = validation == null ? null : RowBlocks.collect(validation, columns);
        RowBlocks.Held held = RowBlocks.blocks(data, columns, distribution.numPartitions(), spec);
        blocks = held.blocks();
        try {
            if (local) {
                return LocalSgd.fit(spark, config, distribution, network, parameters(network), decayMask(network), random,
                        spec, blocks, held.rows(), localSgd, listeners);
            }
            if (gradients != null) {
                gradients.use(blocks);
            }
            return val == null ? session.fitHeldRows(held.rows(), listeners)
                    : session.fitHeldRows(held.rows(), val[0], val[1], listeners);
        } finally {
            blocks.unpersist(false);
            blocks = null;
        }
    }

    /** Frees this session's broadcast on the executors; the network and history stay. */
    @Override
    public void close() {
        if (gradients != null) {
            gradients.close();
        }
    }
}
