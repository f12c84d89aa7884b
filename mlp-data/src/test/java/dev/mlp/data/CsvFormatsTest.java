package dev.mlp.data;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CSV files as people have them: RFC 4180 quoting, leading lines to skip, class names, missing
 * values, columns chosen by name, real-valued targets; each refusal at its line and column.
 */
class CsvFormatsTest {

    private static Table read(CsvLoader loader, String text) throws IOException {
        return loader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv");
    }

    private static DataFormatException refused(CsvLoader loader, String text, int line, int column) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> read(loader, text));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith("t.csv, line " + line), e.getMessage());
        return e;
    }

    private static double[] row(DMatrixRMaj x, int r) {
        double[] v = new double[x.numCols];
        for (int c = 0; c < v.length; c++) {
            v[c] = x.get(r, c);
        }
        return v;
    }

    private static final CsvLoader HEADER = new CsvLoader().withHeader(true);

    // ---- quoting -------------------------------------------------------------------------------

    @Test
    void quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws IOException {
        String text = "\"width, cm\",\"say \"\"hi\"\"\",label\n"
                + "\"1.5\", 2 ,\"a, b\"\n"
                + "3,4,\"two\nlines\"\n"
                + "5, \"6\" ,\"a, b\"\n";
        Table t = read(HEADER.withLabelColumn("label"), text);
        assertEquals(List.of("width, cm", "say \"hi\""), t.featureNames());
        assertEquals("label", t.targetName().orElseThrow());
        assertEquals(List.of("a, b", "two\nlines"), t.classNames());
        assertArrayEquals(new int[] {0, 1, 0}, t.labels());
        assertArrayEquals(new double[] {1.5, 2}, row(t.features(), 0), 0.0);
        assertArrayEquals(new double[] {5, 6}, row(t.features(), 2), 0.0);
        assertArrayEquals(new int[] {2, 3, 5}, t.lineNumbers(), "the third row starts after the two-line field");
    }

    @Test
    void aQuoteLeftOpenIsReportedWhereItOpens() {
        DataFormatException e = refused(new CsvLoader(), "1,0\n2,\"1\n3,0\n", 2, 2);
        assertTrue(e.getMessage().contains("never closed"), e.getMessage());
    }

    @Test
    void textAfterAClosingQuoteAndAQuoteInsideAnUnquotedFieldAreRefused() {
        DataFormatException after = refused(new CsvLoader(), "1,0\n\"2\"x,1\n", 2, 1);
        assertTrue(after.getMessage().contains("after the closing double quote"), after.getMessage());
        DataFormatException inside = refused(new CsvLoader(), "1,0\n2,1\"\n", 2, 2);
        assertTrue(inside.getMessage().contains("double quote inside an unquoted field"), inside.getMessage());
    }

    @Test
    void aLineBreakInsideQuotesKeepsTheFollowingLineNumbersRight() {
        // the bad value is on line 5 of the file, in the fourth record
        DataFormatException e = refused(HEADER, "a,label\n1,\"x\ny\"\n1,0\nabc,1\n", 5, 1);
        assertTrue(e.getMessage().contains("'abc' is not a number"), e.getMessage());
    }

    // ---- skipping lines, headers ---------------------------------------------------------------

    @Test
    void leadingLinesAreSkippedAsTheyAre() throws IOException {
        // scikit-learn's bundled iris.csv starts with a line of counts and class names, and has no header
        String text = "150,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n7.0,3.2,4.7,1.4,1\n6.3,3.3,6.0,2.5,2\n";
        Table t = read(new CsvLoader().withSkipLines(1), text);
        assertEquals(3, t.rows());
        assertEquals(List.of("0", "1", "2"), t.classNames());
        assertArrayEquals(new int[] {2, 3, 4}, t.lineNumbers());
        // a skipped line is not read as CSV: an open quote there does no harm
        Table titled = read(HEADER.withSkipLines(2).withLabelColumn("y"), "\"title\n# by me\nx,y\n1,0\n");
        assertEquals(List.of("x"), titled.featureNames());
        refused(new CsvLoader().withSkipLines(5), "a\nb\n", 3, 0);
        assertThrows(IllegalArgumentException.class, () -> new CsvLoader().withSkipLines(-1));
    }

    @Test
    void headerNamesMustBePresentAndDistinct() {
        DataFormatException unnamed = refused(HEADER, ",a,label\n0,1,0\n", 1, 1);
        assertTrue(unnamed.getMessage().contains("no name"), unnamed.getMessage());
        DataFormatException twice = refused(HEADER, "a,b,a,label\n1,2,3,0\n", 1, 3);
        assertTrue(twice.getMessage().contains("'a'") && twice.getMessage().contains("columns 1 and 3"),
                twice.getMessage());
    }

    // ---- class labels ----------------------------------------------------------------------------

    @Test
    void wordLabelsAreClassNamesSortedAndNumbersAreClassIndices() throws IOException {
        Table names = read(HEADER.withLabelColumn("species"),
                "x,species\n1,virginica\n2,setosa\n3,versicolor\n4,setosa\n");
        assertEquals(List.of("setosa", "versicolor", "virginica"), names.classNames());
        assertArrayEquals(new int[] {2, 0, 1, 0}, names.labels());
        assertEquals(3, names.dataSet().numClasses());

        Table indices = read(new CsvLoader(), "1,2\n2,0\n3,2.0\n");
        assertEquals(List.of("0", "1", "2"), indices.classNames());
        assertArrayEquals(new int[] {2, 0, 2}, indices.labels());

        // one word makes every label a name, numbers included
        Table mixed = read(new CsvLoader(), "1,10\n2,9\n3,other\n");
        assertEquals(List.of("10", "9", "other"), mixed.classNames());
        assertArrayEquals(new int[] {0, 1, 2}, mixed.labels());
    }

    @Test
    void aRealValuedLabelPointsToRegression() {
        DataFormatException e = refused(new CsvLoader(), "1,24.0\n2,21.6\n", 2, 2);
        assertTrue(e.getMessage().contains("'21.6' is not an integer") && e.getMessage().contains("regression"),
                e.getMessage());
    }

    @Test
    void givenClassNamesMapLabelsToTheirIndices() throws IOException {
        CsvLoader loader = HEADER.withLabelColumn("species").withClassNames(List.of("setosa", "versicolor", "virginica"));
        // a file with two of the three classes keeps the given indices
        Table t = read(loader, "x,species\n1,virginica\n2,versicolor\n");
        assertArrayEquals(new int[] {2, 1}, t.labels());
        assertEquals(3, t.dataSet().numClasses());
        DataFormatException e = refused(loader, "x,species\n1,virginica\n2,Iris-setosa\n", 3, 2);
        assertTrue(e.getMessage().contains("'Iris-setosa' is not one of the 3 classes 'setosa', 'versicolor', "
                + "'virginica'"), e.getMessage());
        // numbers match a name that is the same number
        Table numbered = read(new CsvLoader().withClassNames(List.of("0", "1")), "5,1.0\n6,0\n");
        assertArrayEquals(new int[] {1, 0}, numbered.labels());
        assertThrows(IllegalArgumentException.class, () -> new CsvLoader().withClassNames(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> new CsvLoader().withClassNames(List.of()));
    }

    // ---- missing values ------------------------------------------------------------------------------

    @Test
    void aMissingValueIsRefusedNamingItsLineAndColumn() {
        for (String marker : new String[] {"", "NA", "n/a", "NaN", "-nan", "?", "\"\"", "\" NA \""}) {
            DataFormatException e = refused(HEADER.withLabelColumn("y"), "a,b,y\n1,2,0\n3," + marker + ",1\n", 3, 2);
            assertTrue(e.getMessage().contains("column 'b'") && e.getMessage().contains("missing"), e.getMessage());
        }
        DataFormatException label = refused(new CsvLoader(), "1,0\n2,?\n", 2, 2);
        assertTrue(label.getMessage().contains("the label '?' marks a missing value"), label.getMessage());
    }

    @Test
    void rowsWithAMissingValueCanBeLeftOut() throws IOException {
        CsvLoader drop = HEADER.withLabelColumn("y").withMissingValues(MissingValues.DROP_ROW);
        Table t = read(drop, "a,b,y\n1,2,0\n3,,1\nNA,4,1\n5,6,\n7,8,1\n");
        assertEquals(2, t.rows());
        assertArrayEquals(new int[] {2, 6}, t.lineNumbers());
        assertArrayEquals(new int[] {3, 4, 5}, t.droppedLines());
        assertArrayEquals(new int[] {0, 4}, t.rowNumbers());
        assertArrayEquals(new double[] {7, 8}, row(t.features(), 1), 0.0);
        // words such as None are not markers: they may be class names
        assertEquals(List.of("None", "mild"), read(new CsvLoader(), "1,None\n2,mild\n").classNames());
        DataFormatException none = refused(drop, "a,b,y\n1,,0\n", 3, 1);
        assertTrue(none.getMessage().contains("missing value"), none.getMessage());
    }

    // ---- columns by name, and counted ----------------------------------------------------------

    @Test
    void featureColumnsAreReadByNameInTheOrderAskedFor() throws IOException {
        List<String> model = List.of("sepal_length", "sepal_width", "petal_length");
        String reordered = "petal_length,species,sepal_width,sepal_length\n1.4,setosa,3.5,5.1\n";
        Table t = read(HEADER.withLabelColumn("species").withFeatureColumns(model), reordered);
        assertEquals(model, t.featureNames());
        assertArrayEquals(new double[] {5.1, 3.5, 1.4}, row(t.features(), 0), 0.0);
        // no target: the label column may be there (ignored) or not
        CsvLoader features = HEADER.withTarget(Target.NONE).withLabelColumn("species").withFeatureColumns(model);
        assertArrayEquals(new double[] {5.1, 3.5, 1.4}, row(read(features, reordered).features(), 0), 0.0);
        assertArrayEquals(new double[] {5.1, 3.5, 1.4},
                row(read(features, "sepal_width,petal_length,sepal_length\n3.5,1.4,5.1\n").features(), 0), 0.0);
    }

    @Test
    void missingAndUnknownColumnsAreRefusedByName() {
        CsvLoader loader = HEADER.withLabelColumn("species").withFeatureColumns(List.of("a", "b", "c"));
        DataFormatException e = refused(loader, "a,id,species,b,extra\n1,2,x,3,4\n", 1, 0);
        assertTrue(e.getMessage().contains("missing: 'c'") && e.getMessage().contains("not asked for: 'id', 'extra'"),
                e.getMessage());
        DataFormatException both = refused(HEADER.withLabelColumn("a").withFeatureColumns(List.of("a", "b")),
                "a,b\n1,2\n", 1, 1);
        assertTrue(both.getMessage().contains("both as a feature and as the label"), both.getMessage());
        assertThrows(IllegalStateException.class,
                () -> read(new CsvLoader().withFeatureColumns(List.of("a")), "1,0\n"));
    }

    @Test
    void withoutAHeaderTheWidthIsChecked() throws IOException {
        CsvLoader none = new CsvLoader().withTarget(Target.NONE).withFeatureCount(2);
        assertArrayEquals(new double[] {1, 2}, row(read(none, "1,2\n").features(), 0), 0.0);
        // a row of d + 1 fields holds the label too, at the label column (the last by default)
        assertArrayEquals(new double[] {1, 2}, row(read(none, "1,2,9\n").features(), 0), 0.0);
        assertArrayEquals(new double[] {1, 2}, row(read(none.withLabelColumn(0), "9,1,2\n").features(), 0), 0.0);
        DataFormatException wide = refused(none, "1,2,3,4\n", 1, 0);
        assertTrue(wide.getMessage().contains("expected 2 feature columns but the file has 4"), wide.getMessage());
        refused(new CsvLoader().withFeatureCount(3), "1,2,0\n", 1, 0);
    }

    // ---- values -----------------------------------------------------------------------------------

    @Test
    void realValuedTargetsAreReadAsValues() throws IOException {
        Table t = read(HEADER.withLabelColumn("MEDV").withTarget(Target.VALUES),
                "CRIM,MEDV,RM\n0.00632,24.0,6.575\n0.02731,21.6,6.421\n");
        assertEquals(List.of("CRIM", "RM"), t.featureNames());
        assertEquals("MEDV", t.targetName().orElseThrow());
        DMatrixRMaj y = t.targets();
        assertEquals(2, y.numRows);
        assertEquals(1, y.numCols);
        assertEquals(21.6, y.get(1, 0), 0.0);
        assertTrue(t.classNames().isEmpty());
        assertThrows(IllegalStateException.class, t::labels);
        assertThrows(IllegalStateException.class, t::dataSet);
        DataFormatException e = refused(new CsvLoader().withTarget(Target.VALUES), "1,2\n3,x\n", 2, 2);
        assertTrue(e.getMessage().contains("'x' is not a number"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> new CsvLoader().withTarget(Target.VALUES).load(new ByteArrayInputStream(new byte[1]), "x"));
    }
}
