import dev.mlp.activation.ReLU;
import dev.mlp.activation.Softmax;
import dev.mlp.data.DataSet;
import dev.mlp.data.Digits;
import dev.mlp.data.Split;
import dev.mlp.linalg.Backends;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.model.Network;
import dev.mlp.optim.Adam;
import dev.mlp.optim.Lbfgs;
import dev.mlp.optim.Optimizer;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.EpochResult;
import dev.mlp.train.History;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;
import dev.mlp.train.TrainingListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * L-BFGS against Adam on the digits, for the README's comparison. Run as a single-file program
 * against the benchmark jar:
 *
 * <pre>java -cp mlp-bench/target/benchmarks.jar mlp-bench/compare/LbfgsVsAdam.java [--seeds 5] [--l2 1e-4] [--epochs 200] [--adam-batch 32]</pre>
 *
 * <p>The digits scaled by 1/16, a stratified 80/20 split (seed 1: 1438 rows to train on, 359 held
 * out), a 64-128-10 ReLU network with softmax cross-entropy and the same L2 for both. For each
 * network seed (after one unmeasured run of each to warm the JIT), in turn: L-BFGS with its
 * defaults for at most {@code --epochs} iterations (scikit-learn's {@code max_iter} is 200), and
 * Adam (η = 1e-3, batch {@code --adam-batch}: 32 is the CLI's default,
 * 200 scikit-learn's) for {@code --epochs} epochs. A listener measures the held-out accuracy
 * after every epoch and takes its own time off the training clock. Printed per seed: each
 * optimizer's accuracy at its end and the training time to it, and the time each first reaches
 * the other's final accuracy (with {@code --targets}, also the time each first reaches 0.96 …
 * 0.99); then the medians over the seeds.
 */
public final class LbfgsVsAdam {

    /** One run: the held-out accuracy and the training seconds so far after each epoch. */
    private record Trace(double[] accuracy, double[] seconds) {
        double finalAccuracy() {
            return accuracy[accuracy.length - 1];
        }

        double finalSeconds() {
            return seconds[seconds.length - 1];
        }

        /** Seconds to the first epoch at or above target, or NaN. */
        double secondsTo(double target) {
            for (int i = 0; i < accuracy.length; i++) {
                if (accuracy[i] >= target) {
                    return seconds[i];
                }
            }
            return Double.NaN;
        }

        int epochTo(double target) {
            for (int i = 0; i < accuracy.length; i++) {
                if (accuracy[i] >= target) {
                    return i + 1;
                }
            }
            return -1;
        }
    }

    public static void main(String[] args) {
        int seeds = 5;
        int epochs = 200;
        int adamBatch = 32;
        boolean targets = false;
        double l2 = 1e-4;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--l2" -> l2 = Double.parseDouble(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--adam-batch" -> adamBatch = Integer.parseInt(args[++i]);
                case "--targets" -> targets = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        DataSet digits = Digits.load();
        digits = digits.withFeatures(Digits.pixelScaler().transform(digits.features()));
        Split split = Split.stratified(digits, 0.2, new NumpyRandom(1));
        DataSet train = split.train();
        DataSet test = split.test();
        System.out.printf(Locale.ROOT, "digits /16: %d rows to train on, %d held out; 64-128-10 relu, softmax-ce, "
                + "l2 %s, at most %d epochs; adam batch %d; %s%n", train.rows(), test.rows(), l2, epochs, adamBatch,
                Backends.defaultBackend().description());
        TrainingConfig lbfgs = TrainingConfig.builder().epochs(epochs).loss(new SoftmaxCrossEntropy())
                .optimizer(new Lbfgs()).l2(l2).build();
        TrainingConfig adam = lbfgs.toBuilder().optimizer(new Adam()).learningRate(1e-3).batchSize(adamBatch)
                .dropLastPartialBatch(false).build();
        trace(0, lbfgs, train, test);
        trace(0, adam, train, test);
        System.out.println("seed | lbfgs: iterations accuracy seconds | adam: accuracy seconds | seconds to the "
                + "other's final accuracy: lbfgs adam (epochs)");
        List<double[]> rows = new ArrayList<>();
        for (int seed = 1; seed <= seeds; seed++) {
            Trace l = trace(seed, lbfgs, train, test);
            Trace a = trace(seed, adam, train, test);
            double lbfgsToAdam = l.secondsTo(a.finalAccuracy());
            double adamToLbfgs = a.secondsTo(l.finalAccuracy());
            rows.add(new double[] {l.finalAccuracy(), l.finalSeconds(), a.finalAccuracy(), a.finalSeconds(),
                    lbfgsToAdam, adamToLbfgs});
            if (targets) {
                for (double t : new double[] {0.96, 0.97, 0.975, 0.98, 0.985, 0.99}) {
                    System.out.printf(Locale.ROOT, "   target %.3f: lbfgs %6.2f s (%3d)  adam %6.2f s (%3d)%n", t,
                            l.secondsTo(t), l.epochTo(t), a.secondsTo(t), a.epochTo(t));
                }
            }
            System.out.printf(Locale.ROOT, "%4d | %10d  %.4f  %6.2f | %.4f  %6.2f | %6.2f (%3d)  %6.2f (%3d)%n", seed,
                    l.accuracy.length, l.finalAccuracy(), l.finalSeconds(), a.finalAccuracy(), a.finalSeconds(),
                    lbfgsToAdam, l.epochTo(a.finalAccuracy()), adamToLbfgs, a.epochTo(l.finalAccuracy()));
        }
        System.out.printf(Locale.ROOT, "median | lbfgs %.4f in %.2f s | adam %.4f in %.2f s | lbfgs to adam's accuracy "
                + "%.2f s, adam to lbfgs' %.2f s (NaN: never)%n", median(rows, 0), median(rows, 1), median(rows, 2),
                median(rows, 3), median(rows, 4), median(rows, 5));
    }

    private static Trace trace(int seed, TrainingConfig config, DataSet train, DataSet test) {
        NumpyRandom random = new NumpyRandom(seed);
        Network network = Network.of(new int[] {64, 128, 10}, List.of(new ReLU(), new Softmax()), random);
        double[] accuracy = new double[config.epochs()];
        double[] seconds = new double[config.epochs()];
        long[] outside = {0};
        long start = System.nanoTime();
        History h = new Trainer(config).fit(network, random, train.features(), train.oneHot(), new TrainingListener() {
            @Override
            public Action onEpochEnd(EpochResult epoch) {
                long in = System.nanoTime();
                seconds[epoch.epoch() - 1] = (in - start - outside[0]) / 1e9;
                accuracy[epoch.epoch() - 1] = accuracy(network, test);
                outside[0] += System.nanoTime() - in;
                return Action.CONTINUE;
            }
        });
        int n = h.epochs().size();
        return new Trace(Arrays.copyOf(accuracy, n), Arrays.copyOf(seconds, n));
    }

    private static double accuracy(Network network, DataSet test) {
        int[] predicted = network.predictClass(test.features());
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == test.labels()[i] ? 1 : 0;
        }
        return (double) correct / predicted.length;
    }

    private static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
