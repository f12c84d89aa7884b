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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Loads a table of numeric features and one label (or target) column: into a {@link DataSet} with
 * {@link #load(Path)}, or with the names of its columns and classes into a {@link Table} with
 * {@link #read(Path)}. Every other column becomes a feature, in file order unless
 * {@link #withFeatureColumns(List)} asks for columns by name.
 *
 * <p>A loader is an immutable set of options; each {@code with…} method returns a changed copy:
 * <pre>{@code
 * DataSet iris = new CsvLoader().withHeader(true).withLabelColumn("species").load(Path.of("iris.csv"));
 * }</pre>
 * The defaults: delimiter {@code ','}, no header line, no lines skipped, the label in the last
 * column, class labels (indices or names, see below), missing values refused.
 *
 * <p>The format it reads:
 * <ul>
 *   <li>UTF-8 text, lines ending in {@code \n} or {@code \r\n}; a leading byte-order mark is
 *       ignored; the first {@link #withSkipLines(int) n} lines may be skipped as they are; lines
 *       holding only white space are skipped (they still count for line numbers).</li>
 *   <li>CSV as RFC 4180 has it: fields separated by a single delimiter character; a field may be
 *       enclosed in double quotes, and then may hold the delimiter, line breaks and doubled quotes
 *       ({@code ""}). White space around a field is ignored. A quote inside an unquoted field,
 *       text after a closing quote and a quote never closed are errors.</li>
 *   <li>An optional header line naming the columns; its names (trimmed) must be non-empty and
 *       distinct.</li>
 *   <li>Every row has as many fields as the first line (the header when there is one) and at
 *       least two (one feature and the label), unless the target is {@link Target#NONE}.</li>
 *   <li>Values are decimal numbers ({@code 12}, {@code -0.5}, {@code 1e-3}), quoted or not; they
 *       must be finite, so {@code Infinity} and numbers beyond the double range are rejected, as
 *       are Java-only forms such as {@code 1d} or {@code 0x10}.</li>
 *   <li>A missing value is an empty field or one of {@code NA}, {@code N/A}, {@code NaN},
 *       {@code ?} (see {@link MissingValues}); it is refused, or its row left out.</li>
 *   <li>Class labels ({@link Target#CLASSES}, the default): with {@link #withNumClasses(int)},
 *       integers in [0, k) (possibly written as {@code 3.0}); with {@link #withClassNames(List)},
 *       those names; otherwise the labels decide: when every label is a number they must be
 *       integers in [0, {@link DataSet#MAX_CLASSES}), the class indices, and k is the largest plus
 *       one; when any label is not a number, every distinct label is a class name, and the names
 *       sorted (as {@link String#compareTo}) give the indices 0, 1, ... (so {@code setosa,
 *       versicolor, virginica} become 0, 1, 2).</li>
 *   <li>Target values ({@link Target#VALUES}): a finite number per row, for regression.</li>
 *   <li>Gzip-compressed input is recognised by its first two bytes (1f 8b) whatever its name; a
 *       source whose name ends in {@code .gz} must be gzip-compressed.</li>
 * </ul>
 *
 * <p>Anything else ends the load with a {@link DataFormatException} naming the source, the
 * 1-based line and the 1-based column: a wrong number of columns, a value that is not a number or
 * is not finite, a missing value, a label that is not a class, an empty file or one with a header
 * but no rows, a truncated or corrupt gzip stream, a label column that the file does not have,
 * columns asked for by name that the header lacks or that it has beyond them. No
 * {@link NumberFormatException} or index exception escapes.
 */
public final class CsvLoader {

    private static final int MAX_SHOWN = 40;

    private char delimiter = ',';
    private boolean header;
    private int skipLines;
    private int labelIndex = -1;
    private String labelName;
    private int numClasses;
    private List<String> classNames;
    private MissingValues missing = MissingValues.REFUSE;
    private List<String> featureColumns;
    private int featureCount;
    private Target target = Target.CLASSES;

    /** A loader with the default options (see the class comment). */
    public CsvLoader() {
    }

    private CsvLoader copy() {
        CsvLoader c = new CsvLoader();
        c.delimiter = delimiter;
        c.header = header;
        c.skipLines = skipLines;
        c.labelIndex = labelIndex;
        c.labelName = labelName;
        c.numClasses = numClasses;
        c.classNames = classNames;
        c.missing = missing;
        c.featureColumns = featureColumns;
        c.featureCount = featureCount;
        c.target = target;
        return c;
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
        CsvLoader c = copy();
        c.delimiter = delimiter;
        return c;
    }

    /**
     * Whether the first record (after the skipped lines) holds column names rather than data.
     *
     * @param hasHeader true for a header line
     * @return a copy of this loader with that setting
     */
    public CsvLoader withHeader(boolean hasHeader) {
        CsvLoader c = copy();
        c.header = hasHeader;
        return c;
    }

    /**
     * The first {@code n} lines are skipped as they are, before the header or the data: a title,
     * a comment, or the counts line of scikit-learn's bundled CSV files. They still count for line
     * numbers.
     *
     * @param n the number of lines to skip, ≥ 0
     * @return a copy of this loader with that setting
     * @throws IllegalArgumentException when n &lt; 0
     */
    public CsvLoader withSkipLines(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("skipLines must be >= 0, got " + n);
        }
        CsvLoader c = copy();
        c.skipLines = n;
        return c;
    }

    /**
     * The label is in column {@code index}, counted from 0; a negative index counts from the end,
     * so -1 is the last column (the default) and -2 the one before it.
     *
     * @param index the label's column; checked against the file's width when it loads
     * @return a copy of this loader with the label at that index (and no label name)
     */
    public CsvLoader withLabelColumn(int index) {
        CsvLoader c = copy();
        c.labelIndex = index;
        c.labelName = null;
        return c;
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
        CsvLoader c = copy();
        c.labelName = name.strip();
        return c;
    }

    /**
     * There are {@code k} classes and the labels are class indices: every label must be an
     * integer in [0, k). Use it when the file may lack the highest classes, or to have labels
     * checked against the range. Replaces {@link #withClassNames(List)}.
     *
     * @param k the number of classes, in [1, {@link DataSet#MAX_CLASSES}]
     * @return a copy of this loader with that number of classes
     * @throws IllegalArgumentException when k &lt; 1 or k &gt; {@link DataSet#MAX_CLASSES}
     */
    public CsvLoader withNumClasses(int k) {
        requireClassCount(k);
        CsvLoader c = copy();
        c.numClasses = k;
        c.classNames = null;
        return c;
    }

    /** Requires 1 ≤ k ≤ {@link DataSet#MAX_CLASSES}, naming numClasses. */
    static void requireClassCount(int k) {
        Checks.requirePositive(k, "numClasses");
        if (k > DataSet.MAX_CLASSES) {
            throw new IllegalArgumentException("numClasses must be at most " + DataSet.MAX_CLASSES
                    + " (DataSet.MAX_CLASSES), got " + k);
        }
    }

    /**
     * The classes are inferred from the labels (the default; see the class comment).
     *
     * @return a copy of this loader that infers the classes
     */
    public CsvLoader withInferredNumClasses() {
        CsvLoader c = copy();
        c.numClasses = 0;
        c.classNames = null;
        return c;
    }

    /**
     * The classes are these, in this order (a saved model's class names, for example): a label
     * must be one of them, and class {@code c} is {@code names.get(c)}. A label also matches a
     * name that is the same number ({@code 2.0} matches {@code 2}). Replaces
     * {@link #withNumClasses(int)}.
     *
     * @param names the names, in order
     * @return a copy of this loader with that setting
     * @throws IllegalArgumentException when names is null, empty, longer than
     *                                  {@link DataSet#MAX_CLASSES}, or holds a null or a repeated name
     */
    public CsvLoader withClassNames(List<String> names) {
        CsvLoader c = copy();
        c.classNames = classNamesCopy(names);
        c.numClasses = 0;
        return c;
    }

    /** An unmodifiable copy of 1 to {@link DataSet#MAX_CLASSES} distinct, non-null class names. */
    static List<String> classNamesCopy(List<String> names) {
        Checks.requireNonNull(names, "names");
        if (names.isEmpty() || names.size() > DataSet.MAX_CLASSES) {
            throw new IllegalArgumentException("names must hold 1 to " + DataSet.MAX_CLASSES + " class names, got "
                    + names.size());
        }
        requireDistinct(names, "class names");
        return List.copyOf(names);
    }

    /**
     * What a missing value does: refuse the file (the default) or leave its row out.
     *
     * @param policy what a missing value does
     * @return a copy of this loader with that setting
     */
    public CsvLoader withMissingValues(MissingValues policy) {
        Checks.requireNonNull(policy, "policy");
        CsvLoader c = copy();
        c.missing = policy;
        return c;
    }

    /**
     * The features are the columns with these header names, in this order, whatever their order
     * in the file (a saved model's input names, for example). The header must name each of them
     * once, and no other column but the label column: a column missing or one too many is refused
     * with its name. Needs a header by the time {@code load} is called.
     *
     * @param names the names, in order
     * @return a copy of this loader with that setting
     * @throws IllegalArgumentException when names is null, empty, or holds a null, blank or
     *                                  repeated name
     */
    public CsvLoader withFeatureColumns(List<String> names) {
        Checks.requireNonNull(names, "names");
        if (names.isEmpty()) {
            throw new IllegalArgumentException("names must name at least one feature column");
        }
        requireDistinct(names, "feature column names");
        for (String name : names) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("feature column names must not be blank");
            }
        }
        CsvLoader c = copy();
        c.featureColumns = List.copyOf(names);
        return c;
    }

    /**
     * There must be exactly {@code d} feature columns (a saved model's inputs, for example), else
     * the file is refused on its first line; with {@link Target#NONE} and no header, a row of
     * d + 1 fields holds the label column too, which is left out. 0 (the default) takes any number.
     *
     * @param d the number of features per row
     * @return a copy of this loader with that setting
     * @throws IllegalArgumentException when d &lt; 0
     */
    public CsvLoader withFeatureCount(int d) {
        if (d < 0) {
            throw new IllegalArgumentException("featureCount must be >= 0 (0 = any), got " + d);
        }
        CsvLoader c = copy();
        c.featureCount = d;
        return c;
    }

    /**
     * What the label column holds: class labels (the default), values, or nothing to read.
     *
     * @param t what the label column holds
     * @return a copy of this loader with that setting
     */
    public CsvLoader withTarget(Target t) {
        Checks.requireNonNull(t, "target");
        CsvLoader c = copy();
        c.target = t;
        return c;
    }

    private static void requireDistinct(List<String> names, String what) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null) {
                throw new IllegalArgumentException(what + " must not be null (at index " + i + ")");
            }
            Integer before = seen.put(name, i);
            if (before != null) {
                throw new IllegalArgumentException(what + " must be distinct: '" + name + "' is at index " + before
                        + " and " + i);
            }
        }
    }

    /** {@return the field delimiter} */
    public char delimiter() {
        return delimiter;
    }

    /** {@return whether the first record is a header} */
    public boolean hasHeader() {
        return header;
    }

    /** {@return the number of lines skipped before the header or the data} */
    public int skipLines() {
        return skipLines;
    }

    /** {@return the label column index (0-based, negative from the end); ignored when a name is set} */
    public int labelColumnIndex() {
        return labelIndex;
    }

    /** {@return the label column name, when the label column is chosen by name} */
    public Optional<String> labelColumnName() {
        return Optional.ofNullable(labelName);
    }

    /** {@return the number of classes when labels are class indices in [0, k), or empty} */
    public OptionalInt numClasses() {
        return numClasses == 0 ? OptionalInt.empty() : OptionalInt.of(numClasses);
    }

    /** {@return the class names labels must be among, or empty} */
    public Optional<List<String>> classNames() {
        return Optional.ofNullable(classNames);
    }

    /** {@return what a missing value does} */
    public MissingValues missingValues() {
        return missing;
    }

    /** {@return what the label column holds} */
    public Target target() {
        return target;
    }

    /**
     * Loads a file of class labels; messages name it by {@code file.toString()}.
     *
     * @param file the file to read
     * @return the features and labels, one row per data line
     * @throws DataFormatException   when the content is not a valid table (see the class comment)
     * @throws IOException           when the file cannot be read
     * @throws IllegalStateException when a column is chosen by name without a header, or the
     *                               target is not {@link Target#CLASSES}
     */
    public DataSet load(Path file) throws IOException {
        requireClasses();
        return read(file).dataSet();
    }

    /**
     * Loads class labels from a stream, reading it to its end; the stream is not closed.
     *
     * @param in         the data, plain or gzip-compressed
     * @param sourceName the name that messages give the input, for example a file or resource name;
     *                   a name ending in {@code .gz} requires gzip data
     * @return the features and labels, one row per data line
     * @throws DataFormatException   when the content is not a valid table (see the class comment)
     * @throws IOException           when the stream fails
     * @throws IllegalStateException as {@link #load(Path)}
     */
    public DataSet load(InputStream in, String sourceName) throws IOException {
        requireClasses();
        return read(in, sourceName).dataSet();
    }

    private void requireClasses() {
        if (target != Target.CLASSES) {
            throw new IllegalStateException("load gives a DataSet of class labels, but the target is " + target
                    + "; call read for a Table");
        }
    }

    /**
     * Reads a file into a table with its column and class names; messages name it by
     * {@code file.toString()}.
     *
     * @param file the file to read
     * @return the table read: features, target and names
     * @throws DataFormatException   when the content is not a valid table (see the class comment)
     * @throws IOException           when the file cannot be read
     * @throws IllegalStateException when a column is chosen by name without a header
     */
    public Table read(Path file) throws IOException {
        Checks.requireNonNull(file, "file");
        requireConsistentOptions();
        try (InputStream in = Files.newInputStream(file)) {
            return decompress(in, file.toString());
        }
    }

    /**
     * Reads a stream to its end into a table; the stream is not closed.
     *
     * @param in         the data, plain or gzip-compressed
     * @param sourceName the name that messages give the input
     * @return the table read: features, target and names
     * @throws DataFormatException   when the content is not a valid table (see the class comment)
     * @throws IOException           when the stream fails
     * @throws IllegalStateException when a column is chosen by name without a header
     */
    public Table read(InputStream in, String sourceName) throws IOException {
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
            return decompress(wrapped, sourceName);
        }
    }

    private void requireConsistentOptions() {
        if (labelName != null && !header && target != Target.NONE) {
            throw new IllegalStateException("the label column is chosen by name ('" + labelName
                    + "') but the loader expects no header line; call withHeader(true)");
        }
        if (featureColumns != null && !header) {
            throw new IllegalStateException("the feature columns are chosen by name but the loader expects no header "
                    + "line; call withHeader(true)");
        }
    }

    private Table decompress(InputStream raw, String source) throws IOException {
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
            CsvRecords records = new CsvRecords(new LineReader(in, gzip, source, delimiter), source, delimiter);
            records.skipLines(skipLines);
            return new Parse(records, source).run();
        }
    }

    /** The state of one read. */
    private final class Parse {
        private final CsvRecords records;
        private final String source;

        private int columns = -1;
        private int firstLine;
        /** The 0-based label column, or -1 when none is read or present. */
        private int labelColumn = -1;
        /** For each file column, its feature index, or -1 (the label, or a column left out). */
        private int[] featureOf;
        private int d;
        private String[] names;

        private double[] x = new double[1024];
        private int[] y = new int[64];
        private double[] values = new double[64];
        private int[] lines = new int[64];
        private int[] rowNumbers = new int[64];
        /** Data records seen so far, rows left out included. */
        private int dataRecords;
        private int[] dropped = new int[0];
        private int droppedCount;
        private int rows;

        private final CsvLabels labels;

        Parse(CsvRecords records, String source) {
            this.records = records;
            this.source = source;
            this.labels = target == Target.CLASSES ? new CsvLabels(source, numClasses, classNames) : null;
        }

        Table run() throws IOException {
            while (records.next()) {
                if (columns < 0) {
                    if (layout()) {
                        continue;
                    }
                } else if (records.count() != columns) {
                    int fields = records.count();
                    throw new DataFormatException(source, records.recordLine(), Math.min(fields, columns) + 1,
                            "expected " + columns + " columns (as on line " + firstLine + ") but found " + fields);
                }
                row();
            }
            if (columns < 0) {
                throw new DataFormatException(source, skipLines + 1, 1, "the file holds no data"
                        + (skipLines > 0 ? " after the " + skipLines + " skipped lines" : "") + ", only blank lines");
            }
            if (rows == 0) {
                String why = droppedCount > 0 ? "every one of the " + droppedCount + " data rows has a missing value"
                        : "no data rows after the header";
                throw new DataFormatException(source, records.linesRead() + 1, 1, why);
            }
            DMatrixRMaj features = DMatrixRMaj.wrap(rows, d, x.length == rows * d ? x : Arrays.copyOf(x, rows * d));
            List<String> featureNames = new ArrayList<>();
            if (names != null) {
                String[] ordered = new String[d];
                for (int c = 0; c < columns; c++) {
                    if (featureOf[c] >= 0) {
                        ordered[featureOf[c]] = names[c];
                    }
                }
                featureNames = Arrays.asList(ordered);
            }
            String targetName = names != null && labelColumn >= 0 && target != Target.NONE ? names[labelColumn] : null;
            int[] rowLines = Arrays.copyOf(lines, rows);
            int[] numbers = Arrays.copyOf(rowNumbers, rows);
            int[] droppedLines = Arrays.copyOf(dropped, droppedCount);
            return switch (target) {
                case CLASSES -> {
                    int[] labelArray = labels.resolve(y, rows);
                    yield new Table(target, features, featureNames, targetName, labelArray, labels.names(), null,
                            rowLines, numbers, droppedLines);
                }
                case VALUES -> new Table(target, features, featureNames, targetName, null, List.of(),
                        DMatrixRMaj.wrap(rows, 1, Arrays.copyOf(values, rows)), rowLines, numbers, droppedLines);
                case NONE -> new Table(target, features, featureNames, null, null, List.of(), null, rowLines,
                        numbers, droppedLines);
            };
        }

        /**
         * Works out the columns from the first record: the header's names, the label column, the
         * feature of each column. Returns true when the record was the header.
         */
        private boolean layout() throws DataFormatException {
            int lineNo = records.recordLine();
            columns = records.count();
            firstLine = lineNo;
            int least = target == Target.NONE ? 1 : 2;
            if (columns < least) {
                throw new DataFormatException(source, lineNo, 2, "found 1 column but need at least 2 "
                        + "(a feature and the label); is the delimiter '" + printable(delimiter) + "' right?");
            }
            if (header) {
                names = headerNames(lineNo);
            }
            labelColumn = resolveLabelColumn(lineNo);
            featureOf = new int[columns];
            if (featureColumns != null) {
                selectByName(lineNo);
            } else {
                int f = 0;
                for (int c = 0; c < columns; c++) {
                    featureOf[c] = c == labelColumn ? -1 : f++;
                }
                d = f;
                if (featureCount > 0 && d != featureCount) {
                    String besides = labelColumn >= 0 ? " besides the label column" + (names != null
                            ? " '" + names[labelColumn] + "'" : " (" + (labelColumn + 1) + ")") : "";
                    String hint = target == Target.NONE && names != null && labelColumn < 0 && d == featureCount + 1
                            ? "; is one of them the label column? name it as the label column to leave it out" : "";
                    throw new DataFormatException(source, lineNo, 0, "expected " + featureCount + " feature column"
                            + (featureCount == 1 ? "" : "s") + " but the file has " + d + besides + hint);
                }
            }
            return header;
        }

        private String[] headerNames(int lineNo) throws DataFormatException {
            String[] n = new String[columns];
            Map<String, Integer> seen = new HashMap<>();
            for (int c = 0; c < columns; c++) {
                n[c] = records.value(c);
                if (n[c].isEmpty()) {
                    throw new DataFormatException(source, lineNo, c + 1, "the header gives column " + (c + 1)
                            + " no name; every column needs one (a row index written by pandas has none: write the"
                            + " file with index=False, or drop that column)");
                }
                Integer before = seen.put(n[c], c);
                if (before != null) {
                    throw new DataFormatException(source, lineNo, c + 1, "the header names two columns '" + n[c]
                            + "' (columns " + (before + 1) + " and " + (c + 1) + "); column names must be distinct");
                }
            }
            return n;
        }

        /** The 0-based label column, or -1 when there is none to read or skip. */
        private int resolveLabelColumn(int lineNo) throws DataFormatException {
            if (target == Target.NONE) {
                if (names != null && labelName != null) {
                    return Arrays.asList(names).indexOf(labelName);
                }
                if (names == null && featureCount > 0 && columns == featureCount + 1) {
                    return index(lineNo);
                }
                return -1;
            }
            if (labelName != null) {
                int found = Arrays.asList(names).indexOf(labelName);
                if (found < 0) {
                    throw new DataFormatException(source, lineNo, 0, "no column is named '" + labelName
                            + "'; the header names " + shortList(Arrays.asList(names)));
                }
                return found;
            }
            return index(lineNo);
        }

        private int index(int lineNo) throws DataFormatException {
            int c = labelIndex >= 0 ? labelIndex : columns + labelIndex;
            if (c < 0 || c >= columns) {
                throw new DataFormatException(source, lineNo, 0, "the label column index " + labelIndex
                        + " does not fit the " + columns + " columns of this line");
            }
            return c;
        }

        /** Features by header name, in the order asked for; every other column but the label refused. */
        private void selectByName(int lineNo) throws DataFormatException {
            Map<String, Integer> wanted = new LinkedHashMap<>();
            for (int i = 0; i < featureColumns.size(); i++) {
                wanted.put(featureColumns.get(i), i);
            }
            List<String> unknown = new ArrayList<>();
            Arrays.fill(featureOf, -1);
            for (int c = 0; c < columns; c++) {
                Integer f = wanted.remove(names[c]);
                if (f != null) {
                    if (c == labelColumn) {
                        throw new DataFormatException(source, lineNo, c + 1, "column '" + names[c]
                                + "' is asked for both as a feature and as the label");
                    }
                    featureOf[c] = f;
                } else if (c != labelColumn) {
                    unknown.add(names[c]);
                }
            }
            if (!wanted.isEmpty() || !unknown.isEmpty()) {
                StringBuilder sb = new StringBuilder("the columns do not match the ").append(featureColumns.size())
                        .append(" feature columns asked for");
                if (!wanted.isEmpty()) {
                    sb.append("; missing: ").append(shortList(new ArrayList<>(wanted.keySet())));
                }
                if (!unknown.isEmpty()) {
                    sb.append("; not asked for: ").append(shortList(unknown));
                }
                sb.append(" (the features asked for: ").append(shortList(featureColumns)).append(')');
                throw new DataFormatException(source, lineNo, 0, sb.toString());
            }
            d = featureColumns.size();
        }

        /** Reads the current record as a row, or leaves it out for a missing value. */
        private void row() throws DataFormatException {
            int lineNo = records.recordLine();
            int recordNumber = dataRecords++;
            boolean readLabel = target != Target.NONE && labelColumn >= 0;
            for (int c = 0; c < columns; c++) {
                if (featureOf[c] < 0 && !readLabel) {
                    continue;
                }
                if (MissingValues.isMarker(records.text(c), records.from(c), records.to(c))
                        || records.quoted(c) && isBlankOrMarker(records.value(c))) {
                    if (missing == MissingValues.REFUSE) {
                        String token = records.value(c);
                        throw new DataFormatException(source, records.line(c), c + 1, "the "
                                + (c == labelColumn ? "label" : "value") + (token.isEmpty() ? " is empty"
                                : " " + shown(token) + " marks a missing value") + columnName(c)
                                + "; missing values are refused (markers: " + MissingValues.markers()
                                + "); leave such rows out with MissingValues.DROP_ROW (--missing drop)");
                    }
                    drop(lineNo);
                    return;
                }
            }
            ensureCapacity(lineNo);
            int offset = rows * d;
            for (int c = 0; c < columns; c++) {
                int f = featureOf[c];
                if (f >= 0) {
                    x[offset + f] = parseNumber(records.text(c), records.from(c), records.to(c), source,
                            records.line(c), c + 1);
                } else if (readLabel) {
                    label(c);
                }
            }
            lines[rows] = lineNo;
            rowNumbers[rows] = recordNumber;
            rows++;
        }

        private boolean isBlankOrMarker(String value) {
            return MissingValues.isMarker(value, 0, value.length());
        }

        private String columnName(int c) {
            return names == null ? "" : " (column '" + names[c] + "')";
        }

        private void label(int c) throws DataFormatException {
            if (target == Target.VALUES) {
                values[rows] = parseNumber(records.text(c), records.from(c), records.to(c), source, records.line(c),
                        c + 1);
            } else {
                y[rows] = labels.add(records.value(c), records.line(c), c + 1);
            }
        }

        private void drop(int lineNo) {
            if (droppedCount == dropped.length) {
                dropped = Arrays.copyOf(dropped, Math.max(16, 2 * droppedCount));
            }
            dropped[droppedCount++] = lineNo;
        }

        private void ensureCapacity(int lineNo) throws DataFormatException {
            if ((long) (rows + 1) * d > Integer.MAX_VALUE - 8) {
                throw new DataFormatException(source, lineNo, 0,
                        "too many values for one matrix (" + rows + " rows of " + d + " features so far)");
            }
            if (x.length < (rows + 1) * d) {
                x = Arrays.copyOf(x, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(2L * x.length, (long) (rows + 1) * d)));
            }
            if (lines.length == rows) {
                int size = (int) Math.min(Integer.MAX_VALUE - 8L, 2L * rows);
                lines = Arrays.copyOf(lines, size);
                rowNumbers = Arrays.copyOf(rowNumbers, size);
                y = Arrays.copyOf(y, target == Target.CLASSES ? size : 0);
                values = Arrays.copyOf(values, target == Target.VALUES ? size : 0);
            }
        }
    }

    /** "0", "1", ... "k-1". */
    static List<String> numbered(int k) {
        List<String> names = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    static String shortList(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size() && i < 10; i++) {
            sb.append(i == 0 ? "" : ", ").append('\'').append(names.get(i)).append('\'');
        }
        if (names.size() > 10) {
            sb.append(", … (").append(names.size()).append(" in all)");
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
            if (word.equals("inf") || word.equals("infinity")) {
                throw new DataFormatException(source, lineNo, column,
                        "the value " + shown(token) + " is not finite; infinite values are not allowed");
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

    /** The token in quotes, cut after {@value #MAX_SHOWN} characters, line breaks as \\n. */
    static String shown(String token) {
        String t = token.length() > MAX_SHOWN ? token.substring(0, MAX_SHOWN) + "…" : token;
        return "'" + t.replace("\r", "\\r").replace("\n", "\\n") + "'";
    }

    private static String printable(char c) {
        return c == '\t' ? "\\t" : String.valueOf(c);
    }
}
