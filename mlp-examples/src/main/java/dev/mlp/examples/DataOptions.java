package dev.mlp.examples;

import dev.mlp.data.CsvLoader;
import dev.mlp.data.DataSet;
import dev.mlp.data.Digits;
import dev.mlp.data.FashionMnist;
import dev.mlp.data.MissingValues;
import dev.mlp.data.NpzLoader;
import dev.mlp.data.Table;
import dev.mlp.data.Target;
import dev.mlp.examples.Choices.DataKind;
import dev.mlp.examples.Choices.MissingChoice;
import dev.mlp.io.SavedModel;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data-source options shared by {@code train}, {@code evaluate} and {@code predict}: the
 * bundled digits, a CSV file with a label column, or a directory of IDX files in the
 * Fashion-MNIST layout.
 */
final class DataOptions {

    /** Metadata keys under which a saved model remembers its data source. */
    static final String KEY_DATA = "data";
    static final String KEY_CSV = "data.csv";
    static final String KEY_LABEL = "data.label-column";
    static final String KEY_HEADER = "data.header";
    static final String KEY_DELIMITER = "data.delimiter";
    static final String KEY_SKIP_LINES = "data.skip-lines";
    static final String KEY_MISSING = "data.missing";
    static final String KEY_DIR = "data.dir";
    static final String KEY_NPZ = "data.npz";
    static final String KEY_ARRAYS = "data.arrays";

    @Option(names = "--data", paramLabel = "SOURCE", converter = DataKind.Convert.class,
            completionCandidates = DataKind.Names.class,
            description = "Where the samples come from: ${COMPLETION-CANDIDATES}. Default: csv when --csv is given, "
                    + "npz when --npz is given, fashion when --data-dir is given, else digits (train) or the model's "
                    + "own data (evaluate, predict).")
    DataKind kind;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "A CSV file (RFC 4180: fields may be quoted), plain or gzip: numeric features and a label "
                    + "column: class names (setosa, ...) or class indices 0..k-1.")
    Path csv;

    @Option(names = "--label-column", paramLabel = "NAME",
            description = "The CSV column holding the label: its header name, or with --no-header its 0-based "
                    + "index, negative from the end (default: the model's for evaluate and predict, else 'label', "
                    + "or -1 for the last column without a header).")
    String labelColumn;

    @Option(names = "--no-header", description = "The CSV file has no header line.")
    Boolean noHeader;

    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "The CSV field separator, one character or 'tab' (default: ',').")
    String delimiter;

    @Option(names = "--skip-lines", paramLabel = "N",
            description = "Skip the first N lines of the CSV file as they are, before the header or the data "
                    + "(default: 0; scikit-learn's bundled CSV files start with one line of counts).")
    Integer skipLines;

    @Option(names = "--missing", paramLabel = "POLICY", converter = MissingChoice.Convert.class,
            completionCandidates = MissingChoice.Names.class,
            description = "What a missing value (in CSV: empty, NA, N/A, NaN or ?; in arrays: NaN) does: "
                    + "${COMPLETION-CANDIDATES}; refuse stops naming where it is, drop leaves its row out "
                    + "(default: refuse).")
    MissingChoice missing;

    @Option(names = "--npz", paramLabel = "FILE",
            description = "A numpy .npz archive (np.savez or np.savez_compressed) holding the features and the "
                    + "labels as two arrays (see --arrays): features one row per sample (higher dimensions are "
                    + "flattened), labels integers (class indices), text (class names) or, with --task regression, "
                    + "numbers.")
    Path npz;

    @Option(names = "--arrays", paramLabel = "FEATURES,LABELS",
            description = "The names of the features and labels arrays in the --npz archive (default: the model's "
                    + "for evaluate and predict, else X,y as np.savez(file, X=x, y=y) names them).")
    String arrays;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "A directory with the four IDX files of Fashion-MNIST (train-images-idx3-ubyte.gz and "
                    + "the others, gzip or not) (default: " + FashionMnist.DEFAULT_DIRECTORY_NAME + ").")
    Path dataDir;

    /** A fully resolved data source. */
    record Spec(DataKind kind, Path file, String labelColumn, boolean header, char delimiter, int skipLines,
                MissingChoice missing, Path dataDir, String featuresArray, String labelsArray) {

        /** The source as metadata entries, to be found again by {@link #resolve}. */
        Map<String, String> metadata() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put(KEY_DATA, kind.cliName());
            switch (kind) {
                case CSV -> {
                    m.put(KEY_CSV, file.toAbsolutePath().normalize().toString());
                    m.put(KEY_LABEL, labelColumn);
                    m.put(KEY_HEADER, Boolean.toString(header));
                    m.put(KEY_DELIMITER, delimiter == '\t' ? "tab" : String.valueOf(delimiter));
                    // written only when not the default, so that models saved before these options still match
                    if (skipLines > 0) {
                        m.put(KEY_SKIP_LINES, Integer.toString(skipLines));
                    }
                    if (missing != MissingChoice.REFUSE) {
                        m.put(KEY_MISSING, missing.cliName());
                    }
                }
                case NPZ -> {
                    m.put(KEY_NPZ, file.toAbsolutePath().normalize().toString());
                    m.put(KEY_ARRAYS, featuresArray + "," + labelsArray);
                    if (missing != MissingChoice.REFUSE) {
                        m.put(KEY_MISSING, missing.cliName());
                    }
                }
                case FASHION -> m.put(KEY_DIR, dataDir.toAbsolutePath().normalize().toString());
                case DIGITS -> {
                }
            }
            return m;
        }

        /** Whether a model saved with these metadata was trained on this very source. */
        boolean sameAs(Map<String, String> metadata) {
            Map<String, String> mine = metadata();
            for (Map.Entry<String, String> e : mine.entrySet()) {
                if (!e.getValue().equals(metadata.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }

        /** "the digits", "data.csv", "data.npz (arrays X, y)", "Fashion-MNIST in DIR". */
        String describe() {
            return switch (kind) {
                case DIGITS -> "the bundled 8x8 digits";
                case CSV -> file.toString();
                case NPZ -> file + " (arrays " + featuresArray + ", " + labelsArray + ")";
                case FASHION -> "Fashion-MNIST in " + dataDir;
            };
        }

        /** Whether the rows come from a file the user names (CSV or .npz), which may hold a regression. */
        boolean table() {
            return kind == DataKind.CSV || kind == DataKind.NPZ;
        }
    }

    /**
     * A source being read: the digits and CSV data are read at once, the Fashion-MNIST training
     * and test files only when asked for (each is large), then kept.
     */
    static final class Loaded {
        private final Spec spec;
        private final List<String> classNames;
        private final int imageSide;
        private final double pixelMax;
        private List<String> featureNames = List.of();
        private int[] droppedLines = new int[0];
        private DataSet data;
        private DataSet test;

        Loaded(Spec spec, DataSet data, List<String> classNames, int imageSide, double pixelMax) {
            this.spec = spec;
            this.data = data;
            this.classNames = classNames;
            this.imageSide = imageSide;
            this.pixelMax = pixelMax;
        }

        /** The rows of a CSV table, with its column names and the lines it left out. */
        static Loaded of(Spec spec, Table table) {
            Loaded loaded = new Loaded(spec, table.dataSet(), table.classNames(), 0, 0);
            loaded.featureNames = table.featureNames();
            loaded.droppedLines = table.droppedLines();
            return loaded;
        }

        /** The header's names of the feature columns, in the data's column order; empty without. */
        List<String> featureNames() {
            return featureNames;
        }

        /** The lines of CSV rows left out for a missing value. */
        int[] droppedLines() {
            return droppedLines.clone();
        }

        Spec spec() {
            return spec;
        }

        /** Every row of the digits or the CSV file; the training images of Fashion-MNIST. */
        DataSet data() throws IOException {
            if (data == null) {
                data = FashionMnist.train(spec.dataDir());
            }
            return data;
        }

        /** The Fashion-MNIST test images, or null for the others, which have no test part of their own. */
        DataSet test() throws IOException {
            if (test == null && spec.kind() == DataKind.FASHION) {
                test = FashionMnist.test(spec.dataDir());
            }
            return test;
        }

        List<String> classNames() {
            return classNames;
        }

        /** The height and width of the images, or 0 when the rows are not images. */
        int imageSide() {
            return imageSide;
        }

        /** The value drawn as full ink. */
        double pixelMax() {
            return pixelMax;
        }

        /** True for image data that can be drawn (digits and Fashion-MNIST). */
        boolean images() {
            return imageSide > 0;
        }
    }

    /**
     * The source these options name, falling back to a saved model's metadata (or to none) for
     * what they leave out.
     *
     * @param fallback metadata of a saved model, or an empty map
     * @param required whether a source must be named when neither the options nor the fallback do;
     *                 when false the digits are the default
     */
    Spec resolve(CommandLine cmd, Map<String, String> fallback, boolean required) {
        DataKind k = kind;
        if (k == null && csv != null) {
            k = DataKind.CSV;
        } else if (k == null && npz != null) {
            k = DataKind.NPZ;
        } else if (k == null && dataDir != null) {
            k = DataKind.FASHION;
        }
        boolean fromModel = false;
        if (k == null && fallback.containsKey(KEY_DATA)) {
            try {
                k = Choices.parse(DataKind.class, fallback.get(KEY_DATA));
                fromModel = true;
            } catch (CommandLine.TypeConversionException e) {
                throw new ParameterException(cmd, "the model's data source '" + fallback.get(KEY_DATA)
                        + "' is unknown; name one with --data, --csv or --data-dir");
            }
        }
        if (k == null) {
            if (required) {
                throw new ParameterException(cmd, "say which data to use: --data "
                        + Choices.names(DataKind.class) + ", --csv FILE, --npz FILE or --data-dir DIR "
                        + "(the model does not record its data source)");
            }
            k = DataKind.DIGITS;
        }
        Map<String, String> fb = fromModel ? fallback : Map.of();
        if (csv != null && k != DataKind.CSV) {
            throw new ParameterException(cmd, "--csv cannot be combined with --data " + k.cliName());
        }
        if (dataDir != null && k != DataKind.FASHION) {
            throw new ParameterException(cmd, "--data-dir cannot be combined with --data " + k.cliName());
        }
        if (npz != null && k != DataKind.NPZ) {
            throw new ParameterException(cmd, "--npz cannot be combined with --data " + k.cliName());
        }
        if (k != DataKind.CSV && (labelColumn != null || noHeader != null || delimiter != null || skipLines != null)) {
            throw new ParameterException(cmd, "--label-column, --no-header, --delimiter and --skip-lines apply to --csv "
                    + "data only, not to --data " + k.cliName());
        }
        if (k != DataKind.NPZ && arrays != null) {
            throw new ParameterException(cmd, "--arrays applies to --npz data only, not to --data " + k.cliName());
        }
        if (k != DataKind.CSV && k != DataKind.NPZ && missing != null) {
            throw new ParameterException(cmd, "--missing applies to --csv and --npz data only, not to --data "
                    + k.cliName());
        }
        Map<String, String> layout = k.cliName().equals(fallback.get(KEY_DATA)) ? fallback : Map.of();
        return switch (k) {
            case DIGITS -> new Spec(k, null, null, true, ',', 0, MissingChoice.REFUSE, null, null, null);
            case FASHION -> new Spec(k, null, null, true, ',', 0, MissingChoice.REFUSE, dataDir != null ? dataDir
                    : Path.of(fb.getOrDefault(KEY_DIR, FashionMnist.DEFAULT_DIRECTORY_NAME)), null, null);
            case CSV -> csvSpec(cmd, fb, layout);
            case NPZ -> npzSpec(cmd, fb, layout);
        };
    }

    /** As {@link #csvSpec} for an .npz archive: the file, the two array names, the missing-value policy. */
    private Spec npzSpec(CommandLine cmd, Map<String, String> fb, Map<String, String> layout) {
        Path file = npz != null ? npz : fb.containsKey(KEY_NPZ) ? Path.of(fb.get(KEY_NPZ)) : null;
        if (file == null) {
            throw new ParameterException(cmd, "--data npz needs the file: --npz FILE");
        }
        String names = arrays != null ? arrays : layout.getOrDefault(KEY_ARRAYS, "X,y");
        String[] parts = names.split(",", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank() || parts[0].strip().equals(parts[1].strip())) {
            throw new ParameterException(cmd, "--arrays must name two different arrays, FEATURES,LABELS (for example "
                    + "X,y), got '" + names + "'");
        }
        return new Spec(DataKind.NPZ, file, null, true, ',', 0, missingPolicy(layout), null, parts[0].strip(),
                parts[1].strip());
    }

    /** --missing, else the model's policy for data of the same layout, else refuse. */
    private MissingChoice missingPolicy(Map<String, String> layout) {
        if (missing != null) {
            return missing;
        }
        return MissingChoice.DROP.cliName().equals(layout.get(KEY_MISSING)) ? MissingChoice.DROP : MissingChoice.REFUSE;
    }

    /**
     * @param fb     the model's metadata when the model names the source, else empty
     * @param layout the model's metadata when it was trained on a CSV file, whose label column,
     *               header and delimiter a new file of the same layout shares; else empty
     */
    private Spec csvSpec(CommandLine cmd, Map<String, String> fb, Map<String, String> layout) {
        Path file = csv != null ? csv : fb.containsKey(KEY_CSV) ? Path.of(fb.get(KEY_CSV)) : null;
        if (file == null) {
            throw new ParameterException(cmd, "--data csv needs the file: --csv FILE");
        }
        boolean header = noHeader != null ? !noHeader : Boolean.parseBoolean(layout.getOrDefault(KEY_HEADER, "true"));
        boolean sameHeader = header == Boolean.parseBoolean(layout.getOrDefault(KEY_HEADER, "true"));
        String label = labelColumn != null ? labelColumn.strip()
                : sameHeader && layout.containsKey(KEY_LABEL) ? layout.get(KEY_LABEL) : header ? "label" : "-1";
        if (label.isEmpty()) {
            throw new ParameterException(cmd, "--label-column must not be empty");
        }
        if (!header) {
            try {
                Integer.parseInt(label);
            } catch (NumberFormatException e) {
                throw new ParameterException(cmd, "--label-column must be a column index (0, 1, ... or -1 for the last) "
                        + "when the file has no header (--no-header), got '" + label + "'");
            }
        }
        String d = delimiter != null ? delimiter : layout.getOrDefault(KEY_DELIMITER, ",");
        char c;
        if (d.equalsIgnoreCase("tab") || d.equals("\\t")) {
            c = '\t';
        } else if (d.length() == 1) {
            c = d.charAt(0);
        } else {
            throw new ParameterException(cmd, "--delimiter must be one character or 'tab', got '" + d + "'");
        }
        try {
            new CsvLoader().withDelimiter(c);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, "--delimiter: " + e.getMessage());
        }
        int skip;
        if (skipLines != null) {
            skip = skipLines;
        } else {
            try {
                skip = Integer.parseInt(layout.getOrDefault(KEY_SKIP_LINES, "0"));
            } catch (NumberFormatException e) {
                skip = 0;
            }
        }
        if (skip < 0) {
            throw new ParameterException(cmd, "--skip-lines must be >= 0, got " + skip);
        }
        return new Spec(DataKind.CSV, file, label, header, c, skip, missingPolicy(layout), null, null, null);
    }

    /** Reads the source for training: the classes as the data has them, every column but the label a feature. */
    static Loaded load(Spec spec) throws IOException {
        return load(spec, null);
    }

    /**
     * Reads the source for a saved model: labels among the model's classes, and CSV feature
     * columns matched to the model's inputs by name when the file has a header and the model
     * names its inputs (read in the model's order; a missing or unknown column refused by name),
     * else checked by count.
     *
     * @param model the model, or null for training
     */
    static Loaded load(Spec spec, SavedModel model) throws IOException {
        return switch (spec.kind()) {
            case DIGITS -> new Loaded(spec, Digits.load(), numbered(Digits.CLASSES), 8, Digits.MAX_PIXEL);
            case FASHION -> new Loaded(spec, null, FashionMnist.classNames(), FashionMnist.SIDE, 1.0);
            case CSV -> Loaded.of(spec, csvLoader(spec, model, Target.CLASSES).read(spec.file()));
            case NPZ -> Loaded.of(spec, npzLoader(spec, model, Target.CLASSES).read(spec.file()));
        };
    }

    /** The reader of {@code spec}'s arrays, fitted to {@code model}'s inputs and classes when given. */
    static NpzLoader npzLoader(Spec spec, SavedModel model, Target target) {
        NpzLoader loader = new NpzLoader().withArrays(spec.featuresArray(), spec.labelsArray()).withTarget(target)
                .withMissingValues(spec.missing() == MissingChoice.DROP ? MissingValues.DROP_ROW : MissingValues.REFUSE);
        if (model == null) {
            return loader;
        }
        loader = loader.withFeatureCount(model.network().inputSize());
        if (target == Target.CLASSES) {
            loader = model.classNames().isEmpty() ? loader.withNumClasses(Models.classes(model))
                    : loader.withClassNames(model.classNames());
        }
        return loader;
    }

    /** Reads a CSV file or an .npz archive as {@code target} asks, fitted to {@code model} when given. */
    static Table table(Spec spec, SavedModel model, Target target) throws IOException {
        return spec.kind() == DataKind.NPZ ? npzLoader(spec, model, target).read(spec.file())
                : csvLoader(spec, model, target).read(spec.file());
    }

    /** The loader of {@code spec}'s CSV layout, fitted to {@code model}'s inputs and classes when given. */
    static CsvLoader csvLoader(Spec spec, SavedModel model, Target target) {
        CsvLoader loader = new CsvLoader().withHeader(spec.header()).withDelimiter(spec.delimiter())
                .withSkipLines(spec.skipLines()).withTarget(target)
                .withMissingValues(spec.missing() == MissingChoice.DROP ? MissingValues.DROP_ROW : MissingValues.REFUSE);
        loader = spec.header() ? loader.withLabelColumn(spec.labelColumn())
                : loader.withLabelColumn(Integer.parseInt(spec.labelColumn()));
        if (model == null) {
            return loader;
        }
        loader = byName(spec, model) ? loader.withFeatureColumns(model.inputNames())
                : loader.withFeatureCount(model.network().inputSize());
        if (target == Target.CLASSES) {
            loader = model.classNames().isEmpty() ? loader.withNumClasses(Models.classes(model))
                    : loader.withClassNames(model.classNames());
        }
        return loader;
    }

    /** Whether a CSV file of this layout is matched to the model's inputs by column name. */
    static boolean byName(Spec spec, SavedModel model) {
        return spec.kind() == DataKind.CSV && spec.header() && !model.inputNames().isEmpty();
    }

    /** How the columns of the source are matched to the model's inputs, for the report. */
    static String columnsLine(Spec spec, SavedModel model) {
        int inputs = model.network().inputSize();
        if (spec.kind() == DataKind.NPZ) {
            return "Columns: by position (arrays name no columns), " + inputs + " feature" + (inputs == 1 ? "" : "s")
                    + " per row";
        }
        if (spec.kind() != DataKind.CSV) {
            return null;
        }
        if (byName(spec, model)) {
            return "Columns: matched by name to the model's " + inputs + " inputs and read in the model's order";
        }
        return "Columns: by position (" + (model.inputNames().isEmpty() ? "the model records no input names"
                : "the file has no header") + "), " + inputs + " feature column" + (inputs == 1 ? "" : "s");
    }

    /**
     * "; left out 2 rows with a missing value (lines 5, 9)" for a CSV file, "(rows 2, 3)" (from 0)
     * for arrays, or "" when none was left out.
     */
    static String droppedNote(Spec spec, int[] dropped) {
        if (dropped.length == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dropped.length && i < 10; i++) {
            sb.append(i == 0 ? "" : ", ").append(dropped[i]);
        }
        if (dropped.length > 10) {
            sb.append(", ...");
        }
        String unit = spec.kind() == DataKind.NPZ ? "row" : "line";
        return "; left out " + dropped.length + " row" + (dropped.length == 1 ? "" : "s") + " with a missing value ("
                + unit + (dropped.length == 1 ? " " : "s ") + sb + ")";
    }

    /** "0", "1", ... "k-1". */
    static List<String> numbered(int k) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    /** The rows of a then the rows of b, which have the same columns and classes. */
    static DataSet concat(DataSet a, DataSet b) {
        DMatrixRMaj x = new DMatrixRMaj(a.rows() + b.rows(), a.columns());
        DMatrixRMaj xa = a.features();
        DMatrixRMaj xb = b.features();
        System.arraycopy(xa.data, 0, x.data, 0, xa.getNumElements());
        System.arraycopy(xb.data, 0, x.data, xa.getNumElements(), xb.getNumElements());
        int[] y = new int[a.rows() + b.rows()];
        System.arraycopy(a.labels(), 0, y, 0, a.rows());
        System.arraycopy(b.labels(), 0, y, a.rows(), b.rows());
        return new DataSet(x, y, Math.max(a.numClasses(), b.numClasses()));
    }
}
