package dev.mlp.activation;

import dev.mlp.Registry;

import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The registry of the built-in activations: their names (as saved in model files), aliases (as
 * typed on a command line), parameter, and what their outputs mean. Model files and the command
 * line look names up here, so both know the same activations by the same names.
 *
 * <p>An activation is matched to its entry by its exact class, never by {@link Activation#name()}:
 * a user-defined class that answers "relu" is not the built-in ReLU.
 */
public final class Activations {

    /** What an output layer's values are. */
    public enum Outputs {
        /** Unbounded or not probabilities (relu, tanh, identity, ...). */
        VALUES,
        /** Independent probabilities, one per entry (sigmoid): a binary or multi-label classifier. */
        PER_ENTRY_PROBABILITIES,
        /** A probability distribution per row, summing to 1 (softmax): a one-class-per-row classifier. */
        ROW_DISTRIBUTION
    }

    /** One built-in activation. */
    public static final class Entry extends Registry.Entry<Activation> {
        private final String parameter;
        private final Outputs outputs;
        private final boolean reluFamily;
        private final DoubleFunction<Activation> factory;
        private final ToDoubleFunction<Activation> parameterOf;
        private final double defaultParameter;

        private Entry(String name, List<String> aliases, Class<? extends Activation> type, String parameter,
                      double defaultParameter, Outputs outputs, boolean reluFamily, DoubleFunction<Activation> factory,
                      ToDoubleFunction<Activation> parameterOf) {
            super(name, aliases, type);
            this.parameter = parameter;
            this.defaultParameter = defaultParameter;
            this.outputs = outputs;
            this.reluFamily = reluFamily;
            this.factory = factory;
            this.parameterOf = parameterOf;
        }

        private static Entry plain(String name, Class<? extends Activation> type, Outputs outputs, boolean reluFamily,
                                   Supplier<Activation> factory) {
            return new Entry(name, List.of(), type, null, Double.NaN, outputs, reluFamily, p -> factory.get(), null);
        }

        /** {@return the name of its one parameter ({@code "slope"}), or {@code null} when it takes none} */
        public String parameter() {
            return parameter;
        }

        /** {@return what its outputs are, as an output layer} */
        public Outputs outputs() {
            return outputs;
        }

        /** {@return whether its outputs are probabilities (sigmoid, softmax)} */
        public boolean givesProbabilities() {
            return outputs != Outputs.VALUES;
        }

        /**
         * {@return whether it is of the ReLU family (relu, leaky relu, gelu)} Such layers start best
         * He-initialised.
         */
        public boolean reluFamily() {
            return reluFamily;
        }

        /** {@return a new instance, with the default parameter if it takes one} */
        public Activation create() {
            return factory.apply(defaultParameter);
        }

        /**
         * {@return a new instance with this parameter}
         *
         * @param value the parameter ({@link #parameter()} names it), checked by the constructor
         * @throws IllegalArgumentException if it takes no parameter, or the value is out of its range
         */
        public Activation create(double value) {
            if (parameter == null) {
                throw new IllegalArgumentException("activation '" + name() + "' takes no parameter, got " + value);
            }
            return factory.apply(value);
        }

        /**
         * {@return the parameter of {@code activation}} This is how a model file writes it.
         *
         * @param activation an instance of exactly this entry's type
         * @throws IllegalArgumentException if this entry takes no parameter, or {@code activation}
         *                                  is of another class
         */
        public double parameterOf(Activation activation) {
            if (parameter == null || activation.getClass() != type()) {
                throw new IllegalArgumentException("no " + name() + " parameter for " + activation);
            }
            return parameterOf.applyAsDouble(activation);
        }

        /** {@return the name, with the parameter's placeholder if it takes one: {@code "leaky_relu <slope>"}} */
        public String usage() {
            return parameter == null ? name() : name() + " <" + parameter + ">";
        }

        @Override
        public List<String> usages() {
            return List.of(usage());
        }

        @Override
        public String toString() {
            return usage();
        }
    }

    private static final Registry<Activation, Entry> REGISTRY = new Registry<>("activation", List.of(
            Entry.plain("relu", ReLU.class, Outputs.VALUES, true, ReLU::new),
            Entry.plain("sigmoid", Sigmoid.class, Outputs.PER_ENTRY_PROBABILITIES, false, Sigmoid::new),
            Entry.plain("tanh", Tanh.class, Outputs.VALUES, false, Tanh::new),
            Entry.plain("identity", Identity.class, Outputs.VALUES, false, Identity::new),
            new Entry("leaky_relu", List.of("leaky-relu"), LeakyReLU.class, "slope", LeakyReLU.DEFAULT_SLOPE,
                    Outputs.VALUES, true, LeakyReLU::new, a -> ((LeakyReLU) a).slope()),
            Entry.plain("softmax", Softmax.class, Outputs.ROW_DISTRIBUTION, false, Softmax::new),
            Entry.plain("gelu", GELU.class, Outputs.VALUES, true, GELU::new)));

    private Activations() {
    }

    /** {@return the built-in activations, found by name, alias or exact class} */
    public static Registry<Activation, Entry> registry() {
        return REGISTRY;
    }

    /**
     * {@return what {@code activation}'s outputs are; {@link Outputs#VALUES} for one that is not built in}
     *
     * @param activation any activation, or null
     */
    public static Outputs outputs(Activation activation) {
        return REGISTRY.of(activation).map(Entry::outputs).orElse(Outputs.VALUES);
    }

    /**
     * {@return whether {@code activation} is a built-in one whose outputs are probabilities (sigmoid, softmax)}
     *
     * @param activation any activation, or null
     */
    public static boolean givesProbabilities(Activation activation) {
        return outputs(activation) != Outputs.VALUES;
    }

    /**
     * {@return whether {@code activation} is a built-in one of the ReLU family (relu, leaky relu, gelu)}
     *
     * @param activation any activation, or null
     */
    public static boolean isReluFamily(Activation activation) {
        return REGISTRY.of(activation).map(Entry::reluFamily).orElse(false);
    }
}
