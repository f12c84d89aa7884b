package dev.mlp.reliability;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mlp.io.ModelFormatException;
import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import org.ejml.data.DMatrixRMaj;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the model loader with Jazzer, for long runs by hand (the command is
 * in docs/reliability.md). Not a {@code *Test} class, so the normal build does not run it: CI's
 * bounded pass is {@link ModelLoaderFuzzTest}. Any exception other than a
 * {@link ModelFormatException} that names the source, and any {@link OutOfMemoryError}, is a
 * finding; Jazzer then saves the input under {@code src/test/resources/.../ModelLoaderJazzerFuzzInputs},
 * where later runs (fuzzing or not) replay it.
 */
class ModelLoaderJazzerFuzz {

    @FuzzTest(maxDuration = "10m")
    void loadModel(byte[] input) throws IOException {
        SavedModel model;
        try {
            model = ModelIO.read(new ByteArrayInputStream(input), ModelLoaderFuzzTest.SOURCE);
        } catch (ModelFormatException e) {
            if (!ModelLoaderFuzzTest.cleanRefusal(e)) {
                throw new IllegalStateException("a refusal that does not name the source and line: " + e.getMessage(), e);
            }
            return;
        }
        try {
            model.predict(new DMatrixRMaj(1, model.network().inputSize()));
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().contains("which the input scaling maps to")) {
                throw e;
            }
        }
    }
}
