package dev.mlp.data;

import org.ejml.data.DMatrixRMaj;

import java.util.List;
import java.util.Optional;

/**
 * What a loader read ({@link CsvLoader#read(java.nio.file.Path)}, {@link NpzLoader#read(java.nio.file.Path)}):
 * the feature matrix with the names of its columns, the target as class labels
 * ({@link Target#CLASSES}) or as values ({@link Target#VALUES}), and where each row came from.
 *
 * <p>Immutable: every matrix and array it gives is a fresh copy.
 */
public final class Table {

    private final Target target;
    private final DMatrixRMaj features;
    private final List<String> featureNames;
    private final String targetName;
    private final int[] labels;
    private final List<String> classNames;
    private final DMatrixRMaj targets;
    private final int[] lines;
    private final int[] rowNumbers;
    private final int[] droppedLines;

    Table(Target target, DMatrixRMaj features, List<String> featureNames, String targetName,
             int[] labels, List<String> classNames, DMatrixRMaj targets, int[] lines, int[] rowNumbers,
             int[] droppedLines) {
        this.target = target;
        this.features = features;
        this.featureNames = List.copyOf(featureNames);
        this.targetName = targetName;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        this.targets = targets;
        this.lines = lines;
        this.rowNumbers = rowNumbers;
        this.droppedLines = droppedLines;
    }

    /** {@return what the target column was read as} */
    public Target target() {
        return target;
    }

    /** {@return the number of rows read (rows left out for missing values not counted)} */
    public int rows() {
        return features.numRows;
    }

    /** {@return the number of feature columns} */
    public int columns() {
        return features.numCols;
    }

    /** {@return a copy of the n×d features, in the order of {@link #featureNames()}} */
    public DMatrixRMaj features() {
        return features.copy();
    }

    /**
     * The header's names of the feature columns, in the order of the matrix's columns (the order
     * asked for with {@link CsvLoader#withFeatureColumns(List)}, else the file's order); empty
     * when the file has no header.
     *
     * @return the feature columns' names, in feature order
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * The header's name of the label or target column; empty without a header, or when the
     * target is {@link Target#NONE}.
     *
     * @return the target column's name, if the file had a header
     */
    public Optional<String> targetName() {
        return Optional.ofNullable(targetName);
    }

    /**
     * The class names, label {@code c} standing for {@code classNames().get(c)}: the names given
     * to {@link CsvLoader#withClassNames(List)}; the labels themselves sorted (as
     * {@link String#compareTo}) when they are words; "0", "1", ... "k-1" when they are class
     * indices. Empty unless the target is {@link Target#CLASSES}.
     *
     * @return the class names, in class-index order
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * A copy of the class label of each row.
     *
     * @return a copy of each row's class index
     * @throws IllegalStateException unless the target is {@link Target#CLASSES}
     */
    public int[] labels() {
        require(Target.CLASSES);
        return labels.clone();
    }

    /**
     * The features and labels as a data set of {@code classNames().size()} classes.
     *
     * @return the features and class labels as a data set
     * @throws IllegalStateException unless the target is {@link Target#CLASSES}
     */
    public DataSet dataSet() {
        require(Target.CLASSES);
        return new DataSet(features, labels, classNames.size());
    }

    /**
     * A copy of the n×1 target values.
     *
     * @return a copy of the real-valued targets, one row per row
     * @throws IllegalStateException unless the target is {@link Target#VALUES}
     */
    public DMatrixRMaj targets() {
        require(Target.VALUES);
        return targets.copy();
    }

    /** {@return for each row, the 1-based line of the CSV file where it starts; 0 for rows read from arrays} */
    public int[] lineNumbers() {
        return lines.clone();
    }

    /**
     * For each row, its number among the file's data rows (the arrays' rows), from 0, rows left
     * out for a missing value included: the same as the row's index unless rows were left out.
     *
     * @return each row's 0-based number among the rows read
     */
    public int[] rowNumbers() {
        return rowNumbers.clone();
    }

    /**
     * The lines of the CSV rows left out for a missing value ({@link MissingValues#DROP_ROW}), in
     * file order; for arrays, the numbers (from 0) of the rows left out.
     *
     * @return the lines left out for missing values
     */
    public int[] droppedLines() {
        return droppedLines.clone();
    }

    private void require(Target wanted) {
        if (target != wanted) {
            throw new IllegalStateException("the target column was read as " + target + ", not as " + wanted);
        }
    }

    /** "Table[150×4, CLASSES, 3 classes]". */
    @Override
    public String toString() {
        return "Table[" + features.numRows + "×" + features.numCols + ", " + target
                + (target == Target.CLASSES ? ", " + classNames.size() + " classes" : "") + "]";
    }
}
