package dev.mlp.examples;

import dev.mlp.data.Digits;
import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import dev.mlp.onnx.OrtRunner;
import dev.mlp.onnx.Precision;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mlp export} writes a digits model that ONNX Runtime runs to the model's own
 * probabilities, and {@code mlp import} reads a PyTorch-exported classifier into a model file whose
 * {@code predict} probabilities are PyTorch's.
 */
class OnnxCommandsTest {

    @TempDir
    Path dir;

    @Test
    void exportedDigitsModelRunsInOnnxRuntimeToOurProbabilities() throws Exception {
        Path model = dir.resolve("digits.mlp");
        Cli.Run train = Cli.run("train", "--layers", "16", "--epochs", "2", "--loss", "softmax-ce", "--output",
                model.toString());
        assertEquals(0, train.exitCode(), train.all());
        SavedModel saved = ModelIO.load(model);
        DMatrixRMaj x = Digits.load().features();
        DMatrixRMaj ours = saved.predict(x);

        for (Precision precision : Precision.values()) {
            String type = precision == Precision.FLOAT32 ? "float32" : "float64";
            Path onnx = dir.resolve("digits-" + type + ".onnx");
            Cli.Run export = Cli.run("export", "--model", model.toString(), "--onnx", onnx.toString(),
                    "--precision", type);
            assertEquals(0, export.exitCode(), export.all());
            assertEquals("Model: " + model + ", 64-16-10 (relu, softmax), with its input scaling\n"
                    + "Wrote " + onnx + ": ONNX opset 13, " + type + ", input 'input' [batch, 64] -> output 'output' "
                    + "[batch, 10]\n", export.out().replace(System.lineSeparator(), "\n"));
            DMatrixRMaj theirs = OrtRunner.run(Files.readAllBytes(onnx), x, precision);
            double worst = 0;
            for (int i = 0; i < ours.getNumElements(); i++) {
                worst = Math.max(worst, Math.abs(ours.data[i] - theirs.data[i]));
            }
            assertTrue(worst <= (precision == Precision.FLOAT64 ? 1e-12 : 1e-5), type + ": " + worst);
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void importedPytorchClassifierPredictsPytorchsProbabilities() throws Exception {
        Path onnx = copy("relu-softmax-float32.onnx");
        Path input = copy("relu-softmax-float32-input.csv");
        Path model = dir.resolve("torch.mlp");
        Cli.Run imported = Cli.run("import", "--onnx", onnx.toString(), "--output", model.toString());
        assertEquals(0, imported.exitCode(), imported.all());
        assertEquals("Read " + onnx + ": 4-8-6-3 (relu, relu, softmax), no input scaling\nSaved the model to "
                + model + "\n", imported.out().replace(System.lineSeparator(), "\n"));

        Cli.Run predict = Cli.run("predict", "--model", model.toString(), "--csv", input.toString(), "--no-header",
                "--decimals", "17");
        assertEquals(0, predict.exitCode(), predict.all());
        List<String> lines = predict.out().lines().toList();
        List<String> expected = new String(resource("relu-softmax-float32-output.csv").readAllBytes(),
                StandardCharsets.UTF_8).lines().toList();
        assertEquals("row,predicted,p_0,p_1,p_2", lines.get(0));
        assertEquals(expected.size() + 1, lines.size());
        for (int r = 0; r < expected.size(); r++) {
            double[] torch = Arrays.stream(expected.get(r).split(",")).mapToDouble(Double::parseDouble).toArray();
            String[] fields = lines.get(r + 1).split(",");
            for (int c = 0; c < 3; c++) {
                double ours = Double.parseDouble(fields[2 + c]);
                assertTrue(Math.abs(ours - torch[c]) <= 1e-6, "row " + r + " class " + c + ": " + ours + " vs " + torch[c]);
            }
        }
    }

    @Test
    void badFilesAndUnsupportedGraphsAreOneLineErrors() throws Exception {
        Path notOnnx = dir.resolve("model.onnx");
        Files.writeString(notOnnx, "mlp-model 1\n");
        Cli.Run bad = Cli.run("import", "--onnx", notOnnx.toString(), "--output", dir.resolve("m.mlp").toString());
        assertEquals(1, bad.exitCode(), bad.all());
        assertTrue(bad.err().startsWith("mlp import: error: " + notOnnx + ": not a valid ONNX model (protocol "
                + "buffers): "), bad.err());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertFalse(Files.exists(dir.resolve("m.mlp")));

        Cli.Run missing = Cli.run("export", "--model", dir.resolve("none.mlp").toString(), "--onnx",
                dir.resolve("x.onnx").toString());
        assertEquals(1, missing.exitCode(), missing.all());
        assertEquals("mlp export: error: no such file: " + dir.resolve("none.mlp"), missing.err().strip());

        Cli.Run precision = Cli.run("export", "--model", "m.mlp", "--onnx", "x.onnx", "--precision", "float16");
        assertEquals(2, precision.exitCode(), precision.all());
        assertTrue(precision.err().startsWith("mlp export: --precision must be float32 or float64, got 'float16'"),
                precision.err());
    }

    @Test
    void anOnnxModelOfAnotherKindIsRefusedNamingTheNode() throws Exception {
        // an exported model whose second activation's node is renamed to an operator mlp does not read
        Path model = dir.resolve("m.mlp");
        Cli.Run train = Cli.run("train", "--layers", "4", "--epochs", "1", "--output", model.toString());
        assertEquals(0, train.exitCode(), train.all());
        Path onnx = dir.resolve("m.onnx");
        assertEquals(0, Cli.run("export", "--model", model.toString(), "--onnx", onnx.toString()).exitCode());
        byte[] bytes = Files.readAllBytes(onnx);
        byte[] relu = "\"\u0004Relu".getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(bytes, relu);
        assertTrue(at >= 0);
        System.arraycopy("\"\u0004Selu".getBytes(StandardCharsets.ISO_8859_1), 0, bytes, at, relu.length);
        Files.write(onnx, bytes);
        Cli.Run refused = Cli.run("import", "--onnx", onnx.toString(), "--output", dir.resolve("back.mlp").toString());
        assertEquals(1, refused.exitCode(), refused.all());
        assertTrue(refused.err().startsWith("mlp import: error: " + onnx + ": node 3 'layer0_relu' (Selu) is not "
                + "supported: mlp imports Gemm"), refused.err());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private Path copy(String name) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = resource(name)) {
            Files.copy(in, target);
        }
        return target;
    }

    private static InputStream resource(String name) {
        InputStream in = OrtRunner.class.getResourceAsStream("pytorch/" + name);
        assertNotNull(in, name);
        return in;
    }
}
