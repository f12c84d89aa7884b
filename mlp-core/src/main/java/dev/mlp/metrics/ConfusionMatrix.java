package dev.mlp.metrics;

import dev.mlp.Checks;
import java.util.Arrays;

/**
 * Counts of (true class, predicted class) pairs, laid out as scikit-learn's
 * {@code confusion_matrix}: row {@code i} is the true class, column {@code j} the predicted one,
 * and {@code count(i, j)} is the number of samples of true class {@code i} predicted as {@code j}.
 *
 * <p>Classes are addressed by <em>class index</em>, the position of their label in
 * {@link #labels()}. Without a label set the labels are the sorted union of the values in
 * {@code yTrue} and {@code yPred} (scikit-learn's {@code unique_labels}); with a number of classes
 * {@code k} they are {@code 0 .. k-1}; with an explicit label set they are that set, in the order
 * given. Every value of {@code yTrue} and {@code yPred} must be one of the labels. A method given a
 * class index outside [0, {@link #numClasses()}) throws an {@link IllegalArgumentException}.
 *
 * <p>For class {@code c}, with {@code TP = count(c, c)}, {@code FP} the rest of column {@code c},
 * {@code FN} the rest of row {@code c} and {@code TN} everything else:
 * <ul>
 *   <li>precision = TP / (TP + FP), 0 when the class is never predicted;</li>
 *   <li>recall = TP / (TP + FN), 0 when the class never occurs in {@code yTrue};</li>
 *   <li>F1 = 2·TP / (2·TP + FP + FN) (the harmonic mean of precision and recall, computed from the
 *       counts as scikit-learn 1.3+ does), 0 when the class occurs in neither array;</li>
 *   <li>support = TP + FN, the number of samples whose true class is {@code c};</li>
 *   <li>accuracy = Σ TP / n over all classes.</li>
 * </ul>
 * The 0 for an undefined ratio is scikit-learn's {@code zero_division="warn"} value; no warning is
 * issued. Instances are immutable.
 *
 * <p>The matrix is dense, k × k counts for k classes, so k is limited to {@link #MAX_CLASSES}
 * (400 MB of counts); more classes are refused with an {@link IllegalArgumentException} before
 * anything is allocated, whether k comes from {@code numClasses}, a label set or the data.
 */
public final class ConfusionMatrix {

    /** The most classes a confusion matrix holds: its k × k counts then take 400 MB. */
    public static final int MAX_CLASSES = 10_000;

    private static final String CORNER = "true\\pred";

    private final int[] labels;
    private final int[][] counts;
    private final int[] support;
    private final int[] predicted;
    private final int total;
    private final int correct;

    /**
     * Counts the pairs with the labels found in the data: the sorted union of the values in
     * {@code yTrue} and {@code yPred}.
     *
     * @param yTrue the true labels, one per sample, ≥ 0
     * @param yPred the predicted labels, as many as {@code yTrue}, ≥ 0
     * @throws IllegalArgumentException if an array is null or empty, the lengths differ, a label is negative,
     *         or the data holds more than {@link #MAX_CLASSES} distinct labels
     */
    public ConfusionMatrix(int[] yTrue, int[] yPred) {
        this(yTrue, yPred, unionOf(yTrue, yPred), "the labels found in yTrue and yPred");
    }

    /**
     * Counts the pairs for classes {@code 0 .. numClasses-1}, including classes that occur in
     * neither array.
     *
     * @param yTrue the true labels, one per sample, ≥ 0
     * @param yPred the predicted labels, as many as {@code yTrue}, ≥ 0
     * @param numClasses k, in [1, {@link #MAX_CLASSES}]; every label must be below it
     * @throws IllegalArgumentException as {@link #ConfusionMatrix(int[], int[])}, if {@code numClasses <= 0}
     *         or {@code numClasses > MAX_CLASSES}, or if a label is {@code >= numClasses}
     */
    public ConfusionMatrix(int[] yTrue, int[] yPred, int numClasses) {
        this(yTrue, yPred, range(numClasses), "[0, numClasses=" + numClasses + ")");
    }

    /**
     * Counts the pairs for the given labels, in the given order (row and column {@code i} are
     * {@code labels[i]}). The set may contain labels that occur in neither array but must contain
     * every label that does.
     *
     * @param yTrue the true labels, one per sample, ≥ 0
     * @param yPred the predicted labels, as many as {@code yTrue}, ≥ 0
     * @param labels the class labels, distinct, ≥ 0; copied
     * @throws IllegalArgumentException as {@link #ConfusionMatrix(int[], int[])}, if {@code labels} is null,
     *         empty, longer than {@link #MAX_CLASSES}, has a negative or repeated label, or misses a label
     *         that occurs in the data
     */
    public ConfusionMatrix(int[] yTrue, int[] yPred, int[] labels) {
        this(yTrue, yPred, checkedLabels(labels), "labels " + Arrays.toString(labels));
    }

    private ConfusionMatrix(int[] yTrue, int[] yPred, int[] labels, String labelsDescription) {
        Validation.requireLabelPair(yTrue, yPred);
        this.labels = labels;
        int k = labels.length;
        LabelIndex index = new LabelIndex(labels);
        int[] trueIndex = index.indicesOf(yTrue, "yTrue", labelsDescription);
        int[] predIndex = index.indicesOf(yPred, "yPred", labelsDescription);
        counts = new int[k][k];
        for (int i = 0; i < trueIndex.length; i++) {
            counts[trueIndex[i]][predIndex[i]]++;
        }
        support = new int[k];
        predicted = new int[k];
        int diagonal = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                support[i] += counts[i][j];
                predicted[j] += counts[i][j];
            }
            diagonal += counts[i][i];
        }
        total = yTrue.length;
        correct = diagonal;
    }

    private static int[] unionOf(int[] yTrue, int[] yPred) {
        Validation.requireLabelPair(yTrue, yPred);
        int[] all = Arrays.copyOf(yTrue, yTrue.length + yPred.length);
        System.arraycopy(yPred, 0, all, yTrue.length, yPred.length);
        int[] union = Arrays.stream(all).sorted().distinct().toArray();
        if (union.length > MAX_CLASSES) {
            throw new IllegalArgumentException("yTrue and yPred hold " + union.length + " distinct labels, more than the "
                    + MAX_CLASSES + " classes a confusion matrix supports (MAX_CLASSES)");
        }
        return union;
    }

    private static int[] range(int numClasses) {
        Checks.requirePositive(numClasses, "numClasses");
        if (numClasses > MAX_CLASSES) {
            throw new IllegalArgumentException("numClasses must be at most " + MAX_CLASSES
                    + " (MAX_CLASSES, for k × k counts), got " + numClasses);
        }
        int[] labels = new int[numClasses];
        for (int i = 0; i < numClasses; i++) {
            labels[i] = i;
        }
        return labels;
    }

    private static int[] checkedLabels(int[] labels) {
        Checks.requireNonNull(labels, "labels");
        if (labels.length == 0) {
            throw new IllegalArgumentException("labels is empty: give at least one class label");
        }
        if (labels.length > MAX_CLASSES) {
            throw new IllegalArgumentException("labels must hold at most " + MAX_CLASSES
                    + " classes (MAX_CLASSES, for k × k counts), got " + labels.length);
        }
        int[] sorted = labels.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("labels has a negative label " + labels[i] + " at index " + i
                        + "; class labels must be >= 0");
            }
        }
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("labels has the label " + sorted[i] + " more than once: "
                        + Arrays.toString(labels));
            }
        }
        return labels.clone();
    }

    /** Maps label values to class indices by binary search over the sorted labels. */
    private static final class LabelIndex {
        private final int[] sortedLabels;
        private final int[] classIndex;

        LabelIndex(int[] labels) {
            Integer[] order = new Integer[labels.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(labels[a], labels[b]));
            sortedLabels = new int[labels.length];
            classIndex = new int[labels.length];
            for (int i = 0; i < order.length; i++) {
                sortedLabels[i] = labels[order[i]];
                classIndex[i] = order[i];
            }
        }

        int[] indicesOf(int[] y, String name, String labelsDescription) {
            int[] out = new int[y.length];
            for (int i = 0; i < y.length; i++) {
                int at = Arrays.binarySearch(sortedLabels, y[i]);
                if (at < 0) {
                    throw new IllegalArgumentException(name + " has label " + y[i] + " at index " + i
                            + ", which is not among " + labelsDescription);
                }
                out[i] = classIndex[at];
            }
            return out;
        }
    }

    /** {@return the number of classes k: rows (and columns) of the matrix} */
    public int numClasses() {
        return labels.length;
    }

    /** {@return the class labels, a copy; element {@code i} is the label of class index {@code i}} */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * {@return the label of class index {@code classIndex}}
     *
     * @param classIndex in [0, {@link #numClasses()})
     */
    public int label(int classIndex) {
        checkIndex(classIndex, "classIndex");
        return labels[classIndex];
    }

    /**
     * {@return the class index of {@code label}, or -1 if it is not one of {@link #labels()}}
     *
     * @param label any class label
     */
    public int indexOf(int label) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == label) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@return the number of samples of true class index {@code trueIndex} predicted as class index
     * {@code predictedIndex}}
     *
     * @param trueIndex      the row, in [0, {@link #numClasses()})
     * @param predictedIndex the column, in [0, {@link #numClasses()})
     */
    public int count(int trueIndex, int predictedIndex) {
        checkIndex(trueIndex, "trueIndex");
        checkIndex(predictedIndex, "predictedIndex");
        return counts[trueIndex][predictedIndex];
    }

    /** {@return all counts, {@code [true class index][predicted class index]}; a copy} */
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** {@return the number of samples n} */
    public int total() {
        return total;
    }

    /** {@return the number of correctly classified samples, Σ TP (the trace)} */
    public int correct() {
        return correct;
    }

    /** {@return accuracy = Σ TP / n, the fraction of samples whose prediction equals the truth} */
    public double accuracy() {
        return (double) correct / total;
    }

    /**
     * {@return TP, the number of samples of class {@code classIndex} predicted as that class}
     *
     * @param classIndex in [0, {@link #numClasses()})
     */
    public int truePositives(int classIndex) {
        checkIndex(classIndex, "classIndex");
        return counts[classIndex][classIndex];
    }

    /**
     * {@return FP, the number of samples of another class predicted as {@code classIndex} (column sum minus TP)}
     *
     * @param classIndex in [0, {@link #numClasses()})
     */
    public int falsePositives(int classIndex) {
        return predictedCount(classIndex) - counts[classIndex][classIndex];
    }

    /**
     * {@return FN, the number of samples of class {@code classIndex} predicted as another class
     * (row sum minus TP)}
     *
     * @param classIndex in [0, {@link #numClasses()})
     */
    public int falseNegatives(int classIndex) {
        return support(classIndex) - counts[classIndex][classIndex];
    }

    /**
     * {@return TN, the number of samples neither of class {@code classIndex} nor predicted as it:
     * n - TP - FP - FN}
     *
     * @param classIndex in [0, {@link #numClasses()})
     */
    public int trueNegatives(int classIndex) {
        return total - support(classIndex) - falsePositives(classIndex);
    }

    /**
     * {@return support = TP + FN: samples whose true class is {@code classIndex} (row sum)}
     *
     * @param classIndex in [0, {@link #numClasses()})
     */
    public int support(int classIndex) {
        checkIndex(classIndex, "classIndex");
        return support[classIndex];
    }

    /**
     * {@return TP + FP, the number of samples predicted as {@code classIndex} (column sum)}
     *
     * @param classIndex in [0, {@link #numClasses()})
     */
    public int predictedCount(int classIndex) {
        checkIndex(classIndex, "classIndex");
        return predicted[classIndex];
    }

    /**
     * {@return precision = TP / (TP + FP); 0 if the class is never predicted}
     *
     * @param classIndex in [0, {@link #numClasses()})
     */
    public double precision(int classIndex) {
        int p = predictedCount(classIndex);
        return p == 0 ? 0.0 : (double) counts[classIndex][classIndex] / p;
    }

    /**
     * {@return recall = TP / (TP + FN); 0 if the class never occurs in yTrue}
     *
     * @param classIndex in [0, {@link #numClasses()})
     */
    public double recall(int classIndex) {
        int s = support(classIndex);
        return s == 0 ? 0.0 : (double) counts[classIndex][classIndex] / s;
    }

    /**
     * F1 = 2·TP / (2·TP + FP + FN) = 2·TP / (support + predicted count), which equals
     * 2·precision·recall / (precision + recall) but is computed from the counts in one division,
     * as scikit-learn 1.3+ does; 0 if the class occurs in neither array.
     *
     * @param classIndex in [0, {@link #numClasses()})
     * @return F1 of the class, in [0, 1]
     */
    public double f1(int classIndex) {
        long denominator = (long) support(classIndex) + predictedCount(classIndex);
        return denominator == 0 ? 0.0 : 2.0 * counts[classIndex][classIndex] / denominator;
    }

    /** {@return {@link #precision(int)} of every class, by class index} */
    public double[] precisions() {
        double[] out = new double[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = precision(i);
        }
        return out;
    }

    /** {@return {@link #recall(int)} of every class, by class index} */
    public double[] recalls() {
        double[] out = new double[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = recall(i);
        }
        return out;
    }

    /** {@return {@link #f1(int)} of every class, by class index} */
    public double[] f1Scores() {
        double[] out = new double[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f1(i);
        }
        return out;
    }

    /** {@return {@link #support(int)} of every class, by class index; a copy} */
    public int[] supports() {
        return support.clone();
    }

    /**
     * {@return whether every label occurs in yTrue or yPred} That is, the labels are exactly
     * scikit-learn's {@code unique_labels(y_true, y_pred)}. False when a number of classes or a label
     * set added classes that never occur.
     */
    public boolean allClassesOccur() {
        for (int i = 0; i < labels.length; i++) {
            if (support[i] == 0 && predicted[i] == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The matrix as a text table: a header row of predicted labels, then one row per true label,
     * every cell right-aligned, each line ending in a newline. For example
     * <pre>
     * true\pred  0  1  2
     *         0  2  0  0
     *         1  0  0  1
     *         2  1  0  2
     * </pre>
     *
     * @return the table, with as many lines as {@link #numClasses()} + 1
     */
    public String format() {
        int cell = 1;
        for (int i = 0; i < labels.length; i++) {
            cell = Math.max(cell, Integer.toString(labels[i]).length());
            for (int j = 0; j < labels.length; j++) {
                cell = Math.max(cell, Integer.toString(counts[i][j]).length());
            }
        }
        int first = CORNER.length();
        for (int label : labels) {
            first = Math.max(first, Integer.toString(label).length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(padLeft(CORNER, first));
        for (int label : labels) {
            sb.append("  ").append(padLeft(Integer.toString(label), cell));
        }
        sb.append('\n');
        for (int i = 0; i < labels.length; i++) {
            sb.append(padLeft(Integer.toString(labels[i]), first));
            for (int j = 0; j < labels.length; j++) {
                sb.append("  ").append(padLeft(Integer.toString(counts[i][j]), cell));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The same text as {@link #format()}. */
    @Override
    public String toString() {
        return format();
    }

    private static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    private void checkIndex(int index, String name) {
        if (index < 0 || index >= labels.length) {
            throw new IllegalArgumentException(name + " must be in [0, " + labels.length + "), got " + index);
        }
    }
}
