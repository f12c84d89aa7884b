package dev.mlp.examples;

import dev.mlp.activation.Activation;
import dev.mlp.activation.Identity;
import dev.mlp.activation.LeakyReLU;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Softmax;
import dev.mlp.activation.Tanh;
import dev.mlp.data.DataSet;
import dev.mlp.data.MinMaxScaler;
import dev.mlp.data.Scaler;
import dev.mlp.data.StandardScaler;
import dev.mlp.loss.BinaryCrossEntropy;
import dev.mlp.loss.Loss;
import dev.mlp.loss.MeanSquaredError;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.optim.Adam;
import dev.mlp.optim.AdamW;
import dev.mlp.optim.Momentum;
import dev.mlp.optim.Optimizer;
import dev.mlp.optim.RmsProp;
import dev.mlp.optim.Sgd;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

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

    /** Hidden-layer activations. */
    enum HiddenActivation implements Named {
        RELU("relu"), LEAKY_RELU("leaky-relu"), GELU("gelu"), TANH("tanh"), SIGMOID("sigmoid"), IDENTITY("identity");

        private final String name;

        HiddenActivation(String name) {
            this.name = name;
        }

        @Override
        public String cliName() {
            return name;
        }

        Activation create() {
            return switch (this) {
                case RELU -> new ReLU();
                case LEAKY_RELU -> new LeakyReLU();
                case GELU -> new dev.mlp.activation.GELU();
                case TANH -> new Tanh();
                case SIGMOID -> new Sigmoid();
                case IDENTITY -> new Identity();
            };
        }

        static final class Convert extends Converter<HiddenActivation> {
            Convert() {
                super(HiddenActivation.class);
            }
        }

        static final class Names extends Candidates<HiddenActivation> {
            Names() {
                super(HiddenActivation.class);
            }
        }
    }

    /** Losses for classification, each with the output activation it is paired with. */
    enum LossChoice implements Named {
        /** Softmax outputs with the fused cross-entropy: the usual choice for one class per row. */
        SOFTMAX_CE("softmax-ce"),
        /** Sigmoid outputs with binary cross-entropy per class (one-vs-rest). */
        BCE("bce"),
        /** Sigmoid outputs with the mean squared error against one-hot targets, as the blog. */
        MSE("mse");

        private final String name;

        LossChoice(String name) {
            this.name = name;
        }

        @Override
        public String cliName() {
            return name;
        }

        Loss loss() {
            return switch (this) {
                case SOFTMAX_CE -> new SoftmaxCrossEntropy();
                case BCE -> new BinaryCrossEntropy();
                case MSE -> new MeanSquaredError();
            };
        }

        Activation outputActivation() {
            return this == SOFTMAX_CE ? new Softmax() : new Sigmoid();
        }

        static final class Convert extends Converter<LossChoice> {
            Convert() {
                super(LossChoice.class);
            }
        }

        static final class Names extends Candidates<LossChoice> {
            Names() {
                super(LossChoice.class);
            }
        }
    }

    /** The update rules, with the library's default hyper-parameters. */
    enum OptimizerChoice implements Named {
        ADAM("adam"), ADAMW("adamw"), SGD("sgd"), MOMENTUM("momentum"), NESTEROV("nesterov"), RMSPROP("rmsprop");

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

        /** The scaler fitted on {@code train}, or null for none. */
        Scaler fit(DataSet train) {
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
        DIGITS("digits"), CSV("csv"), FASHION("fashion");

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
