package dev.mlp.model;

import dev.mlp.Checks;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.io.SavedModel;
import dev.mlp.linalg.Backends;
import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.MatrixType;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.mlp.testing.AllocationCounting.assertAllocatesAsMuchAs;
import static dev.mlp.testing.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link SimpleMatrix} forms of prediction are their {@link DMatrixRMaj} forms: the same bits,
 * no copy of the input or of the result, and a matrix of another type refused by name.
 */
class SimpleMatrixPredictionTest {

    private static Network network() {
        return Network.of(new int[] {64, 8, 3}, List.of(new ReLU(), new Sigmoid()), new NumpyRandom(5));
    }

    @Test
    void everyPredictionOfASimpleMatrixHasTheBitsOfItsDMatrixRMajForm() {
        Network net = network();
        DMatrixRMaj x = new NumpyRandom(6).randn(40, 64);
        SimpleMatrix sx = SimpleMatrix.wrap(x);

        assertArrayEquals(net.predict(x).data, net.predict(sx).getDDRM().data, 0.0);
        assertArrayEquals(net.predict(x, Backends.byName("ejml")).data,
                net.predict(sx, Backends.byName("ejml")).getDDRM().data, 0.0);
        assertArrayEquals(net.predictProba(x).data, net.predictProba(sx).getDDRM().data, 0.0);
        assertArrayEquals(net.predictClass(x), net.predictClass(sx));
        assertTrue(java.util.Arrays.deepEquals(net.predictLabels(x, 0.5), net.predictLabels(sx, 0.5)));

        double[] offset = new double[64];
        double[] scale = new double[64];
        java.util.Arrays.fill(offset, 0.25);
        java.util.Arrays.fill(scale, 3.0);
        SavedModel model = new SavedModel(net, null, new InputScaling(offset, scale), null);
        assertArrayEquals(model.predict(x).data, model.predict(sx).getDDRM().data, 0.0);
        assertArrayEquals(SavedModel.of(net).predict(x).data, SavedModel.of(net).predict(sx).getDDRM().data, 0.0);
    }

    /**
     * x is 2000 × 64 doubles (1 MB) and the result 2000 × 3 (48 KB): a copy of either would show
     * in the bytes the calling thread allocates, which the SimpleMatrix form exceeds the DMatrixRMaj
     * form's by no more than its small wrapper objects.
     */
    @Test
    void predictingASimpleMatrixCopiesNeitherTheInputNorTheResult() {
        Network net = network();
        DMatrixRMaj x = new NumpyRandom(7).randn(2000, 64);
        SimpleMatrix sx = SimpleMatrix.wrap(x);
        assertSame(x, Checks.requireDDRM(sx, "x"), "unwrapping gives the wrapped matrix itself");

        assertAllocatesAsMuchAs(() -> net.predict(x), () -> net.predict(sx), 2000 * 3 * 8);
        assertAllocatesAsMuchAs(() -> net.predictProba(x), () -> net.predictProba(sx), 2000 * 3 * 8);
        assertAllocatesAsMuchAs(() -> net.predictClass(x), () -> net.predictClass(sx), 2000 * 4);
    }

    /**
     * {@code SimpleMatrix.getDDRM()} would quietly convert a float or sparse matrix into a new dense
     * one; the library refuses it instead, naming the argument and the type it got.
     */
    @Test
    void aSimpleMatrixOfAnotherTypeIsRefusedByNameNotConverted() {
        Network net = network();
        SavedModel model = SavedModel.of(net);
        for (MatrixType type : new MatrixType[] {MatrixType.FDRM, MatrixType.DSCC, MatrixType.FSCC}) {
            SimpleMatrix x = new SimpleMatrix(2, 64, type);
            String[] words = {"x must be a SimpleMatrix of dense doubles (MatrixType.DDRM), got " + type,
                    "x.getDDRM() copies it into one"};
            assertRefused(() -> net.predict(x), words);
            assertRefused(() -> net.predict(x, Backends.byName("ejml")), words);
            assertRefused(() -> net.predictProba(x), words);
            assertRefused(() -> net.predictClass(x), words);
            assertRefused(() -> net.predictLabels(x, 0.5), words);
            assertRefused(() -> model.predict(x), words);
        }
        IllegalArgumentException complex = assertRefused(() -> net.predict(new SimpleMatrix(2, 64, MatrixType.ZDRM)),
                "x must be a SimpleMatrix of dense doubles (MatrixType.DDRM), got ZDRM");
        assertTrue(!complex.getMessage().contains("getDDRM"), "no conversion exists for complex numbers: "
                + complex.getMessage());
    }

    @Test
    void aNullSimpleMatrixIsRefusedAsANullDMatrixRMajIs() {
        Network net = network();
        assertRefused(() -> net.predict((SimpleMatrix) null), "x must not be null");
        assertRefused(() -> net.predictClass((SimpleMatrix) null), "x must not be null");
        assertRefused(() -> SavedModel.of(net).predict((SimpleMatrix) null), "x must not be null");
    }
}
