package dev.mlp.examples;

import dev.mlp.activation.ReLU;
import dev.mlp.activation.Softmax;
import dev.mlp.data.DataSet;
import dev.mlp.data.Digits;
import dev.mlp.data.MinMaxScaler;
import dev.mlp.data.Split;
import dev.mlp.loss.ClassWeights;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.metrics.ConfusionMatrix;
import dev.mlp.model.Network;
import dev.mlp.model.NetworkSpec;
import dev.mlp.optim.Adam;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;

import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Class weights on an imbalanced set: the digits, split 80/20 by class, with all but
 * {@value #KEPT} of the training rows of digit {@value #RARE} removed. The same network and seed
 * train once unweighted and once with {@link ClassWeights#balanced()}; both are scored on the
 * untouched test rows.
 *
 * <pre>java -cp mlp-examples/target/mlp-examples.jar dev.mlp.examples.ImbalancedDigits</pre>
 */
public final class ImbalancedDigits {

    /** The digit made rare in the training rows. */
    static final int RARE = 8;
    /** How many of its training rows are kept. */
    static final int KEPT = 8;

    private ImbalancedDigits() {
    }

    /**
     * One run's scores on the test rows.
     *
     * @param rareRecall    the recall of the rare digit
     * @param balancedRecall the mean of the ten recalls (scikit-learn's balanced accuracy)
     * @param accuracy      the share of test rows classified right
     */
    record Scores(double rareRecall, double balancedRecall, double accuracy) {
    }

    /** The unweighted and the balanced run, and the training rows they saw. */
    record Outcome(Scores unweighted, Scores balanced, int trainRows, int rareRows, int testRows, int rareTestRows) {
    }

    /** Trains both runs with {@code seed} (the network's weights and the shuffling; the split uses seed 0). */
    static Outcome run(int seed) {
        DataSet digits = Digits.load();
        Split split = Split.stratified(digits, 0.2, new NumpyRandom(0));
        DataSet test = split.test();
        int[] kept = keepFewOfTheRareDigit(split.train());
        DataSet train = split.train().subset(kept);
        MinMaxScaler scaler = MinMaxScaler.fit(train);
        DataSet trainScaled = scaler.transform(train);
        DataSet testScaled = scaler.transform(test);
        Scores unweighted = trainAndScore(trainScaled, testScaled, ClassWeights.none(), seed);
        Scores balanced = trainAndScore(trainScaled, testScaled, ClassWeights.balanced(), seed);
        return new Outcome(unweighted, balanced, train.rows(), train.classCounts()[RARE], test.rows(),
                test.classCounts()[RARE]);
    }

    /** The rows of every other digit, and the first {@value #KEPT} of the rare one. */
    private static int[] keepFewOfTheRareDigit(DataSet train) {
        int[] seen = new int[1];
        return IntStream.range(0, train.rows())
                .filter(r -> train.label(r) != RARE || seen[0]++ < KEPT)
                .toArray();
    }

    private static Scores trainAndScore(DataSet train, DataSet test, ClassWeights weights, int seed) {
        NumpyRandom random = new NumpyRandom(seed);
        NetworkSpec spec = NetworkSpec.input(64).dense(32, new ReLU())
                .output(10, new Softmax(), new SoftmaxCrossEntropy());
        Network network = spec.build(random);
        TrainingConfig config = TrainingConfig.builder().epochs(30).batchSize(32).learningRate(3e-3)
                .loss(spec.loss()).optimizer(new Adam()).dropLastPartialBatch(false).classWeights(weights).build();
        new Trainer(config).fit(network, random, train.features(), train.oneHot());
        ConfusionMatrix confusion = new ConfusionMatrix(test.labels(), network.predictClass(test.features()), 10);
        double macro = 0;
        for (int c = 0; c < 10; c++) {
            macro += confusion.recall(c);
        }
        return new Scores(confusion.recall(RARE), macro / 10, confusion.accuracy());
    }

    /**
     * Prints the two runs' scores.
     *
     * @param args an optional seed (default 1)
     */
    public static void main(String[] args) {
        int seed = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        long start = System.nanoTime();
        Outcome o = run(seed);
        System.out.printf(Locale.ROOT, "Digits, %d training rows with %d of digit %d; %d test rows with %d of it; seed %d%n",
                o.trainRows(), o.rareRows(), RARE, o.testRows(), o.rareTestRows(), seed);
        System.out.printf(Locale.ROOT, "%-22s %12s %16s %9s%n", "class weights", "recall of " + RARE,
                "balanced recall", "accuracy");
        print("none", o.unweighted());
        print("balanced", o.balanced());
        System.out.printf(Locale.ROOT, "(%.1f s)%n", (System.nanoTime() - start) / 1e9);
    }

    private static void print(String name, Scores s) {
        System.out.printf(Locale.ROOT, "%-22s %12.4f %16.4f %9.4f%n", name, s.rareRecall(), s.balancedRecall(),
                s.accuracy());
    }
}
