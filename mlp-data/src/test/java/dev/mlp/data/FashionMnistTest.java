package dev.mlp.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FashionMnistTest {

    @TempDir
    Path dir;

    private static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    private static byte[] images(int count, int side, int seed) {
        byte[] p = new byte[count * side * side];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (seed + 31 * i);
        }
        return idx(new int[] {count, side, side}, p);
    }

    private static byte[] labels(int... values) {
        byte[] data = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = (byte) values[i];
        }
        return idx(new int[] {values.length}, data);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    private void write(String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes);
    }

    @Test
    void missingFileMessageNamesTheFileTheDirectoryAndTheInstallCommand() {
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> FashionMnist.train(dir));
        String m = e.getMessage();
        assertTrue(m.contains("train-images-idx3-ubyte.gz (or train-images-idx3-ubyte)"), m);
        assertTrue(m.contains("train-labels-idx1-ubyte.gz"), m);
        assertTrue(m.contains("missing in " + dir), m);
        assertTrue(m.contains("sudo apt-get install dataset-fashion-mnist"), m);
        assertTrue(m.contains("or pass another directory"), m);
    }

    @Test
    void onlyTheMissingFileIsNamed() throws IOException {
        write(FashionMnist.TEST_IMAGES, gzip(images(2, 28, 0)));
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> FashionMnist.test(dir));
        String m = e.getMessage();
        assertTrue(m.startsWith("the Fashion-MNIST file t10k-labels-idx1-ubyte.gz (or t10k-labels-idx1-ubyte) is "
                + "missing in " + dir + ";"), m);
        assertFalse(m.contains("t10k-images-idx3-ubyte.gz (or"), m);
        assertTrue(m.contains(FashionMnist.INSTALL_COMMAND), m);
    }

    @Test
    void missingDirectoryIsReportedWithTheInstallCommand() {
        Path absent = dir.resolve("nowhere");
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> FashionMnist.test(absent));
        assertTrue(e.getMessage().contains(absent + " does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("sudo apt-get install dataset-fashion-mnist"), e.getMessage());
        assertThrows(FileNotFoundException.class, () -> FashionMnist.locate(absent, FashionMnist.TRAIN_IMAGES));
    }

    @Test
    void trainAndTestReadGzipAndUncompressedFileNames() throws IOException {
        write("train-images-idx3-ubyte.gz", gzip(images(3, 28, 5)));
        write("train-labels-idx1-ubyte.gz", gzip(labels(9, 0, 7)));
        write("t10k-images-idx3-ubyte", images(2, 28, 11));
        write("t10k-labels-idx1-ubyte", labels(3, 8));

        DataSet train = FashionMnist.train(dir);
        assertEquals(3, train.rows());
        assertEquals(FashionMnist.FEATURES, train.columns());
        assertEquals(10, train.numClasses());
        assertArrayEquals(new int[] {9, 0, 7}, train.labels());
        assertEquals(((5 + 31 * 784) & 0xFF) / 255.0, train.feature(1, 0), 0.0);

        DataSet test = FashionMnist.test(dir);
        assertEquals(2, test.rows());
        assertArrayEquals(new int[] {3, 8}, test.labels());
        assertEquals((11 & 0xFF) / 255.0, test.feature(0, 0), 0.0);
        assertTrue(FashionMnist.isAvailable(dir));
    }

    @Test
    void gzipFileIsPreferredWhenBothVersionsExist() throws IOException {
        write(FashionMnist.TRAIN_IMAGES, gzip(images(1, 28, 0)));
        write("train-images-idx3-ubyte", images(1, 28, 0));
        assertEquals(dir.resolve(FashionMnist.TRAIN_IMAGES), FashionMnist.locate(dir, FashionMnist.TRAIN_IMAGES));
        write("train-labels-idx1-ubyte", labels(1));
        assertEquals(dir.resolve("train-labels-idx1-ubyte"), FashionMnist.locate(dir, FashionMnist.TRAIN_LABELS));
        assertFalse(FashionMnist.isAvailable(dir), "the test files are missing");
    }

    @Test
    void imagesThatAreNot28By28AreRejected() throws IOException {
        write(FashionMnist.TRAIN_IMAGES, gzip(images(2, 27, 0)));
        write(FashionMnist.TRAIN_LABELS, gzip(labels(1, 2)));
        DataFormatException e = assertThrows(DataFormatException.class, () -> FashionMnist.train(dir));
        assertTrue(e.detail().contains("784 pixels but these have 729"), e.detail());
    }

    @Test
    void labelOutsideTheTenClassesIsRejected() throws IOException {
        write(FashionMnist.TEST_IMAGES, images(2, 28, 0));
        write(FashionMnist.TEST_LABELS, labels(1, 10));
        DataFormatException e = assertThrows(DataFormatException.class, () -> FashionMnist.test(dir));
        assertTrue(e.detail().contains("outside [0, 10)"), e.detail());
    }

    @Test
    void classNamesFollowTheLabelOrder() {
        assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                "Bag", "Ankle boot"), FashionMnist.classNames());
        assertEquals("Sneaker", FashionMnist.className(7));
        assertEquals("Ankle boot", FashionMnist.className(9));
        assertThrows(IllegalArgumentException.class, () -> FashionMnist.className(10));
        assertThrows(IllegalArgumentException.class, () -> FashionMnist.className(-1));
        assertThrows(UnsupportedOperationException.class, () -> FashionMnist.classNames().set(0, "x"));
    }

    @Test
    void defaultDirectoryIsWhereTheDebianPackageInstalls() {
        assertEquals(Path.of("/usr/share/datasets/fashion-mnist"), FashionMnist.DEFAULT_DIRECTORY);
        assertEquals("sudo apt-get install dataset-fashion-mnist", FashionMnist.INSTALL_COMMAND);
    }
}
