package dev.mlp.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Class labels as they are read: each distinct label text gets an id in order of appearance;
 * at the end the ids become class indices (numbers) or the ranks of the sorted names (words).
 * Problems that depend on which of the two the labels are, are kept with their position and
 * reported then.
 */
final class CsvLabels {

    private final String source;
    private final int numClasses;
    private final List<String> classNames;
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> texts = new ArrayList<>();
    private final List<Double> numbers = new ArrayList<>();
    private boolean words;
    private DataFormatException numericProblem;
    private List<String> resolvedNames = List.of();

    /**
     * @param numClasses k when labels must be class indices in [0, k), else 0
     * @param classNames the names labels must be among, or null
     */
    CsvLabels(String source, int numClasses, List<String> classNames) {
        this.source = source;
        this.numClasses = numClasses;
        this.classNames = classNames;
    }

    /** The id of this row's label, or (with indices or names given) its class right away. */
    int add(String token, int lineNo, int column) throws DataFormatException {
        if (numClasses > 0) {
            return index(token, lineNo, column, numClasses);
        }
        if (classNames != null) {
            return named(token, lineNo, column);
        }
        Integer id = ids.get(token);
        if (id != null) {
            return id;
        }
        if (ids.size() == DataSet.MAX_CLASSES) {
            throw new DataFormatException(source, lineNo, column, "the label " + CsvLoader.shown(token) + " is the "
                    + (DataSet.MAX_CLASSES + 1) + "th distinct label; a data set has at most " + DataSet.MAX_CLASSES
                    + " classes (DataSet.MAX_CLASSES)");
        }
        double v = CsvLoader.isDecimal(token) ? Double.parseDouble(token) : Double.NaN;
        if (Double.isNaN(v)) {
            words = true;
        } else if (numericProblem == null) {
            numericProblem = indexProblem(token, v, lineNo, column, 0);
        }
        ids.put(token, ids.size());
        texts.add(token);
        numbers.add(v);
        return ids.size() - 1;
    }

    private int index(String token, int lineNo, int column, int k) throws DataFormatException {
        if (!CsvLoader.isDecimal(token)) {
            throw new DataFormatException(source, lineNo, column, "the label " + CsvLoader.shown(token)
                    + " is not a class index: labels must be integers in [0, " + k + ") for " + k + " classes");
        }
        double v = Double.parseDouble(token);
        DataFormatException problem = indexProblem(token, v, lineNo, column, k);
        if (problem != null) {
            throw problem;
        }
        return (int) v;
    }

    /** Why {@code v} is not a class index (below k, when k &gt; 0), or null. */
    private DataFormatException indexProblem(String token, double v, int lineNo, int column, int k) {
        if (Double.isInfinite(v)) {
            return new DataFormatException(source, lineNo, column,
                    "the label " + CsvLoader.shown(token) + " is beyond the range of a double (it would be infinite)");
        }
        if (v != Math.rint(v)) {
            return new DataFormatException(source, lineNo, column, "the label " + CsvLoader.shown(token)
                    + " is not an integer; class labels are integers or names (for a real-valued target,"
                    + " read it as values: Target.VALUES, --task regression)");
        }
        if (v < 0 || (k > 0 && v >= k)) {
            return new DataFormatException(source, lineNo, column, "the label " + CsvLoader.shown(token) + " is outside [0, "
                    + (k > 0 ? k : "k") + ")" + (k > 0 ? " for " + k + " classes" : "; labels must not be negative"));
        }
        if (v >= DataSet.MAX_CLASSES) {
            return new DataFormatException(source, lineNo, column, "the label " + CsvLoader.shown(token)
                    + " is too large for a class index: labels must be below " + DataSet.MAX_CLASSES
                    + " (DataSet.MAX_CLASSES)");
        }
        return null;
    }

    private int named(String token, int lineNo, int column) throws DataFormatException {
        int c = classNames.indexOf(token);
        if (c >= 0) {
            return c;
        }
        if (CsvLoader.isDecimal(token)) {
            double v = Double.parseDouble(token);
            for (int i = 0; i < classNames.size(); i++) {
                String name = classNames.get(i);
                if (CsvLoader.isDecimal(name) && Double.parseDouble(name) == v) {
                    return i;
                }
            }
        }
        throw new DataFormatException(source, lineNo, column, "the label " + CsvLoader.shown(token)
                + " is not one of the " + classNames.size() + " classes " + CsvLoader.shortList(classNames));
    }

    /** The class of every row, from the ids given while reading. */
    int[] resolve(int[] y, int rows) throws DataFormatException {
        int[] out = Arrays.copyOf(y, rows);
        if (numClasses > 0) {
            resolvedNames = CsvLoader.numbered(numClasses);
            return out;
        }
        if (classNames != null) {
            resolvedNames = classNames;
            return out;
        }
        int[] classOf = new int[texts.size()];
        if (words) {
            List<String> sorted = new ArrayList<>(texts);
            sorted.sort(null);
            Map<String, Integer> rank = new HashMap<>();
            for (int i = 0; i < sorted.size(); i++) {
                rank.put(sorted.get(i), i);
            }
            for (int i = 0; i < classOf.length; i++) {
                classOf[i] = rank.get(texts.get(i));
            }
            resolvedNames = sorted;
        } else {
            if (numericProblem != null) {
                throw numericProblem;
            }
            int max = -1;
            for (int i = 0; i < classOf.length; i++) {
                classOf[i] = (int) (double) numbers.get(i);
                max = Math.max(max, classOf[i]);
            }
            resolvedNames = CsvLoader.numbered(max + 1);
        }
        for (int r = 0; r < rows; r++) {
            out[r] = classOf[out[r]];
        }
        return out;
    }

    List<String> names() {
        return resolvedNames;
    }
}
