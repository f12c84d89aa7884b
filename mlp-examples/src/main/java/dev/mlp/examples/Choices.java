package dev.mlp.examples;

import dev.mlp.Registry;
import dev.mlp.activation.Activation;
import dev.mlp.activation.Activations;
import dev.mlp.data.MinMaxScaler;
import dev.mlp.data.Scaler;
import dev.mlp.data.StandardScaler;
import dev.mlp.loss.Losses;
import dev.mlp.optim.Adam;
import dev.mlp.optim.AdamW;
import dev.mlp.optim.Lbfgs;
import dev.mlp.optim.Momentum;
import dev.mlp.optim.Optimizer;
import dev.mlp.optim.RmsProp;
import dev.mlp.optim.Sgd;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The named choices of the command line (activations, losses, optimizers, scalings, data sources),
 * each with the lower-case name users type and the library object it stands for. Names are matched
 * ignoring case; a wrong one is refused with the list of valid names.
 */
final class Choices {

    private Choices() {
    }

    /** A value with a command-line name. */
    interface Named {
        String cliName();
    }

    /** The names of an enum's values, comma-separated, for messages. */
    static <E extends Enum<E> & Named> String names(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.cliName());
        }
        return String.join(", ", names);
    }

    static <E extends Enum<E> & Named> E parse(Class<E> type, String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.cliName().equals(wanted)) {
                return e;
            }
        }
        throw new TypeConversionException("'" + text + "' is not one of " + names(type));
    }

    /** Converts a command-line name to the enum value. */
    abstract static class Converter<E extends Enum<E> & Named> implements ITypeConverter<E> {
        private final Class<E> type;

        Converter(Class<E> type) {
            this.type = type;
        }

        @Override
        public E convert(String value) {
            return parse(type, value);
        }
    }

    /** The names for picocli's ${COMPLETION-CANDIDATES}. */
    abstract static class Candidates<E extends Enum<E> & Named> implements Iterable<String> {
        private final Class<E> type;

        Candidates(Class<E> type) {
            this.type = type;
        }

        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                names.add(e.cliName());
            }
            return names.iterator();
        }
    }

    /** The names of registry entries as typed on the command line, comma-separated, for messages. */
    static String cliNames(List<? extends Registry.Entry<?>> entries) {
        List<String> names = new ArrayList<>();
        for (Registry.Entry<?> e : entries) {
            names.add(e.cliName());
        }
        return String.join(", ", names);
    }

    /** The entry the registry found for {@code text}, if it is one of {@code allowed}; else refused with their names. */
    static <E extends Registry.Entry<?>> E allowed(List<E> allowed, Optional<? extends E> found, String text) {
        return found.filter(allowed::contains).orElseThrow(() -> new TypeConversionException(
                "'" + text + "' is not one of " + cliNames(allowed)));
    }

    /**
     * Hidden-layer activations: every built-in activation ({@link Activations}) but those whose
     * outputs form a distribution per row (softmax), by name or alias ("leaky-relu" or "leaky_relu").
     */
    static final class HiddenActivations {

        private HiddenActivations() {
        }

        static List<Activations.Entry> all() {
            List<Activations.Entry> hidden = new ArrayList<>();
            for (Activations.Entry e : Activations.registry().all()) {
                if (e.outputs() != Activations.Outputs.ROW_DISTRIBUTION) {
                    hidden.add(e);
                }
            }
            return hidden;
        }

        static final class Convert implements ITypeConverter<Activations.Entry> {
            @Override
            public Activations.Entry convert(String value) {
                return allowed(all(), Activations.registry().find(value), value);
            }
        }

        static final class Names implements Iterable<String> {
            @Override
            public Iterator<String> iterator() {
                return List.of(cliNames(all()).split(", ")).iterator();
            }
        }
    }

    /**
     * Losses for classification ({@link Losses}), by name or alias ("softmax-ce", "bce", "mse"),
     * each trained with the output activation its entry names for classifiers
     * ({@link Losses.Entry#classifierOutput()}).
     */
    static final class ClassificationLosses {

        private ClassificationLosses() {
        }

        /** The output layer's activation for a classifier trained with {@code loss}. */
        static Activation outputActivation(Losses.Entry loss) {
            return Activations.registry().entry(loss.classifierOutput()).create();
        }

        static final class Convert implements ITypeConverter<Losses.Entry> {
            @Override
            public Losses.Entry convert(String value) {
                return allowed(Losses.registry().all(), Losses.registry().find(value), value);
            }
        }

        static final class Names implements Iterable<String> {
            @Override
            public Iterator<String> iterator() {
                return List.of(cliNames(Losses.registry().all()).split(", ")).iterator();
            }
        }
    }

    /** The update rules, with the library's default hyper-parameters; lbfgs is full-batch. */
    enum OptimizerChoice implements Named {
        ADAM("adam"), ADAMW("adamw"), SGD("sgd"), MOMENTUM("momentum"), NESTEROV("nesterov"), RMSPROP("rmsprop"),
        LBFGS("lbfgs");

        private final String name;

        OptimizerChoice(String name) {
            this.name = name;
        }

        @Override
        public String cliName() {
            return name;
        }

        Optimizer create(double weightDecay) {
            return switch (this) {
                case ADAM -> new Adam();
                case ADAMW -> new AdamW(weightDecay);
                case SGD -> new Sgd();
                case MOMENTUM -> new Momentum();
                case NESTEROV -> Momentum.nesterov(Momentum.DEFAULT_MOMENTUM);
                case RMSPROP -> new RmsProp();
                case LBFGS -> new Lbfgs();
            };
        }

        static final class Convert extends Converter<OptimizerChoice> {
            Convert() {
                super(OptimizerChoice.class);
            }
        }

        static final class Names extends Candidates<OptimizerChoice> {
            Names() {
                super(OptimizerChoice.class);
            }
        }
    }

    /** Input scalings, fitted on the training rows only. */
    enum ScaleChoice implements Named {
        MINMAX("minmax"), STANDARD("standard"), NONE("none");

        private final String name;

        ScaleChoice(String name) {
            this.name = name;
        }

        @Override
        public String cliName() {
            return name;
        }

        /** The scaler fitted on the rows of {@code train}, or null for none. */
        Scaler fit(DMatrixRMaj train) {
            return switch (this) {
                case MINMAX -> MinMaxScaler.fit(train);
                case STANDARD -> StandardScaler.fit(train);
                case NONE -> null;
            };
        }

        static final class Convert extends Converter<ScaleChoice> {
            Convert() {
                super(ScaleChoice.class);
            }
        }

        static final class Names extends Candidates<ScaleChoice> {
            Names() {
                super(ScaleChoice.class);
            }
        }
    }

    /** Where the data comes from. */
    enum DataKind implements Named {
        DIGITS("digits"), CSV("csv"), NPZ("npz"), FASHION("fashion");

        private final String name;

        DataKind(String name) {
            this.name = name;
        }

        @Override
        public String cliName() {
            return name;
        }

        static final class Convert extends Converter<DataKind> {
            Convert() {
                super(DataKind.class);
            }
        }

        static final class Names extends Candidates<DataKind> {
            Names() {
                super(DataKind.class);
            }
        }
    }

    /** What train learns. */
    enum TaskChoice implements Named {
        CLASSIFICATION("classification"), REGRESSION("regression");

        private final String name;

        TaskChoice(String name) {
            this.name = name;
        }

        @Override
        public String cliName() {
            return name;
        }

        static final class Convert extends Converter<TaskChoice> {
            Convert() {
                super(TaskChoice.class);
            }
        }

        static final class Names extends Candidates<TaskChoice> {
            Names() {
                super(TaskChoice.class);
            }
        }
    }

    /** What a missing CSV value does. */
    enum MissingChoice implements Named {
        REFUSE("refuse"), DROP("drop");

        private final String name;

        MissingChoice(String name) {
            this.name = name;
        }

        @Override
        public String cliName() {
            return name;
        }

        static final class Convert extends Converter<MissingChoice> {
            Convert() {
                super(MissingChoice.class);
            }
        }

        static final class Names extends Candidates<MissingChoice> {
            Names() {
                super(MissingChoice.class);
            }
        }
    }

    /** Which rows of a data source to use. */
    enum Part implements Named {
        TEST("test"), TRAIN("train"), ALL("all");

        private final String name;

        Part(String name) {
            this.name = name;
        }

        @Override
        public String cliName() {
            return name;
        }

        static final class Convert extends Converter<Part> {
            Convert() {
                super(Part.class);
            }
        }

        static final class Names extends Candidates<Part> {
            Names() {
                super(Part.class);
            }
        }
    }
}
