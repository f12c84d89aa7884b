package dev.mlp.metrics;

import dev.mlp.Checks;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * Per-class precision, recall, F1 and support with their averages, printed exactly as
 * scikit-learn's {@code classification_report(y_true, y_pred)} prints them.
 *
 * <p>For each class c (see {@link ConfusionMatrix} for TP, FP, FN):
 * precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2·TP / (2·TP + FP + FN),
 * support = TP + FN; a ratio with a zero denominator is 0 (scikit-learn's
 * {@code zero_division="warn"} value, without the warning). Over the k classes:
 * <ul>
 *   <li>macro avg = (1/k) Σ<sub>c</sub> score<sub>c</sub>, every class counting the same;</li>
 *   <li>weighted avg = Σ<sub>c</sub> support<sub>c</sub>·score<sub>c</sub> / Σ<sub>c</sub> support<sub>c</sub>;</li>
 *   <li>micro avg pools the counts: precision = ΣTP / Σ(TP + FP), recall = ΣTP / Σ(TP + FN),
 *       F1 = 2·ΣTP / Σ(2·TP + FP + FN). When the labels are exactly those occurring in the data all
 *       three equal accuracy = ΣTP / n, and the report prints a single {@code accuracy} figure in
 *       the F1 column instead; otherwise (labels added by a number of classes or a label set) it
 *       prints a full {@code micro avg} row, as scikit-learn does when given {@code labels=}.</li>
 * </ul>
 * Sums run in numpy's pairwise order so averages match scikit-learn bit for bit.
 *
 * <p>Layout (scikit-learn's, for {@code digits} decimals, 2 by default): every cell is
 * right-aligned; the name column is {@code width = max(longest class name, len("weighted avg"), digits)}
 * wide and followed by one space; each of the four numeric columns is a space and a 9-wide cell.
 * A header line, a blank line, one row per class, a blank line, then the accuracy (or micro avg),
 * macro avg and weighted avg rows; every line, the last included, ends in a newline. Numbers are
 * rounded as Python's {@code format(x, '.2f')}: half-even on the exact binary value, so 0.125
 * prints 0.12, 0.375 prints 0.38 and 0.075 (stored as 0.07499999999999999722) prints 0.07.
 *
 * <pre>
 *               precision    recall  f1-score   support
 *
 *            0       0.60      0.75      0.67         4
 *            1       0.57      0.80      0.67         5
 *            2       0.00      0.00      0.00         3
 *
 *     accuracy                           0.58        12
 *    macro avg       0.39      0.52      0.44        12
 * weighted avg       0.44      0.58      0.50        12
 * </pre>
 *
 * Instances are immutable; nothing is ever printed.
 */
public final class ClassificationReport {

    /** Default number of decimals, scikit-learn's {@code digits=2}. */
    public static final int DEFAULT_DIGITS = 2;

    private static final String[] HEADERS = {"precision", "recall", "f1-score", "support"};
    private static final String LONGEST_AVERAGE_NAME = "weighted avg";
    private static final int CELL = 9;

    /**
     * One row of the report: precision, recall, F1 and support (for an average, the total support).
     *
     * @param precision TP / (TP + FP), or its average, in [0, 1]
     * @param recall    TP / (TP + FN), or its average, in [0, 1]
     * @param f1        2·TP / (2·TP + FP + FN), or its average, in [0, 1]
     * @param support   the number of samples of the class (TP + FN), or of all classes for an average
     */
    public record Scores(double precision, double recall, double f1, int support) {
    }

    private final ConfusionMatrix matrix;
    private final String[] names;

    private ClassificationReport(ConfusionMatrix matrix, String[] names) {
        this.matrix = matrix;
        this.names = names;
    }

    /**
     * The report over the labels found in the data (sorted union of {@code yTrue} and
     * {@code yPred}), each class named by its label.
     *
     * @param yTrue the true labels, one per sample, ≥ 0
     * @param yPred the predicted labels, as many as {@code yTrue}, ≥ 0
     * @return the report; its confusion matrix is {@code new ConfusionMatrix(yTrue, yPred)}
     * @throws IllegalArgumentException if an array is null or empty, the lengths differ, or a label is negative
     */
    public static ClassificationReport of(int[] yTrue, int[] yPred) {
        return of(new ConfusionMatrix(yTrue, yPred));
    }

    /**
     * The report over the labels found in the data, class {@code i} (the i-th smallest label)
     * named {@code targetNames[i]}, as scikit-learn's {@code target_names}.
     *
     * @param yTrue the true labels, one per sample, ≥ 0
     * @param yPred the predicted labels, as many as {@code yTrue}, ≥ 0
     * @param targetNames one name per class, by class index; copied
     * @return the report
     * @throws IllegalArgumentException as {@link #of(int[], int[])}, or if {@code targetNames} is null,
     *         holds a null, or its length differs from the number of classes
     */
    public static ClassificationReport of(int[] yTrue, int[] yPred, String[] targetNames) {
        return of(new ConfusionMatrix(yTrue, yPred), targetNames);
    }

    /**
     * {@return the report over the classes of {@code matrix}, each named by its label}
     *
     * @param matrix the counts to report on, not null
     */
    public static ClassificationReport of(ConfusionMatrix matrix) {
        Checks.requireNonNull(matrix, "matrix");
        String[] names = new String[matrix.numClasses()];
        for (int i = 0; i < names.length; i++) {
            names[i] = Integer.toString(matrix.label(i));
        }
        return new ClassificationReport(matrix, names);
    }

    /**
     * {@return the report over the classes of {@code matrix}, class index {@code i} named
     * {@code targetNames[i]}}
     *
     * @param matrix      the counts to report on
     * @param targetNames one name per class of {@code matrix}, by class index; copied
     * @throws IllegalArgumentException if an argument is null, a name is null, or the number of
     *         names differs from the number of classes
     */
    public static ClassificationReport of(ConfusionMatrix matrix, String[] targetNames) {
        Checks.requireNonNull(matrix, "matrix");
        Checks.requireNonNull(targetNames, "targetNames");
        if (targetNames.length != matrix.numClasses()) {
            throw new IllegalArgumentException("targetNames has " + targetNames.length + " names but there are "
                    + matrix.numClasses() + " classes (labels " + Arrays.toString(matrix.labels()) + ")");
        }
        for (int i = 0; i < targetNames.length; i++) {
            if (targetNames[i] == null) {
                throw new IllegalArgumentException("targetNames[" + i + "] is null");
            }
        }
        return new ClassificationReport(matrix, targetNames.clone());
    }

    /** {@return the confusion matrix the report is computed from} */
    public ConfusionMatrix confusionMatrix() {
        return matrix;
    }

    /** {@return the number of classes (rows of the per-class part)} */
    public int numClasses() {
        return names.length;
    }

    /**
     * {@return the name printed for class index {@code classIndex}: its target name, or its label}
     *
     * @param classIndex in [0, {@link #numClasses()})
     * @throws IllegalArgumentException for a class index out of range
     */
    public String targetName(int classIndex) {
        matrix.label(classIndex); // range check with the usual message
        return names[classIndex];
    }

    /**
     * {@return precision, recall, F1 and support of class index {@code classIndex}}
     *
     * @param classIndex in [0, {@link #numClasses()})
     * @throws IllegalArgumentException for a class index out of range
     */
    public Scores scores(int classIndex) {
        return new Scores(matrix.precision(classIndex), matrix.recall(classIndex), matrix.f1(classIndex),
                matrix.support(classIndex));
    }

    /** {@return accuracy = ΣTP / n} */
    public double accuracy() {
        return matrix.accuracy();
    }

    /**
     * {@return whether the report prints an {@code accuracy} row (labels are exactly those in the
     * data) rather than a full {@code micro avg} row}
     */
    public boolean showsAccuracyRow() {
        return matrix.allClassesOccur();
    }

    /**
     * {@return the micro average, from pooled counts: ΣTP / Σ(TP+FP), ΣTP / Σ(TP+FN),
     * 2·ΣTP / Σ(2·TP+FP+FN), total support}
     */
    public Scores microAverage() {
        long tp = 0;
        long predicted = 0;
        long support = 0;
        for (int i = 0; i < names.length; i++) {
            tp += matrix.truePositives(i);
            predicted += matrix.predictedCount(i);
            support += matrix.support(i);
        }
        double precision = predicted == 0 ? 0.0 : (double) tp / predicted;
        double recall = support == 0 ? 0.0 : (double) tp / support;
        double f1 = predicted + support == 0 ? 0.0 : 2.0 * tp / (predicted + support);
        return new Scores(precision, recall, f1, (int) support);
    }

    /**
     * {@return the macro average: the unweighted mean over classes of precision, recall and F1;
     * total support}
     */
    public Scores macroAverage() {
        return new Scores(NumpySum.mean(matrix.precisions()), NumpySum.mean(matrix.recalls()),
                NumpySum.mean(matrix.f1Scores()), totalSupport());
    }

    /**
     * {@return the weighted average: the support-weighted mean over classes of precision, recall and
     * F1; total support}
     */
    public Scores weightedAverage() {
        int[] supports = matrix.supports();
        double[] weights = new double[supports.length];
        for (int i = 0; i < supports.length; i++) {
            weights[i] = supports[i];
        }
        return new Scores(NumpySum.weightedMean(matrix.precisions(), weights),
                NumpySum.weightedMean(matrix.recalls(), weights),
                NumpySum.weightedMean(matrix.f1Scores(), weights), totalSupport());
    }

    private int totalSupport() {
        int sum = 0;
        for (int s : matrix.supports()) {
            sum += s;
        }
        return sum;
    }

    /** {@return the report with 2 decimals, as {@code classification_report(y_true, y_pred)}} */
    public String format() {
        return format(DEFAULT_DIGITS);
    }

    /**
     * {@return the report with {@code digits} decimals, as
     * {@code classification_report(..., digits=digits)}}
     *
     * @param digits decimals of the three scores, ≥ 0; also the least width of the name column
     * @throws IllegalArgumentException if {@code digits < 0}
     */
    public String format(int digits) {
        if (digits < 0) {
            throw new IllegalArgumentException("digits must be >= 0, got " + digits);
        }
        int width = Math.max(LONGEST_AVERAGE_NAME.length(), digits);
        for (String name : names) {
            width = Math.max(width, name.codePointCount(0, name.length()));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(padLeft("", width)).append(' ');
        for (String header : HEADERS) {
            sb.append(' ').append(padLeft(header, CELL));
        }
        sb.append("\n\n");
        for (int i = 0; i < names.length; i++) {
            appendRow(sb, names[i], scores(i), width, digits);
        }
        sb.append('\n');
        if (showsAccuracyRow()) {
            sb.append(padLeft("accuracy", width)).append(' ');
            sb.append(' ').append(padLeft("", CELL));
            sb.append(' ').append(padLeft("", CELL));
            sb.append(' ').append(padLeft(decimal(accuracy(), digits), CELL));
            sb.append(' ').append(padLeft(Integer.toString(totalSupport()), CELL)).append('\n');
        } else {
            appendRow(sb, "micro avg", microAverage(), width, digits);
        }
        appendRow(sb, "macro avg", macroAverage(), width, digits);
        appendRow(sb, LONGEST_AVERAGE_NAME, weightedAverage(), width, digits);
        return sb.toString();
    }

    /** The same text as {@link #format()}. */
    @Override
    public String toString() {
        return format();
    }

    private static void appendRow(StringBuilder sb, String name, Scores s, int width, int digits) {
        sb.append(padLeft(name, width)).append(' ');
        sb.append(' ').append(padLeft(decimal(s.precision(), digits), CELL));
        sb.append(' ').append(padLeft(decimal(s.recall(), digits), CELL));
        sb.append(' ').append(padLeft(decimal(s.f1(), digits), CELL));
        sb.append(' ').append(padLeft(Integer.toString(s.support()), CELL)).append('\n');
    }

    /**
     * Python's {@code format(x, '.Nf')}: the exact binary value of {@code x} rounded half-even to
     * N decimals. {@code String.format} would round the shortest decimal representation half-up
     * instead and print 0.13 for 0.125.
     */
    static String decimal(double x, int digits) {
        return new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Right-aligns in {@code width} code points, as Python's {@code '{:>width}'}; never truncates. */
    private static String padLeft(String s, int width) {
        int length = s.codePointCount(0, s.length());
        return length >= width ? s : " ".repeat(width - length) + s;
    }
}
