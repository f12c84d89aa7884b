package dev.mlp.data.reliability;

import dev.mlp.testing.MutationFuzzer;

import dev.mlp.data.CsvLoader;
import dev.mlp.data.DataFormatException;
import dev.mlp.data.DataSet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes {@link CsvLoader} with {@link MutationFuzzer}, plain and gzip-compressed, with and
 * without a header: whatever the bytes, it returns a valid data set or throws a
 * {@link DataFormatException} whose message names the source and the line; never another
 * exception, an outsized allocation or a hang. Half of the mutants are gzip-compressed after
 * mutating (valid gzip of damaged text); the gzip seeds themselves are mutated raw (damaged gzip).
 */
class CsvLoaderFuzzTest {

    /** Mutants per loader configuration in a CI run; {@code -Dfuzz.iterations} overrides it. */
    static final int CI_MUTANTS = 3000;

    static final String SOURCE = "fuzz.csv";

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(data);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gzip-compresses an input that is not compressed yet. */
    static byte[] gzipIfPlain(byte[] data) {
        boolean compressed = data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
        return compressed ? data : gzip(data);
    }

    static List<byte[]> plainSeeds() {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(ascii("5.1,3.5,1.4,0.2,0\n4.9,3.0,1.4,0.2,0\n6.3,3.3,6.0,2.5,2\n5.8,2.7,5.1,1.9,1\n"));
        seeds.add(ascii("\uFEFF-1e-3, +2.5E2 ,0\r\n\r\n.5,7.,1\r\n1,2,3\r\n"));
        seeds.add(ascii("0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,9\n1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,3.0\n"));
        seeds.add(ascii("123456789012345,0.000000000000000000001,4\n   \n-0,1e10,2\n"));
        // RFC 4180 quoting (a delimiter, a doubled quote and a line break inside quotes) and class names
        seeds.add(ascii("\"5.1\",3.5,\"Iris-setosa\"\n4.9, \"3.0\" ,Iris-versicolor\n6.3,3.3,\"Iris \"\"v\"\",\nvirginica\"\n"));
        return seeds;
    }

    static List<byte[]> headerSeeds() {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(ascii("a;b;label;c\n1;2;0;3\n4;5;4;6\n7;8;2;9\n"));
        seeds.add(ascii("\"x\" ; \"label\" ; \"y z\"\n1 ; 1 ; 2\n0.5;3;-0.5\n"));
        seeds.add(ascii("label;f\n0;1e-300\n1;-1e300\n"));
        seeds.add(ascii("\"f;1\";label;\"f\"\"2\"\"\"\n\"1\";\"4\";2\n3;0;\"4\"\n"));
        return seeds;
    }

    static List<byte[]> withGzipped(List<byte[]> plain) {
        List<byte[]> all = new ArrayList<>(plain);
        for (byte[] p : plain) {
            all.add(gzip(p));
        }
        return all;
    }

    static boolean cleanRefusal(Throwable t) {
        return t instanceof DataFormatException e && e.getMessage().startsWith(SOURCE + ", line " + e.line())
                && e.line() >= 1 && e.column() >= 0 && !e.detail().isBlank();
    }

    static void assertValid(DataSet data) {
        assertTrue(data.rows() >= 1 && data.columns() >= 1);
        assertTrue(data.numClasses() >= 1 && data.numClasses() <= DataSet.MAX_CLASSES);
        assertEquals(data.rows(), data.labels().length);
    }

    @Test
    void mutatedCsvFilesLoadOrFailOnlyWithADataFormatExceptionNamingTheLine() {
        CsvLoader loader = new CsvLoader();
        MutationFuzzer.Report report = new MutationFuzzer("csv-loader", withGzipped(plainSeeds()), MutationFuzzer.generic())
                .repairing(CsvLoaderFuzzTest::gzipIfPlain)
                .run(MutationFuzzer.iterations(CI_MUTANTS),
                        input -> assertValid(loader.load(new ByteArrayInputStream(input), SOURCE)),
                        CsvLoaderFuzzTest::cleanRefusal);
        assertTrue(report.rejected() > 0 && report.accepted() > 0, report.toString());
    }

    @Test
    void mutatedCsvFilesWithAHeaderAndANamedLabelColumnLoadOrFailCleanly() {
        CsvLoader loader = new CsvLoader().withDelimiter(';').withHeader(true).withLabelColumn("label").withNumClasses(5);
        MutationFuzzer.Report report = new MutationFuzzer("csv-loader-header", withGzipped(headerSeeds()),
                MutationFuzzer.generic())
                .repairing(CsvLoaderFuzzTest::gzipIfPlain)
                .run(MutationFuzzer.iterations(CI_MUTANTS),
                        input -> assertValid(loader.load(new ByteArrayInputStream(input), SOURCE)),
                        CsvLoaderFuzzTest::cleanRefusal);
        assertTrue(report.rejected() > 0 && report.accepted() > 0, report.toString());
    }

    /** The file path: the same parser behind Files.newInputStream, and a name ending in .gz. */
    @Test
    void mutatedCsvFilesOnDiskLoadOrFailCleanly(@TempDir Path dir) {
        CsvLoader loader = new CsvLoader();
        Path file = dir.resolve("fuzz.csv.gz");
        MutationFuzzer.Report report = new MutationFuzzer("csv-loader-file", withGzipped(plainSeeds()),
                MutationFuzzer.generic())
                .run(MutationFuzzer.iterations(CI_MUTANTS) / 10, input -> {
                    Files.write(file, input);
                    assertValid(loader.load(file));
                }, t -> t instanceof DataFormatException e && e.getMessage().startsWith(file + ", line "));
        assertTrue(report.rejected() > 0, report.toString());
    }

    /** Labels that would make a gigantic class count are refused at their line and column. */
    @Test
    void hugeLabelsAreRefusedAtTheirPositionInsteadOfSizingTheClasses() throws IOException {
        for (String label : new String[] {"65536", "2147483646", "2147483647", "1e9", "9.99e18"}) {
            String csv = "1,2,0\n3,4," + label + "\n";
            DataFormatException e = org.junit.jupiter.api.Assertions.assertThrows(DataFormatException.class,
                    () -> new CsvLoader().load(new ByteArrayInputStream(ascii(csv)), SOURCE));
            assertEquals(2, e.line(), e.getMessage());
            assertEquals(3, e.column(), e.getMessage());
            assertTrue(e.getMessage().contains(label) && e.getMessage().contains("too large"), e.getMessage());
        }
    }
}
