package dev.mlp.tuning;

import dev.mlp.Checks;
import dev.mlp.activation.Activation;
import dev.mlp.linalg.Backend;
import dev.mlp.loss.Loss;
import dev.mlp.model.NetworkSpec;
import dev.mlp.optim.FullBatchOptimizer;
import dev.mlp.optim.Optimizer;
import dev.mlp.train.TrainingConfig;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The hyper-parameters one candidate of a search varies: the hidden layers and their activation,
 * the update rule, the learning rate η, the batch size, the L2 penalty λ, the dropout rate and the
 * epochs.
 * Everything else (the loss, the output layer, the schedule, clipping, ...) comes from the base
 * {@link TrainingConfig} of the {@link CrossValidation} that trains it.
 *
 * <p>Activations and optimizers are immutable values, so one setting may train many networks at
 * once on several threads.
 *
 * @param layers       the hidden layers' widths, in order, each &gt; 0; at least one
 * @param activation   f of every hidden layer; not softmax
 * @param optimizer    the update rule
 * @param learningRate η, finite and &gt; 0
 * @param batchSize    rows per batch, &gt; 0
 * @param l2           λ, finite and ≥ 0 (adds λW to each weight gradient)
 * @param dropout      the dropout rate p of every hidden layer, in [0, 1); 0 for none
 * @param epochs       passes over the training rows, &gt; 0
 */
public record Setting(List<Integer> layers, Activation activation, Optimizer optimizer, double learningRate,
                      int batchSize, double l2, double dropout, int epochs) {

    /**
     * Checks every value and keeps an unmodifiable copy of the layers.
     *
     * @throws IllegalArgumentException for a value out of range, naming it
     */
    public Setting {
        Checks.requireNonNull(layers, "layers");
        Checks.requireNonNull(activation, "activation");
        Checks.requireNonNull(optimizer, "optimizer");
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("layers must hold at least one hidden layer width");
        }
        for (Integer units : layers) {
            if (units == null || units <= 0) {
                throw new IllegalArgumentException("layers must all be > 0, got " + layers);
            }
        }
        layers = List.copyOf(layers);
        Checks.requirePositiveFinite(learningRate, "learningRate");
        Checks.requirePositive(batchSize, "batchSize");
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("l2 must be finite and >= 0, got " + l2);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (dropout > 0 && optimizer instanceof FullBatchOptimizer) {
            throw new IllegalArgumentException(optimizer.name() + " takes no dropout (its line search needs the same "
                    + "objective at every evaluation), got dropout " + dropout + "; search them apart");
        }
        Checks.requirePositive(epochs, "epochs");
    }

    /**
     * A setting without dropout.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public Setting(List<Integer> layers, Activation activation, Optimizer optimizer, double learningRate,
                   int batchSize, double l2, int epochs) {
        this(layers, activation, optimizer, learningRate, batchSize, l2, 0, epochs);
    }

    /**
     * {@return the complete specification: {@code inputs}, the hidden layers of this setting (each
     * with this setting's dropout), then the output layer}
     *
     * @param inputs           the number of features, &gt; 0
     * @param outputs          the number of outputs, &gt; 0
     * @param outputActivation the output layer's f, which {@code loss} must accept
     * @param loss             the training loss
     * @throws IllegalArgumentException as {@link NetworkSpec#dense} and {@link NetworkSpec#output}
     */
    public NetworkSpec network(int inputs, int outputs, Activation outputActivation, Loss loss) {
        NetworkSpec spec = NetworkSpec.input(inputs);
        for (int units : layers) {
            spec = spec.dense(units, activation);
            if (dropout > 0) {
                spec = spec.dropout(dropout);
            }
        }
        return spec.output(outputs, outputActivation, loss);
    }

    /**
     * {@return {@code base} with this setting's optimizer, η, batch size, λ and epochs, trained on
     * {@code backend}}
     *
     * @param base    every other value of training
     * @param backend computes the training
     */
    public TrainingConfig training(TrainingConfig base, Backend backend) {
        return base.toBuilder().optimizer(optimizer).learningRate(learningRate).batchSize(batchSize).l2(l2)
                .epochs(epochs).backend(backend).build();
    }

    /** {@return the layers as typed on a command line: {@code "128,64"}} */
    public String layersText() {
        return layers.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /**
     * {@return one line: {@code "layers 128,64, relu, adam, lr 0.001, batch 32, l2 0.0001, 30 epochs"},
     * with {@code ", dropout 0.2"} before the epochs when there is dropout}
     */
    @Override
    public String toString() {
        String drop = dropout > 0 ? ", dropout " + plain(dropout) : "";
        return String.format(Locale.ROOT, "layers %s, %s, %s, lr %s, batch %d, l2 %s%s, %d epochs", layersText(),
                activation.name(), optimizer.name(), plain(learningRate), batchSize, plain(l2), drop, epochs);
    }

    /** {@return x as a person writes it: 0.0001 rather than 1.0E-4, 0 rather than 0.0} */
    public static String plain(double x) {
        return new BigDecimal(Double.toString(x)).stripTrailingZeros().toString();
    }
}
