package dev.mlp.data.reliability;

import dev.mlp.data.DataFormatException;
import dev.mlp.data.Npy;
import dev.mlp.data.NpyArray;
import dev.mlp.data.NpzLoader;
import dev.mlp.data.Table;
import dev.mlp.testing.MutationFuzzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes {@link Npy} with {@link MutationFuzzer}: .npy files numpy wrote (every dtype, both byte
 * orders, format versions 1 to 3) read from streams, and .npz archives (stored and deflated) read
 * through {@link NpzLoader} from files. Whatever the bytes, the reader gives an array of the
 * declared shape or throws a {@link DataFormatException} naming the source; never another
 * exception, an allocation sized by a header that declares 2^31 values, or a hang.
 */
class NpyReaderFuzzTest {

    /** Mutants per entry point in a CI run; {@code -Dfuzz.iterations} overrides it. */
    static final int CI_MUTANTS = 2000;

    static final String SOURCE = "fuzz.npy";

    static byte[] fixture(String name) {
        try {
            return Files.readAllBytes(Path.of(NpyReaderFuzzTest.class.getResource("/dev/mlp/data/npy/" + name).toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<byte[]> seeds(String... names) {
        List<byte[]> seeds = new ArrayList<>();
        for (String name : names) {
            seeds.add(fixture(name));
        }
        return seeds;
    }

    @Test
    void mutatedNpyFilesReadOrFailOnlyWithADataFormatException() {
        List<byte[]> seeds = seeds("f8.npy", "f8-big-endian.npy", "f4.npy", "i8.npy", "i4-big-endian.npy", "u1.npy",
                "b1.npy", "text.npy", "text-big-endian.npy", "version2.npy", "version3.npy");
        MutationFuzzer.Report report = new MutationFuzzer("npy", seeds, MutationFuzzer.generic())
                .run(MutationFuzzer.iterations(CI_MUTANTS), input -> {
                    NpyArray a = Npy.read(new ByteArrayInputStream(input), SOURCE);
                    long product = 1;
                    for (int d : a.shape()) {
                        product *= d;
                    }
                    assertEquals(product, a.size());
                }, t -> t instanceof DataFormatException e && e.getMessage().startsWith(SOURCE + ", line 0, column ")
                        && !e.detail().isBlank());
        assertTrue(report.rejected() > 0 && report.accepted() > 0, report.toString());
    }

    /** Archives on disk: the zip layer, then each entry's .npy, then the loader's checks of the two arrays. */
    @Test
    void mutatedNpzArchivesLoadOrFailOnlyWithADataFormatException(@TempDir Path dir) {
        Path file = dir.resolve("fuzz.npz");
        MutationFuzzer.Report report = new MutationFuzzer("npz", seeds("iris6.npz", "iris6-compressed.npz",
                "missing.npz"), MutationFuzzer.generic())
                .run(MutationFuzzer.iterations(CI_MUTANTS) / 10, input -> {
                    Files.write(file, input);
                    Table t = new NpzLoader().read(file);
                    assertTrue(t.rows() >= 1 && t.columns() >= 1);
                }, t -> t instanceof DataFormatException e && e.getMessage().startsWith(file.toString()));
        assertTrue(report.rejected() > 0, report.toString());
    }
}
