package dev.mlp.data;

import dev.mlp.Checks;
import org.ejml.data.DMatrixRMaj;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads files in the IDX format of MNIST and Fashion-MNIST: image files become a feature matrix
 * with one image per row, label files an array of class indices, and a pair of them a
 * {@link DataSet}.
 * <pre>{@code
 * DataSet train = IdxReader.load(Path.of("train-images-idx3-ubyte.gz"), Path.of("train-labels-idx1-ubyte.gz"), 10);
 * }</pre>
 *
 * <p>The format it reads:
 * <ul>
 *   <li>A 4-byte magic number: two zero bytes, the data type and the number of dimensions. Only
 *       the type {@code 0x08} (unsigned byte) is supported.</li>
 *   <li>One 32-bit big-endian integer per dimension, each at least 1: (count, rows, columns) in
 *       an image file, (count) in a label file.</li>
 *   <li>The values, one byte each, in row-major order, and nothing after them.</li>
 *   <li>The whole file may be gzip-compressed; that is recognised by its first two bytes (1f 8b),
 *       whatever its name.</li>
 * </ul>
 *
 * <p>The input is read as a stream, in chunks, and the header is checked before anything is
 * allocated: every dimension must be positive and their product must fit in one Java array
 * (fewer than {@link #MAX_VALUES} values). For a plain (not compressed) {@link Path} the declared
 * size must also match the file size exactly, so a damaged header is reported before the data
 * is read. For gzip files and streams, whose length is unknown in advance, the arrays grow as
 * data arrives, so a header that declares two billion images on a short input ends in a
 * "truncated" error instead of an {@link OutOfMemoryError}.
 *
 * <p>Anything else ends the read with a {@link DataFormatException}: an empty file, a wrong magic
 * number, an unsupported type, a wrong number of dimensions, a dimension of zero or less, a
 * declared size that is too large, data that ends early, bytes after the data, a truncated or
 * corrupt gzip stream, and in {@link #load(Path, Path, int) load} image and label counts that
 * differ or a label outside [0, k). As the format has no lines, the exception's
 * {@linkplain DataFormatException#line() line} is always 0 and its
 * {@linkplain DataFormatException#column() column} is the 1-based position of the offending byte
 * in the (decompressed) data, that is its byte offset plus 1; the column is 0 only when the gzip
 * header itself is broken, before any IDX byte was read. The
 * {@linkplain DataFormatException#detail() detail} says what is wrong and, where it helps, the
 * byte offset.
 *
 * <p>This class has only static methods and holds no state; it is safe to use from several
 * threads.
 */
public final class IdxReader {

    /** The type byte of unsigned-byte data, the only type this reader supports. */
    public static final int TYPE_UNSIGNED_BYTE = 0x08;

    /** The number of values one file may hold at most: the size limit of a Java array. */
    public static final int MAX_VALUES = Integer.MAX_VALUE - 8;

    /** The largest byte value, by which pixels are divided to scale them into [0, 1]. */
    public static final double MAX_PIXEL = 255.0;

    private static final int BUFFER = 1 << 16;
    /** Values allocated up front when the input length is unknown; the arrays grow from there. */
    private static final int INITIAL_CAPACITY = 1 << 20;

    private static final String[] IMAGE_DIMENSIONS = {"count", "rows", "columns"};
    private static final String[] LABEL_DIMENSIONS = {"count"};

    private IdxReader() {
    }

    // ---- public API -------------------------------------------------------------------------

    /**
     * Reads an image file (3 dimensions: count, rows, columns) as a count × (rows·columns)
     * matrix, each image one row, its pixels row by row, every value the byte divided by 255 so
     * that it lies in [0, 1]. Messages name the file by {@code file.toString()}.
     *
     * @param file an IDX image file, plain or gzip-compressed
     * @return count × (rows·columns) pixel values in [0, 1]
     * @throws DataFormatException when the file is not a valid IDX image file (see the class comment)
     * @throws IOException         when the file cannot be read
     */
    public static DMatrixRMaj readImages(Path file) throws IOException {
        Checks.requireNonNull(file, "file");
        try (Input in = Input.open(file)) {
            return readImages(in);
        }
    }

    /**
     * Reads an image file from a stream, as {@link #readImages(Path)}, reading the stream to its
     * end; the stream is not closed.
     *
     * @param in         the data, plain or gzip-compressed
     * @param sourceName the name that messages give the input, for example a file or resource name
     * @return count × (rows·columns) pixel values in [0, 1]
     * @throws DataFormatException when the data is not a valid IDX image file
     * @throws IOException         when the stream fails
     */
    public static DMatrixRMaj readImages(InputStream in, String sourceName) throws IOException {
        Checks.requireNonNull(in, "in");
        Checks.requireNonNull(sourceName, "sourceName");
        try (Input input = Input.of(in, sourceName)) {
            return readImages(input);
        }
    }

    /**
     * Reads a label file (1 dimension: count) as an array of its byte values, each in 0..255.
     * Messages name the file by {@code file.toString()}.
     *
     * @param file an IDX label file, plain or gzip-compressed
     * @return the labels, one per item, in file order
     * @throws DataFormatException when the file is not a valid IDX label file (see the class comment)
     * @throws IOException         when the file cannot be read
     */
    public static int[] readLabels(Path file) throws IOException {
        Checks.requireNonNull(file, "file");
        try (Input in = Input.open(file)) {
            return readLabels(in);
        }
    }

    /**
     * Reads a label file from a stream, as {@link #readLabels(Path)}, reading the stream to its
     * end; the stream is not closed.
     *
     * @param in         the data, plain or gzip-compressed
     * @param sourceName the name that messages give the input
     * @return the labels, one per item, in file order
     * @throws DataFormatException when the data is not a valid IDX label file
     * @throws IOException         when the stream fails
     */
    public static int[] readLabels(InputStream in, String sourceName) throws IOException {
        Checks.requireNonNull(in, "in");
        Checks.requireNonNull(sourceName, "sourceName");
        try (Input input = Input.of(in, sourceName)) {
            return readLabels(input);
        }
    }

    /**
     * Reads an image file and its label file into a data set with {@code numClasses} classes
     * (10 for MNIST and Fashion-MNIST). Both headers are read and compared before any data, so
     * files of different counts fail at once, with a message that names both files and both
     * counts (its source is the label file). Every label must lie in [0, numClasses).
     *
     * @param images     the IDX image file, plain or gzip-compressed
     * @param labels     the IDX label file of the same count, plain or gzip-compressed
     * @param numClasses the number of classes k; labels must lie in [0, k)
     * @return the images as features in [0, 1], one row each, with their labels
     * @throws DataFormatException      when a file is not valid, the counts differ or a label is
     *                                  out of range
     * @throws IOException              when a file cannot be read
     * @throws IllegalArgumentException when numClasses is not in [1, {@link DataSet#MAX_CLASSES}]
     */
    public static DataSet load(Path images, Path labels, int numClasses) throws IOException {
        Checks.requireNonNull(images, "images");
        Checks.requireNonNull(labels, "labels");
        DataSet.requireClassCount(numClasses);
        try (Input imageInput = Input.open(images); Input labelInput = Input.open(labels)) {
            return load(imageInput, labelInput, numClasses);
        }
    }

    /**
     * As {@link #load(Path, Path, int)}, from two streams, each read to its end; the streams are
     * not closed.
     *
     * @param images     the image data, plain or gzip-compressed
     * @param imagesName the name that messages give the image input
     * @param labels     the label data, plain or gzip-compressed
     * @param labelsName the name that messages give the label input
     * @param numClasses the number of classes k; labels must lie in [0, k)
     * @return the images as features in [0, 1], one row each, with their labels
     * @throws DataFormatException      when an input is not valid, the counts differ or a label is
     *                                  out of range
     * @throws IOException              when a stream fails
     * @throws IllegalArgumentException when numClasses is not in [1, {@link DataSet#MAX_CLASSES}]
     */
    public static DataSet load(InputStream images, String imagesName, InputStream labels, String labelsName,
                               int numClasses) throws IOException {
        Checks.requireNonNull(images, "images");
        Checks.requireNonNull(imagesName, "imagesName");
        Checks.requireNonNull(labels, "labels");
        Checks.requireNonNull(labelsName, "labelsName");
        DataSet.requireClassCount(numClasses);
        try (Input imageInput = Input.of(images, imagesName); Input labelInput = Input.of(labels, labelsName)) {
            return load(imageInput, labelInput, numClasses);
        }
    }

    // ---- reading ----------------------------------------------------------------------------

    private static DMatrixRMaj readImages(Input in) throws IOException {
        Header header = Header.read(in, IMAGE_DIMENSIONS, "an image file");
        return readImageData(in, header);
    }

    private static int[] readLabels(Input in) throws IOException {
        Header header = Header.read(in, LABEL_DIMENSIONS, "a label file");
        return readLabelData(in, header);
    }

    private static DataSet load(Input images, Input labels, int numClasses) throws IOException {
        Header imageHeader = Header.read(images, IMAGE_DIMENSIONS, "an image file");
        Header labelHeader = Header.read(labels, LABEL_DIMENSIONS, "a label file");
        int imageCount = imageHeader.dims[0];
        int labelCount = labelHeader.dims[0];
        if (imageCount != labelCount) {
            throw new DataFormatException(labels.source, 0, 5, "the counts differ: the image file "
                    + images.source + " holds " + imageCount + (imageCount == 1 ? " image" : " images")
                    + " but the label file " + labels.source + " holds " + labelCount
                    + (labelCount == 1 ? " label" : " labels"));
        }
        int[] y = readLabelData(labels, labelHeader);
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= numClasses) {
                long offset = labelHeader.length + i;
                throw new DataFormatException(labels.source, 0, column(offset), "label " + y[i] + " of item " + i
                        + " (byte offset " + offset + ") is outside [0, " + numClasses + ") for " + numClasses
                        + (numClasses == 1 ? " class" : " classes"));
            }
        }
        DMatrixRMaj x = readImageData(images, imageHeader);
        return new DataSet(x, y, numClasses);
    }

    private static DMatrixRMaj readImageData(Input in, Header header) throws IOException {
        int count = header.dims[0];
        int perImage = header.dims[1] * header.dims[2];
        double[] data = new double[initialCapacity(in, header)];
        byte[] buffer = new byte[BUFFER];
        int filled = 0;
        while (filled < header.values) {
            int n = in.readSome(buffer, 0, (int) Math.min(buffer.length, header.values - filled));
            if (n < 0) {
                throw truncated(in, header, filled, "pixel");
            }
            if (filled + n > data.length) {
                data = Arrays.copyOf(data, grow(data.length, filled + n, header.values));
            }
            for (int i = 0; i < n; i++) {
                data[filled + i] = (buffer[i] & 0xFF) / MAX_PIXEL;
            }
            filled += n;
        }
        in.requireEnd();
        return DMatrixRMaj.wrap(count, perImage, data);
    }

    private static int[] readLabelData(Input in, Header header) throws IOException {
        int[] labels = new int[initialCapacity(in, header)];
        byte[] buffer = new byte[BUFFER];
        int filled = 0;
        while (filled < header.values) {
            int n = in.readSome(buffer, 0, (int) Math.min(buffer.length, header.values - filled));
            if (n < 0) {
                throw truncated(in, header, filled, "label");
            }
            if (filled + n > labels.length) {
                labels = Arrays.copyOf(labels, grow(labels.length, filled + n, header.values));
            }
            for (int i = 0; i < n; i++) {
                labels[filled + i] = buffer[i] & 0xFF;
            }
            filled += n;
        }
        in.requireEnd();
        return labels;
    }

    /**
     * The whole declared size when the input length was checked against it, otherwise at most
     * {@link #INITIAL_CAPACITY} values: an unchecked header must not decide a large allocation.
     */
    private static int initialCapacity(Input in, Header header) {
        return in.sizeChecked ? header.values : Math.min(header.values, INITIAL_CAPACITY);
    }

    /** Doubles the capacity, but never beyond the declared size. */
    private static int grow(int capacity, int needed, int declared) {
        return (int) Math.min(declared, Math.max(needed, 2L * capacity));
    }

    private static DataFormatException truncated(Input in, Header header, int filled, String what) {
        return new DataFormatException(in.source, 0, column(in.position),
                "truncated data: the header declares " + header.describeValues(what) + " after the "
                        + header.length + "-byte header but the data ends after " + filled
                        + " of them (byte offset " + in.position + ")");
    }

    /** The 1-based column for a byte offset, saturating at the largest int. */
    static int column(long offset) {
        return (int) Math.min(Integer.MAX_VALUE, offset + 1);
    }

    // ---- header -----------------------------------------------------------------------------

    /** The parsed and validated header of one file. */
    private static final class Header {
        final int[] dims;
        final int values;
        final int length;

        private Header(int[] dims, int values) {
            this.dims = dims;
            this.values = values;
            this.length = 4 + 4 * dims.length;
        }

        static Header read(Input in, String[] names, String kind) throws IOException {
            byte[] magic = new byte[4];
            int got = in.readFully(magic);
            if (got == 0) {
                throw new DataFormatException(in.source, 0, 1, "the file is empty; an IDX file starts with a "
                        + "4-byte magic number (00 00, the type, the number of dimensions)");
            }
            if (magic[0] != 0 || got > 1 && magic[1] != 0) {
                throw wrongMagic(in, magic, got);
            }
            if (got < 4) {
                throw new DataFormatException(in.source, 0, column(got), "truncated header: the file ends after "
                        + got + (got == 1 ? " byte" : " bytes") + ", inside the 4-byte magic number");
            }
            int type = magic[2] & 0xFF;
            if (type != TYPE_UNSIGNED_BYTE) {
                throw new DataFormatException(in.source, 0, 3, "unsupported data type " + hex(type)
                        + typeName(type) + "; only " + hex(TYPE_UNSIGNED_BYTE) + " (unsigned byte) is supported");
            }
            int dimensions = magic[3] & 0xFF;
            if (dimensions != names.length) {
                throw new DataFormatException(in.source, 0, 4, "the header declares " + dimensions
                        + (dimensions == 1 ? " dimension" : " dimensions") + " but " + kind + " has "
                        + names.length + " (" + String.join(", ", names) + ")" + otherKind(dimensions));
            }
            int[] dims = new int[dimensions];
            byte[] field = new byte[4];
            long product = 1;
            for (int d = 0; d < dimensions; d++) {
                long offset = 4 + 4L * d;
                got = in.readFully(field);
                if (got < 4) {
                    throw new DataFormatException(in.source, 0, column(offset + got), "truncated header: the file "
                            + "ends after " + (offset + got) + " bytes, inside dimension " + (d + 1) + " ("
                            + names[d] + ") at byte offset " + offset);
                }
                int value = (field[0] & 0xFF) << 24 | (field[1] & 0xFF) << 16 | (field[2] & 0xFF) << 8 | field[3] & 0xFF;
                if (value <= 0) {
                    throw new DataFormatException(in.source, 0, column(offset), "dimension " + (d + 1) + " ("
                            + names[d] + ") is " + value + " (byte offset " + offset + "); every dimension must be "
                            + "at least 1");
                }
                dims[d] = value;
                product *= value;
                if (product > MAX_VALUES) {
                    throw new DataFormatException(in.source, 0, column(offset), "the declared size "
                            + shape(dims, d + 1) + (d + 1 < dimensions ? " × …" : "") + " is too large: more than "
                            + MAX_VALUES + " values, the most one array can hold");
                }
            }
            Header header = new Header(dims, (int) product);
            in.checkSize(header);
            return header;
        }

        private static DataFormatException wrongMagic(Input in, byte[] magic, int got) {
            int at = magic[0] != 0 ? 0 : 1;
            StringBuilder shown = new StringBuilder();
            for (int i = 0; i < got; i++) {
                shown.append(i == 0 ? "" : " ").append(twoHex(magic[i] & 0xFF));
            }
            String hint = "";
            if (got >= 2 && (magic[0] & 0xFF) == 0x1f && (magic[1] & 0xFF) == 0x8b) {
                hint = " (the data is gzip-compressed twice)";
            }
            return new DataFormatException(in.source, 0, at + 1, "not an IDX file: it starts with " + shown
                    + hint + ", but an IDX file starts with 00 00");
        }

        private static String otherKind(int dimensions) {
            if (dimensions == 1) {
                return "; is it a label file?";
            }
            if (dimensions == 3) {
                return "; is it an image file?";
            }
            return "";
        }

        private static String hex(int b) {
            return "0x" + twoHex(b).toUpperCase(Locale.ROOT);
        }

        private static String twoHex(int b) {
            return (b < 0x10 ? "0" : "") + Integer.toHexString(b);
        }

        private static String typeName(int type) {
            return switch (type) {
                case 0x09 -> " (signed byte)";
                case 0x0B -> " (16-bit integer)";
                case 0x0C -> " (32-bit integer)";
                case 0x0D -> " (32-bit float)";
                case 0x0E -> " (64-bit float)";
                default -> " (not an IDX type)";
            };
        }

        private static String shape(int[] dims, int n) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : " × ").append(dims[i]);
            }
            return sb.toString();
        }

        /** "6 × 2 × 3 = 36 pixel bytes" or "5 label bytes". */
        String describeValues(String what) {
            return (dims.length > 1 ? shape(dims, dims.length) + " = " : "") + values + " " + what
                    + (values == 1 ? " byte" : " bytes");
        }
    }

    // ---- input ------------------------------------------------------------------------------

    /**
     * A buffered, possibly decompressing stream that counts the (decompressed) bytes read and
     * turns the failures of a broken gzip stream into {@link DataFormatException}s.
     */
    private static final class Input implements AutoCloseable {
        final String source;
        private final InputStream in;
        private final boolean gzip;
        /** The file size for a plain file, or -1 when the length is unknown in advance. */
        private final long size;
        /** Whether the declared size was checked against the file size. */
        boolean sizeChecked;
        /** Bytes of IDX data read so far (after decompression). */
        long position;

        private Input(InputStream in, String source, boolean gzip, long size) {
            this.in = in;
            this.source = source;
            this.gzip = gzip;
            this.size = size;
        }

        static Input open(Path file) throws IOException {
            long size = Files.isRegularFile(file) ? Files.size(file) : -1;
            InputStream raw = Files.newInputStream(file);
            try {
                return wrap(raw, file.toString(), size);
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        }

        static Input of(InputStream in, String source) throws IOException {
            InputStream notClosing = new FilterInputStream(in) {
                @Override
                public void close() {
                    // the caller owns the stream
                }
            };
            return wrap(notClosing, source, -1);
        }

        private static Input wrap(InputStream raw, String source, long size) throws IOException {
            BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = b0 < 0 ? -1 : buffered.read();
            buffered.reset();
            if (b0 != 0x1f || b1 != 0x8b) {
                return new Input(buffered, source, false, size);
            }
            try {
                return new Input(new GZIPInputStream(buffered, BUFFER), source, true, -1);
            } catch (EOFException | ZipException e) {
                throw new DataFormatException(source, 0, 0,
                        "the gzip header is truncated or corrupt (" + LineReader.describe(e) + ")", e);
            }
        }

        /**
         * Reads up to {@code length} bytes into {@code buffer} from {@code offset}, blocking until at
         * least one arrives; -1 at the end of the data.
         */
        int readSome(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                do {
                    n = in.read(buffer, offset, length);
                } while (n == 0);
            } catch (EOFException | ZipException e) {
                if (!gzip) {
                    throw e;
                }
                throw new DataFormatException(source, 0, column(position), "the gzip data is truncated or corrupt "
                        + "after " + position + " decompressed bytes (" + LineReader.describe(e) + ")", e);
            }
            if (n > 0) {
                position += n;
            }
            return n;
        }

        /** Fills {@code buffer} unless the data ends first; returns how many bytes were read. */
        int readFully(byte[] buffer) throws IOException {
            int got = 0;
            while (got < buffer.length) {
                int n = readSome(buffer, got, buffer.length - got);
                if (n < 0) {
                    break;
                }
                got += n;
            }
            return got;
        }

        /**
         * For a plain file of known size, checks that the data after the header has exactly the
         * declared length, so that the reader can allocate the declared size at once.
         */
        void checkSize(Header header) throws DataFormatException {
            if (size < 0) {
                return;
            }
            long available = size - header.length;
            if (available < header.values) {
                throw new DataFormatException(source, 0, column(size), "truncated data: the header declares "
                        + header.describeValues(header.dims.length > 1 ? "pixel" : "label") + " after the "
                        + header.length + "-byte header but the file has only " + available + " (it is " + size
                        + " bytes long)");
            }
            if (available > header.values) {
                long end = header.length + (long) header.values;
                throw new DataFormatException(source, 0, column(end), trailing(available - header.values, end));
            }
            sizeChecked = true;
        }

        /** Checks that nothing follows the data; for gzip this also reads and checks the trailer. */
        void requireEnd() throws IOException {
            long end = position;
            byte[] buffer = new byte[BUFFER];
            long extra = 0;
            int n;
            while ((n = readSome(buffer, 0, buffer.length)) >= 0) {
                extra += n;
            }
            if (extra > 0) {
                throw new DataFormatException(source, 0, column(end), trailing(extra, end));
            }
        }

        private static String trailing(long extra, long end) {
            return "trailing bytes: " + extra + (extra == 1 ? " byte follows" : " bytes follow")
                    + " the declared data, which ends at byte offset " + end;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
