package dev.mlp.data.reliability;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mlp.data.CsvLoader;
import dev.mlp.data.DataFormatException;
import dev.mlp.data.IdxReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the CSV and IDX readers with Jazzer, for long runs by hand (the
 * commands are in docs/reliability.md). Not a {@code *Test} class, so the normal build does not
 * run it: CI's bounded pass is {@link CsvLoaderFuzzTest} and {@link IdxReaderFuzzTest}. Any
 * exception other than a {@link DataFormatException} that names the source, and any
 * {@link OutOfMemoryError}, is a finding.
 */
class ParserJazzerFuzz {

    private static void refusal(DataFormatException e, String source) {
        if (!e.getMessage().startsWith(source) || e.detail().isBlank()) {
            throw new IllegalStateException("a refusal that does not name the source: " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void csv(byte[] input) throws IOException {
        try {
            new CsvLoader().load(new ByteArrayInputStream(input), CsvLoaderFuzzTest.SOURCE);
        } catch (DataFormatException e) {
            refusal(e, CsvLoaderFuzzTest.SOURCE);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void csvWithHeader(byte[] input) throws IOException {
        try {
            new CsvLoader().withDelimiter(';').withHeader(true).withLabelColumn("label").withNumClasses(5)
                    .load(new ByteArrayInputStream(input), CsvLoaderFuzzTest.SOURCE);
        } catch (DataFormatException e) {
            refusal(e, CsvLoaderFuzzTest.SOURCE);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void idxImages(byte[] input) throws IOException {
        try {
            IdxReader.readImages(new ByteArrayInputStream(input), IdxReaderFuzzTest.SOURCE);
        } catch (DataFormatException e) {
            refusal(e, IdxReaderFuzzTest.SOURCE);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void idxLabels(byte[] input) throws IOException {
        try {
            IdxReader.readLabels(new ByteArrayInputStream(input), IdxReaderFuzzTest.SOURCE);
        } catch (DataFormatException e) {
            refusal(e, IdxReaderFuzzTest.SOURCE);
        }
    }
}
