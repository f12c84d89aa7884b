package dev.mlp.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static double[] row(DataSet d, int i) {
        double[] r = new double[d.columns()];
        for (int j = 0; j < r.length; j++) {
            r[j] = d.feature(i, j);
        }
        return r;
    }

    /** Asserts the exception's fields and that its message names the file, the line and the column. */
    private static void assertPosition(DataFormatException e, Path file, int line, int column) {
        assertEquals(file.toString(), e.source());
        assertEquals(line, e.line());
        assertEquals(column, e.column());
        assertTrue(e.getMessage().startsWith(file.toString() + ", line " + line + ", column " + column + ": "),
                e.getMessage());
    }

    // ---- valid input ------------------------------------------------------------------------

    @Test
    void readsFeaturesAndLastColumnLabelByDefault() throws IOException {
        Path file = write("plain.csv", "1,2.5,0\n-3,4e-1,2\n0.125, 7 ,1\n");
        DataSet d = new CsvLoader().load(file);
        assertEquals(3, d.rows());
        assertEquals(2, d.columns());
        assertEquals(3, d.numClasses(), "inferred as the largest label plus one");
        assertArrayEquals(new double[] {1, 2.5}, row(d, 0), 0.0);
        assertArrayEquals(new double[] {-3, 0.4}, row(d, 1), 0.0);
        assertArrayEquals(new double[] {0.125, 7}, row(d, 2), 0.0);
        assertArrayEquals(new int[] {0, 2, 1}, d.labels());
    }

    @Test
    void headerWithLabelColumnNamedInTheMiddle() throws IOException {
        Path file = write("named.csv", "\"a\",label,b\n1,1,2\n3,0,4\n");
        DataSet d = new CsvLoader().withHeader(true).withLabelColumn("label").load(file);
        assertArrayEquals(new double[] {1, 2}, row(d, 0), 0.0);
        assertArrayEquals(new double[] {3, 4}, row(d, 1), 0.0);
        assertArrayEquals(new int[] {1, 0}, d.labels());
    }

    @Test
    void labelColumnByIndexInTheMiddleAndFromTheEnd() throws IOException {
        Path file = write("middle.csv", "5,1,6,7\n8,2,9,10\n");
        DataSet byIndex = new CsvLoader().withLabelColumn(1).load(file);
        DataSet fromEnd = new CsvLoader().withLabelColumn(-3).load(file);
        assertEquals(byIndex, fromEnd);
        assertArrayEquals(new double[] {5, 6, 7}, row(byIndex, 0), 0.0);
        assertArrayEquals(new int[] {1, 2}, byIndex.labels());
    }

    @Test
    void gzipIsDetectedByMagicBytesFromPathAndFromStreamWithAnyName() throws IOException {
        String text = "1,2,0\n3,4,1\n";
        Path gz = write("table.csv.gz", gzip(text));
        Path disguised = write("table.dat", gzip(text));
        DataSet plain = new CsvLoader().load(write("table.csv", text));
        assertEquals(plain, new CsvLoader().load(gz));
        assertEquals(plain, new CsvLoader().load(disguised));
        try (InputStream in = new ByteArrayInputStream(gzip(text))) {
            assertEquals(plain, new CsvLoader().load(in, "stream"));
        }
    }

    @Test
    void otherDelimiterCrlfBomBlankLinesAndIntegerValuedFloatLabels() throws IOException {
        Path file = write("semi.csv", "\uFEFFx;y;cls\r\n\r\n1;2;2.0\r\n3;4;0\r\n\r\n");
        DataSet d = new CsvLoader().withDelimiter(';').withHeader(true).load(file);
        assertEquals(2, d.rows());
        assertArrayEquals(new int[] {2, 0}, d.labels());
        assertArrayEquals(new double[] {3, 4}, row(d, 1), 0.0);
    }

    @Test
    void givenNumberOfClassesIsKeptWhenTheFileLacksTheHighestClasses() throws IOException {
        Path file = write("few.csv", "1,0\n2,1\n");
        assertEquals(10, new CsvLoader().withNumClasses(10).load(file).numClasses());
    }

    @Test
    void streamIsNotClosedByTheLoader() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream("1,0\n".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        new CsvLoader().load(in, "memory");
        assertFalse(closed[0]);
    }

    @Test
    void loaderOptionsAreImmutable() {
        CsvLoader base = new CsvLoader();
        CsvLoader changed = base.withDelimiter('\t').withHeader(true).withLabelColumn("y").withNumClasses(3);
        assertEquals(',', base.delimiter());
        assertFalse(base.hasHeader());
        assertTrue(base.labelColumnName().isEmpty());
        assertTrue(base.numClasses().isEmpty());
        assertEquals('\t', changed.delimiter());
        assertEquals("y", changed.labelColumnName().orElseThrow());
        assertEquals(3, changed.numClasses().getAsInt());
    }

    // ---- corrupt input ----------------------------------------------------------------------

    @Test
    void tooFewColumnsNamesTheFirstMissingColumn() throws IOException {
        Path file = write("short.csv", "1,2,3,0\n4,5,6,1\n7,8,1\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvLoader().load(file));
        assertPosition(e, file, 3, 4);
        assertTrue(e.getMessage().contains("expected 4 columns"), e.getMessage());
    }

    @Test
    void tooManyColumnsNamesTheFirstExtraColumn() throws IOException {
        Path file = write("long.csv", "1,2,0\n4,5,6,1\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvLoader().load(file));
        assertPosition(e, file, 2, 4);
    }

    @Test
    void nonNumberIsRejectedAtItsLineAndColumn() throws IOException {
        Path file = write("text.csv", "1,2,0\n3,abc,1\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvLoader().load(file));
        assertPosition(e, file, 2, 2);
        assertTrue(e.getMessage().contains("'abc' is not a number"), e.getMessage());
    }

    @Test
    void javaOnlyNumberFormsAndEmptyFieldsAreNotNumbers() throws IOException {
        for (String bad : new String[] {"1d", "0x10", "1e", ".", "+", "1,,0"}) {
            String text = bad.contains(",") ? bad + "\n" : bad + ",0\n";
            Path file = write("bad.csv", text);
            DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvLoader().load(file), bad);
            assertEquals(1, e.line(), bad);
            assertTrue(e.column() >= 1, bad);
        }
    }

    @Test
    void nanAndInfiniteValuesAreRejected() throws IOException {
        for (String bad : new String[] {"NaN", "-Infinity", "inf", "1e999"}) {
            Path file = write("nonfinite.csv", "1,2,0\n3," + bad + ",1\n");
            DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvLoader().load(file), bad);
            assertPosition(e, file, 2, 2);
        }
    }

    @Test
    void labelThatIsNotAnIntegerIsRejected() throws IOException {
        Path file = write("frac.csv", "1,0\n2,1.5\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvLoader().load(file));
        assertPosition(e, file, 2, 2);
        assertTrue(e.getMessage().contains("not an integer"), e.getMessage());
    }

    @Test
    void labelOutsideTheClassRangeIsRejected() throws IOException {
        Path file = write("range.csv", "1,0\n2,9\n3,10\n");
        DataFormatException tooHigh = assertThrows(DataFormatException.class,
                () -> new CsvLoader().withNumClasses(10).load(file));
        assertPosition(tooHigh, file, 3, 2);
        assertTrue(tooHigh.getMessage().contains("outside [0, 10)"), tooHigh.getMessage());

        Path negative = write("negative.csv", "1,0\n2,-1\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvLoader().load(negative));
        assertPosition(e, negative, 2, 2);
    }

    @Test
    void truncatedGzipIsReportedWhereTheTextStops() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append(i).append(',').append(i * 7 % 13).append(',').append(i % 3).append('\n');
        }
        byte[] whole = gzip(text.toString());
        // 1 and 8 bytes cut only the trailer (CRC and length), the others also compressed text
        for (int cut : new int[] {1, 8, 30, 500}) {
            Path file = write("cut.csv.gz", Arrays.copyOf(whole, whole.length - cut));
            DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvLoader().load(file),
                    "cut " + cut);
            assertTrue(e.line() > 1 && e.line() <= 2001, "line " + e.line());
            assertTrue(e.column() >= 1 && e.column() <= 3, "column " + e.column());
            assertPosition(e, file, e.line(), e.column());
            assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
            assertTrue(e.getCause() instanceof IOException);
        }
    }

    @Test
    void corruptGzipDataIsReported() throws IOException {
        byte[] bytes = gzip("1,2,0\n3,4,1\n5,6,0\n");
        bytes[bytes.length - 6] ^= 0x55; // inside the stored length: the trailer no longer matches
        Path file = write("corrupt.csv.gz", bytes);
        DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvLoader().load(file));
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
        assertEquals(file.toString(), e.source());
        assertTrue(e.column() >= 1);
    }

    @Test
    void gzipCutInsideItsHeaderIsReported() throws IOException {
        byte[] whole = gzip("1,0\n");
        Path file = write("stub.gz", Arrays.copyOf(whole, 5));
        DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvLoader().load(file));
        assertPosition(e, file, 1, 1);
    }

    @Test
    void gzNameWithoutGzipDataIsRejected() throws IOException {
        Path file = write("fake.csv.gz", "1,0\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvLoader().load(file));
        assertPosition(e, file, 1, 1);
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path file = write("empty.csv", "");
        DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvLoader().load(file));
        assertPosition(e, file, 1, 1);
        assertTrue(e.getMessage().contains("empty"), e.getMessage());

        Path blank = write("blank.csv", "\n  \n");
        assertPosition(assertThrows(DataFormatException.class, () -> new CsvLoader().load(blank)), blank, 1, 1);

        Path emptyGzip = write("empty.csv.gz", gzip(""));
        assertPosition(assertThrows(DataFormatException.class, () -> new CsvLoader().load(emptyGzip)),
                emptyGzip, 1, 1);
    }

    @Test
    void headerWithoutRowsIsRejected() throws IOException {
        Path file = write("header-only.csv", "a,b\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new CsvLoader().withHeader(true).load(file));
        assertPosition(e, file, 2, 1);
    }

    @Test
    void singleColumnIsRejectedWithAHintAboutTheDelimiter() throws IOException {
        Path file = write("semicolons.csv", "1;2;0\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvLoader().load(file));
        assertPosition(e, file, 1, 2);
        assertTrue(e.getMessage().contains("delimiter"), e.getMessage());
    }

    @Test
    void missingOrOutOfRangeLabelColumnIsReportedOnTheFirstLine() throws IOException {
        Path file = write("abc.csv", "a,b,c\n1,2,0\n");
        DataFormatException missing = assertThrows(DataFormatException.class,
                () -> new CsvLoader().withHeader(true).withLabelColumn("label").load(file));
        assertEquals(1, missing.line());
        assertTrue(missing.getMessage().contains("'label'"), missing.getMessage());

        DataFormatException outside = assertThrows(DataFormatException.class,
                () -> new CsvLoader().withHeader(true).withLabelColumn(3).load(file));
        assertEquals(1, outside.line());
    }

    @Test
    void labelNameWithoutHeaderAndBadDelimiterAreArgumentErrors() throws IOException {
        Path file = write("x.csv", "1,0\n");
        assertThrows(IllegalStateException.class, () -> new CsvLoader().withLabelColumn("y").load(file));
        assertThrows(IllegalArgumentException.class, () -> new CsvLoader().withDelimiter('.'));
        assertThrows(IllegalArgumentException.class, () -> new CsvLoader().withDelimiter('\n'));
        assertThrows(IllegalArgumentException.class, () -> new CsvLoader().withNumClasses(0));
    }

    @Test
    void streamErrorsNameTheGivenSource() {
        InputStream in = new ByteArrayInputStream("1,0\n2\n".getBytes(StandardCharsets.UTF_8));
        DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvLoader().load(in, "upload #7"));
        assertEquals("upload #7", e.source());
        assertTrue(e.getMessage().startsWith("upload #7, line 2, column 2: "), e.getMessage());
    }
}
