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
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Loads a numeric table with one label column into a {@link DataSet}. Every other column becomes
 * a feature, in file order.
 *
 * <p>A loader is an immutable set of options; each {@code with…} method returns a changed copy:
 * <pre>{@code
 * DataSet iris = new CsvLoader().withHeader(true).withLabelColumn("species").load(Path.of("iris.csv"));
 * }</pre>
 * The defaults: delimiter {@code ','}, no header line, the label in the last column, the number of
 * classes inferred as the largest label plus one.
 *
 * <p>The format it reads:
 * <ul>
 *   <li>UTF-8 text, lines ending in {@code \n} or {@code \r\n}; a leading byte-order mark is
 *       ignored; lines holding only white space are skipped (they still count for line numbers).</li>
 *   <li>Fields separated by a single delimiter character, without quoting; white space around a
 *       field is ignored. Header names may be wrapped in double quotes, which are removed.</li>
 *   <li>Every row has as many fields as the first line (the header when there is one) and at
 *       least two (one feature and the label).</li>
 *   <li>Values are decimal numbers ({@code 12}, {@code -0.5}, {@code 1e-3}); they must be finite,
 *       so {@code NaN}, {@code Infinity} and numbers beyond the double range are rejected, as are
 *       empty fields and Java-only forms such as {@code 1d} or {@code 0x10}.</li>
 *   <li>Labels are integers, possibly written as {@code 3.0}, in [0, k), and k is at most
 *       {@link DataSet#MAX_CLASSES}.</li>
 *   <li>Gzip-compressed input is recognised by its first two bytes (1f 8b) whatever its name; a
 *       source whose name ends in {@code .gz} must be gzip-compressed.</li>
 * </ul>
 *
 * <p>Anything else ends the load with a {@link DataFormatException} naming the source, the
 * 1-based line and the 1-based column: a wrong number of columns, a value that is not a number or
 * is not finite, a label that is not an integer or lies outside [0, k), an empty file or one with
 * a header but no rows, a truncated or corrupt gzip stream, a label column that the file does not
 * have. No {@link NumberFormatException} or index exception escapes.
 */
public final class CsvLoader {

    private static final int MAX_SHOWN = 40;

    private final char delimiter;
    private final boolean header;
    private final int labelIndex;
    private final String labelName;
    private final int numClasses;

    /** A loader with the default options (see the class comment). */
    public CsvLoader() {
        this(',', false, -1, null, 0);
    }

    private CsvLoader(char delimiter, boolean header, int labelIndex, String labelName, int numClasses) {
        this.delimiter = delimiter;
        this.header = header;
        this.labelIndex = labelIndex;
        this.labelName = labelName;
        this.numClasses = numClasses;
    }

    /**
     * Fields are separated by {@code delimiter}, for example {@code ';'} or {@code '\t'}.
     *
     * @param delimiter one character that is none of those below
     * @return a copy of this loader with that delimiter
     * @throws IllegalArgumentException for a line break, a double quote, or a character that can
     *                                  be part of a number (a digit, {@code + - . e E})
     */
    public CsvLoader withDelimiter(char delimiter) {
        if (delimiter == '\n' || delimiter == '\r' || delimiter == '"' || Character.isDigit(delimiter)
                || "+-.eE".indexOf(delimiter) >= 0) {
            throw new IllegalArgumentException("delimiter must not be a line break, a quote or part of a number, got '"
                    + delimiter + "'");
        }
        return new CsvLoader(delimiter, header, labelIndex, labelName, numClasses);
    }

    /**
     * Whether the first non-blank line holds column names rather than data.
     *
     * @param hasHeader true for a header line
     * @return a copy of this loader with that setting
     */
    public CsvLoader withHeader(boolean hasHeader) {
        return new CsvLoader(delimiter, hasHeader, labelIndex, labelName, numClasses);
    }

    /**
     * The label is in column {@code index}, counted from 0; a negative index counts from the end,
     * so -1 is the last column (the default) and -2 the one before it.
     *
     * @param index the label's column; checked against the file's width when it loads
     * @return a copy of this loader with the label at that index (and no label name)
     */
    public CsvLoader withLabelColumn(int index) {
        return new CsvLoader(delimiter, header, index, null, numClasses);
    }

    /**
     * The label is in the column whose header name is {@code name} (compared exactly, after
     * trimming and removing surrounding double quotes). Needs {@link #withHeader(boolean)
     * withHeader(true)} by the time {@code load} is called.
     *
     * @param name the label column's header name
     * @return a copy of this loader with the label in that column
     * @throws IllegalArgumentException when {@code name} is null or blank
     */
    public CsvLoader withLabelColumn(String name) {
        Checks.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("label column name must not be blank");
        }
        return new CsvLoader(delimiter, header, labelIndex, name.strip(), numClasses);
    }

    /**
     * There are {@code k} classes: every label must lie in [0, k). Use it when the file may lack
     * the highest classes, or to have labels checked against the range.
     *
     * @param k the number of classes, in [1, {@link DataSet#MAX_CLASSES}]
     * @return a copy of this loader with that number of classes
     * @throws IllegalArgumentException when k &lt; 1 or k &gt; {@link DataSet#MAX_CLASSES}
     */
    public CsvLoader withNumClasses(int k) {
        Checks.requirePositive(k, "numClasses");
        if (k > DataSet.MAX_CLASSES) {
            throw new IllegalArgumentException("numClasses must be at most " + DataSet.MAX_CLASSES
                    + " (DataSet.MAX_CLASSES), got " + k);
        }
        return new CsvLoader(delimiter, header, labelIndex, labelName, k);
    }

    /**
     * The number of classes is the largest label plus one (the default).
     *
     * @return a copy of this loader that infers the number of classes
     */
    public CsvLoader withInferredNumClasses() {
        return new CsvLoader(delimiter, header, labelIndex, labelName, 0);
    }

    /** {@return the field delimiter} */
    public char delimiter() {
        return delimiter;
    }

    /** {@return whether the first non-blank line is a header} */
    public boolean hasHeader() {
        return header;
    }

    /** {@return the label column index (0-based, negative from the end); ignored when a name is set} */
    public int labelColumnIndex() {
        return labelIndex;
    }

    /** {@return the label column name, when the label column is chosen by name} */
    public Optional<String> labelColumnName() {
        return Optional.ofNullable(labelName);
    }

    /** {@return the number of classes, or empty when it is inferred} */
    public OptionalInt numClasses() {
        return numClasses == 0 ? OptionalInt.empty() : OptionalInt.of(numClasses);
    }

    /**
     * Loads a file; messages name it by {@code file.toString()}.
     *
     * @param file a CSV file, plain or gzip-compressed
     * @return the features and labels, one row per data line
     * @throws DataFormatException   when the content is not a valid table (see the class comment)
     * @throws IOException           when the file cannot be read
     * @throws IllegalStateException when the label column is chosen by name without a header
     */
    public DataSet load(Path file) throws IOException {
        Checks.requireNonNull(file, "file");
        requireConsistentOptions();
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * Loads from a stream, reading it to its end; the stream is not closed.
     *
     * @param in         the data, plain or gzip-compressed
     * @param sourceName the name that messages give the input, for example a file or resource name;
     *                   a name ending in {@code .gz} requires gzip data
     * @return the features and labels, one row per data line
     * @throws DataFormatException   when the content is not a valid table (see the class comment)
     * @throws IOException           when the stream fails
     * @throws IllegalStateException when the label column is chosen by name without a header
     */
    public DataSet load(InputStream in, String sourceName) throws IOException {
        Checks.requireNonNull(in, "in");
        Checks.requireNonNull(sourceName, "sourceName");
        requireConsistentOptions();
        InputStream notClosing = new FilterInputStream(in) {
            @Override
            public void close() {
                // the caller owns the stream
            }
        };
        try (InputStream wrapped = notClosing) {
            return read(wrapped, sourceName);
        }
    }

    private void requireConsistentOptions() {
        if (labelName != null && !header) {
            throw new IllegalStateException("the label column is chosen by name ('" + labelName
                    + "') but the loader expects no header line; call withHeader(true)");
        }
    }

    private DataSet read(InputStream raw, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = b0 < 0 ? -1 : buffered.read();
        buffered.reset();
        if (b0 < 0) {
            throw new DataFormatException(source, 1, 1, "the file is empty");
        }
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        if (!gzip && source.toLowerCase(Locale.ROOT).endsWith(".gz")) {
            throw new DataFormatException(source, 1, 1,
                    "the name ends in .gz but the data is not gzip-compressed (it does not start with 1f 8b)");
        }
        InputStream text = buffered;
        if (gzip) {
            try {
                text = new GZIPInputStream(buffered, 1 << 16);
            } catch (EOFException | ZipException e) {
                throw new DataFormatException(source, 1, 1,
                        "the gzip header is truncated or corrupt (" + LineReader.describe(e) + ")", e);
            }
        }
        try (InputStream in = text) {
            return parse(new LineReader(in, gzip, source, delimiter), source);
        }
    }

    private DataSet parse(LineReader lines, String source) throws IOException {
        int columns = -1;
        int firstLine = 0;
        int labelColumn = -1;
        double[] x = new double[1024];
        int[] y = new int[64];
        int rows = 0;
        int maxLabel = -1;
        String line;
        while ((line = lines.next()) != null) {
            int lineNo = lines.linesRead();
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            int fields = countFields(line);
            if (columns < 0) {
                columns = fields;
                firstLine = lineNo;
                if (columns < 2) {
                    throw new DataFormatException(source, lineNo, 2, "found 1 column but need at least 2 "
                            + "(a feature and the label); is the delimiter '" + printable(delimiter) + "' right?");
                }
                if (header) {
                    labelColumn = resolveLabelColumn(headerNames(line), columns, source, lineNo);
                    continue;
                }
                labelColumn = resolveLabelColumn(null, columns, source, lineNo);
            } else if (fields != columns) {
                throw new DataFormatException(source, lineNo, Math.min(fields, columns) + 1,
                        "expected " + columns + " columns (as on line " + firstLine + ") but found " + fields);
            }
            if ((long) (rows + 1) * (columns - 1) > Integer.MAX_VALUE - 8) {
                throw new DataFormatException(source, lineNo, 0,
                        "too many values for one matrix (" + rows + " rows of " + (columns - 1) + " features so far)");
            }
            if (x.length < (rows + 1) * (columns - 1)) {
                x = Arrays.copyOf(x, (int) Math.min(Integer.MAX_VALUE - 8L,
                        Math.max(2L * x.length, (long) (rows + 1) * (columns - 1))));
            }
            if (y.length == rows) {
                y = Arrays.copyOf(y, 2 * rows);
            }
            int offset = rows * (columns - 1);
            int start = 0;
            for (int c = 0; c < columns; c++) {
                int end = line.indexOf(delimiter, start);
                if (end < 0) {
                    end = line.length();
                }
                double v = parseNumber(line, start, end, source, lineNo, c + 1);
                if (c == labelColumn) {
                    int label = toLabel(v, line, start, end, source, lineNo, c + 1);
                    y[rows] = label;
                    maxLabel = Math.max(maxLabel, label);
                } else {
                    x[offset++] = v;
                }
                start = end + 1;
            }
            rows++;
        }
        if (columns < 0) {
            throw new DataFormatException(source, 1, 1, "the file holds no data, only blank lines");
        }
        if (rows == 0) {
            throw new DataFormatException(source, lines.linesRead() + 1, 1, "no data rows after the header");
        }
        int d = columns - 1;
        DMatrixRMaj features = DMatrixRMaj.wrap(rows, d, x.length == rows * d ? x : Arrays.copyOf(x, rows * d));
        int k = numClasses > 0 ? numClasses : maxLabel + 1;
        return new DataSet(features, Arrays.copyOf(y, rows), k);
    }

    private int countFields(String line) {
        int count = 1;
        for (int i = line.indexOf(delimiter); i >= 0; i = line.indexOf(delimiter, i + 1)) {
            count++;
        }
        return count;
    }

    private String[] headerNames(String line) {
        String[] names = new String[countFields(line)];
        int start = 0;
        for (int c = 0; c < names.length; c++) {
            int end = line.indexOf(delimiter, start);
            if (end < 0) {
                end = line.length();
            }
            String name = line.substring(start, end).strip();
            if (name.length() >= 2 && name.charAt(0) == '"' && name.charAt(name.length() - 1) == '"') {
                name = name.substring(1, name.length() - 1).strip();
            }
            names[c] = name;
            start = end + 1;
        }
        return names;
    }

    /**
     * The 0-based label column of a table with {@code columns} columns; {@code names} is the
     * header, or null without one.
     */
    private int resolveLabelColumn(String[] names, int columns, String source, int lineNo)
            throws DataFormatException {
        if (labelName != null) {
            int found = -1;
            for (int c = 0; c < names.length; c++) {
                if (names[c].equals(labelName)) {
                    if (found >= 0) {
                        throw new DataFormatException(source, lineNo, c + 1, "the label column name '" + labelName
                                + "' appears twice, in columns " + (found + 1) + " and " + (c + 1));
                    }
                    found = c;
                }
            }
            if (found < 0) {
                throw new DataFormatException(source, lineNo, 0, "no column is named '" + labelName
                        + "'; the header names " + shortList(names));
            }
            return found;
        }
        int c = labelIndex >= 0 ? labelIndex : columns + labelIndex;
        if (c < 0 || c >= columns) {
            throw new DataFormatException(source, lineNo, 0, "the label column index " + labelIndex
                    + " does not fit the " + columns + " columns of this line");
        }
        return c;
    }

    private static String shortList(String[] names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length && i < 10; i++) {
            sb.append(i == 0 ? "" : ", ").append('\'').append(names[i]).append('\'');
        }
        if (names.length > 10) {
            sb.append(", … (").append(names.length).append(" columns)");
        }
        return sb.toString();
    }

    /** Parses one field, checking its syntax first so that no NumberFormatException can occur. */
    private static double parseNumber(String line, int from, int to, String source, int lineNo, int column)
            throws DataFormatException {
        while (from < to && line.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && line.charAt(to - 1) <= ' ') {
            to--;
        }
        if (from == to) {
            throw new DataFormatException(source, lineNo, column, "the value is empty");
        }
        // fast path: a plain integer of at most 15 digits is exact as a double
        int i = from;
        boolean negative = false;
        char first = line.charAt(i);
        if (first == '-' || first == '+') {
            negative = first == '-';
            i++;
        }
        if (i < to && to - i <= 15) {
            long value = 0;
            int j = i;
            while (j < to) {
                char ch = line.charAt(j);
                if (ch < '0' || ch > '9') {
                    break;
                }
                value = value * 10 + (ch - '0');
                j++;
            }
            if (j == to) {
                return negative ? -(double) value : (double) value;
            }
        }
        String token = line.substring(from, to);
        if (!isDecimal(token)) {
            String word = token.toLowerCase(Locale.ROOT);
            if (word.startsWith("+") || word.startsWith("-")) {
                word = word.substring(1);
            }
            if (word.equals("nan") || word.equals("inf") || word.equals("infinity")) {
                throw new DataFormatException(source, lineNo, column,
                        "the value " + shown(token) + " is not finite; NaN and infinite values are not allowed");
            }
            throw new DataFormatException(source, lineNo, column, "the value " + shown(token) + " is not a number");
        }
        double v = Double.parseDouble(token);
        if (Double.isInfinite(v)) {
            throw new DataFormatException(source, lineNo, column,
                    "the value " + shown(token) + " is beyond the range of a double (it would be infinite)");
        }
        return v;
    }

    /** [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)? */
    static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private int toLabel(double v, String line, int from, int to, String source, int lineNo, int column)
            throws DataFormatException {
        String token = line.substring(from, to).strip();
        if (v != Math.rint(v)) {
            throw new DataFormatException(source, lineNo, column,
                    "the label " + shown(token) + " is not an integer");
        }
        if (v < 0 || (numClasses > 0 && v >= numClasses)) {
            throw new DataFormatException(source, lineNo, column, "the label " + shown(token) + " is outside [0, "
                    + (numClasses > 0 ? numClasses : "k") + ")"
                    + (numClasses > 0 ? " for " + numClasses + " classes" : "; labels must not be negative"));
        }
        if (v >= DataSet.MAX_CLASSES) {
            throw new DataFormatException(source, lineNo, column, "the label " + shown(token)
                    + " is too large for a class index: labels must be below " + DataSet.MAX_CLASSES
                    + " (DataSet.MAX_CLASSES)");
        }
        return (int) v;
    }

    private static String shown(String token) {
        String t = token.length() > MAX_SHOWN ? token.substring(0, MAX_SHOWN) + "…" : token;
        return "'" + t + "'";
    }

    private static String printable(char c) {
        return c == '\t' ? "\\t" : String.valueOf(c);
    }
}
