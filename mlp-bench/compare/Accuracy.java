import dev.mlp.activation.Activation;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Softmax;
import dev.mlp.data.DataSet;
import dev.mlp.data.Digits;
import dev.mlp.data.FashionMnist;
import dev.mlp.data.OneHot;
import dev.mlp.linalg.Backend;
import dev.mlp.linalg.Backends;
import dev.mlp.loss.MeanSquaredError;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.model.Network;
import dev.mlp.optim.Adam;
import dev.mlp.optim.Optimizer;
import dev.mlp.optim.Sgd;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.GradientRule;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;

import java.util.List;
import java.util.Locale;

/**
 * The accuracy our library reaches in the comparison's configurations, one JSON line each, for
 * run.sh. Run as a single-file program against the benchmark jar (which holds mlp-core and
 * mlp-data):
 *
 * <pre>java -cp mlp-bench/target/benchmarks.jar mlp-bench/compare/Accuracy.java [--epochs 100] [--fashion]</pre>
 *
 * <ul>
 *   <li>{@code blog-accuracy}: the blog's configuration as {@code mlp digits --test-fraction 0}
 *       runs it (seed 1, 64-15-10 ReLU/sigmoid, MSE with the blog's rule, batch 15, η = 1e-3),
 *       accuracy on the 1797 training rows after the given epochs;</li>
 *   <li>{@code fashion-accuracy-sgd} / {@code -adam} (with {@code --fashion}, when Debian's
 *       dataset-fashion-mnist is installed): EpochBenchmark's Fashion configurations (784-256-128-10
 *       ReLU, softmax cross-entropy, batch 128, SGD η = 0.05 or Adam η = 1e-3, seed 1) trained one
 *       epoch on the real 60000 training images, accuracy on the 10000 test images.</li>
 * </ul>
 *
 * <p>{@code --kernel} instead prints which matrix kernel the JVM's flags select (what the
 * benchmarks run with), the JVM's version, its processor count and its garbage collector.
 */
public final class Accuracy {

    public static void main(String[] args) throws Exception {
        int epochs = 100;
        boolean fashion = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kernel" -> {
                    kernel();
                    return;
                }
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--fashion" -> fashion = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        digits(epochs);
        if (fashion) {
            if (FashionMnist.isAvailable(FashionMnist.DEFAULT_DIRECTORY)) {
                DataSet train = FashionMnist.train();
                DataSet test = FashionMnist.test();
                fashion(train, test, "fashion-accuracy-sgd", new Sgd(), 0.05);
                fashion(train, test, "fashion-accuracy-adam", new Adam(), 1e-3);
            } else {
                System.err.println("Fashion-MNIST not installed: " + FashionMnist.INSTALL_COMMAND);
            }
        }
    }

    private static void kernel() {
        Backend kernel = Backends.defaultBackend();
        String gc = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName)
                .reduce((a, b) -> a + ", " + b).orElse("?");
        System.out.println(String.format(Locale.ROOT,
                "{\"side\": \"ours\", \"task\": \"kernel\", \"kernel\": \"%s\", \"java\": \"%s\","
                        + " \"vm\": \"%s\", \"cpus\": %d, \"gc\": \"%s\"}",
                kernel, System.getProperty("java.vm.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), gc));
    }

    private static void digits(int epochs) {
        DataSet digits = Digits.load();
        NumpyRandom random = new NumpyRandom(1);
        Network network = Network.of(new int[] {64, 15, 10}, List.of(new ReLU(), new Sigmoid()), random);
        TrainingConfig config = TrainingConfig.builder().epochs(epochs).batchSize(15).learningRate(1e-3)
                .loss(new MeanSquaredError()).gradientRule(GradientRule.BLOG).build();
        long start = System.nanoTime();
        new Trainer(config).fit(network, random, digits.features(), OneHot.encode(digits.labels(), digits.numClasses()));
        double seconds = (System.nanoTime() - start) / 1e9;
        emit("blog-accuracy", network.predictClass(digits.features()), digits.labels(), epochs, "train (1797 rows)",
                seconds);
    }

    private static void fashion(DataSet train, DataSet test, String task, Optimizer optimizer, double lr) {
        List<Activation> activations = List.of(new ReLU(), new ReLU(), new Softmax());
        NumpyRandom random = new NumpyRandom(1);
        Network network = Network.of(new int[] {784, 256, 128, 10}, activations, random);
        TrainingConfig config = TrainingConfig.builder().epochs(1).batchSize(128).learningRate(lr)
                .loss(new SoftmaxCrossEntropy()).optimizer(optimizer).build();
        long start = System.nanoTime();
        new Trainer(config).fit(network, random, train.features(), train.oneHot());
        double seconds = (System.nanoTime() - start) / 1e9;
        emit(task, network.predictClass(test.features()), test.labels(), 1, "Fashion-MNIST test (10000 rows)", seconds);
    }

    private static void emit(String task, int[] predicted, int[] labels, int epochs, String on, double seconds) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"side\": \"ours\", \"task\": \"%s\", \"accuracy\": %.6f, \"correct\": %d, \"rows\": %d,"
                        + " \"epochs\": %d, \"on\": \"%s\", \"train_seconds\": %.3f}",
                task, (double) correct / labels.length, correct, labels.length, epochs, on, seconds));
    }
}
