package dev.mlp.data;

import dev.mlp.Checks;
import org.ejml.data.DMatrixRMaj;
import org.ejml.simple.SimpleMatrix;

import java.util.Arrays;

/**
 * An immutable labelled data set: an n×d feature matrix X (one sample per row), the class label
 * y<sub>i</sub> ∈ {0, …, k−1} of each row, and the number of classes k.
 *
 * <p>The constructor checks that X has at least one row and one column and holds only finite
 * values, that {@code labels.length} equals the number of rows, that 1 ≤ k ≤ {@link #MAX_CLASSES}
 * and that every label lies in [0, k). It copies both arrays, and {@link #features()} and {@link #labels()} return
 * fresh copies, so no caller can change a data set after it is made. Copying the features costs
 * n·d doubles; read single values with {@link #feature(int, int)} and {@link #label(int)}.
 *
 * <p>Two data sets are {@linkplain #equals(Object) equal} when their shapes, feature values,
 * labels and class counts are equal.
 *
 * @param features  the n×d features, one sample per row (copied)
 * @param labels    the class of each row (copied)
 * @param numClasses the number of classes k; labels lie in [0, k)
 */
public record DataSet(DMatrixRMaj features, int[] labels, int numClasses) {

    /**
     * The most classes a data set may have, 65 536: per-class arrays (class counts, the columns of
     * {@link #oneHot()}, a stratified split's groups) are sized by k, so a k read from a damaged
     * file or a typo must not decide a gigantic allocation.
     */
    public static final int MAX_CLASSES = 1 << 16;

    /** Requires 1 ≤ numClasses ≤ {@link #MAX_CLASSES}; loaders call it before they read anything. */
    static void requireClassCount(int numClasses) {
        Checks.requirePositive(numClasses, "numClasses");
        if (numClasses > MAX_CLASSES) {
            throw new IllegalArgumentException("numClasses must be at most " + MAX_CLASSES
                    + " (DataSet.MAX_CLASSES), got " + numClasses);
        }
    }

    /**
     * Validates and copies; see the class comment for the checks.
     *
     * @param features   n×d, n, d ≥ 1, finite; copied
     * @param labels     n labels in [0, numClasses); copied
     * @param numClasses k, in [1, {@link #MAX_CLASSES}]
     * @throws IllegalArgumentException when a check fails, naming the row or label
     */
    public DataSet {
        Checks.requireFiniteData(features, "features");
        Checks.requireNonNull(labels, "labels");
        requireClassCount(numClasses);
        if (labels.length != features.numRows) {
            throw new IllegalArgumentException("features and labels must have the same number of rows, got "
                    + Checks.shape(features) + " and " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " is outside [0, "
                        + numClasses + ")");
            }
        }
        features = copyOf(features);
        labels = labels.clone();
    }

    /**
     * {@return a data set whose number of classes is inferred as the largest label plus one}
     *
     * @param features n×d, finite; copied
     * @param labels   n labels, ≥ 0; copied
     * @throws IllegalArgumentException as the constructor, or when a label is negative or not
     *                                  below {@link #MAX_CLASSES}
     */
    public static DataSet of(DMatrixRMaj features, int[] labels) {
        Checks.requireNonNull(labels, "labels");
        int max = -1;
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i];
            if (label < 0 || label >= MAX_CLASSES) {
                throw new IllegalArgumentException("labels must be in [0, " + MAX_CLASSES + ") (DataSet.MAX_CLASSES), got "
                        + label + " at index " + i);
            }
            max = Math.max(max, label);
        }
        return new DataSet(features, labels, Math.max(max + 1, 1));
    }

    // The SimpleMatrix forms: features come in and go out as EJML's SimpleMatrix, wrapping the
    // DMatrixRMaj the DMatrixRMaj forms take or give; a data set still keeps a copy of its own.

    /**
     * The canonical constructor for features held in a {@link SimpleMatrix}, which is unwrapped
     * (not copied) and then copied as the constructor copies every features matrix.
     *
     * @param features   the n×d features, dense doubles ({@code MatrixType.DDRM})
     * @param labels     the class of each row (copied)
     * @param numClasses the number of classes k; labels lie in [0, k)
     * @throws IllegalArgumentException when features is null or holds another type (float,
     *                                  sparse), and as the canonical constructor
     */
    public DataSet(SimpleMatrix features, int[] labels, int numClasses) {
        this(Checks.requireDDRM(features, "features"), labels, numClasses);
    }

    /**
     * {@link #of(DMatrixRMaj, int[])} for features held in a {@link SimpleMatrix}, which is
     * unwrapped, not copied, before the data set copies it.
     *
     * @param features the n×d features, dense doubles ({@code MatrixType.DDRM})
     * @param labels   the class of each row, each in [0, {@link #MAX_CLASSES})
     * @return a data set of max(labels) + 1 classes
     */
    public static DataSet of(SimpleMatrix features, int[] labels) {
        return of(Checks.requireDDRM(features, "features"), labels);
    }

    /**
     * {@link #withFeatures(DMatrixRMaj)} for features held in a {@link SimpleMatrix}, which is
     * unwrapped, not copied, before the data set copies it.
     *
     * @param newFeatures n×d' features, dense doubles ({@code MatrixType.DDRM})
     * @return a data set of these features and the same labels
     */
    public DataSet withFeatures(SimpleMatrix newFeatures) {
        return withFeatures(Checks.requireDDRM(newFeatures, "newFeatures"));
    }

    /**
     * {@link #features()} as a {@link SimpleMatrix}: the n×d copy that method makes, wrapped, not
     * copied again; changing it leaves this data set unchanged.
     *
     * @return a new n×d matrix of dense doubles
     */
    public SimpleMatrix featuresSimple() {
        return SimpleMatrix.wrap(features());
    }

    /**
     * {@link #oneHot()} as a {@link SimpleMatrix}: the new n×k matrix, wrapped, not copied.
     *
     * @return a new n×k matrix of dense doubles
     */
    public SimpleMatrix oneHotSimple() {
        return SimpleMatrix.wrap(oneHot());
    }

    /** {@return a copy of the n×d feature matrix; changing it leaves this data set unchanged} */
    @Override
    public DMatrixRMaj features() {
        return copyOf(features);
    }

    /** {@return a copy of the n labels; changing it leaves this data set unchanged} */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** {@return the number of samples n (rows)} */
    public int rows() {
        return features.numRows;
    }

    /** {@return the number of features d (columns)} */
    public int columns() {
        return features.numCols;
    }

    /**
     * {@return the feature in row {@code row}, column {@code column}} Nothing is copied.
     *
     * @param row    0-based, in [0, n)
     * @param column 0-based, in [0, d)
     */
    public double feature(int row, int column) {
        return features.get(row, column);
    }

    /**
     * {@return the label of row {@code row}} Nothing is copied.
     *
     * @param row 0-based, in [0, n)
     * @throws ArrayIndexOutOfBoundsException for a row out of range
     */
    public int label(int row) {
        return labels[row];
    }

    /** {@return how many rows carry each label: element c is the count of class c, for c in [0, k)} */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** {@return the labels as a new n×k one-hot matrix; see {@link OneHot#encode(int[], int)}} */
    public DMatrixRMaj oneHot() {
        return OneHot.encode(labels, numClasses);
    }

    /**
     * {@return the rows at {@code indices}, in that order, as a new data set with the same number of
     * classes} An index may repeat.
     *
     * @param indices row numbers in [0, n), at least one
     * @throws IllegalArgumentException when {@code indices} is empty or an index is outside [0, n)
     */
    public DataSet subset(int[] indices) {
        Checks.requireNonNull(indices, "indices");
        if (indices.length == 0) {
            throw new IllegalArgumentException("indices must not be empty");
        }
        int d = features.numCols;
        DMatrixRMaj x = new DMatrixRMaj(indices.length, d);
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int r = indices[i];
            if (r < 0 || r >= features.numRows) {
                throw new IllegalArgumentException("index " + r + " at position " + i + " is outside [0, "
                        + features.numRows + ")");
            }
            System.arraycopy(features.data, r * d, x.data, i * d, d);
            y[i] = labels[r];
        }
        return new DataSet(x, y, numClasses);
    }

    /**
     * {@return a data set of the same labels with other features, for example scaled ones}
     *
     * @param newFeatures n×d' (any width d' ≥ 1), finite; copied
     * @throws IllegalArgumentException when {@code newFeatures} has another number of rows or is
     *                                  not finite
     */
    public DataSet withFeatures(DMatrixRMaj newFeatures) {
        return new DataSet(newFeatures, labels, numClasses);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DataSet other)) {
            return false;
        }
        if (numClasses != other.numClasses || features.numRows != other.features.numRows
                || features.numCols != other.features.numCols || !Arrays.equals(labels, other.labels)) {
            return false;
        }
        int n = features.getNumElements();
        return Arrays.equals(features.data, 0, n, other.features.data, 0, n);
    }

    @Override
    public int hashCode() {
        int h = 31 * numClasses + Arrays.hashCode(labels);
        int n = features.getNumElements();
        for (int i = 0; i < n; i++) {
            h = 31 * h + Double.hashCode(features.data[i]);
        }
        return 31 * h + features.numCols;
    }

    /** "DataSet[1797×64, 10 classes]". */
    @Override
    public String toString() {
        return "DataSet[" + Checks.shape(features) + ", " + numClasses + (numClasses == 1 ? " class]" : " classes]");
    }

    private static DMatrixRMaj copyOf(DMatrixRMaj m) {
        DMatrixRMaj c = new DMatrixRMaj(m.numRows, m.numCols);
        System.arraycopy(m.data, 0, c.data, 0, m.getNumElements());
        return c;
    }
}
