package dev.mlp.data;

import dev.mlp.Checks;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads numpy's array files: {@code .npy} (one array, {@code np.save}) and {@code .npz} (a zip
 * archive of {@code .npy} files, stored or deflated: {@code np.savez},
 * {@code np.savez_compressed}).
 * <pre>{@code
 * Map<String, NpyArray> arrays = Npy.readArchive(Path.of("data.npz"), "X", "y");
 * DMatrixRMaj x = arrays.get("X").toMatrix();
 * }</pre>
 *
 * <p>The format it reads (numpy's {@code NEP 1}, format versions 1.0, 2.0 and 3.0): the magic
 * {@code \x93NUMPY}, the version, the header length (2 bytes, or 4 from version 2.0, little
 * endian), a header that is a Python dict literal with {@code 'descr'}, {@code 'fortran_order'}
 * and {@code 'shape'}, then the values, and nothing after them. Supported dtypes, in either byte
 * order: {@code f8} (float64), {@code f4} (float32), {@code i8} (int64), {@code i4} (int32),
 * {@code u1} (uint8), {@code b1} (bool) and {@code U<n>} (unicode text of up to n characters).
 *
 * <p>Refused with a {@link DataFormatException}: anything else, named: Fortran (column-major)
 * order for arrays of two or more dimensions, object arrays ({@code |O}, which need Python's
 * pickle), structured and other dtypes, a header that is not such a dict, a shape whose size
 * does not fit one Java array, data that ends early or goes on after the values, a file that is
 * not an .npy file or not a zip archive. As the format has no lines, the exception's line is 0
 * and its column is the 1-based position of the offending byte in the .npy data (the byte offset
 * plus 1), as {@link IdxReader} does. No declared size decides an allocation before the input has
 * shown it holds that much: a file's size (or a zip entry's) is checked against the header first,
 * and a stream's arrays grow as the values arrive.
 *
 * <p>All methods are static and hold no state; they are safe to use from several threads.
 */
public final class Npy {

    /** The most bytes a header may hold: numpy writes a few hundred. */
    static final int MAX_HEADER_BYTES = 1 << 16;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int CHUNK = 1 << 16;

    private Npy() {
    }

    /**
     * Reads one {@code .npy} file; messages name it by {@code file.toString()}.
     *
     * @param file the file to read
     * @return the array read
     * @throws DataFormatException when the content is not a supported array (see the class comment)
     * @throws IOException         when the file cannot be read
     */
    public static NpyArray read(Path file) throws IOException {
        Checks.requireNonNull(file, "file");
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), size);
        }
    }

    /**
     * Reads one array from a stream, to its end; the stream is not closed.
     *
     * @param sourceName the name messages give the input
     * @param in the data; not closed
     * @return the array read
     * @throws DataFormatException when the content is not a supported array (see the class comment)
     * @throws IOException         when the stream fails
     */
    public static NpyArray read(InputStream in, String sourceName) throws IOException {
        Checks.requireNonNull(in, "in");
        Checks.requireNonNull(sourceName, "sourceName");
        return read(in, sourceName, -1);
    }

    /**
     * Reads the arrays of an {@code .npz} archive, by name (the entry's name without
     * {@code .npy}: {@code np.savez(f, X=x)} names its array "X"), in archive order.
     *
     * @param names the arrays to read; none for all of them
     * @param file the file to read
     * @return the arrays asked for, by name
     * @throws DataFormatException when the file is not a zip archive, an entry is not a supported
     *                             array, or a name asked for is not in the archive (the message
     *                             lists the names it holds)
     * @throws IOException         when the file cannot be read
     */
    public static Map<String, NpyArray> readArchive(Path file, String... names) throws IOException {
        Checks.requireNonNull(file, "file");
        Checks.requireNonNull(names, "names");
        String source = file.toString();
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException | EOFException e) {
            throw new DataFormatException(source, 0, 1, "not an .npz archive: it is not a zip file ("
                    + LineReader.describe(e) + ")", e);
        }
        try (zip) {
            Map<String, ZipEntry> entries = new LinkedHashMap<>();
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (!entry.isDirectory() && entry.getName().endsWith(".npy")) {
                    String name = entry.getName().substring(0, entry.getName().length() - 4);
                    entries.put(name, entry);
                }
            }
            List<String> wanted = names.length == 0 ? new ArrayList<>(entries.keySet()) : Arrays.asList(names);
            for (String name : wanted) {
                ZipEntry entry = entries.get(name);
                if (entry == null) {
                    throw new DataFormatException(source, 0, 0, "the archive has no array '" + name + "'; it holds "
                            + (entries.isEmpty() ? "no .npy entries" : CsvLoader.shortList(new ArrayList<>(entries.keySet()))));
                }
                String arraySource = source + ", array '" + name + "'";
                try (InputStream in = zip.getInputStream(entry)) {
                    arrays.put(name, read(in, arraySource, entry.getSize()));
                } catch (ZipException | EOFException e) {
                    throw new DataFormatException(arraySource, 0, 0, "the archive entry is corrupt ("
                            + LineReader.describe(e) + ")", e);
                }
            }
        }
        return arrays;
    }

    /** @param length the input's length in bytes when known in advance, else -1 */
    private static NpyArray read(InputStream raw, String source, long length) throws IOException {
        InputStream in = new BufferedInputStream(raw, CHUNK);
        byte[] start = in.readNBytes(8);
        if (start.length == 0) {
            throw error(source, 0, "the file is empty; an .npy file starts with \\x93NUMPY");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= start.length || start[i] != MAGIC[i]) {
                boolean zip = start.length >= 2 && start[0] == 'P' && start[1] == 'K';
                throw error(source, Math.min(i, start.length), "not an .npy file: it does not start with \\x93NUMPY"
                        + (zip ? " (it is a zip archive: an .npz file? read it with Npy.readArchive)" : ""));
            }
        }
        if (start.length < 8) {
            throw error(source, start.length, "truncated: the file ends inside the version bytes");
        }
        int major = start[6] & 0xff;
        int minor = start[7] & 0xff;
        if (major < 1 || major > 3) {
            throw error(source, 6, "format version " + major + "." + minor + " is not supported (1.0, 2.0 and 3.0 are)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] len = in.readNBytes(lengthBytes);
        if (len.length < lengthBytes) {
            throw error(source, 8 + len.length, "truncated: the file ends inside the header length");
        }
        long headerLength = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            headerLength = (headerLength << 8) | (len[i] & 0xff);
        }
        long headerStart = 8 + lengthBytes;
        if (headerLength > MAX_HEADER_BYTES) {
            throw error(source, 8, "the header length " + headerLength + " is larger than " + MAX_HEADER_BYTES
                    + " bytes; the header is damaged");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw error(source, headerStart + headerBytes.length, "truncated: the file ends inside the header ("
                    + headerBytes.length + " of " + headerLength + " bytes)");
        }
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = Header.parse(header, source, headerStart);
        long dataStart = headerStart + headerLength;
        long elements = 1;
        for (int d : h.shape) {
            elements *= d;
            if (elements > Integer.MAX_VALUE - 8) {
                throw error(source, headerStart, "the shape " + h.shapeText() + " holds more values than one Java array "
                        + "can (" + (Integer.MAX_VALUE - 8) + ")");
            }
        }
        long dataBytes = elements * h.type.size;
        if (length >= 0 && length != dataStart + dataBytes) {
            throw error(source, Math.min(length, dataStart + dataBytes), "the header declares " + h.shapeText() + " "
                    + h.descr + " values, " + dataBytes + " bytes of data, but the input holds " + (length - dataStart)
                    + " bytes after the header");
        }
        return h.type.read(in, source, h, (int) elements, dataStart);
    }

    static DataFormatException error(String source, long offset, String detail) {
        return new DataFormatException(source, 0, (int) Math.min(Integer.MAX_VALUE, offset + 1), detail);
    }

    /** A supported dtype: its kind, size in bytes and byte order. */
    private record Type(char kind, int size, boolean bigEndian) {

        boolean integer() {
            return kind == 'i' || kind == 'u' || kind == 'b';
        }

        /** Reads {@code n} values in chunks, growing the arrays as data arrives. */
        NpyArray read(InputStream in, String source, Header h, int n, long dataStart) throws IOException {
            double[] numbers = kind == 'U' ? null : new double[Math.min(n, CHUNK)];
            String[] strings = kind == 'U' ? new String[Math.min(n, CHUNK)] : null;
            byte[] buffer = new byte[Math.max(size, CHUNK - CHUNK % size)];
            int done = 0;
            while (done < n) {
                int want = (int) Math.min(buffer.length / size, (long) n - done);
                int got = in.readNBytes(buffer, 0, want * size);
                if (got < want * size) {
                    long at = dataStart + (long) done * size + got;
                    throw error(source, at, "truncated: the data ends after " + (at - dataStart) + " of "
                            + (long) n * size + " bytes (" + h.shapeText() + " " + h.descr + ")");
                }
                if (numbers != null && numbers.length < done + want) {
                    numbers = Arrays.copyOf(numbers, (int) Math.min(n, Math.max(2L * numbers.length, done + want)));
                }
                if (strings != null && strings.length < done + want) {
                    strings = Arrays.copyOf(strings, (int) Math.min(n, Math.max(2L * strings.length, done + want)));
                }
                for (int i = 0; i < want; i++) {
                    int p = i * size;
                    if (kind == 'U') {
                        strings[done + i] = text(buffer, p, source, dataStart + (long) (done + i) * size);
                    } else {
                        numbers[done + i] = number(buffer, p, source, dataStart + (long) (done + i) * size);
                    }
                }
                done += want;
            }
            if (in.read() >= 0) {
                throw error(source, dataStart + (long) n * size, "unexpected bytes after the " + h.shapeText() + " "
                        + h.descr + " values");
            }
            if (numbers != null && numbers.length != n) {
                numbers = Arrays.copyOf(numbers, n);
            }
            if (strings != null && strings.length != n) {
                strings = Arrays.copyOf(strings, n);
            }
            return new NpyArray(source, h.descr, h.shape, numbers, strings, integer(), dataStart, size);
        }

        private long bits(byte[] b, int p, int bytes) {
            long v = 0;
            for (int i = 0; i < bytes; i++) {
                int shift = bigEndian ? (bytes - 1 - i) * 8 : i * 8;
                v |= (long) (b[p + i] & 0xff) << shift;
            }
            return v;
        }

        private double number(byte[] b, int p, String source, long offset) throws DataFormatException {
            return switch (kind) {
                case 'f' -> size == 8 ? Double.longBitsToDouble(bits(b, p, 8)) : Float.intBitsToFloat((int) bits(b, p, 4));
                case 'i' -> size == 8 ? (double) bits(b, p, 8) : (double) (int) bits(b, p, 4);
                case 'u' -> b[p] & 0xff;
                default -> {
                    int v = b[p] & 0xff;
                    if (v > 1) {
                        throw error(source, offset, "a bool value must be 0 or 1, found " + v);
                    }
                    yield v;
                }
            };
        }

        private String text(byte[] b, int p, String source, long offset) throws DataFormatException {
            StringBuilder sb = new StringBuilder();
            int end = size / 4;
            while (end > 0 && bits(b, p + (end - 1) * 4, 4) == 0) {
                end--;
            }
            for (int i = 0; i < end; i++) {
                long cp = bits(b, p + i * 4, 4);
                if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    throw error(source, offset + i * 4L, "not a unicode character: 0x" + Long.toHexString(cp));
                }
                sb.appendCodePoint((int) cp);
            }
            return sb.toString();
        }
    }

    /** The parsed header dict. */
    private static final class Header {
        String descr;
        Type type;
        int[] shape;

        String shapeText() {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < shape.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(shape[i]);
            }
            return sb.append(shape.length == 1 ? ",)" : ")").toString();
        }

        /**
         * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (150, 4), }}, in any key order,
         * with spaces, padding and a final line break as numpy writes them.
         */
        static Header parse(String text, String source, long offset) throws DataFormatException {
            Header h = new Header();
            Literal p = new Literal(text, source, offset);
            p.expect('{');
            Boolean fortran = null;
            while (true) {
                p.skipSpaces();
                if (p.peek() == '}') {
                    p.next();
                    break;
                }
                String key = p.string();
                p.skipSpaces();
                p.expect(':');
                p.skipSpaces();
                switch (key) {
                    case "descr" -> {
                        if (p.peek() == '[') {
                            throw p.error("the dtype is a structured (record) dtype; only plain numbers and unicode "
                                    + "text are supported");
                        }
                        h.descr = p.string();
                    }
                    case "fortran_order" -> fortran = p.bool();
                    case "shape" -> h.shape = p.tuple();
                    default -> throw p.error("unknown header key '" + key + "'");
                }
                p.skipSpaces();
                if (p.peek() == ',') {
                    p.next();
                }
            }
            p.skipSpaces();
            if (!p.atEnd()) {
                throw p.error("unexpected text after the header dict");
            }
            if (h.descr == null || fortran == null || h.shape == null) {
                throw new DataFormatException(source, 0, (int) offset + 1, "the header lacks "
                        + (h.descr == null ? "'descr'" : fortran == null ? "'fortran_order'" : "'shape'"));
            }
            if (fortran && h.shape.length > 1) {
                throw new DataFormatException(source, 0, (int) offset + 1, "the array is stored in Fortran "
                        + "(column-major) order; only C order is read: save np.ascontiguousarray(a) instead");
            }
            h.type = type(h.descr, source, offset);
            return h;
        }

        private static Type type(String descr, String source, long offset) throws DataFormatException {
            String supported = "; supported: float64 (<f8), float32 (<f4), int64 (<i8), int32 (<i4), uint8 (|u1), "
                    + "bool (|b1), unicode text (<U...), in either byte order";
            if (descr.length() >= 2 && descr.charAt(1) == 'O') {
                throw new DataFormatException(source, 0, (int) offset + 1, "dtype '" + descr + "' is an object array "
                        + "(Python objects, which need pickle); save numbers, or text as a fixed-width unicode array "
                        + "(a.astype(str))");
            }
            if (descr.length() < 3 || "<>|=".indexOf(descr.charAt(0)) < 0) {
                throw new DataFormatException(source, 0, (int) offset + 1, "dtype '" + descr + "' is not supported"
                        + supported);
            }
            char order = descr.charAt(0);
            char kind = descr.charAt(1);
            int size;
            try {
                size = Integer.parseInt(descr.substring(2));
            } catch (NumberFormatException e) {
                throw new DataFormatException(source, 0, (int) offset + 1, "dtype '" + descr + "' is not supported"
                        + supported);
            }
            boolean ok = switch (kind) {
                case 'f' -> size == 8 || size == 4;
                case 'i' -> size == 8 || size == 4;
                case 'u', 'b' -> size == 1;
                case 'U' -> size >= 1 && size <= (1 << 20);
                default -> false;
            };
            if (!ok) {
                throw new DataFormatException(source, 0, (int) offset + 1, "dtype '" + descr + "' is not supported"
                        + supported);
            }
            return new Type(kind, kind == 'U' ? 4 * size : size, order == '>');
        }
    }

    /** Reads the Python literals of a header: strings, True/False, tuples of integers. */
    private static final class Literal {
        private final String text;
        private final String source;
        private final long offset;
        private int pos;

        Literal(String text, String source, long offset) {
            this.text = text;
            this.source = source;
            this.offset = offset;
        }

        DataFormatException error(String detail) {
            return new DataFormatException(source, 0, (int) (offset + pos + 1), "bad header: " + detail + " in \""
                    + text.strip() + "\"");
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char peek() throws DataFormatException {
            if (atEnd()) {
                throw error("it ends early");
            }
            return text.charAt(pos);
        }

        char next() throws DataFormatException {
            char c = peek();
            pos++;
            return c;
        }

        void skipSpaces() {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\n'
                    || text.charAt(pos) == '\t' || text.charAt(pos) == '\r')) {
                pos++;
            }
        }

        void expect(char c) throws DataFormatException {
            skipSpaces();
            if (peek() != c) {
                throw error("expected '" + c + "', found '" + peek() + "'");
            }
            pos++;
        }

        String string() throws DataFormatException {
            char quote = next();
            if (quote != '\'' && quote != '"') {
                throw error("expected a quoted string");
            }
            int end = text.indexOf(quote, pos);
            if (end < 0) {
                throw error("a string is not closed");
            }
            String s = text.substring(pos, end);
            pos = end + 1;
            return s;
        }

        boolean bool() throws DataFormatException {
            if (text.startsWith("True", pos)) {
                pos += 4;
                return true;
            }
            if (text.startsWith("False", pos)) {
                pos += 5;
                return false;
            }
            throw error("expected True or False");
        }

        int[] tuple() throws DataFormatException {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            while (true) {
                skipSpaces();
                if (peek() == ')') {
                    pos++;
                    break;
                }
                int from = pos;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                if (from == pos || pos - from > 10) {
                    throw error("a dimension of the shape must be a whole number");
                }
                long v = Long.parseLong(text.substring(from, pos));
                if (v > Integer.MAX_VALUE - 8) {
                    throw error("the dimension " + v + " is larger than one Java array can hold");
                }
                dims.add((int) v);
                skipSpaces();
                if (peek() == ',') {
                    pos++;
                }
            }
            int[] shape = new int[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = dims.get(i);
            }
            return shape;
        }
    }
}
