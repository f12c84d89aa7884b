package dev.mlp.data;

import dev.mlp.Checks;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads features and labels (or target values) from numpy arrays: two arrays of an {@code .npz}
 * archive ({@link #read(Path)}), or two arrays read by {@link Npy} ({@link #read(NpyArray, NpyArray)}),
 * into a {@link Table}, as {@link CsvLoader} does for CSV files.
 * <pre>{@code
 * // np.savez("iris.npz", X=x, y=species)
 * DataSet iris = new NpzLoader().withArrays("X", "y").read(Path.of("iris.npz")).dataSet();
 * }</pre>
 *
 * <p>The features are a numeric array of at least one dimension: row i is {@code X[i]}, flattened
 * in C order (n images of 8 × 8 give n rows of 64). The labels are an array with as many rows, 1-d
 * or n × 1 for classes, 1-d or n × m for target values:
 * <ul>
 *   <li>{@link Target#CLASSES} (the default): integers (any integer dtype, or floats with integer
 *       values) are class indices; unicode text is class names, sorted to give the indices; with
 *       {@link #withNumClasses(int)} or {@link #withClassNames(List)} they must be those classes,
 *       as in {@link CsvLoader};</li>
 *   <li>{@link Target#VALUES}: numbers, for regression;</li>
 *   <li>{@link Target#NONE}: no labels are read (the labels array may be absent).</li>
 * </ul>
 * A NaN (or, for text labels, an empty string or another {@link MissingValues} marker) is a
 * missing value: refused, or its row left out. Infinite values are refused. Problems are reported
 * with a {@link DataFormatException} naming the archive, the array and the element, at line 0 and
 * the element's byte position (see {@link Npy}).
 *
 * <p>A loader is an immutable set of options; each {@code with…} method returns a changed copy.
 */
public final class NpzLoader {

    private String featuresName = "X";
    private String labelsName = "y";
    private Target target = Target.CLASSES;
    private int numClasses;
    private List<String> classNames;
    private MissingValues missing = MissingValues.REFUSE;
    private int featureCount;

    /** A loader of the arrays "X" and "y", class labels, missing values refused. */
    public NpzLoader() {
    }

    private NpzLoader copy() {
        NpzLoader c = new NpzLoader();
        c.featuresName = featuresName;
        c.labelsName = labelsName;
        c.target = target;
        c.numClasses = numClasses;
        c.classNames = classNames;
        c.missing = missing;
        c.featureCount = featureCount;
        return c;
    }

    /**
     * The names of the features and the labels arrays in the archive ({@code np.savez(f, X=x, y=y)}
     * names them "X" and "y", the default).
     *
     * @param features the name of the features array
     * @param labels the name of the labels array
     * @return a copy of this loader with that setting
     * @throws IllegalArgumentException when a name is null or blank, or both are the same
     */
    public NpzLoader withArrays(String features, String labels) {
        Checks.requireNonNull(features, "features");
        Checks.requireNonNull(labels, "labels");
        if (features.isBlank() || labels.isBlank() || features.equals(labels)) {
            throw new IllegalArgumentException("the features and labels arrays need two different non-blank names, got '"
                    + features + "' and '" + labels + "'");
        }
        NpzLoader c = copy();
        c.featuresName = features;
        c.labelsName = labels;
        return c;
    }

    /**
     * What the labels array holds: classes (the default), values, or nothing to read.
     *
     * @param t what the label column holds
     * @return a copy of this loader with that setting
     */
    public NpzLoader withTarget(Target t) {
        Checks.requireNonNull(t, "target");
        NpzLoader c = copy();
        c.target = t;
        return c;
    }

    /**
     * As {@link CsvLoader#withNumClasses(int)}.
     *
     * @param k the number of classes
     * @return a copy of this loader with that setting
     */
    public NpzLoader withNumClasses(int k) {
        CsvLoader.requireClassCount(k);
        NpzLoader c = copy();
        c.numClasses = k;
        c.classNames = null;
        return c;
    }

    /**
     * As {@link CsvLoader#withClassNames(List)}.
     *
     * @param names the names, in order
     * @return a copy of this loader with that setting
     */
    public NpzLoader withClassNames(List<String> names) {
        NpzLoader c = copy();
        c.classNames = CsvLoader.classNamesCopy(names);
        c.numClasses = 0;
        return c;
    }

    /**
     * What a missing value (NaN) does: refuse the arrays (the default) or leave its row out.
     *
     * @param policy what a missing value does
     * @return a copy of this loader with that setting
     */
    public NpzLoader withMissingValues(MissingValues policy) {
        Checks.requireNonNull(policy, "policy");
        NpzLoader c = copy();
        c.missing = policy;
        return c;
    }

    /**
     * There must be exactly {@code d} features per row (0, the default, takes any number).
     *
     * @param d the number of features per row
     * @return a copy of this loader with that setting
     */
    public NpzLoader withFeatureCount(int d) {
        if (d < 0) {
            throw new IllegalArgumentException("featureCount must be >= 0 (0 = any), got " + d);
        }
        NpzLoader c = copy();
        c.featureCount = d;
        return c;
    }

    /** {@return the name of the features array} */
    public String featuresArray() {
        return featuresName;
    }

    /** {@return the name of the labels array} */
    public String labelsArray() {
        return labelsName;
    }

    /**
     * Reads the two arrays of an {@code .npz} archive (only the features with {@link Target#NONE},
     * when the archive has no labels array).
     *
     * @param npz the .npz archive
     * @return the table read: features, target and names
     * @throws DataFormatException when the archive lacks an array, or the arrays do not fit
     * @throws IOException         when the file cannot be read
     */
    public Table read(Path npz) throws IOException {
        Checks.requireNonNull(npz, "npz");
        if (target == Target.NONE) {
            Map<String, NpyArray> names = Npy.readArchive(npz, featuresName);
            return read(names.get(featuresName), null);
        }
        Map<String, NpyArray> arrays = Npy.readArchive(npz, featuresName, labelsName);
        return read(arrays.get(featuresName), arrays.get(labelsName));
    }

    /**
     * Makes a table of a features array and a labels array.
     *
     * @param labels the labels, or null with {@link Target#NONE}
     * @param features the features, one row per sample
     * @return the table read: features, target and names
     * @throws DataFormatException when the arrays do not fit (see the class comment)
     */
    public Table read(NpyArray features, NpyArray labels) throws DataFormatException {
        Checks.requireNonNull(features, "features");
        if (labels == null && target != Target.NONE) {
            throw new IllegalArgumentException("labels must not be null unless the target is NONE");
        }
        int n = features.rows();
        int d = features.columns();
        if (features.isText()) {
            throw new DataFormatException(features.source(), 0, 0, "the features are text (dtype " + features.dtype()
                    + "); they must be numbers");
        }
        if (features.shape().length == 0 || n == 0 || d == 0) {
            throw new DataFormatException(features.source(), 0, 0, "the features array " + features
                    + " has no rows or no values per row; it needs at least one of each");
        }
        if (featureCount > 0 && d != featureCount) {
            throw new DataFormatException(features.source(), 0, 0, "expected " + featureCount + " features per row but "
                    + "the array " + features + " has " + d);
        }
        boolean readLabels = target != Target.NONE;
        if (readLabels) {
            checkLabelShape(labels, n);
        }
        double[] x = features.values();
        boolean[] dropped = new boolean[n];
        int droppedCount = 0;
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (Double.isNaN(v)) {
                if (missing == MissingValues.REFUSE) {
                    throw missingValue(features, i);
                }
                droppedCount += dropped[i / d] ? 0 : 1;
                dropped[i / d] = true;
            } else if (Double.isInfinite(v)) {
                throw Npy.error(features.source(), features.offsetOf(i), "element " + features.indexName(i) + " is "
                        + v + "; infinite values are not allowed");
            }
        }
        if (readLabels) {
            droppedCount += markMissingLabels(labels, dropped);
        }
        int rows = n - droppedCount;
        if (rows == 0) {
            throw new DataFormatException(features.source(), 0, 0, "every one of the " + n + " rows has a missing value");
        }
        int[] kept = new int[rows];
        int[] droppedRows = new int[droppedCount];
        for (int r = 0, a = 0, b = 0; r < n; r++) {
            if (dropped[r]) {
                droppedRows[b++] = r;
            } else {
                kept[a++] = r;
            }
        }
        DMatrixRMaj matrix = new DMatrixRMaj(rows, d);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(x, kept[i] * d, matrix.data, i * d, d);
        }
        int[] lines = new int[rows];
        String labelName = readLabels ? labelsName : null;
        return switch (target) {
            case NONE -> new Table(target, matrix, List.of(), null, null, List.of(), null, lines, kept, droppedRows);
            case VALUES -> {
                int m = labels.columns();
                double[] y = labels.values();
                DMatrixRMaj targets = new DMatrixRMaj(rows, m);
                for (int i = 0; i < rows; i++) {
                    System.arraycopy(y, kept[i] * m, targets.data, i * m, m);
                }
                yield new Table(target, matrix, List.of(), labelName, null, List.of(), targets, lines, kept,
                        droppedRows);
            }
            case CLASSES -> {
                CsvLabels classes = new CsvLabels(labels.source(), numClasses, classNames);
                int[] y = new int[rows];
                String[] text = labels.isText() ? labels.strings() : null;
                double[] numbers = labels.isText() ? null : labels.values();
                for (int i = 0; i < rows; i++) {
                    int r = kept[i];
                    String token = text != null ? text[r].strip()
                            : labels.isInteger() ? Long.toString((long) numbers[r]) : Double.toString(numbers[r]);
                    y[i] = classes.add(token, 0, (int) Math.min(Integer.MAX_VALUE, labels.offsetOf(r) + 1));
                }
                int[] resolved = classes.resolve(y, rows);
                yield new Table(target, matrix, List.of(), labelName, resolved, classes.names(), null, lines, kept,
                        droppedRows);
            }
        };
    }

    private void checkLabelShape(NpyArray labels, int n) throws DataFormatException {
        int[] shape = labels.shape();
        boolean fits = shape.length == 1 || shape.length == 2 && (target == Target.VALUES || shape[1] == 1);
        if (!fits) {
            throw new DataFormatException(labels.source(), 0, 0, "the labels array " + labels + " must be 1-d"
                    + (target == Target.VALUES ? " or 2-d (one row per sample)" : " or n × 1 (one class per sample)"));
        }
        if (labels.rows() != n) {
            throw new DataFormatException(labels.source(), 0, 0, "the labels array " + labels + " has " + labels.rows()
                    + " rows but the features array has " + n);
        }
        if (target == Target.VALUES && labels.isText()) {
            throw new DataFormatException(labels.source(), 0, 0, "the target values are text (dtype " + labels.dtype()
                    + "); regression needs numbers");
        }
    }

    /** Marks the rows whose label is missing; refuses one, or infinite values; returns the rows newly marked. */
    private int markMissingLabels(NpyArray labels, boolean[] dropped) throws DataFormatException {
        int count = 0;
        int m = labels.columns();
        if (labels.isText()) {
            String[] text = labels.strings();
            for (int i = 0; i < text.length; i++) {
                String t = text[i].strip();
                if (MissingValues.isMarker(t, 0, t.length())) {
                    if (missing == MissingValues.REFUSE) {
                        throw missingValue(labels, i);
                    }
                    count += dropped[i] ? 0 : 1;
                    dropped[i] = true;
                }
            }
            return count;
        }
        double[] y = labels.values();
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(y[i])) {
                if (missing == MissingValues.REFUSE) {
                    throw missingValue(labels, i);
                }
                count += dropped[i / m] ? 0 : 1;
                dropped[i / m] = true;
            } else if (Double.isInfinite(y[i])) {
                throw Npy.error(labels.source(), labels.offsetOf(i), "element " + labels.indexName(i) + " is " + y[i]
                        + "; infinite values are not allowed");
            }
        }
        return count;
    }

    private static DataFormatException missingValue(NpyArray array, int i) {
        return Npy.error(array.source(), array.offsetOf(i), "element " + array.indexName(i) + " is a missing value ("
                + (array.isText() ? "'" + array.strings()[i] + "'" : "NaN") + "); missing values are refused; leave such "
                + "rows out with MissingValues.DROP_ROW (--missing drop)");
    }

    @Override
    public String toString() {
        return "NpzLoader[" + featuresName + ", " + labelsName + ", " + target + "]";
    }
}
