package dev.mlp.metrics;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reports compared character for character with scikit-learn's {@code classification_report},
 * from {@code src/test/resources/golden/metrics/classification_reports.py}, plus hand-built cases.
 */
class ClassificationReportTest {

    static List<GoldenCases.Case> sklearnReports() {
        return GoldenCases.load("/golden/metrics/classification_reports.txt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sklearnReports")
    void printsExactlyAsSklearnClassificationReport(GoldenCases.Case c) {
        int[] yTrue = c.ints("y_true");
        int[] yPred = c.ints("y_pred");
        int[] labels = c.ints("labels");
        String[] names = c.names("target_names");
        int digits = Integer.parseInt(c.fields().get("digits"));

        ConfusionMatrix matrix = labels == null ? new ConfusionMatrix(yTrue, yPred)
                : new ConfusionMatrix(yTrue, yPred, labels);
        ClassificationReport report = names == null ? ClassificationReport.of(matrix)
                : ClassificationReport.of(matrix, names);

        assertEquals(c.report(), report.format(digits));
    }

    @Test
    void goldenFileCoversTheCasesTheBriefAsksFor() {
        List<String> names = sklearnReports().stream().map(GoldenCases.Case::name).toList();
        assertTrue(names.containsAll(List.of("perfect_10_classes", "never_predicted", "absent_from_true",
                "rounding_ties", "target_names_long", "two_class", "labels_superset_micro_avg")), names.toString());
    }

    @Test
    void defaultFormatIsTwoDigitsAndToStringIsTheReport() {
        int[] yTrue = {0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 0, 1};
        int[] yPred = {0, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 1};
        ClassificationReport report = ClassificationReport.of(yTrue, yPred);
        String expected = ""
                + "              precision    recall  f1-score   support\n"
                + "\n"
                + "           0       0.60      0.75      0.67         4\n"
                + "           1       0.57      0.80      0.67         5\n"
                + "           2       0.00      0.00      0.00         3\n"
                + "\n"
                + "    accuracy                           0.58        12\n"
                + "   macro avg       0.39      0.52      0.44        12\n"
                + "weighted avg       0.44      0.58      0.50        12\n";
        assertEquals(expected, report.format());
        assertEquals(expected, report.toString());
        assertEquals(report.format(2), report.format());
    }

    @Test
    void roundsHalfEvenOnTheBinaryValueLikePythonFormat() {
        assertEquals("0.12", ClassificationReport.decimal(0.125, 2));
        assertEquals("0.38", ClassificationReport.decimal(0.375, 2));
        assertEquals("0.62", ClassificationReport.decimal(0.625, 2));
        // 0.075 is stored as 0.07499999999999999722..., 0.025 as 0.02500000000000000139...
        assertEquals("0.07", ClassificationReport.decimal(0.075, 2));
        assertEquals("0.03", ClassificationReport.decimal(0.025, 2));
        assertEquals("0", ClassificationReport.decimal(0.5, 0));
        assertEquals("2", ClassificationReport.decimal(1.5, 0));
        assertEquals("1.00", ClassificationReport.decimal(0.999999, 2));
        assertEquals("0.00", ClassificationReport.decimal(0.0, 2));
        // the rounding String.format would do, which sklearn does not
        assertEquals("0.13", String.format("%.2f", 0.125));
    }

    @Test
    void f1TieIsComputedFromCountsAsCurrentSklearnDoes() {
        // class 1: TP = 6, support 20, predicted 12 -> F1 = 12/32 = 0.375 exactly, printed 0.38.
        // 2·p·r/(p+r) (scikit-learn before 1.3) gives 0.37499999999999994 and would print 0.37.
        int[] yTrue = new int[26];
        int[] yPred = new int[26];
        // 6 correct of class 1, 14 class-1 samples predicted 0, 6 class-0 samples predicted 1
        int i = 0;
        for (int k = 0; k < 6; k++, i++) {
            yTrue[i] = 1;
            yPred[i] = 1;
        }
        for (int k = 0; k < 14; k++, i++) {
            yTrue[i] = 1;
            yPred[i] = 0;
        }
        for (int k = 0; k < 6; k++, i++) {
            yTrue[i] = 0;
            yPred[i] = 1;
        }
        ClassificationReport report = ClassificationReport.of(yTrue, yPred);
        assertEquals(0.375, report.scores(1).f1(), 0.0);
        String row = report.format().lines().filter(l -> l.startsWith("           1")).findFirst().orElseThrow();
        assertEquals("           1       0.50      0.30      0.38        20", row);
    }

    @Test
    void neverPredictedClassGetsZeroPrecisionAndF1() {
        ClassificationReport report = ClassificationReport.of(new int[] {0, 1, 2, 2}, new int[] {0, 1, 1, 0});
        ClassificationReport.Scores s = report.scores(2);
        assertEquals(new ClassificationReport.Scores(0.0, 0.0, 0.0, 2), s);
    }

    @Test
    void classAbsentFromTruthGetsZeroRecallAndSupport() {
        ClassificationReport report = ClassificationReport.of(new int[] {0, 0, 1}, new int[] {0, 2, 1});
        assertEquals(3, report.numClasses());
        assertEquals(new ClassificationReport.Scores(0.0, 0.0, 0.0, 0), report.scores(2));
        assertEquals(0.5, report.scores(0).recall(), 0.0);
        assertEquals(1.0, report.scores(0).precision(), 0.0);
    }

    @Test
    void averagesByHand() {
        // class 0: TP 2, predicted 2, support 3 -> p 1, r 2/3, F1 4/5
        // class 1: TP 2, predicted 4, support 2 -> p 1/2, r 1, F1 2/3
        // class 2: TP 0, predicted 0, support 1 -> 0, 0, 0
        int[] yTrue = {0, 0, 0, 1, 1, 2};
        int[] yPred = {0, 0, 1, 1, 1, 1};
        ClassificationReport report = ClassificationReport.of(yTrue, yPred);
        assertEquals(new ClassificationReport.Scores(0.5, 1.0, 2.0 / 3, 2), report.scores(1));
        assertEquals(4.0 / 6, report.accuracy(), 0.0);
        assertTrue(report.showsAccuracyRow());
        ClassificationReport.Scores macro = report.macroAverage();
        assertEquals(0.5, macro.precision(), 1e-15);
        assertEquals((2.0 / 3 + 1) / 3, macro.recall(), 1e-15);
        assertEquals((0.8 + 2.0 / 3) / 3, macro.f1(), 1e-15);
        assertEquals(6, macro.support());
        ClassificationReport.Scores weighted = report.weightedAverage();
        assertEquals((3 * 1 + 2 * 0.5) / 6, weighted.precision(), 1e-15);
        assertEquals((3 * 2.0 / 3 + 2 * 1) / 6, weighted.recall(), 1e-15);
        assertEquals((3 * 0.8 + 2 * 2.0 / 3) / 6, weighted.f1(), 1e-15);
        assertEquals(6, weighted.support());
        assertEquals(new ClassificationReport.Scores(4.0 / 6, 4.0 / 6, 4.0 / 6, 6), report.microAverage());
    }

    @Test
    void labelsBeyondTheDataPrintMicroAvgInsteadOfAccuracy() {
        ConfusionMatrix matrix = new ConfusionMatrix(new int[] {0, 1, 1}, new int[] {0, 1, 0}, 3);
        ClassificationReport report = ClassificationReport.of(matrix);
        assertFalse(report.showsAccuracyRow());
        // classification_report([0, 1, 1], [0, 1, 0], labels=[0, 1, 2])
        String expected = ""
                + "              precision    recall  f1-score   support\n"
                + "\n"
                + "           0       0.50      1.00      0.67         1\n"
                + "           1       1.00      0.50      0.67         2\n"
                + "           2       0.00      0.00      0.00         0\n"
                + "\n"
                + "   micro avg       0.67      0.67      0.67         3\n"
                + "   macro avg       0.50      0.50      0.44         3\n"
                + "weighted avg       0.83      0.67      0.67         3\n";
        assertEquals(expected, report.format());
    }

    @Test
    void targetNamesReplaceLabelsAndWidenTheNameColumn() {
        ClassificationReport report = ClassificationReport.of(new int[] {4, 9}, new int[] {4, 9},
                new String[] {"four", "a name of twenty one"});
        assertEquals("four", report.targetName(0));
        // classification_report([4, 9], [4, 9], target_names=['four', 'a name of twenty one'])
        String expected = ""
                + "                      precision    recall  f1-score   support\n"
                + "\n"
                + "                four       1.00      1.00      1.00         1\n"
                + "a name of twenty one       1.00      1.00      1.00         1\n"
                + "\n"
                + "            accuracy                           1.00         2\n"
                + "           macro avg       1.00      1.00      1.00         2\n"
                + "        weighted avg       1.00      1.00      1.00         2\n";
        assertEquals(expected, report.format());
    }

    @Test
    void nameWidthCountsCodePointsLikePython() {
        // two supplementary characters: 4 UTF-16 units, 2 code points, still narrower than 12
        ClassificationReport report = ClassificationReport.of(new int[] {0, 1}, new int[] {0, 1},
                new String[] {"\uD83D\uDE00\uD83D\uDE00", "b"});
        String row = report.format().split("\n")[2];
        assertEquals(" ".repeat(10) + "\uD83D\uDE00\uD83D\uDE00       1.00      1.00      1.00         1", row);
    }

    @Test
    void rejectsTargetNamesOfTheWrongCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationReport.of(new int[] {0, 1, 2}, new int[] {0, 1, 2}, new String[] {"a", "b"}));
        assertEquals("targetNames has 2 names but there are 3 classes (labels [0, 1, 2])", e.getMessage());
    }

    @Test
    void rejectsNullTargetName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationReport.of(new int[] {0, 1}, new int[] {0, 1}, new String[] {"a", null}));
        assertEquals("targetNames[1] is null", e.getMessage());
    }

    @Test
    void rejectsNegativeDigits() {
        ClassificationReport report = ClassificationReport.of(new int[] {0}, new int[] {0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> report.format(-1));
        assertEquals("digits must be >= 0, got -1", e.getMessage());
    }

    @Test
    void rejectsMismatchedInputsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationReport.of(new int[] {0, 1}, new int[] {0}));
        assertEquals("yTrue and yPred must have the same length, got 2 and 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationReport.of(new int[] {0, 1}, new int[] {0, -3}));
        assertEquals("yPred has a negative label -3 at index 1; class labels must be >= 0", e.getMessage());
    }
}
