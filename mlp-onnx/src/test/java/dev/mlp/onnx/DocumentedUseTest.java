package dev.mlp.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Softmax;
import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import dev.mlp.loss.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What README and docs/onnx.md show, run as shown: the library calls, ONNX Runtime's Java API on an
 * exported file, and the metadata ONNX Runtime reports.
 */
class DocumentedUseTest {

    @TempDir
    Path dir;

    @Test
    void libraryCallsAndRuntimeUseAsDocumented() throws Exception {
        SavedModel trained = ExportRuntimeTest.model(new ReLU(), new Softmax(), true, 7);
        ModelIO.save(dir.resolve("digits.mlp"), new SavedModel(trained.network(), new SoftmaxCrossEntropy(),
                trained.scaling(), Map.of("seed", "7")));

        // docs/onnx.md
        SavedModel model = ModelIO.load(dir.resolve("digits.mlp"));
        Onnx.save(dir.resolve("digits.onnx"), model, Precision.FLOAT32);
        SavedModel imported = Onnx.load(dir.resolve("digits.onnx"));
        assertEquals(model.network().toString(), imported.network().toString());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("digits.mlp", "digits.onnx"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }

        // README: ONNX Runtime's Java API on the file
        float[][] rawPixels = new float[3][6];
        rawPixels[1][2] = 5;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(dir.resolve("digits.onnx").toString());
             OnnxTensor pixels = OnnxTensor.createTensor(env, rawPixels);
             OrtSession.Result result = session.run(Map.of("input", pixels))) {
            float[][] probabilities = (float[][]) result.get(0).getValue();
            assertEquals(3, probabilities.length);
            assertEquals(1, probabilities[1][0] + probabilities[1][1] + probabilities[1][2] + probabilities[1][3], 1e-6);
            // the model's metadata, as ONNX Runtime reports it
            assertEquals(Map.of("seed", "7"), session.getMetadata().getCustomMetadata());
            assertEquals("mlp", session.getMetadata().getProducerName());
            assertTrue(session.getInputInfo().containsKey(Onnx.INPUT_NAME));
            assertTrue(session.getOutputInfo().containsKey(Onnx.OUTPUT_NAME));
        }
    }
}
