package dev.mlp.examples;

import dev.mlp.data.DataSet;
import dev.mlp.data.Split;
import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import dev.mlp.metrics.Metrics;
import dev.mlp.model.Network;
import dev.mlp.model.NetworkSpec;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.History;
import dev.mlp.train.StopReason;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library beyond the blog, end to end on the digits: pixels scaled to [0, 1] on the training
 * part only, a stratified 80/20 split, 64-64-10 ReLU with softmax cross-entropy and Adam, early
 * stopping on a validation share of the training part; then save, load and predict.
 *
 * <p>The seeds are fixed, as the issue asks. Over other splits (seeds 0-4, measured by hand) the same
 * configuration scores between 0.961 and 0.983 held out: the 0.97 bar is met by this seed, not by all.
 */
class DigitsAdamTest {

    @Test
    void adamWithEarlyStoppingReachesNinetySevenPercentHeldOutAndSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
        ReadmeExample readme = new ReadmeExample(); // README's data, network and configuration
        Split split = readme.split;
        DataSet train = readme.train;
        DataSet test = readme.test;
        NetworkSpec spec = readme.spec;
        TrainingConfig config = readme.config;
        NumpyRandom random = new NumpyRandom(42);
        Network network = spec.build(random);
        History history = new Trainer(config).fit(network, random, train.features(), train.oneHot());

        double accuracy = Metrics.accuracy(test.labels(), network.predictClass(test.features()));
        assertTrue(accuracy >= 0.97, "held-out accuracy " + accuracy + " after " + history.epochs().size() + " epochs");
        assertEquals(StopReason.EARLY_STOPPING, history.stopReason(), "early stopping should end this run: "
                + history.message());
        assertTrue(history.bestRestored(), history.message());
        assertTrue(history.epochs().get(0).hasValidation());

        Path file = dir.resolve("digits.mlp");
        SavedModel saved = new SavedModel(network, spec.loss(), readme.scaler.toInputScaling(64),
                Map.of("seed", "42", "optimizer", config.optimizer().toString(), "epochs", "30"));
        ModelIO.save(file, saved);
        SavedModel loaded = ModelIO.load(file);
        DMatrixRMaj raw = split.test().features();
        assertArrayEquals(saved.predict(raw).data, loaded.predict(raw).data, 0.0);
        assertArrayEquals(network.predict(test.features()).data, loaded.predict(raw).data, 0.0);
        assertEquals("42", loaded.metadata().get("seed"));
        assertEquals("softmax_cross_entropy", loaded.loss().name());
    }
}
