package dev.mlp.examples;

import dev.mlp.activation.ReLU;
import dev.mlp.activation.Softmax;
import dev.mlp.data.DataSet;
import dev.mlp.data.Digits;
import dev.mlp.data.MinMaxScaler;
import dev.mlp.data.Split;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.model.Network;
import dev.mlp.model.NetworkSpec;
import dev.mlp.optim.Adam;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.EarlyStopping;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;
import org.ejml.simple.SimpleMatrix;

/**
 * README's library example ("Using the library"), line for line, so that what README shows
 * compiles and runs: the data, the network and the training configuration, and README's
 * {@link SimpleMatrix} lines. It names no {@code DMatrixRMaj} ({@link SimpleMatrixRouteTest} reads
 * its class files to be sure): a downstream project trains and predicts with SimpleMatrix alone.
 */
final class ReadmeExample {

    final Split split;
    final MinMaxScaler scaler;
    final DataSet train;
    final DataSet test;
    final NetworkSpec spec;
    final TrainingConfig config;

    ReadmeExample() {
        DataSet digits = Digits.load();                                   // 1797 × 64, labels 0..9
        split = Split.stratified(digits, 0.2, new NumpyRandom(0));        // 80/20 per class
        scaler = MinMaxScaler.fit(split.train());                         // fitted on training data only
        train = scaler.transform(split.train());
        test = scaler.transform(split.test());

        spec = NetworkSpec.input(64)
                .dense(64, new ReLU())                                    // He-uniform by default
                .output(10, new Softmax(), new SoftmaxCrossEntropy());    // pairing checked here
        config = TrainingConfig.builder()
                .epochs(30).batchSize(16).learningRate(0.005)
                .loss(spec.loss())
                .optimizer(new Adam())
                .validationFraction(0.1)                                  // stratified for one-hot targets
                .earlyStopping(new EarlyStopping(3, 1e-4, true))          // patience, min delta, restore best
                .build();
    }

    /** What README's SimpleMatrix lines give: the trained network, and the test set's probabilities and classes. */
    record Predictions(Network network, SimpleMatrix probabilities, int[] predicted) {
    }

    /** README's SimpleMatrix lines, on a network drawn as README's example draws it. */
    Predictions trainAndPredictWithSimpleMatrix() {
        NumpyRandom random = new NumpyRandom(42);                         // initial weights, then shuffling
        Network network = spec.build(random);

        SimpleMatrix x = train.featuresSimple();                          // n × 64; any SimpleMatrix of doubles
        SimpleMatrix y = train.oneHotSimple();                            // n × 10 targets
        new Trainer(config).fit(network, random, x, y);                   // trains on x and y themselves
        SimpleMatrix probabilities = network.predictProba(test.featuresSimple());   // n × 10, rows sum to 1
        int[] predicted = network.predictClass(test.featuresSimple());
        return new Predictions(network, probabilities, predicted);
    }
}
