package dev.mlp.onnx;

import dev.mlp.io.SavedModel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Models PyTorch exported (resources dev/mlp/onnx/pytorch, made by make_fixtures.py there) import
 * into networks whose predictions are PyTorch's: within 1e-12 for the float64 models, and within
 * 1e-6 (relative to the output's size when that exceeds 1) for the float32 ones, which PyTorch
 * computed in float32 arithmetic (each of its roundings is up to 6e-8 relative) while the
 * imported network computes in doubles from the same float32 weights.
 */
class PytorchImportTest {

    static final double FLOAT64_TOLERANCE = 1e-12;
    static final double FLOAT32_TOLERANCE = 1e-6;
    private static final Map<String, Double> MEASURED = new TreeMap<>();

    @ParameterizedTest
    @CsvSource({
        "relu-softmax-float32,       4-8-6-3,  relu relu softmax",
        "tanh-leaky-sigmoid-float64, 5-7-7-2,  tanh leaky_relu(0.1) sigmoid",
        "gelu-regression-float32,    3-10-10-1, gelu gelu identity",
        "gelu-identity-float64,      3-6-4,    gelu identity"})
    void importedModelPredictsWhatPytorchComputed(String name, String sizes, String activations) throws Exception {
        SavedModel model;
        try (InputStream in = resource(name + ".onnx")) {
            model = Onnx.read(in, name + ".onnx");
        }
        assertEquals(sizes, String.join("-", java.util.Arrays.stream(model.network().sizes())
                .mapToObj(Integer::toString).toList()));
        List<String> names = new ArrayList<>();
        model.network().layers().forEach(l -> names.add(l.activation().toString()));
        assertEquals(activations, String.join(" ", names));
        assertNull(model.scaling());
        assertNull(model.loss());

        DMatrixRMaj x = csv(name + "-input.csv");
        DMatrixRMaj expected = csv(name + "-output.csv");
        double diff = ExportRuntimeTest.maxDifference(expected, model.predict(x));
        MEASURED.put(name, diff);
        double tolerance = name.endsWith("float64") ? FLOAT64_TOLERANCE : FLOAT32_TOLERANCE;
        assertTrue(diff <= tolerance, name + ": differs from PyTorch by " + diff);
    }

    @AfterAll
    static void report() {
        MEASURED.forEach((name, diff) -> System.out.printf(Locale.ROOT, "%s: largest difference from PyTorch %.3g%n",
                name, diff));
    }

    static InputStream resource(String name) {
        InputStream in = PytorchImportTest.class.getResourceAsStream("pytorch/" + name);
        assertNotNull(in, "test resource dev/mlp/onnx/pytorch/" + name);
        return in;
    }

    /** A CSV file of numbers, no header. */
    static DMatrixRMaj csv(String name) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (InputStream in = resource(name)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    rows.add(java.util.Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
                }
            }
        }
        return new DMatrixRMaj(rows.toArray(double[][]::new));
    }
}
