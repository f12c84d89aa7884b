package dev.mlp.loss;

import dev.mlp.Registry;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The registry of the built-in losses: their names (as saved in model files), aliases (as typed on
 * a command line), option, and the output layer a classifier pairs them with. Model files and the
 * command line look names up here, so both know the same losses by the same names.
 *
 * <p>A loss is matched to its entry by its exact class, never by {@link Loss#name()}: a
 * user-defined class that answers "mse" is not the built-in mean squared error.
 */
public final class Losses {

    /** One built-in loss. */
    public static final class Entry extends Registry.Entry<Loss> {
        private final String option;
        private final String classifierOutput;
        private final boolean multiLabel;
        private final Function<Boolean, Loss> factory;
        private final Predicate<Loss> optionOf;

        private Entry(String name, List<String> aliases, Class<? extends Loss> type, String option,
                      String classifierOutput, boolean multiLabel, Function<Boolean, Loss> factory,
                      Predicate<Loss> optionOf) {
            super(name, aliases, type);
            this.option = option;
            this.classifierOutput = classifierOutput;
            this.multiLabel = multiLabel;
            this.factory = factory;
            this.optionOf = optionOf;
        }

        /**
         * {@return the name of its one on/off option ({@code "allow_softmax"}), or {@code null} when
         * it has none}
         */
        public String option() {
            return option;
        }

        /**
         * {@return the name of the output activation a classifier trained with this loss uses
         * ({@code "softmax"})}
         */
        public String classifierOutput() {
            return classifierOutput;
        }

        /**
         * {@return whether targets are independent 0/1 labels, one per output (binary cross-entropy)}
         * A row may then carry several, and accuracy is counted per entry.
         */
        public boolean multiLabel() {
            return multiLabel;
        }

        /** {@return a new instance, without its option} */
        public Loss create() {
            return factory.apply(false);
        }

        /**
         * {@return a new instance with its option on or off}
         *
         * @param withOption whether to turn {@link #option()} on
         * @throws IllegalArgumentException if {@code option} is asked for and the loss has none
         */
        public Loss create(boolean withOption) {
            if (withOption && option == null) {
                throw new IllegalArgumentException("loss '" + name() + "' takes no option");
            }
            return factory.apply(withOption);
        }

        /**
         * {@return whether {@code loss} has its option on} This is how a model file writes it.
         *
         * @param loss an instance of exactly this entry's type
         * @throws IllegalArgumentException if {@code loss} is of another class
         */
        public boolean hasOption(Loss loss) {
            if (loss.getClass() != type()) {
                throw new IllegalArgumentException("not a " + name() + " loss: " + loss);
            }
            return option != null && optionOf.test(loss);
        }

        /** The name, then the name with its option where it has one: "mse", "mse allow_softmax". */
        @Override
        public List<String> usages() {
            return option == null ? List.of(name()) : List.of(name(), name() + " " + option);
        }
    }

    private static final Registry<Loss, Entry> REGISTRY = new Registry<>("loss", List.of(
            new Entry("mse", List.of(), MeanSquaredError.class, "allow_softmax", "sigmoid", false,
                    allow -> allow ? MeanSquaredError.allowingSoftmax() : new MeanSquaredError(),
                    loss -> ((MeanSquaredError) loss).allowsSoftmax()),
            new Entry("softmax_cross_entropy", List.of("softmax-ce", "softmax-cross-entropy"),
                    SoftmaxCrossEntropy.class, null, "softmax", false, option -> new SoftmaxCrossEntropy(),
                    loss -> false),
            new Entry("binary_cross_entropy", List.of("bce", "binary-cross-entropy"), BinaryCrossEntropy.class,
                    null, "sigmoid", true, option -> new BinaryCrossEntropy(), loss -> false)));

    private Losses() {
    }

    /** {@return the built-in losses, found by name, alias or exact class} */
    public static Registry<Loss, Entry> registry() {
        return REGISTRY;
    }

    /**
     * {@return whether {@code loss} is a built-in one whose targets are independent labels (binary
     * cross-entropy)}
     *
     * @param loss any loss, or null
     */
    public static boolean isMultiLabel(Loss loss) {
        return REGISTRY.of(loss).map(Entry::multiLabel).orElse(false);
    }
}
