package dev.mlp.model;

import dev.mlp.Checks;
import dev.mlp.activation.Activation;
import dev.mlp.activation.Activations;
import dev.mlp.activation.Softmax;
import dev.mlp.loss.Loss;
import dev.mlp.random.RandomSource;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable, fluent description of a network: its input width, its hidden layers, its output
 * layer and the loss it is trained with. Every call returns a new specification; {@link #output}
 * validates the whole stack once, with messages naming the layer.
 *
 * <pre>{@code
 * NetworkSpec spec = NetworkSpec.input(64)
 *         .dense(64, new ReLU()).dropout(0.2)     // in training, drop 20% of this layer's outputs
 *         .output(10, new Softmax(), new SoftmaxCrossEntropy());
 * Network network = spec.build(new NumpyRandom(42));
 * }</pre>
 *
 * <p>Default initializers: He uniform for the ReLU family (ReLU, leaky ReLU, GELU), whose
 * activations halve the variance; Glorot uniform for the others.
 */
public final class NetworkSpec {

    /**
     * One layer of the specification.
     *
     * @param units       the layer's width (its outputs), &gt; 0
     * @param activation  its f
     * @param initializer draws its weights when the network is built
     * @param dropout     the share of its outputs dropped in training, in [0, 1); 0 for none
     */
    public record LayerSpec(int units, Activation activation, Initializer initializer, double dropout) {

        /**
         * A layer without dropout.
         *
         * @param units       the layer's width (its outputs), &gt; 0
         * @param activation  its f
         * @param initializer draws its weights when the network is built
         */
        public LayerSpec(int units, Activation activation, Initializer initializer) {
            this(units, activation, initializer, 0);
        }
    }

    private final int inputs;
    private final List<LayerSpec> layers;
    private final Loss loss;

    private NetworkSpec(int inputs, List<LayerSpec> layers, Loss loss) {
        this.inputs = inputs;
        this.layers = List.copyOf(layers);
        this.loss = loss;
    }

    /**
     * {@return a specification for inputs of this width, with no layers yet}
     *
     * @param inputs the number of features per sample, &gt; 0
     * @throws IllegalArgumentException for inputs ≤ 0
     */
    public static NetworkSpec input(int inputs) {
        Checks.requirePositive(inputs, "inputs");
        return new NetworkSpec(inputs, List.of(), null);
    }

    /**
     * Adds a hidden dense layer with the activation's default initializer
     * ({@link #defaultInitializer}).
     *
     * @param units      the layer's width, &gt; 0
     * @param activation its f; not softmax, which belongs to the output layer
     * @return a new specification with the layer added
     * @throws IllegalArgumentException as {@link #dense(int, Activation, Initializer)}
     * @throws IllegalStateException    if the output layer is already set
     */
    public NetworkSpec dense(int units, Activation activation) {
        return dense(units, activation, defaultInitializer(activation));
    }

    /**
     * Adds a hidden dense layer.
     *
     * @param units       the layer's width, &gt; 0
     * @param activation  its f; not softmax, which belongs to the output layer
     * @param initializer draws the layer's weights when the network is built
     * @return a new specification with the layer added
     * @throws IllegalArgumentException for units ≤ 0, a null activation or initializer, or softmax
     * @throws IllegalStateException    if the output layer is already set
     */
    public NetworkSpec dense(int units, Activation activation, Initializer initializer) {
        if (loss != null) {
            throw new IllegalStateException("the output layer is already set; add hidden layers before output(...)");
        }
        String where = "hidden layer " + (layers.size() + 1);
        if (units <= 0) {
            throw new IllegalArgumentException(where + ": units must be > 0, got " + units);
        }
        if (activation == null || initializer == null) {
            throw new IllegalArgumentException(where + ": activation and initializer must not be null");
        }
        if (activation instanceof Softmax) {
            throw new IllegalArgumentException(where + ": softmax belongs to the output layer only");
        }
        List<LayerSpec> next = new ArrayList<>(layers);
        next.add(new LayerSpec(units, activation, initializer));
        return new NetworkSpec(inputs, next, null);
    }

    /**
     * Drops a share of the last hidden layer's outputs in each training batch (inverted dropout:
     * the kept ones are scaled by 1/(1 - rate)); prediction is unaffected. Keras'
     * {@code Dense(...)} followed by {@code Dropout(rate)}.
     *
     * @param rate in [0, 1); 0 removes it
     * @return a new specification whose last hidden layer has this dropout rate
     * @throws IllegalArgumentException for a rate outside [0, 1)
     * @throws IllegalStateException    before the first hidden layer, or after the output layer
     *                                  (an output layer never drops)
     */
    public NetworkSpec dropout(double rate) {
        if (loss != null) {
            throw new IllegalStateException("dropout applies to hidden layers; the output layer is already set");
        }
        if (layers.isEmpty()) {
            throw new IllegalStateException("dropout applies to the last hidden layer; add one with dense(...) first");
        }
        String where = "hidden layer " + layers.size();
        DenseLayer.requireDropout(rate, where + ": dropout");
        List<LayerSpec> next = new ArrayList<>(layers);
        LayerSpec last = next.get(next.size() - 1);
        next.set(next.size() - 1, new LayerSpec(last.units(), last.activation(), last.initializer(), rate));
        return new NetworkSpec(inputs, next, null);
    }

    /**
     * Sets the output layer and its loss, with the activation's default initializer
     * ({@link #defaultInitializer}).
     *
     * @param units      the number of outputs, &gt; 0 (≥ 2 for softmax)
     * @param activation the output activation, which {@code loss} must accept
     * @param loss       the training loss
     * @return a new, complete specification
     * @throws IllegalArgumentException as {@link #output(int, Activation, Initializer, Loss)}
     * @throws IllegalStateException    if the output layer is already set
     */
    public NetworkSpec output(int units, Activation activation, Loss loss) {
        return output(units, activation, defaultInitializer(activation), loss);
    }

    /**
     * Sets the output layer and its loss, and checks that they fit together.
     *
     * @param units       the number of outputs, &gt; 0 (≥ 2 for softmax)
     * @param activation  the output activation, which {@code loss} must accept
     * @param initializer draws the layer's weights when the network is built
     * @param loss        the training loss
     * @return a new, complete specification
     * @throws IllegalArgumentException for units ≤ 0, a null argument, a softmax over one unit, or a
     *                                  loss that refuses the activation (softmax with mse unless
     *                                  asked for, cross-entropy on a non-probability output)
     * @throws IllegalStateException    if the output layer is already set
     */
    public NetworkSpec output(int units, Activation activation, Initializer initializer, Loss loss) {
        if (this.loss != null) {
            throw new IllegalStateException("the output layer is already set");
        }
        if (units <= 0) {
            throw new IllegalArgumentException("output layer: units must be > 0, got " + units);
        }
        if (activation == null || initializer == null || loss == null) {
            throw new IllegalArgumentException("output layer: activation, initializer and loss must not be null");
        }
        if (activation instanceof Softmax && units < 2) {
            throw new IllegalArgumentException("output layer: softmax needs at least 2 units, got " + units
                    + " (use a sigmoid output for one unit)");
        }
        try {
            loss.checkOutput(activation);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("output layer: " + e.getMessage(), e);
        }
        List<LayerSpec> next = new ArrayList<>(layers);
        next.add(new LayerSpec(units, activation, initializer));
        return new NetworkSpec(inputs, next, loss);
    }

    /** {@return the width of the input} */
    public int inputs() {
        return inputs;
    }

    /** {@return the hidden layers then the output layer, in order} */
    public List<LayerSpec> layers() {
        return layers;
    }

    /** {@return the loss of the output layer, or null before {@link #output} is called} */
    public Loss loss() {
        return loss;
    }

    /**
     * {@return a new network drawn from {@code random}, layer by layer; biases start at 0}
     *
     * @param random draws the initial weights; pass the same source to the trainer for a run that a
     *               single seed reproduces
     * @throws IllegalStateException if the output layer has not been set
     */
    public Network build(RandomSource random) {
        if (loss == null) {
            throw new IllegalStateException("set the output layer with output(units, activation, loss) before build");
        }
        Checks.requireNonNull(random, "random");
        List<DenseLayer> built = new ArrayList<>();
        int in = inputs;
        for (LayerSpec spec : layers) {
            DenseLayer layer = new DenseLayer(in, spec.units(), spec.activation(), spec.dropout());
            spec.initializer().initialize(layer.weights(), random);
            built.add(layer);
            in = spec.units();
        }
        return Network.fromLayers(built);
    }

    /**
     * {@return He uniform for the ReLU family ({@link Activations#isReluFamily}), Glorot uniform otherwise}
     *
     * @param activation the layer's activation
     */
    public static Initializer defaultInitializer(Activation activation) {
        return Activations.isReluFamily(activation) ? Initializer.HE_UNIFORM : Initializer.GLOROT_UNIFORM;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NetworkSpec(input " + inputs);
        for (LayerSpec l : layers) {
            sb.append(" -> ").append(l.units()).append(' ').append(l.activation().name());
            if (l.dropout() > 0) {
                sb.append(" dropout ").append(l.dropout());
            }
        }
        return sb.append(loss == null ? "" : ", loss " + loss.name()).append(')').toString();
    }
}
