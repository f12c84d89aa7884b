package dev.mlp.examples;

import dev.mlp.activation.Activation;
import dev.mlp.activation.Activations;
import dev.mlp.data.DataSet;
import dev.mlp.data.Scaler;
import dev.mlp.examples.Choices.ClassificationLosses;
import dev.mlp.examples.Choices.HiddenActivations;
import dev.mlp.examples.Choices.OptimizerChoice;
import dev.mlp.examples.Choices.ScaleChoice;
import dev.mlp.linalg.Backend;
import dev.mlp.loss.Losses;
import dev.mlp.optim.Optimizer;
import dev.mlp.train.TrainingConfig;
import dev.mlp.tuning.CrossValidation;
import dev.mlp.tuning.ScalingFit;
import dev.mlp.tuning.SearchSpace;
import dev.mlp.tuning.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The options of {@code cv} and {@code search}: the values of each hyper-parameter to try, and
 * how the folds are made and trained. Every list option takes one or more values, separated by
 * spaces or commas, except {@code --layers}, whose commas join the widths of one network and whose
 * spaces separate networks: {@code --layers 64 128 128,64 --lr 1e-3 3e-3}.
 */
final class SettingOptions {

    @Option(names = "--layers", paramLabel = "N[,N...]", arity = "1..*", defaultValue = "256,128",
            description = "Hidden layer widths of each network to try: one value per network, its widths joined "
                    + "by commas; networks separated by spaces (default: ${DEFAULT-VALUE}).")
    List<String> layers;

    @Option(names = "--activation", paramLabel = "NAME", arity = "1..*", split = ",", defaultValue = "relu",
            converter = HiddenActivations.Convert.class, completionCandidates = HiddenActivations.Names.class,
            description = "Hidden activations to try: ${COMPLETION-CANDIDATES} (default: relu).")
    List<Activations.Entry> activations;

    @Option(names = "--optimizer", paramLabel = "NAME", arity = "1..*", split = ",", defaultValue = "adam",
            converter = OptimizerChoice.Convert.class, completionCandidates = OptimizerChoice.Names.class,
            description = "Update rules to try: ${COMPLETION-CANDIDATES} (default: adam).")
    List<OptimizerChoice> optimizers;

    @Option(names = "--lr", paramLabel = "RATE", arity = "1..*", split = ",", defaultValue = "1e-3",
            description = "Learning rates to try (default: ${DEFAULT-VALUE}).")
    List<Double> learningRates;

    @Option(names = "--batch", paramLabel = "N", arity = "1..*", split = ",", defaultValue = "32",
            description = "Batch sizes to try; the last batch of an epoch may be smaller (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(names = "--l2", paramLabel = "LAMBDA", arity = "1..*", split = ",", defaultValue = "0",
            description = "L2 penalties on the weights to try (default: ${DEFAULT-VALUE}, off).")
    List<Double> l2;

    @Option(names = "--dropout", paramLabel = "RATE", arity = "1..*", split = ",", defaultValue = "0",
            description = "Dropout rates of every hidden layer to try, each in [0, 1) (default: ${DEFAULT-VALUE}, off).")
    List<Double> dropouts;

    @Option(names = "--epochs", paramLabel = "N", arity = "1..*", split = ",", defaultValue = "10",
            description = "Epoch counts to try (default: ${DEFAULT-VALUE}).")
    List<Integer> epochs;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA", defaultValue = "0.01",
            description = "Decoupled weight decay of adamw (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = "softmax-ce",
            converter = ClassificationLosses.Convert.class, completionCandidates = ClassificationLosses.Names.class,
            description = "Loss and output layer: softmax-ce, bce or mse, as train (default: ${DEFAULT-VALUE}).")
    Losses.Entry loss;

    @Option(names = "--scale", paramLabel = "NAME", converter = ScaleChoice.Convert.class,
            completionCandidates = ScaleChoice.Names.class,
            description = "Input scaling, fitted inside each fold on its training rows only: "
                    + "${COMPLETION-CANDIDATES} (default: none for Fashion-MNIST, minmax otherwise).")
    ScaleChoice scale;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5",
            description = "Stratified folds: each network trains on K-1 of them and is scored on the other "
                    + "(default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the folds and the networks: fold f's networks use seed+1+f, the same for "
                    + "every setting (default: ${DEFAULT-VALUE}).")
    int seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "Networks trained at once, each on one thread (default: the available processors).")
    Integer threads;

    /** The grid of every combination of the values given, checked; parameter errors name the option. */
    SearchSpace space(CommandLine cmd) {
        List<List<Integer>> networks = new ArrayList<>();
        for (String text : layers) {
            networks.add(widths(cmd, text));
        }
        List<Activation> hidden = activations.stream().map(Activations.Entry::create).toList();
        List<Optimizer> rules = optimizers.stream().map(o -> o.create(weightDecay)).toList();
        for (double lr : learningRates) {
            if (!(lr > 0) || !Double.isFinite(lr)) {
                throw new ParameterException(cmd, "--lr values must be finite and > 0, got " + lr);
            }
        }
        for (int b : batches) {
            positive(cmd, "--batch", b);
        }
        for (double lambda : l2) {
            if (!(lambda >= 0) || !Double.isFinite(lambda)) {
                throw new ParameterException(cmd, "--l2 values must be finite and >= 0, got " + lambda);
            }
        }
        for (double rate : dropouts) {
            if (!(rate >= 0 && rate < 1)) {
                throw new ParameterException(cmd, "--dropout values must be in [0, 1), got " + rate);
            }
        }
        for (int e : epochs) {
            positive(cmd, "--epochs", e);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new ParameterException(cmd, "--weight-decay must be finite and >= 0, got " + weightDecay);
        }
        if (folds < 2) {
            throw new ParameterException(cmd, "--folds must be at least 2, got " + folds);
        }
        if (threads != null) {
            positive(cmd, "--threads", threads);
        }
        return new SearchSpace(networks, hidden, rules, learningRates, batches, l2, dropouts, epochs);
    }

    private static List<Integer> widths(CommandLine cmd, String text) {
        List<Integer> widths = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int units;
            try {
                units = Integer.parseInt(part.strip());
            } catch (NumberFormatException e) {
                throw new ParameterException(cmd, "--layers '" + text + "': widths are whole numbers joined by "
                        + "commas, networks separated by spaces (--layers 64 128,64)");
            }
            if (units <= 0) {
                throw new ParameterException(cmd, "--layers widths must be > 0, got " + units + " in '" + text + "'");
            }
            widths.add(units);
        }
        return widths;
    }

    private static void positive(CommandLine cmd, String option, int value) {
        if (value <= 0) {
            throw new ParameterException(cmd, option + " values must be > 0, got " + value);
        }
    }

    /** The scaling for data of this kind: the option, else none for Fashion-MNIST and minmax otherwise. */
    ScaleChoice scaling(Choices.DataKind kind) {
        return scale != null ? scale : kind == Choices.DataKind.FASHION ? ScaleChoice.NONE : ScaleChoice.MINMAX;
    }

    /** The cross-validation the options describe, on {@code backend}'s kind, one thread per network. */
    CrossValidation crossValidation(ScaleChoice scaling, Backend backend) {
        TrainingConfig base = TrainingConfig.builder().loss(loss.create()).dropLastPartialBatch(false)
                .backend(backend).build();
        ScalingFit fit = rows -> {
            Scaler scaler = scaling.fit(rows);
            return scaler == null ? null : scaler.toInputScaling(rows.numCols);
        };
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        return new CrossValidation(folds, seed, ClassificationLosses.outputActivation(loss), base, fit, n);
    }

    /** "Data: digits: 1797 rows of 64 features, 10 classes". */
    static String dataLine(DataOptions.Spec source, DataOptions.Loaded loaded, DataSet data) {
        return String.format(Locale.ROOT, "Data: %s: %d rows of %d features, %d classes%s", source.describe(),
                data.rows(), data.columns(), data.numClasses(), DataOptions.droppedNote(source, loaded.droppedLines()));
    }

    /** The options that give {@code setting} alone, as typed: "--layers 128,64 --activation relu ...". */
    String options(Setting setting) {
        String dropout = setting.dropout() > 0 ? " --dropout " + Setting.plain(setting.dropout()) : "";
        return String.format(Locale.ROOT, "--layers %s --activation %s --optimizer %s --lr %s --batch %d --l2 %s%s "
                        + "--epochs %d --loss %s", setting.layersText(), activationName(setting.activation()),
                setting.optimizer().name(), Setting.plain(setting.learningRate()), setting.batchSize(),
                Setting.plain(setting.l2()), dropout, setting.epochs(), loss.cliName());
    }

    /** The command-line name of an activation. */
    static String activationName(Activation activation) {
        return Activations.registry().of(activation).map(Activations.Entry::cliName).orElse(activation.name());
    }
}
