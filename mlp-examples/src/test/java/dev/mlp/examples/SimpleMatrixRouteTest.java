package dev.mlp.examples;

import dev.mlp.metrics.Metrics;
import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.Trainer;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A downstream project can train and predict with EJML's {@code SimpleMatrix} alone: README's
 * SimpleMatrix lines ({@link ReadmeExample}) give, to the bit, what the DMatrixRMaj route gives for
 * the same seeds, and their code names no DMatrixRMaj.
 */
class SimpleMatrixRouteTest {

    @Test
    void readmesSimpleMatrixRouteGivesTheBitsOfTheDMatrixRMajRoute() {
        ReadmeExample readme = new ReadmeExample();
        ReadmeExample.Predictions simple = readme.trainAndPredictWithSimpleMatrix();

        NumpyRandom random = new NumpyRandom(42);
        Network network = readme.spec.build(random);
        new Trainer(readme.config).fit(network, random, readme.train.features(), readme.train.oneHot());
        DMatrixRMaj probabilities = network.predictProba(readme.test.features());

        for (int l = 0; l < network.layers().size(); l++) {
            assertArrayEquals(network.layer(l).weights().data, simple.network().layer(l).weights().data, 0.0);
            assertArrayEquals(network.layer(l).bias().data, simple.network().layer(l).bias().data, 0.0);
        }
        assertEquals(probabilities.numRows, simple.probabilities().getNumRows());
        assertEquals(probabilities.numCols, simple.probabilities().getNumCols());
        assertArrayEquals(probabilities.data, simple.probabilities().getDDRM().data, 0.0);
        assertArrayEquals(network.predictClass(readme.test.features()), simple.predicted());
        double accuracy = Metrics.accuracy(readme.test.labels(), simple.predicted());
        assertTrue(accuracy >= 0.97, "held-out accuracy " + accuracy);
    }

    /**
     * Read from the class files' constant pools, where every class a class uses appears by its
     * internal name: README's example and its record name SimpleMatrix, never DMatrixRMaj.
     */
    @Test
    void readmesExampleNamesNoDMatrixRMaj() throws IOException, URISyntaxException {
        Path dir = Path.of(ReadmeExample.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(ReadmeExample.class.getPackageName().replace('.', '/'));
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().startsWith("ReadmeExample")).sorted().toList();
        }
        assertEquals(2, files.size(), "ReadmeExample and its record: " + files);
        for (Path file : files) {
            String pool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertTrue(pool.contains("org/ejml/simple/SimpleMatrix"), file + " names SimpleMatrix");
            assertFalse(pool.contains("org/ejml/data/DMatrixRMaj"), file + " names DMatrixRMaj");
        }
    }
}
