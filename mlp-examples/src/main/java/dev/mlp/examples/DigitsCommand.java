package dev.mlp.examples;

import dev.mlp.activation.Activation;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.data.DataSet;
import dev.mlp.data.Digits;
import dev.mlp.data.OneHot;
import dev.mlp.data.Split;
import dev.mlp.linalg.Backend;
import dev.mlp.linalg.Backends;
import dev.mlp.loss.MeanSquaredError;
import dev.mlp.metrics.ClassificationReport;
import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.EpochResult;
import dev.mlp.train.GradientRule;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;
import dev.mlp.train.TrainingListener;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Reproduces the blog's validation: the digits set unscaled and one-hot, a 64-15-10 ReLU/Sigmoid
 * network seeded like {@code np.random.seed(1)}, the mean squared error with the blog's update rule,
 * 100 epochs of batch 15 at η = 1e-3; the loss on the full set every 10 epochs; the classification
 * report on all 1797 samples. Then the same configuration trained on a stratified part and
 * evaluated on the held-out rest, since accuracy on the training data flatters any model.
 */
@Command(name = "digits",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Reproduce the blog: train on the 8x8 digits and print the classification report.")
final class DigitsCommand implements Callable<Integer> {

    @Option(names = "--epochs", defaultValue = "100", description = "Passes over the data (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "15", description = "Rows per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--hidden", defaultValue = "15", split = ",",
            description = "Hidden layer sizes, comma-separated; each uses ReLU (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the numpy-compatible random source (default: ${DEFAULT-VALUE}).")
    int seed;

    @Option(names = "--test-fraction", defaultValue = "0.2",
            description = "Share of each class held out for the second run; 0 skips it (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--report-every", defaultValue = "10", description = "Print the full-set loss every N epochs (default: ${DEFAULT-VALUE}).")
    int reportEvery;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        DataSet digits = Digits.load();
        int[] sizes = sizes(digits.features().numCols, digits.numClasses());

        out.printf("Digits: %d samples of %d pixels (0..16, unscaled), %d classes%n",
                digits.rows(), digits.features().numCols, digits.numClasses());
        out.printf("Network %s, ReLU hidden, sigmoid output; MSE with the blog's update rule;%n", dims(sizes));
        out.printf("%d epochs, batch %d, learning rate %s, seed %d%n", epochs, batchSize, learningRate, seed);
        NumpyRandom random = new NumpyRandom(seed);
        Network network = Network.of(sizes, activations(sizes), random);
        // the held-out run trains a second network of the same size on 80% of the rows
        BackendLine line = BackendLine.forWork(Backends.work(digits.rows(), network.parameterCount(),
                testFraction > 0 ? 2L * epochs : epochs));
        Backend backend = line.backend();
        out.printf("%s%n%n", line.header());
        BackendLine.hint(spec.commandLine().getErr());

        DMatrixRMaj x = digits.features();
        DMatrixRMaj y = OneHot.encode(digits.labels(), digits.numClasses());
        MeanSquaredError mse = new MeanSquaredError();
        TrainingListener printLoss = new TrainingListener() {
            @Override
            public Action onEpochEnd(EpochResult result) {
                if (result.epoch() % reportEvery == 0) {
                    out.printf("epoch %3d  loss %.6f%n", result.epoch(), mse.loss(network.predict(x, backend), y));
                    out.flush();
                }
                return Action.CONTINUE;
            }
        };
        new Trainer(config(backend)).fit(network, random, x, y, printLoss);

        int[] predicted = OneHot.decode(network.predict(x, backend));
        out.printf("%nClassification report on all %d samples (the training data, as the blog reports):%n%n", digits.rows());
        out.print(ClassificationReport.of(digits.labels(), predicted).format());

        if (testFraction > 0) {
            heldOut(digits, sizes, backend, out);
        }
        out.flush();
        return 0;
    }

    private void heldOut(DataSet digits, int[] sizes, Backend backend, PrintWriter out) {
        Split split = Split.stratified(digits, testFraction, new NumpyRandom(seed));
        DataSet train = split.train();
        DataSet test = split.test();
        NumpyRandom random = new NumpyRandom(seed);
        Network network = Network.of(sizes, activations(sizes), random);
        new Trainer(config(backend)).fit(network, random, train.features(),
                OneHot.encode(train.labels(), train.numClasses()));
        int[] predicted = OneHot.decode(network.predict(test.features(), backend));
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == test.labels()[i] ? 1 : 0;
        }
        out.printf("%nHeld out: trained on a stratified %d (%.0f%%), tested on the other %d samples%n",
                train.rows(), 100 * (1 - testFraction), test.rows());
        out.printf("Held-out accuracy: %.4f (%d of %d)%n%n", (double) correct / test.rows(), correct, test.rows());
        out.print(ClassificationReport.of(test.labels(), predicted).format());
    }

    private TrainingConfig config(Backend backend) {
        return TrainingConfig.builder()
                .epochs(epochs)
                .batchSize(batchSize)
                .learningRate(learningRate)
                .loss(new MeanSquaredError())
                .gradientRule(GradientRule.BLOG)
                .backend(backend)
                .build();
    }

    private void validate() {
        if (epochs <= 0 || batchSize <= 0 || reportEvery <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--epochs, --batch and --report-every must be > 0, got " + epochs + ", " + batchSize + ", " + reportEvery);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--lr must be finite and > 0, got " + learningRate);
        }
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--test-fraction must be in [0, 1), got " + testFraction);
        }
        for (int h : hidden) {
            if (h <= 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--hidden sizes must be > 0, got " + h);
            }
        }
    }

    private int[] sizes(int inputs, int classes) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = inputs;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = classes;
        return sizes;
    }

    private static List<Activation> activations(int[] sizes) {
        List<Activation> list = new ArrayList<>();
        for (int i = 1; i < sizes.length - 1; i++) {
            list.add(new ReLU());
        }
        list.add(new Sigmoid());
        return list;
    }

    private static String dims(int[] sizes) {
        StringBuilder sb = new StringBuilder();
        for (int s : sizes) {
            sb.append(sb.length() == 0 ? "" : "-").append(s);
        }
        return sb.toString();
    }
}
