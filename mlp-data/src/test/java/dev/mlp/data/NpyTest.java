package dev.mlp.data;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads the .npy and .npz files numpy wrote (src/test/resources/dev/mlp/data/npy, made by
 * make_npy.py there): every supported dtype in both byte orders, format versions 1 to 3, stored
 * and deflated archives; and refuses the rest by name.
 */
class NpyTest {

    static Path npy(String name) {
        try {
            return Path.of(NpyTest.class.getResource("npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final double[] GRID = {-1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5};

    @Test
    void float64InBothByteOrdersAndEveryFormatVersion() throws IOException {
        for (String name : List.of("f8.npy", "f8-big-endian.npy", "version2.npy", "version3.npy")) {
            NpyArray a = Npy.read(npy(name));
            assertArrayEquals(new int[] {3, 4}, a.shape(), name);
            assertArrayEquals(GRID, a.values(), 0.0, name);
            DMatrixRMaj m = a.toMatrix();
            assertEquals(3, m.numRows);
            assertEquals(4, m.numCols);
            assertEquals(1.5, m.get(1, 1), 0.0);
            assertFalse(a.isInteger());
        }
        assertEquals(">f8", Npy.read(npy("f8-big-endian.npy")).dtype());
    }

    @Test
    void otherNumericTypes() throws IOException {
        assertArrayEquals(new double[] {1.5, -2.25, 3.0, (double) 1e-3f}, Npy.read(npy("f4.npy")).values(), 0.0);
        NpyArray i8 = Npy.read(npy("i8.npy"));
        assertArrayEquals(new double[] {0, 2, 1, 2}, i8.values(), 0.0);
        assertTrue(i8.isInteger());
        assertEquals(4, i8.rows());
        assertEquals(1, i8.columns());
        assertArrayEquals(new double[] {1, -2, 3, 2147483647}, Npy.read(npy("i4-big-endian.npy")).values(), 0.0);
        NpyArray images = Npy.read(npy("u1.npy"));
        assertArrayEquals(new int[] {2, 2, 3}, images.shape());
        DMatrixRMaj flat = images.toMatrix();
        assertEquals(2, flat.numRows);
        assertEquals(6, flat.numCols, "each 2x3 image is one row");
        assertEquals(11, flat.get(1, 5), 0.0);
        assertArrayEquals(new double[] {1, 0, 1}, Npy.read(npy("b1.npy")).values(), 0.0);
    }

    @Test
    void unicodeTextInBothByteOrders() throws IOException {
        String[] expected = {"setosa", "versicolor", "virginica", "é中😀"};
        for (String name : List.of("text.npy", "text-big-endian.npy")) {
            NpyArray a = Npy.read(npy(name));
            assertTrue(a.isText());
            assertArrayEquals(expected, a.strings(), name);
            assertThrows(IllegalStateException.class, a::values);
        }
    }

    @Test
    void archivesStoredAndDeflated() throws IOException {
        Map<String, NpyArray> stored = Npy.readArchive(npy("iris6.npz"));
        assertEquals(List.of("X", "y"), List.copyOf(stored.keySet()));
        assertArrayEquals(new int[] {6, 4}, stored.get("X").shape());
        assertEquals("virginica", stored.get("y").strings()[2]);
        Map<String, NpyArray> deflated = Npy.readArchive(npy("iris6-compressed.npz"), "y", "X");
        assertEquals(List.of("y", "X"), List.copyOf(deflated.keySet()), "only the arrays asked for, in that order");
        assertArrayEquals(stored.get("X").values(), deflated.get("X").values(), 0.0);
        DataFormatException missing = assertThrows(DataFormatException.class,
                () -> Npy.readArchive(npy("iris6.npz"), "features"));
        assertTrue(missing.getMessage().contains("no array 'features'; it holds 'X', 'y'"), missing.getMessage());
    }

    @Test
    void unsupportedLayoutsAndTypesAreRefusedByName() {
        assertRefused("fortran.npy", "Fortran (column-major) order");
        assertRefused("object.npy", "object array");
        assertRefused("complex.npy", "dtype '<c16' is not supported");
        assertRefused("structured.npy", "structured (record) dtype");
        DataFormatException zip = assertThrows(DataFormatException.class, () -> Npy.read(npy("iris6.npz")));
        assertTrue(zip.getMessage().contains("read it with Npy.readArchive"), zip.getMessage());
        DataFormatException notZip = assertThrows(DataFormatException.class, () -> Npy.readArchive(npy("f8.npy")));
        assertTrue(notZip.getMessage().contains("not a zip file"), notZip.getMessage());
    }

    /** A version 1.0 .npy file with this header (padded as numpy pads it) and these data bytes. */
    static byte[] npyFile(String header, byte[] data) {
        StringBuilder h = new StringBuilder(header);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        byte[] text = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + text.length + data.length];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) text.length, (byte) (text.length >> 8)};
        System.arraycopy(magic, 0, out, 0, 10);
        System.arraycopy(text, 0, out, 10, text.length);
        System.arraycopy(data, 0, out, 10 + text.length, data.length);
        return out;
    }

    private static void assertRefused(String name, String fragment) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> Npy.read(npy(name)));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().startsWith(npy(name) + ", line 0, column "), e.getMessage());
    }

    @Test
    void truncatedOrPaddedDataAndDamagedHeadersAreRefusedWithTheirPosition(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(npy("f8.npy"));
        Path cut = dir.resolve("cut.npy");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 3));
        DataFormatException size = assertThrows(DataFormatException.class, () -> Npy.read(cut));
        assertTrue(size.getMessage().contains("96 bytes of data, but the input holds 93"), size.getMessage());
        // a stream has no length to check first: the data itself ends early
        DataFormatException stream = assertThrows(DataFormatException.class,
                () -> Npy.read(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 3)), "s.npy"));
        assertTrue(stream.getMessage().contains("truncated: the data ends after 93 of 96 bytes"), stream.getMessage());
        assertEquals(whole.length - 3 + 1, stream.column());
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        DataFormatException extra = assertThrows(DataFormatException.class,
                () -> Npy.read(new ByteArrayInputStream(longer), "s.npy"));
        assertTrue(extra.getMessage().contains("unexpected bytes after"), extra.getMessage());

        for (String shape : new String[] {"(3, 9999999999)", "(100000, 100000)"}) {
            byte[] file = npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }", new byte[8]);
            DataFormatException big = assertThrows(DataFormatException.class,
                    () -> Npy.read(new ByteArrayInputStream(file), "big.npy"), shape);
            assertEquals(0, big.line());
            assertTrue(big.column() > 10, big.getMessage());
            assertTrue(big.getMessage().contains("than one Java array"), big.getMessage());
        }
        byte[] noShape = npyFile("{'descr': '<f8', 'fortran_order': False}", new byte[0]);
        assertTrue(assertThrows(DataFormatException.class, () -> Npy.read(new ByteArrayInputStream(noShape), "h.npy"))
                .getMessage().contains("the header lacks 'shape'"));
        byte[] garbled = npyFile("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (1,), }", new byte[8]);
        assertTrue(assertThrows(DataFormatException.class, () -> Npy.read(new ByteArrayInputStream(garbled), "h.npy"))
                .getMessage().contains("expected True or False"));
        byte[] empty = new byte[0];
        assertThrows(DataFormatException.class, () -> Npy.read(new ByteArrayInputStream(empty), "e.npy"));
    }
}
