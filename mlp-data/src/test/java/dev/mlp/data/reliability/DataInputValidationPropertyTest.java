package dev.mlp.data.reliability;

import dev.mlp.data.CsvLoader;
import dev.mlp.data.DataFormatException;
import dev.mlp.data.DataSet;
import dev.mlp.data.FixedScaler;
import dev.mlp.data.MinMaxScaler;
import dev.mlp.data.OneHot;
import dev.mlp.data.Split;
import dev.mlp.data.StandardScaler;
import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property tests of mlp-data's entry checks: random shapes, NaN and ±∞ at random positions,
 * empty and one-row data, labels out of range, zero, negative and absurd sizes and fractions.
 * Every bad call ends with an {@link IllegalArgumentException} (or, for a file, a
 * {@link DataFormatException} at the exact line and column) whose message names the argument,
 * the expected and the actual value. Cases come from {@code new Random(seed + case)}.
 */
class DataInputValidationPropertyTest {

    static final long SEED = Long.getLong("property.seed", 20_261_126L);
    static final int DATA_SET_CASES = 200;
    static final int SCALER_CASES = 150;
    static final int SPLIT_CASES = 100;
    static final int CSV_CASES = 200;

    private static final double[] POISONS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    /** One generated bad call and the words its message must hold. */
    record Refusal(String description, Executable call, Class<? extends Throwable> expected, List<String> words) {
        static Refusal of(String description, Executable call, String... words) {
            return new Refusal(description, call, IllegalArgumentException.class, Arrays.asList(words));
        }

        void assertRefused() {
            Throwable t = assertThrows(expected, call, description);
            assertNotNull(t.getMessage(), description);
            for (String w : words) {
                assertTrue(t.getMessage().contains(w), description + ": message '" + t.getMessage()
                        + "' does not mention '" + w + "'");
            }
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private static Random random(int family, int i) {
        return new Random(SEED * 1_000_003L + family * 100_000L + i);
    }

    private static int between(Random r, int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }

    private static DMatrixRMaj matrix(Random r, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = r.nextGaussian();
        }
        return m;
    }

    /** Puts a NaN or ±∞ at a random place and returns the words a message about it must hold. */
    private static String[] poison(Random r, DMatrixRMaj m, String name) {
        int row = r.nextInt(m.numRows);
        int col = r.nextInt(m.numCols);
        double v = POISONS[r.nextInt(POISONS.length)];
        m.set(row, col, v);
        return new String[] {name, Double.toString(v), "row " + row, "column " + col};
    }

    private static int[] labels(Random r, int n, int k) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(k);
        }
        return y;
    }

    private static int badCount(Random r) {
        int[] options = {0, -1, -between(r, 2, 1_000_000), Integer.MIN_VALUE};
        return options[r.nextInt(options.length)];
    }

    // ---- data sets and one-hot ---------------------------------------------------------------

    static Stream<Refusal> badDataSets() {
        return IntStream.range(0, DATA_SET_CASES).mapToObj(i -> {
            Random r = random(1, i);
            int n = between(r, 1, 30);
            int d = between(r, 1, 8);
            int k = between(r, 1, 6);
            DMatrixRMaj x = matrix(r, n, d);
            int[] y = labels(r, n, k);
            String p = "case " + i + " (" + n + "×" + d + ", " + k + " classes): ";
            switch (r.nextInt(10)) {
                case 0: {
                    String[] words = poison(r, x, "features");
                    return Refusal.of(p + "non-finite feature", () -> new DataSet(x, y, k), words);
                }
                case 1: {
                    int at = r.nextInt(n);
                    int v = r.nextBoolean() ? k + r.nextInt(100) : -1 - r.nextInt(100);
                    y[at] = v;
                    return Refusal.of(p + "label " + v + " at row " + at, () -> new DataSet(x, y, k),
                            "label " + v + " at row " + at, "[0, " + k + ")");
                }
                case 2: {
                    int[] longer = labels(r, n + between(r, 1, 4), k);
                    return Refusal.of(p + longer.length + " labels", () -> new DataSet(x, longer, k),
                            "same number of rows", n + "×" + d, longer.length + " labels");
                }
                case 3: {
                    int v = r.nextBoolean() ? badCount(r) : DataSet.MAX_CLASSES + 1 + r.nextInt(Integer.MAX_VALUE - DataSet.MAX_CLASSES - 1);
                    return Refusal.of(p + "numClasses " + v, () -> new DataSet(x, y, v), "numClasses", Integer.toString(v));
                }
                case 4:
                    return Refusal.of(p + "no rows", () -> new DataSet(new DMatrixRMaj(0, d), new int[0], k),
                            "features is empty", "0×" + d);
                case 5: {
                    int at = r.nextInt(n);
                    int v = r.nextBoolean() ? -1 - r.nextInt(10) : DataSet.MAX_CLASSES + r.nextInt(1000);
                    y[at] = v;
                    return Refusal.of(p + "inferred classes with label " + v, () -> DataSet.of(x, y),
                            "labels", Integer.toString(v), "index " + at);
                }
                case 6: {
                    DataSet data = new DataSet(x, y, k);
                    int at = r.nextInt(3);
                    int[] idx = {0, 0, 0};
                    idx[at] = r.nextBoolean() ? n + r.nextInt(10) : -1 - r.nextInt(10);
                    return Refusal.of(p + "subset index " + idx[at], () -> data.subset(idx),
                            "index " + idx[at], "position " + at, "[0, " + n + ")");
                }
                case 7: {
                    int at = r.nextInt(n);
                    y[at] = k + r.nextInt(10);
                    return Refusal.of(p + "one-hot label " + y[at], () -> OneHot.encode(y, k),
                            "label " + y[at], "index " + at, "[0, " + k + ")");
                }
                case 8: {
                    int v = r.nextBoolean() ? badCount(r) : DataSet.MAX_CLASSES + 1 + r.nextInt(1 << 30);
                    return Refusal.of(p + "one-hot numClasses " + v, () -> OneHot.encode(y, v), "numClasses", Integer.toString(v));
                }
                default: {
                    DMatrixRMaj scores = matrix(r, n, k);
                    String[] words = poison(r, scores, "y");
                    return Refusal.of(p + "non-finite score", () -> OneHot.decode(scores), words);
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDataSets")
    void badDataSetsAndLabelsAreRefusedNamingTheArgumentAndValue(Refusal refusal) {
        refusal.assertRefused();
    }

    // ---- scalers -----------------------------------------------------------------------------

    static Stream<Refusal> badScalerInputs() {
        return IntStream.range(0, SCALER_CASES).mapToObj(i -> {
            Random r = random(2, i);
            int n = between(r, 1, 20);
            int d = between(r, 1, 6);
            DMatrixRMaj x = matrix(r, n, d);
            String p = "case " + i + " (" + n + "×" + d + "): ";
            switch (r.nextInt(8)) {
                case 0: {
                    String[] words = poison(r, x, "train");
                    return Refusal.of(p + "fit min-max on non-finite data", () -> MinMaxScaler.fit(x), words);
                }
                case 1: {
                    String[] words = poison(r, x, "train");
                    return Refusal.of(p + "fit standard on non-finite data", () -> StandardScaler.fit(x), words);
                }
                case 2:
                    return Refusal.of(p + "fit on no rows", () -> StandardScaler.fit(new DMatrixRMaj(0, d)),
                            "train is empty", "0×" + d);
                case 3: {
                    MinMaxScaler s = MinMaxScaler.fit(x);
                    DMatrixRMaj wide = matrix(r, between(r, 1, 5), d + between(r, 1, 3));
                    return Refusal.of(p + "transform " + wide.numCols + " columns", () -> s.transform(wide),
                            "x must have " + d + " columns", wide.numRows + "×" + wide.numCols);
                }
                case 4: {
                    StandardScaler s = StandardScaler.fit(x);
                    DMatrixRMaj later = matrix(r, between(r, 1, 5), d);
                    String[] words = poison(r, later, "x");
                    return Refusal.of(p + "transform non-finite data", () -> s.transform(later), words);
                }
                case 5: {
                    double[] min = new double[d];
                    double[] max = new double[d];
                    Arrays.fill(max, 1);
                    int at = r.nextInt(d);
                    min[at] = POISONS[r.nextInt(POISONS.length)];
                    return Refusal.of(p + "min[" + at + "] = " + min[at], () -> MinMaxScaler.of(min, max),
                            "min[" + at + "]", Double.toString(min[at]));
                }
                case 6: {
                    double[] mean = new double[d];
                    double[] scale = new double[d];
                    Arrays.fill(scale, 1);
                    int at = r.nextInt(d);
                    scale[at] = r.nextBoolean() ? 0.0 : -r.nextDouble() - 1e-9;
                    return Refusal.of(p + "scale[" + at + "] = " + scale[at], () -> StandardScaler.of(mean, scale),
                            "scale[" + at + "]", Double.toString(scale[at]));
                }
                default: {
                    double[] bad = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, -1e300};
                    double v = bad[r.nextInt(bad.length)];
                    return Refusal.of(p + "fixed scale " + v, () -> FixedScaler.divideBy(v), "scale", Double.toString(v));
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badScalerInputs")
    void badScalerInputsAreRefusedNamingTheArgumentAndValue(Refusal refusal) {
        refusal.assertRefused();
    }

    // ---- splits ------------------------------------------------------------------------------

    static Stream<Refusal> badSplits() {
        return IntStream.range(0, SPLIT_CASES).mapToObj(i -> {
            Random r = random(3, i);
            int n = between(r, 1, 30);
            DataSet data = new DataSet(matrix(r, n, 2), labels(r, n, between(r, 1, 4)), 4);
            String p = "case " + i + " (" + n + " rows): ";
            if (n == 1 || r.nextInt(3) == 0) {
                // a fraction that leaves a part empty: one row, or t = round(n·f) of 0 or n
                double f = n == 1 ? 0.5 : (r.nextBoolean() ? 0.4 / n : 1 - 0.4 / n);
                boolean stratified = r.nextBoolean();
                return Refusal.of(p + "test fraction " + f + " of " + n + " rows",
                        () -> {
                            if (stratified) {
                                Split.stratified(data, f, new NumpyRandom(1));
                            } else {
                                Split.shuffled(data, f, new NumpyRandom(1));
                            }
                        },
                        "test fraction of " + f, n + " rows", "each part needs at least one");
            }
            double[] bad = {0.0, 1.0, -0.1, 1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1e300};
            double f = bad[r.nextInt(bad.length)];
            return Refusal.of(p + "test fraction " + f, () -> Split.stratified(data, f, new NumpyRandom(1)),
                    "testFraction", Double.toString(f));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSplits")
    void badSplitFractionsAreRefusedNamingTheFractionAndRows(Refusal refusal) {
        refusal.assertRefused();
    }

    // ---- CSV: a bad cell is reported at its exact line and column ----------------------------

    /** A random valid table with one bad cell, and where that cell is. */
    record BadCell(String description, String csv, boolean header, int line, int column, String token, int numClasses) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<BadCell> badCells() {
        return IntStream.range(0, CSV_CASES).mapToObj(i -> {
            Random r = random(4, i);
            int rows = between(r, 1, 15);
            int cols = between(r, 2, 7);
            int k = between(r, 1, 5);
            boolean header = r.nextBoolean();
            String[][] cells = new String[rows][cols];
            for (int row = 0; row < rows; row++) {
                for (int c = 0; c < cols - 1; c++) {
                    cells[row][c] = Double.toString(Math.round(r.nextGaussian() * 1000) / 100.0);
                }
                cells[row][cols - 1] = Integer.toString(r.nextInt(k));
            }
            int badRow = r.nextInt(rows);
            boolean inLabel = r.nextInt(3) == 0;
            int badCol = inLabel ? cols - 1 : r.nextInt(cols - 1);
            String[] featureJunk = {"NaN", "nan", "Infinity", "-inf", "1e400", "", "abc", "0x10", "1d", "--1", "1..2", "1e"};
            String[] labelJunk = {Integer.toString(k + r.nextInt(10)), "-1", "1.5", "NaN", "1e400", "", "two",
                    Integer.toString(DataSet.MAX_CLASSES)};
            String token = inLabel ? labelJunk[r.nextInt(labelJunk.length)] : featureJunk[r.nextInt(featureJunk.length)];
            cells[badRow][badCol] = token;
            StringBuilder sb = new StringBuilder();
            if (header) {
                for (int c = 0; c < cols; c++) {
                    sb.append(c == 0 ? "" : ",").append("c").append(c);
                }
                sb.append('\n');
            }
            for (String[] row : cells) {
                sb.append(String.join(",", row)).append('\n');
            }
            int line = badRow + 1 + (header ? 1 : 0);
            return new BadCell("case " + i + ": '" + token + "' at line " + line + ", column " + (badCol + 1)
                    + (header ? " (header)" : ""), sb.toString(), header, line, badCol + 1, token, k);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCells")
    void aBadCellInACsvFileIsReportedAtItsLineAndColumn(BadCell cell) {
        CsvLoader loader = new CsvLoader().withHeader(cell.header()).withNumClasses(cell.numClasses());
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> loader.load(new ByteArrayInputStream(cell.csv().getBytes(StandardCharsets.UTF_8)), "cells.csv"));
        assertEquals(cell.line(), e.line(), e.getMessage());
        assertEquals(cell.column(), e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith("cells.csv, line " + cell.line() + ", column " + cell.column() + ": "),
                e.getMessage());
        if (!cell.token().isEmpty()) {
            assertTrue(e.getMessage().contains("'" + cell.token() + "'"), e.getMessage());
        }
    }

    // ---- loader options ----------------------------------------------------------------------

    static Stream<Refusal> badLoaderOptions() {
        return IntStream.range(0, 60).mapToObj(i -> {
            Random r = random(5, i);
            switch (r.nextInt(3)) {
                case 0: {
                    int v = r.nextBoolean() ? badCount(r) : DataSet.MAX_CLASSES + 1 + r.nextInt(1 << 30);
                    return Refusal.of("case " + i + ": numClasses " + v, () -> new CsvLoader().withNumClasses(v),
                            "numClasses", Integer.toString(v));
                }
                case 1: {
                    char[] bad = {'\n', '\r', '"', '0', '7', '+', '-', '.', 'e', 'E'};
                    char c = bad[r.nextInt(bad.length)];
                    return Refusal.of("case " + i + ": delimiter " + (int) c, () -> new CsvLoader().withDelimiter(c), "delimiter");
                }
                default: {
                    String name = r.nextBoolean() ? "" : " \t ";
                    return Refusal.of("case " + i + ": blank label column name", () -> new CsvLoader().withLabelColumn(name),
                            "label column name", "blank");
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLoaderOptions")
    void badLoaderOptionsAreRefusedNamingTheOption(Refusal refusal) {
        refusal.assertRefused();
    }
}
