package dev.mlp.spark;

import dev.mlp.activation.Activation;
import dev.mlp.activation.Activations;
import dev.mlp.linalg.Backends;
import dev.mlp.loss.Loss;
import dev.mlp.model.Initializer;
import dev.mlp.model.Network;
import dev.mlp.optim.Adam;
import dev.mlp.optim.AdamW;
import dev.mlp.optim.Momentum;
import dev.mlp.optim.Optimizer;
import dev.mlp.optim.RmsProp;
import dev.mlp.optim.Sgd;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.History;
import dev.mlp.train.TrainingConfig;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parameters that {@link MlpClassifier}, {@link MlpRegressor} and their models share, as
 * Spark ML {@link Params}: Spark finds them through these public accessors (for
 * {@code explainParams}, {@code ParamGridBuilder}, save and load).
 *
 * @param <T> the implementing class, which the setters return
 */
public interface MlpParams<T extends MlpParams<T>> extends Params {

    /** The parameter objects, owned by the implementing instance. */
    Holder mlpParams();

    /** Sizes of the hidden layers, input to output (default {32}). */
    default IntArrayParam hiddenLayers() {
        return mlpParams().hiddenLayers;
    }

    /** The hidden layers' activation by name ({@code relu}, {@code tanh}, {@code sigmoid}, ...; default relu). */
    default Param<String> activation() {
        return mlpParams().activation;
    }

    /** The optimizer: adam (default), adamw, sgd, momentum, nesterov or rmsprop. */
    default Param<String> optimizer() {
        return mlpParams().optimizer;
    }

    /** The learning rate, &gt; 0 (default 0.001). */
    default DoubleParam learningRate() {
        return mlpParams().learningRate;
    }

    /** Rows per step, ≥ 1 (default 32): the global batch, whatever the partitions. */
    default IntParam batchSize() {
        return mlpParams().batchSize;
    }

    /** Passes over the rows, ≥ 1 (default 10). */
    default IntParam epochs() {
        return mlpParams().epochs;
    }

    /** Draws the initial weights and shuffles the rows (default 1). */
    default IntParam seed() {
        return mlpParams().seed;
    }

    /**
     * The partitions the rows are spread over, ≥ 0; 0 (default) takes the input DataFrame's. The
     * result depends on it within rounding (1 gives the single-machine Trainer's bits).
     */
    default IntParam numPartitions() {
        return mlpParams().numPartitions;
    }

    /** The kernel every executor computes with: blocked (default), ejml or vector. */
    default Param<String> backend() {
        return mlpParams().backend;
    }

    /** Sets {@link #hiddenLayers()}. */
    @SuppressWarnings("unchecked")
    default T setHiddenLayers(int... sizes) {
        set(hiddenLayers(), sizes);
        return (T) this;
    }

    /** Sets {@link #activation()}. */
    @SuppressWarnings("unchecked")
    default T setActivation(String name) {
        set(activation(), name);
        return (T) this;
    }

    /** Sets {@link #optimizer()}. */
    @SuppressWarnings("unchecked")
    default T setOptimizer(String name) {
        set(optimizer(), name);
        return (T) this;
    }

    /** Sets {@link #learningRate()}. */
    @SuppressWarnings("unchecked")
    default T setLearningRate(double rate) {
        set(learningRate(), rate);
        return (T) this;
    }

    /** Sets {@link #batchSize()}. */
    @SuppressWarnings("unchecked")
    default T setBatchSize(int rows) {
        set(batchSize(), rows);
        return (T) this;
    }

    /** Sets {@link #epochs()}. */
    @SuppressWarnings("unchecked")
    default T setEpochs(int epochs) {
        set(epochs(), epochs);
        return (T) this;
    }

    /** Sets {@link #seed()}. */
    @SuppressWarnings("unchecked")
    default T setSeed(int seed) {
        set(seed(), seed);
        return (T) this;
    }

    /** Sets {@link #numPartitions()}. */
    @SuppressWarnings("unchecked")
    default T setNumPartitions(int partitions) {
        set(numPartitions(), partitions);
        return (T) this;
    }

    /** Sets {@link #backend()}. */
    @SuppressWarnings("unchecked")
    default T setBackend(String name) {
        set(backend(), name);
        return (T) this;
    }

    /**
     * Trains a new network on {@code data}: hidden layers as set, then {@code outputs} outputs with
     * {@code output} activation, under {@code loss}. Returns the trained model's file.
     */
    default Trained fitNetwork(Dataset<?> data, String featuresCol, String targetCol, int outputs, Activation output,
                               Loss loss) {
        Holder p = mlpParams();
        Row first = data.select(featuresCol).head();
        int inputs = ((Vector) first.get(0)).size();
        int[] hidden = (int[]) getOrDefault(p.hiddenLayers);
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = inputs;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = outputs;
        Activations.Entry hiddenActivation = Activations.registry().entry((String) getOrDefault(p.activation));
        List<Activation> activations = new ArrayList<>();
        for (int i = 0; i < hidden.length; i++) {
            activations.add(hiddenActivation.create());
        }
        activations.add(output);
        NumpyRandom random = new NumpyRandom((Integer) getOrDefault(p.seed));
        Network network = Network.of(sizes, activations,
                hiddenActivation.reluFamily() ? Initializer.HE_NORMAL : Initializer.FAN_IN_NORMAL, random);
        int partitions = (Integer) getOrDefault(p.numPartitions);
        @SuppressWarnings("unchecked")
        Dataset<Row> rows = (Dataset<Row>) data;
        TrainingConfig config = TrainingConfig.builder().epochs((Integer) getOrDefault(p.epochs))
                .batchSize((Integer) getOrDefault(p.batchSize)).learningRate((Double) getOrDefault(p.learningRate))
                .loss(loss).optimizer(optimizer((String) getOrDefault(p.optimizer)))
                .backend(Backends.byName((String) getOrDefault(p.backend), 1)).build();
        SparkTraining distribution = SparkTraining.synchronous(partitions > 0 ? partitions : rows.rdd().getNumPartitions());
        History history = new SparkTrainer(config, distribution).fit(network, random, rows, featuresCol, targetCol);
        return new Trained(network, config, history);
    }

    /** A trained network, its configuration and its history. */
    record Trained(Network network, TrainingConfig config, History history) {
    }

    /** The optimizer called {@code name}. */
    static Optimizer optimizer(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "adam" -> new Adam();
            case "adamw" -> new AdamW();
            case "sgd" -> new Sgd();
            case "momentum" -> new Momentum();
            case "nesterov" -> new Momentum(0.9, true);
            case "rmsprop" -> new RmsProp();
            default -> throw new IllegalArgumentException("unknown optimizer '" + name
                    + "'; known: adam, adamw, sgd, momentum, nesterov, rmsprop");
        };
    }

    /** The parameter objects of one instance, made with its uid and given their defaults. */
    final class Holder implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final IntArrayParam hiddenLayers;
        final Param<String> activation;
        final Param<String> optimizer;
        final DoubleParam learningRate;
        final IntParam batchSize;
        final IntParam epochs;
        final IntParam seed;
        final IntParam numPartitions;
        final Param<String> backend;
        final String uid;

        /**
         * The uid an instance's {@code uid()} returns: its holder's, or, while a Scala base class's
         * constructor runs and asks for it before the holder exists, the one stashed for it.
         */
        static String uidOf(Holder holder) {
            return holder != null ? holder.uid : ModelFiles.NEXT_UID.get();
        }

        /**
         * Makes the parameters of {@code owner}, whose constructor runs with its uid stashed
         * ({@link ModelFiles#stash}), and sets their defaults on it.
         */
        static Holder of(MlpParams<?> owner) {
            Holder holder = new Holder(owner, ModelFiles.NEXT_UID.get());
            ModelFiles.NEXT_UID.remove();
            holder.setDefaults(owner);
            return holder;
        }

        private Holder(MlpParams<?> owner, String uid) {
            this.uid = uid;
            
            hiddenLayers = new IntArrayParam(owner, "hiddenLayers", "sizes of the hidden layers");
            activation = new Param<>(owner, "activation", "the hidden layers' activation");
            optimizer = new Param<>(owner, "optimizer", "adam, adamw, sgd, momentum, nesterov or rmsprop");
            learningRate = new DoubleParam(owner, "learningRate", "the learning rate (> 0)", ParamValidators.gt(0));
            batchSize = new IntParam(owner, "batchSize", "rows per step (>= 1)", ParamValidators.gtEq(1));
            epochs = new IntParam(owner, "epochs", "passes over the rows (>= 1)", ParamValidators.gtEq(1));
            seed = new IntParam(owner, "seed", "draws the initial weights and shuffles the rows");
            numPartitions = new IntParam(owner, "numPartitions", "partitions of the rows (0: the input's)",
                    ParamValidators.gtEq(0));
            backend = new Param<>(owner, "backend", "the executors' kernel: blocked, ejml or vector");
        }

        /** The defaults, set on the owner once its parameters exist. */
        void setDefaults(MlpParams<?> owner) {
            owner.setDefault(hiddenLayers, new int[] {32});
            owner.setDefault(activation, "relu");
            owner.setDefault(optimizer, "adam");
            owner.setDefault(learningRate, 1e-3);
            owner.setDefault(batchSize, 32);
            owner.setDefault(epochs, 10);
            owner.setDefault(seed, 1);
            owner.setDefault(numPartitions, 0);
            owner.setDefault(backend, "blocked");
        }
    }
}
