package dev.mlp.activation;

import dev.mlp.random.NumpyRandom;
import dev.mlp.linalg.Backend;
import dev.mlp.linalg.Backends;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every activation: backward is the derivative of forward, forward reshapes, in-place works. */
class ActivationContractTest {

    /** The backend the activations compute with (the default path's; all give the same bits). */
    private static final Backend BACKEND = Backends.byName("blocked", 1);

    static Stream<Activation> activations() {
        return Stream.of(new ReLU(), new Sigmoid(), new Tanh(), new Identity(), new LeakyReLU(0.2),
                new Softmax(), new GELU());
    }

    /** For g fixed, d/dz Σ g ⊙ f(z) must equal backward(z, f(z), g). */
    @ParameterizedTest
    @MethodSource("activations")
    void backwardIsTheDerivativeOfForward(Activation f) {
        NumpyRandom random = new NumpyRandom(11);
        DMatrixRMaj z = random.randn(4, 5);
        for (int i = 0; i < z.getNumElements(); i++) {
            if (Math.abs(z.data[i]) < 1e-3) {
                z.data[i] = 0.5; // keep away from the ReLU kink
            }
        }
        DMatrixRMaj g = random.randn(4, 5);
        DMatrixRMaj a = new DMatrixRMaj(1, 1);
        f.forward(z, a, BACKEND);
        DMatrixRMaj analytic = g.copy();
        f.backward(z, a, analytic);

        double h = 1e-6;
        for (int i = 0; i < z.getNumElements(); i++) {
            double saved = z.data[i];
            z.data[i] = saved + h;
            double plus = dot(g, apply(f, z));
            z.data[i] = saved - h;
            double minus = dot(g, apply(f, z));
            z.data[i] = saved;
            double numeric = (plus - minus) / (2 * h);
            assertEquals(numeric, analytic.data[i], 1e-7 * Math.max(1, Math.abs(numeric)), f.name() + " entry " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("activations")
    void forwardReshapesItsOutputAndWorksInPlace(Activation f) {
        DMatrixRMaj z = new NumpyRandom(3).randn(3, 4);
        DMatrixRMaj out = new DMatrixRMaj(10, 10);
        f.forward(z, out, BACKEND);
        assertEquals(3, out.numRows);
        assertEquals(4, out.numCols);
        DMatrixRMaj inPlace = z.copy();
        f.forward(inPlace, inPlace, BACKEND);
        for (int i = 0; i < 12; i++) {
            assertEquals(out.data[i], inPlace.data[i], 0.0);
        }
        assertSame(f.name(), f.name());
        assertTrue(f.name().matches("[a-z_]+"));
    }

    private static DMatrixRMaj apply(Activation f, DMatrixRMaj z) {
        DMatrixRMaj a = new DMatrixRMaj(z.numRows, z.numCols);
        f.forward(z, a, BACKEND);
        return a;
    }

    private static double dot(DMatrixRMaj a, DMatrixRMaj b) {
        double s = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            s += a.data[i] * b.data[i];
        }
        return s;
    }
}
