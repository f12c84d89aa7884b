package dev.mlp.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static dev.mlp.data.NpyTest.npy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Features and labels from numpy arrays: class names, class indices, values, missing values. */
class NpzLoaderTest {

    @Test
    void textLabelsAreClassNamesAndIntegersAreIndices() throws IOException {
        Table names = new NpzLoader().read(npy("iris6.npz"));
        assertEquals(List.of("setosa", "versicolor", "virginica"), names.classNames());
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, names.labels());
        assertEquals(6, names.rows());
        assertEquals(4, names.columns());
        assertEquals(7.0, names.features().get(1, 0), 0.0);
        assertEquals("y", names.targetName().orElseThrow());

        Table indices = new NpzLoader().read(npy("iris6-compressed.npz"));
        assertEquals(List.of("0", "1", "2"), indices.classNames());
        assertArrayEquals(names.features().data, indices.features().data, 0.0);
        assertArrayEquals(names.labels(), indices.labels());

        Table given = new NpzLoader().withClassNames(List.of("virginica", "versicolor", "setosa"))
                .read(npy("iris6.npz"));
        assertArrayEquals(new int[] {2, 1, 0, 2, 1, 0}, given.labels());
        DataFormatException unknown = assertThrows(DataFormatException.class,
                () -> new NpzLoader().withClassNames(List.of("setosa", "versicolor")).read(npy("iris6.npz")));
        assertTrue(unknown.getMessage().contains("'virginica' is not one of the 2 classes"), unknown.getMessage());
        assertTrue(unknown.getMessage().startsWith(npy("iris6.npz") + ", array 'y', line 0, column "),
                unknown.getMessage());
    }

    @Test
    void valuesForRegressionAndOtherArrayNames() throws IOException {
        Table t = new NpzLoader().withArrays("X", "target").withTarget(Target.VALUES).read(npy("iris6-compressed.npz"));
        assertEquals(6, t.targets().numRows);
        assertEquals(7.0 * 2 + 1, t.targets().get(1, 0), 1e-12);
        DataFormatException text = assertThrows(DataFormatException.class,
                () -> new NpzLoader().withTarget(Target.VALUES).read(npy("iris6.npz")));
        assertTrue(text.getMessage().contains("regression needs numbers"), text.getMessage());
        // no labels needed to predict
        Table features = new NpzLoader().withArrays("X", "absent").withTarget(Target.NONE).read(npy("iris6.npz"));
        assertEquals(6, features.rows());
    }

    @Test
    void missingValuesAreRefusedOrTheirRowsLeftOut() throws IOException {
        DataFormatException e = assertThrows(DataFormatException.class, () -> new NpzLoader().read(npy("missing.npz")));
        assertTrue(e.getMessage().contains("array 'X'") && e.getMessage().contains("element [2, 1] is a missing value"),
                e.getMessage());
        Table t = new NpzLoader().withMissingValues(MissingValues.DROP_ROW).read(npy("missing.npz"));
        assertEquals(4, t.rows());
        assertArrayEquals(new int[] {2, 3}, t.droppedLines(), "the rows left out, counted from 0");
        assertArrayEquals(new int[] {0, 1, 4, 5}, t.rowNumbers());
        assertArrayEquals(new int[] {0, 1, 1, 2}, t.labels());
    }

    @Test
    void shapesMustFit() throws IOException {
        NpyArray x = Npy.read(npy("f8.npy"));
        DataFormatException rows = assertThrows(DataFormatException.class,
                () -> new NpzLoader().read(x, Npy.read(npy("i8.npy"))));
        assertTrue(rows.getMessage().contains("has 4 rows but the features array has 3"), rows.getMessage());
        DataFormatException wide = assertThrows(DataFormatException.class,
                () -> new NpzLoader().withFeatureCount(3).withTarget(Target.NONE).read(x, null));
        assertTrue(wide.getMessage().contains("expected 3 features per row"), wide.getMessage());
        DataFormatException twoD = assertThrows(DataFormatException.class,
                () -> new NpzLoader().read(Npy.read(npy("i4-big-endian.npy")), x));
        assertTrue(twoD.getMessage().contains("must be 1-d or n × 1"), twoD.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NpzLoader().withArrays("X", "X"));
        DataFormatException text = assertThrows(DataFormatException.class,
                () -> new NpzLoader().withTarget(Target.NONE).read(Npy.read(npy("text.npy")), null));
        assertTrue(text.getMessage().contains("the features are text"), text.getMessage());
    }
}
