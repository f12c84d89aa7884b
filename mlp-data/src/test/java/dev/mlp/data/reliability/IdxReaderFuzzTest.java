package dev.mlp.data.reliability;

import dev.mlp.testing.MutationFuzzer;

import dev.mlp.data.DataFormatException;
import dev.mlp.data.DataSet;
import dev.mlp.data.IdxReader;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes {@link IdxReader} with {@link MutationFuzzer}: image files, label files, image and label
 * pairs, from streams and from files, plain and gzip-compressed. Whatever the bytes, the reader
 * returns data of the declared shape or throws a {@link DataFormatException} naming the source;
 * never another exception, an allocation sized by a header that declares 2^31 values, or a hang.
 * Besides the generic mutations, a dimension field of the header is set to edge values.
 */
class IdxReaderFuzzTest {

    /** Mutants per reader entry point in a CI run; {@code -Dfuzz.iterations} overrides it. */
    static final int CI_MUTANTS = 2000;

    static final String SOURCE = "fuzz-idx";

    private static final int[] EDGE_DIMENSIONS = {0, 1, -1, 2, 3, 255, 256, 65_535, 65_536, 46_341, 1 << 24,
            Integer.MAX_VALUE, Integer.MAX_VALUE - 8, Integer.MIN_VALUE, 0x80000001};

    static byte[] idx(int[] dims, byte[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + values.length);
        b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(values);
        return b.array();
    }

    static byte[] values(int n, long seed, int bound) {
        Random r = new Random(seed);
        byte[] v = new byte[n];
        for (int i = 0; i < n; i++) {
            v[i] = (byte) r.nextInt(bound);
        }
        return v;
    }

    static List<byte[]> imageSeeds() {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(idx(new int[] {3, 4, 5}, values(60, 1, 256)));
        seeds.add(idx(new int[] {1, 1, 1}, values(1, 2, 256)));
        seeds.add(idx(new int[] {2, 28, 28}, values(2 * 784, 3, 256)));
        seeds.add(CsvLoaderFuzzTest.gzip(idx(new int[] {3, 4, 5}, values(60, 4, 256))));
        return seeds;
    }

    static List<byte[]> labelSeeds() {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(idx(new int[] {3}, values(3, 5, 10)));
        seeds.add(idx(new int[] {1}, new byte[] {9}));
        seeds.add(idx(new int[] {100}, values(100, 6, 10)));
        seeds.add(CsvLoaderFuzzTest.gzip(idx(new int[] {3}, values(3, 7, 10))));
        return seeds;
    }

    /** The generic mutations, plus one that sets a dimension of the header to an edge value. */
    static List<MutationFuzzer.Mutation> mutations() {
        List<MutationFuzzer.Mutation> m = new ArrayList<>(MutationFuzzer.generic());
        MutationFuzzer.Mutation dimension = (in, r, seeds) -> {
            byte[] b = in[0];
            if (b.length < 8 || (b[0] & 0xff) == 0x1f) {
                return "dimension (no plain header)";
            }
            int dims = b[3] & 0xff;
            int d = r.nextInt(Math.max(1, Math.min(dims, 4)));
            int at = 4 + 4 * d;
            if (at + 4 > b.length) {
                return "dimension (truncated header)";
            }
            int v = EDGE_DIMENSIONS[r.nextInt(EDGE_DIMENSIONS.length)];
            ByteBuffer.wrap(b, at, 4).putInt(v);
            return "set dimension " + (d + 1) + " to " + v;
        };
        m.add(dimension);
        m.add(dimension);
        m.add(dimension);
        return m;
    }

    static boolean cleanRefusal(Throwable t) {
        return t instanceof DataFormatException e && e.getMessage().startsWith(SOURCE) && e.line() == 0
                && e.column() >= 0 && !e.detail().isBlank();
    }

    @Test
    void mutatedImageFilesReadOrFailOnlyWithADataFormatException() {
        MutationFuzzer.Report report = new MutationFuzzer("idx-images", imageSeeds(), mutations())
                .repairing(CsvLoaderFuzzTest::gzipIfPlain)
                .run(MutationFuzzer.iterations(CI_MUTANTS), input -> {
                    DMatrixRMaj x = IdxReader.readImages(new ByteArrayInputStream(input), SOURCE);
                    assertTrue(x.numRows >= 1 && x.numCols >= 1);
                    for (int i = 0; i < x.getNumElements(); i++) {
                        assertTrue(x.data[i] >= 0 && x.data[i] <= 1);
                    }
                }, IdxReaderFuzzTest::cleanRefusal);
        assertTrue(report.rejected() > 0 && report.accepted() > 0, report.toString());
    }

    @Test
    void mutatedLabelFilesReadOrFailOnlyWithADataFormatException() {
        MutationFuzzer.Report report = new MutationFuzzer("idx-labels", labelSeeds(), mutations())
                .repairing(CsvLoaderFuzzTest::gzipIfPlain)
                .run(MutationFuzzer.iterations(CI_MUTANTS), input -> {
                    int[] y = IdxReader.readLabels(new ByteArrayInputStream(input), SOURCE);
                    assertTrue(y.length >= 1);
                }, IdxReaderFuzzTest::cleanRefusal);
        assertTrue(report.rejected() > 0 && report.accepted() > 0, report.toString());
    }

    /** A pair: the image file stays valid, the label file is mutated (counts, classes, damage). */
    @Test
    void mutatedLabelFilesPairedWithImagesLoadOrFailOnlyWithADataFormatException() {
        byte[] images = idx(new int[] {3, 4, 5}, values(60, 8, 256));
        List<byte[]> labels = List.of(idx(new int[] {3}, values(3, 9, 10)), idx(new int[] {3}, new byte[] {0, 9, 5}));
        MutationFuzzer.Report report = new MutationFuzzer("idx-pair", labels, mutations())
                .run(MutationFuzzer.iterations(CI_MUTANTS) / 2, input -> {
                    DataSet d = IdxReader.load(new ByteArrayInputStream(images), SOURCE + "-images",
                            new ByteArrayInputStream(input), SOURCE, 10);
                    assertEquals(3, d.rows());
                }, t -> cleanRefusal(t) || t instanceof DataFormatException e && e.getMessage().startsWith(SOURCE));
        assertTrue(report.rejected() > 0, report.toString());
    }

    /** Plain files: the reader checks the declared size against the file size before allocating. */
    @Test
    void mutatedImageFilesOnDiskReadOrFailOnlyWithADataFormatException(@TempDir Path dir) {
        Path file = dir.resolve("images-idx3-ubyte");
        MutationFuzzer.Report report = new MutationFuzzer("idx-images-file", imageSeeds(), mutations())
                .run(MutationFuzzer.iterations(CI_MUTANTS) / 4, input -> {
                    Files.write(file, input);
                    DMatrixRMaj x = IdxReader.readImages(file);
                    assertTrue(x.numRows >= 1);
                }, t -> t instanceof DataFormatException e && e.getMessage().startsWith(file.toString()));
        assertTrue(report.rejected() > 0, report.toString());
    }

    /** Headers declaring up to 2^31 − 1 images or labels on a few bytes of data: refused, nothing large allocated. */
    @Test
    void headersDeclaringHugeSizesAreRefusedWithoutAllocatingThem() {
        List<byte[]> seeds = new ArrayList<>();
        int[][] shapes = {{Integer.MAX_VALUE, 28, 28}, {Integer.MAX_VALUE, 1, 1}, {46_341, 46_341, 1},
                {1 << 20, 1 << 11, 1}, {Integer.MAX_VALUE - 8, 1, 1}};
        for (int[] s : shapes) {
            seeds.add(idx(s, values(100, 10, 256)));
            seeds.add(CsvLoaderFuzzTest.gzip(idx(s, values(100, 11, 256))));
        }
        MutationFuzzer.Report report = new MutationFuzzer("idx-huge-header", seeds, mutations())
                .allocationBudget(16L << 20, 64)
                .run(0, input -> IdxReader.readImages(new ByteArrayInputStream(input), SOURCE),
                        IdxReaderFuzzTest::cleanRefusal);
        assertEquals(seeds.size(), report.rejected());
    }
}
