package dev.mlp.data;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class IdxReaderTest {

    @TempDir
    Path dir;

    // ---- helpers ----------------------------------------------------------------------------

    /** An IDX file: 00 00, the type, the number of dimensions, the dimensions, the data. */
    private static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    /** {@code count} images of rows × cols pixels whose bytes run through 0..255 from {@code start}. */
    private static byte[] pixels(int count, int rows, int cols, int start) {
        byte[] p = new byte[count * rows * cols];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (start + i * 7);
        }
        return p;
    }

    private static byte[] imageFile(int count, int rows, int cols) {
        return idx(0x08, new int[] {count, rows, cols}, pixels(count, rows, cols, 0));
    }

    private static byte[] labelFile(int... labels) {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            data[i] = (byte) labels[i];
        }
        return idx(0x08, new int[] {labels.length}, data);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static void assertImages(byte[] expectedPixels, int count, int perImage, DMatrixRMaj m) {
        assertEquals(count, m.numRows);
        assertEquals(perImage, m.numCols);
        for (int i = 0; i < expectedPixels.length; i++) {
            assertEquals((expectedPixels[i] & 0xFF) / 255.0, m.data[i], 0.0, "value " + i);
        }
    }

    /** Reads images from a file, failing the test on anything but a DataFormatException. */
    private static DataFormatException imagesError(Path file) {
        return assertThrows(DataFormatException.class, () -> IdxReader.readImages(file));
    }

    private static DataFormatException labelsError(Path file) {
        return assertThrows(DataFormatException.class, () -> IdxReader.readLabels(file));
    }

    private static DataFormatException imagesStreamError(byte[] bytes, String name) {
        return assertThrows(DataFormatException.class,
                () -> IdxReader.readImages(new ByteArrayInputStream(bytes), name));
    }

    /** Checks the fields every IDX error has: the source, line 0, the column, the message. */
    private static void assertError(DataFormatException e, String source, int column, String detailPart) {
        assertEquals(source, e.source());
        assertEquals(0, e.line(), "binary input has no lines");
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.detail().contains(detailPart), e.detail());
        assertTrue(e.getMessage().startsWith(source + ", line 0"), e.getMessage());
    }

    // ---- valid input ------------------------------------------------------------------------

    @Test
    void aClassCountAboveTheLimitIsRefusedBeforeAnyFileIsRead() throws IOException {
        // neither file exists: the count must be refused first, not after reading
        Path missing = dir.resolve("missing.idx");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxReader.load(missing, missing, DataSet.MAX_CLASSES + 1));
        assertTrue(e.getMessage().contains("numClasses must be at most " + DataSet.MAX_CLASSES), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IdxReader.load(missing, missing, 0));
    }

    @Test
    void plainImagesBecomeOneRowPerImageWithEveryByteDividedBy255() throws IOException {
        byte[] data = new byte[256];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        Path file = write("images.idx", idx(0x08, new int[] {4, 8, 8}, data));
        DMatrixRMaj m = IdxReader.readImages(file);
        assertImages(data, 4, 64, m);
        assertEquals(0.0, m.get(0, 0), 0.0);
        assertEquals(1.0, m.get(3, 63), 0.0, "byte 255 becomes exactly 1");
        assertEquals(200 / 255.0, m.get(3, 8), 0.0, "row 3, column 8 is byte 3·64 + 8 = 200");
    }

    @Test
    void gzipImagesReadTheSameAsPlainOnes() throws IOException {
        byte[] plain = imageFile(5, 3, 4);
        DMatrixRMaj fromPlain = IdxReader.readImages(write("a.idx", plain));
        DMatrixRMaj fromGzip = IdxReader.readImages(write("a.idx.gz", gzip(plain)));
        assertImages(pixels(5, 3, 4, 0), 5, 12, fromGzip);
        assertArrayEquals(fromPlain.data, fromGzip.data, 0.0);
    }

    @Test
    void labelsAreTheirByteValuesFromPlainAndGzipFiles() throws IOException {
        byte[] file = labelFile(0, 9, 3, 255, 128);
        int[] expected = {0, 9, 3, 255, 128};
        assertArrayEquals(expected, IdxReader.readLabels(write("l.idx", file)));
        assertArrayEquals(expected, IdxReader.readLabels(write("l.idx.gz", gzip(file))));
    }

    @Test
    void compressionIsRecognisedByMagicBytesNotByName() throws IOException {
        byte[] plain = imageFile(2, 2, 2);
        assertImages(pixels(2, 2, 2, 0), 2, 4, IdxReader.readImages(write("plain-named.gz", plain)));
        assertImages(pixels(2, 2, 2, 0), 2, 4, IdxReader.readImages(write("gzip-named.idx", gzip(plain))));
    }

    @Test
    void loadPairsImagesWithLabelsFromPlainAndGzipFiles() throws IOException {
        byte[] images = imageFile(3, 2, 5);
        byte[] labels = labelFile(2, 0, 9);
        DataSet plain = IdxReader.load(write("i", images), write("l", labels), 10);
        DataSet gz = IdxReader.load(write("i.gz", gzip(images)), write("l.gz", gzip(labels)), 10);
        DataSet mixed = IdxReader.load(write("i2.gz", gzip(images)), write("l2", labels), 10);
        assertEquals(3, plain.rows());
        assertEquals(10, plain.columns());
        assertEquals(10, plain.numClasses());
        assertArrayEquals(new int[] {2, 0, 9}, plain.labels());
        assertImages(pixels(3, 2, 5, 0), 3, 10, plain.features());
        assertEquals(plain, gz);
        assertEquals(plain, mixed);
    }

    @Test
    void streamOverloadsReadPlainAndGzipAndLeaveTheStreamsOpen() throws IOException {
        byte[] images = imageFile(3, 2, 2);
        byte[] labels = labelFile(1, 1, 0);
        ClosingProbe imageStream = new ClosingProbe(gzip(images));
        ClosingProbe labelStream = new ClosingProbe(labels);
        DataSet d = IdxReader.load(imageStream, "imgs", labelStream, "lbls", 2);
        assertFalse(imageStream.closed);
        assertFalse(labelStream.closed);
        assertImages(pixels(3, 2, 2, 0), 3, 4, d.features());
        assertArrayEquals(new int[] {1, 1, 0}, d.labels());
        assertImages(pixels(3, 2, 2, 0), 3, 4, IdxReader.readImages(new ByteArrayInputStream(images), "s"));
        assertArrayEquals(new int[] {1, 1, 0}, IdxReader.readLabels(new ByteArrayInputStream(gzip(labels)), "s"));
    }

    @Test
    void dataLargerThanTheInitialBufferOfAStreamIsReadWhole() throws IOException {
        // 2^21 + 5 values: more than the reader allocates before it has seen the data
        int count = (1 << 21) + 5;
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 10);
        }
        byte[] file = idx(0x08, new int[] {count}, labels);
        int[] read = IdxReader.readLabels(new ByteArrayInputStream(gzip(file)), "big");
        assertEquals(count, read.length);
        for (int i = 0; i < count; i += 9973) {
            assertEquals(i % 10, read[i]);
        }
        assertEquals((count - 1) % 10, read[count - 1]);
    }

    private static final class ClosingProbe extends ByteArrayInputStream {
        boolean closed;

        ClosingProbe(byte[] bytes) {
            super(bytes);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    // ---- damaged headers --------------------------------------------------------------------

    @Test
    void emptyFileIsRejected() throws IOException {
        Path file = write("empty", new byte[0]);
        assertError(imagesError(file), file.toString(), 1, "empty");
    }

    @Test
    void fileNotStartingWithTwoZeroBytesIsRejectedAsWrongMagic() throws IOException {
        byte[] bytes = imageFile(1, 2, 2);
        bytes[0] = 0x42;
        Path first = write("first", bytes);
        DataFormatException e = imagesError(first);
        assertError(e, first.toString(), 1, "not an IDX file");
        assertTrue(e.detail().contains("42 00 08 03"), e.detail());

        bytes = imageFile(1, 2, 2);
        bytes[1] = 0x01;
        Path second = write("second", bytes);
        assertError(labelsError(second), second.toString(), 2, "not an IDX file");

        byte[] twice = gzip(gzip(imageFile(1, 2, 2)));
        assertError(imagesStreamError(twice, "twice.gz"), "twice.gz", 1, "gzip-compressed twice");
    }

    @Test
    void typesOtherThanUnsignedByteAreRejectedByName() throws IOException {
        Path floats = write("floats", idx(0x0D, new int[] {1, 1, 1}, new byte[4]));
        DataFormatException e = imagesError(floats);
        assertError(e, floats.toString(), 3, "unsupported data type 0x0D (32-bit float)");
        assertTrue(e.detail().contains("only 0x08 (unsigned byte)"), e.detail());

        Path unknown = write("unknown", idx(0x42, new int[] {1}, new byte[1]));
        assertError(labelsError(unknown), unknown.toString(), 3, "0x42 (not an IDX type)");
    }

    @Test
    void wrongNumberOfDimensionsIsRejectedWithAHintAtTheOtherKind() throws IOException {
        Path labels = write("labels", labelFile(1, 2, 3));
        DataFormatException e = imagesError(labels);
        assertError(e, labels.toString(), 4, "declares 1 dimension but an image file has 3");
        assertTrue(e.detail().contains("label file?"), e.detail());

        Path images = write("images", imageFile(2, 2, 2));
        assertError(labelsError(images), images.toString(), 4, "declares 3 dimensions but a label file has 1");

        Path none = write("none", idx(0x08, new int[0], new byte[3]));
        assertError(labelsError(none), none.toString(), 4, "declares 0 dimensions");
        Path two = write("two", idx(0x08, new int[] {2, 2}, new byte[4]));
        assertError(imagesError(two), two.toString(), 4, "declares 2 dimensions");
    }

    @Test
    void zeroOrNegativeDimensionIsRejectedNamingIt() throws IOException {
        String[] names = {"count", "rows", "columns"};
        for (int d = 0; d < 3; d++) {
            for (int bad : new int[] {0, -1, Integer.MIN_VALUE}) {
                int[] dims = {2, 2, 2};
                dims[d] = bad;
                Path file = write("dim" + d + "_" + bad, idx(0x08, dims, new byte[8]));
                assertError(imagesError(file), file.toString(), 4 + 4 * d + 1,
                        "dimension " + (d + 1) + " (" + names[d] + ") is " + bad);
            }
        }
        Path labels = write("labels0", idx(0x08, new int[] {0}, new byte[0]));
        assertError(labelsError(labels), labels.toString(), 5, "dimension 1 (count) is 0");
    }

    @Test
    void declaredSizeBeyondOneArrayIsRejectedBeforeReadingData() throws IOException {
        Path file = write("huge", idx(0x08, new int[] {1 << 30, 28, 28}, new byte[10]));
        assertError(imagesError(file), file.toString(), 9, "too large");
        Path labels = write("hugeLabels", idx(0x08, new int[] {Integer.MAX_VALUE}, new byte[10]));
        assertError(labelsError(labels), labels.toString(), 5, "too large");
        Path gz = write("huge.gz", gzip(idx(0x08, new int[] {65536, 65536, 1}, new byte[10])));
        assertError(imagesError(gz), gz.toString(), 9, "too large");
    }

    @Test
    void headerDeclaringTwoBillionValuesOnATinyInputFailsFastWithoutRunningOutOfMemory() throws IOException {
        // exactly the largest size allowed, so only the missing data can stop the read
        int most = IdxReader.MAX_VALUES;
        byte[] labels = idx(0x08, new int[] {most}, new byte[100]);
        byte[] images = idx(0x08, new int[] {most, 1, 1}, new byte[100]);
        Path plain = write("plain", images);
        Path gz = write("labels.gz", gzip(labels));
        assertTimeout(Duration.ofSeconds(2), () -> {
            assertError(imagesError(plain), plain.toString(), 117, "truncated data");
            assertError(labelsError(gz), gz.toString(), 109, "truncated data");
            assertError(imagesStreamError(gzip(images), "gz stream"), "gz stream", 117, "truncated data");
            assertError(imagesStreamError(images, "plain stream"), "plain stream", 117, "truncated data");
            DataFormatException e = assertThrows(DataFormatException.class,
                    () -> IdxReader.readLabels(new ByteArrayInputStream(labels), "labels stream"));
            assertError(e, "labels stream", 109, "but the data ends after 100 of them");
        });
    }

    // ---- damaged data -----------------------------------------------------------------------

    @Test
    void truncationAtEveryOffsetOfAPlainFileGivesOnlyDataFormatExceptions() throws IOException {
        byte[] images = imageFile(2, 3, 4);
        byte[] labels = labelFile(1, 2, 3, 4);
        for (int length = 0; length < images.length; length++) {
            byte[] cut = Arrays.copyOf(images, length);
            Path file = write("images", cut);
            DataFormatException e = imagesError(file);
            assertEquals(file.toString(), e.source());
            assertTrue(e.column() >= 1 && e.column() <= length + 1, length + ": " + e.getMessage());
            assertTrue(e.detail().contains(length == 0 ? "empty" : "truncated"), length + ": " + e.detail());
            DataFormatException s = imagesStreamError(cut, "stream");
            assertTrue(s.detail().contains(length == 0 ? "empty" : "truncated"), length + ": " + s.detail());
        }
        for (int length = 0; length < labels.length; length++) {
            Path file = write("labels", Arrays.copyOf(labels, length));
            assertTrue(labelsError(file).detail().contains(length == 0 ? "empty" : "truncated"));
        }
    }

    @Test
    void truncatedDataReportsWhereItEnded() throws IOException {
        byte[] images = imageFile(2, 3, 4);
        Path file = write("cut", Arrays.copyOf(images, 16 + 17));
        DataFormatException e = imagesError(file);
        assertError(e, file.toString(), 34, "declares 2 × 3 × 4 = 24 pixel bytes after the 16-byte header");
        assertTrue(e.detail().contains("has only 17"), e.detail());
        DataFormatException s = imagesStreamError(gzip(Arrays.copyOf(images, 16 + 17)), "s");
        assertError(s, "s", 34, "the data ends after 17 of them (byte offset 33)");
    }

    @Test
    void truncationAtEveryOffsetOfAGzipFileGivesOnlyDataFormatExceptions() throws IOException {
        byte[] images = imageFile(2, 3, 4);
        byte[] gz = gzip(images);
        for (int length = 0; length < gz.length; length++) {
            Path file = write("images.gz", Arrays.copyOf(gz, length));
            try {
                IdxReader.readImages(file);
                fail("a gzip file cut to " + length + " of " + gz.length + " bytes was accepted");
            } catch (DataFormatException e) {
                assertEquals(file.toString(), e.source());
            } catch (IOException | RuntimeException e) {
                fail("cut to " + length + " bytes: " + e, e);
            }
        }
        // the data inside a sound gzip stream ending early, at every offset
        for (int length = 1; length < images.length; length++) {
            DataFormatException e = imagesStreamError(gzip(Arrays.copyOf(images, length)), "inner");
            assertTrue(e.detail().contains("truncated"), length + ": " + e.detail());
        }
    }

    @Test
    void bytesAfterTheDeclaredDataAreRejected() throws IOException {
        byte[] images = concat(imageFile(2, 3, 4), new byte[] {9, 9, 9});
        Path plain = write("plain", images);
        assertError(imagesError(plain), plain.toString(), 41, "trailing bytes: 3 bytes follow");
        Path gz = write("gz", gzip(images));
        assertError(imagesError(gz), gz.toString(), 41, "trailing bytes: 3 bytes follow");
        assertError(imagesStreamError(images, "s"), "s", 41, "ends at byte offset 40");
        Path labels = write("labels", concat(labelFile(1, 2), new byte[] {0}));
        assertError(labelsError(labels), labels.toString(), 11, "trailing bytes: 1 byte follows");
    }

    @Test
    void differentImageAndLabelCountsAreRejectedNamingBothFilesAndCounts() throws IOException {
        Path images = write("six-images", imageFile(6, 2, 2));
        Path labels = write("five-labels", labelFile(0, 1, 2, 3, 4));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.load(images, labels, 10));
        assertError(e, labels.toString(), 5, "the counts differ");
        String m = e.getMessage();
        assertTrue(m.contains(images.toString()) && m.contains(labels.toString()), m);
        assertTrue(m.contains("holds 6 images") && m.contains("holds 5 labels"), m);
    }

    @Test
    void labelAtOrAboveTheNumberOfClassesIsRejected() throws IOException {
        Path images = write("images", imageFile(3, 2, 2));
        Path labels = write("labels", labelFile(9, 10, 0));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.load(images, labels, 10));
        assertError(e, labels.toString(), 10, "label 10 of item 1 (byte offset 9) is outside [0, 10)");
        assertEquals(11, IdxReader.load(images, labels, 11).numClasses());
        assertThrows(IllegalArgumentException.class, () -> IdxReader.load(images, labels, 0));
    }

    @Test
    void corruptGzipIsRejectedAsDataFormatException() throws IOException {
        byte[] images = imageFile(4, 5, 5);
        byte[] gz = gzip(images);

        byte[] badCrc = gz.clone();
        badCrc[gz.length - 8] ^= 0x55;
        Path crc = write("crc.gz", badCrc);
        assertError(imagesError(crc), crc.toString(), images.length + 1, "gzip data is truncated or corrupt");

        byte[] badMethod = gz.clone();
        badMethod[2] = 7;
        Path method = write("method.gz", badMethod);
        assertError(imagesError(method), method.toString(), 0, "gzip header is truncated or corrupt");

        // damage every byte of the compressed body in turn: whatever it decodes to, only a
        // DataFormatException may come out
        for (int i = 10; i < gz.length - 8; i++) {
            byte[] bad = gz.clone();
            bad[i] ^= (byte) 0xA5;
            try {
                IdxReader.readImages(new ByteArrayInputStream(bad), "body");
                fail("damage at byte " + i + " was not noticed");
            } catch (DataFormatException e) {
                assertEquals("body", e.source());
            } catch (IOException | RuntimeException e) {
                fail("damage at byte " + i + ": " + e, e);
            }
        }
    }

    @Test
    void fileErrorsAreIoExceptionsButNotDataFormatExceptions() {
        IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(dir.resolve("absent")));
        assertFalse(e instanceof DataFormatException);
        assertInstanceOf(IOException.class, e);
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThrows(RuntimeException.class, () -> IdxReader.readImages((Path) null));
        assertThrows(RuntimeException.class, () -> IdxReader.readLabels((InputStream) null, "x"));
        assertThrows(RuntimeException.class, () -> IdxReader.readLabels(new ByteArrayInputStream(new byte[0]), null));
    }
}
