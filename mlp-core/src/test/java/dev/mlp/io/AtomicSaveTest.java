package dev.mlp.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.mlp.io.ModelFixtures.randomInput;
import static dev.mlp.io.ModelRoundTripTest.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicSaveTest {

    @TempDir
    Path dir;

    /** Passes {@code limit} bytes through, then fails as a crash or a full disk would. */
    private static StreamWrapper failingAfter(long limit, RuntimeException unchecked) {
        return out -> new FilterOutputStream(out) {
            private long written;

            @Override
            public void write(int b) throws IOException {
                check(1);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                int allowed = (int) Math.max(0, Math.min(len, limit - written));
                out.write(b, off, allowed);
                written += allowed;
                check(len - allowed);
            }

            private void check(int more) throws IOException {
                if (more > 0 && written + more > limit) {
                    if (unchecked != null) {
                        throw unchecked;
                    }
                    throw new IOException("simulated crash after " + written + " bytes");
                }
                written += more;
            }
        };
    }

    private List<Path> filesInDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(Collectors.toList());
        }
    }

    @Test
    void crashMidWriteKeepsThePreviousFileIntactAndLoadable() throws IOException {
        Path file = dir.resolve("model.mlp");
        SavedModel old = ModelFixtures.smallModel();
        ModelIO.save(file, old);
        byte[] before = Files.readAllBytes(file);

        SavedModel replacement = ModelFixtures.tinyModel();
        for (long limit : new long[] {0, 1, 57, 200}) {
            IOException e = assertThrows(IOException.class,
                    () -> ModelIO.save(file, replacement, failingAfter(limit, null)));
            assertEquals("simulated crash after " + limit + " bytes", e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(file));
            assertEquals(List.of(file), filesInDir(), "no temporary file is left behind");
        }
        SavedModel loaded = ModelIO.load(file);
        var x = randomInput(5, 2, 1);
        assertBitIdentical(old.predict(x), loaded.predict(x));
    }

    @Test
    void uncheckedFailureMidWriteAlsoCleansUp() throws IOException {
        Path file = dir.resolve("model.mlp");
        ModelIO.save(file, ModelFixtures.smallModel());
        byte[] before = Files.readAllBytes(file);
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class,
                () -> ModelIO.save(file, ModelFixtures.tinyModel(), failingAfter(100, boom))));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), filesInDir());
    }

    @Test
    void crashDuringAFirstSaveLeavesNoFileAtAll() throws IOException {
        Path file = dir.resolve("new.mlp");
        assertThrows(IOException.class,
                () -> ModelIO.save(file, ModelFixtures.smallModel(), failingAfter(30, null)));
        assertFalse(Files.exists(file));
        assertEquals(List.of(), filesInDir());
    }

    @Test
    void saveReplacesAnExistingModel() throws IOException {
        Path file = dir.resolve("model.mlp");
        ModelIO.save(file, ModelFixtures.smallModel());
        SavedModel replacement = ModelFixtures.tinyModel();
        ModelIO.save(file, replacement);
        assertArrayEquals(ModelFixtures.bytes(replacement), Files.readAllBytes(file));
        assertEquals(List.of(file), filesInDir());
    }

    @Test
    void unsavableModelIsRefusedBeforeTouchingTheDirectory() throws IOException {
        Path file = dir.resolve("model.mlp");
        ModelIO.save(file, ModelFixtures.smallModel());
        byte[] before = Files.readAllBytes(file);
        SavedModel broken = ModelFixtures.tinyModel();
        broken.network().layer(0).bias().data[0] = Double.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> ModelIO.save(file, broken));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), filesInDir());
    }

    @Test
    void loadNamesTheFileInErrors() throws IOException {
        Path file = dir.resolve("broken.mlp");
        Files.writeString(file, "hello\n");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIO.load(file));
        assertEquals(file.toString(), e.sourceName());
        assertEquals(file + ", line 1: " + e.problem(), e.getMessage());
    }
}
