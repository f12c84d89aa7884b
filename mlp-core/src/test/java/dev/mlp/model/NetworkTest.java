package dev.mlp.model;

import dev.mlp.activation.Activation;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkTest {

    /** The blog prints these after {@code np.random.seed(1); Network((2, 3, 1), (Relu, Sigmoid))}. */
    @Test
    void blogInitialWeightsAreReproducedToEightDecimals() {
        Network net = Network.of(new int[] {2, 3, 1}, List.of(new ReLU(), new Sigmoid()), new NumpyRandom(1));
        double[] w1 = {1.14858562, -0.43257711, -0.37347383, -0.75870339, 0.6119356, -1.62743362};
        double[] w2 = {1.00736754, -0.43948301, 0.18419731};
        assertArrayEquals(w1, net.layer(0).weights().data, 5e-9);
        assertArrayEquals(w2, net.layer(1).weights().data, 5e-9);
        assertArrayEquals(new double[3], net.layer(0).bias().data, 0.0);
        assertArrayEquals(new double[1], net.layer(1).bias().data, 0.0);
        assertEquals(2, net.layer(0).weights().numRows);
        assertEquals(3, net.layer(0).weights().numCols);
    }

    /** Golden values, all 17 digits, from src/test/resources/golden/blog_reference.py. */
    @Test
    void initialWeightsAreBitIdenticalToNumpy() {
        Network net = Network.of(new int[] {2, 3, 1}, List.of(new ReLU(), new Sigmoid()), new NumpyRandom(1));
        assertArrayEquals(new double[] {1.1485856216352066, -0.43257710852633086, -0.37347382765667075,
                -0.75870338872701459, 0.61193560318605422, -1.6274336197272976}, net.layer(0).weights().data, 0.0);
        assertArrayEquals(new double[] {1.0073675417556107, -0.43948300914078842, 0.18419730799058073},
                net.layer(1).weights().data, 0.0);
    }

    @Test
    void predictComputesTheForwardPassByHand() {
        Network net = Network.of(new int[] {2, 2, 1}, List.of(new ReLU(), new Sigmoid()), new NumpyRandom(1));
        net.layer(0).weights().data = new double[] {1, -1, 2, 1};
        net.layer(0).bias().data = new double[] {0.5, -3};
        net.layer(1).weights().data = new double[] {1, 2};
        net.layer(1).bias().data = new double[] {-1};
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 2}, {0, 0}});
        DMatrixRMaj out = net.predict(x);
        // row 0: z1 = [1+4+0.5, -1+2-3] = [5.5, -2] -> relu [5.5, 0] -> z2 = 5.5 - 1 = 4.5
        // row 1: z1 = [0.5, -3] -> [0.5, 0] -> z2 = -0.5
        assertEquals(1 / (1 + Math.exp(-4.5)), out.get(0, 0), 1e-15);
        assertEquals(1 / (1 + Math.exp(0.5)), out.get(1, 0), 1e-15);
        assertEquals(2, out.numRows);
        assertEquals(1, out.numCols);
    }

    @Test
    void anyDepthIsSupportedAndSummarised() {
        Network net = Network.of(new int[] {5, 8, 7, 6, 3}, List.of(new ReLU(), new ReLU(), new ReLU(), new Sigmoid()),
                new NumpyRandom(2));
        assertArrayEquals(new int[] {5, 8, 7, 6, 3}, net.sizes());
        assertEquals(5 * 8 + 8 + 8 * 7 + 7 + 7 * 6 + 6 + 6 * 3 + 3, net.parameterCount());
        assertEquals(4, net.predict(new DMatrixRMaj(4, 5)).numRows);
        String summary = net.summary();
        assertTrue(summary.contains("Dense(5 -> 8, relu)"), summary);
        assertTrue(summary.contains("total params: " + net.parameterCount()), summary);
    }

    @Test
    void copyIsDeep() {
        Network net = Network.of(new int[] {2, 3, 1}, List.of(new ReLU(), new Sigmoid()), new NumpyRandom(1));
        Network copy = net.copy();
        assertNotSame(net.layer(0).weights(), copy.layer(0).weights());
        copy.layer(0).weights().data[0] = 99;
        assertEquals(1.1485856216352066, net.layer(0).weights().data[0], 0.0);
    }

    @Test
    void badArchitecturesAreRefusedWithTheValuesInTheMessage() {
        NumpyRandom r = new NumpyRandom(1);
        List<Activation> two = List.of(new ReLU(), new Sigmoid());
        assertMessage(() -> Network.of(new int[] {4}, List.of(), r), "at least two", "[4]");
        assertMessage(() -> Network.of(new int[] {4, 0, 2}, two, r), "sizes[1]", "0");
        assertMessage(() -> Network.of(new int[] {4, -3, 2}, two, r), "sizes[1]", "-3");
        assertMessage(() -> Network.of(new int[] {4, 3, 2}, List.of(new ReLU()), r), "one activation per layer", "got 1");
        assertMessage(() -> Network.of(new int[] {4, 3, 2}, Arrays.asList(new ReLU(), null), r), "activations[1]");
        assertMessage(() -> Network.of(null, two, r), "sizes");
        assertMessage(() -> Network.of(new int[] {4, 3, 2}, two, null), "random");
    }

    @Test
    void predictRejectsWrongWidthAndNonFiniteInput() {
        Network net = Network.of(new int[] {2, 3, 1}, List.of(new ReLU(), new Sigmoid()), new NumpyRandom(1));
        assertMessage(() -> net.predict(new DMatrixRMaj(4, 3)), "x must have 2 columns", "4×3");
        DMatrixRMaj nan = new DMatrixRMaj(2, 2);
        nan.set(1, 0, Double.NaN);
        assertMessage(() -> net.predict(nan), "x", "NaN", "row 1", "column 0");
        assertMessage(() -> net.predict(new DMatrixRMaj(0, 2)), "x is empty");
    }

    /**
     * Every kernel's predict refuses NaN and ±∞ anywhere in x, naming the place, also where the
     * weights are zero and a ReLU would turn a NaN into 0 (so checking outputs would not do).
     */
    @Test
    void predictFindsEveryNonFiniteInputWithEveryKernelAndZeroWeights() {
        List<String> kernels = new java.util.ArrayList<>(dev.mlp.linalg.Backends.available());
        for (String name : kernels) {
            dev.mlp.linalg.Backend kernel = dev.mlp.linalg.Backends.byName(name, 1);
            // also the digits width (64 inputs), and a bad value in a middle row
            for (int inputs : new int[] {20, 64}) {
                for (boolean zeroWeights : new boolean[] {false, true}) {
                    Network net = Network.of(new int[] {inputs, 17, 3}, List.of(new ReLU(), new Sigmoid()),
                            new NumpyRandom(2));
                    if (zeroWeights) {
                        java.util.Arrays.fill(net.layer(0).weights().data, 0.0);
                    }
                    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                        for (int at : new int[] {0, 7, inputs * 5 + 3, inputs * 9 - 1}) {
                            DMatrixRMaj x = new DMatrixRMaj(9, inputs);
                            x.data[at] = bad;
                            assertMessage(() -> net.predict(x, kernel), "x has a non-finite value " + bad,
                                    "row " + at / inputs, "column " + at % inputs);
                        }
                    }
                }
            }
        }
    }

    /**
     * With a fast kernel predict checks z₀ = x W₀ + b₀ rather than x; weights that overflow z₀ on a
     * finite x must not be blamed on x (the answer is then ±∞/NaN, as from the upfront check).
     */
    @Test
    void finiteInputWhoseFirstProductOverflowsIsNotRefused() {
        for (String name : dev.mlp.linalg.Backends.available()) {
            dev.mlp.linalg.Backend kernel = dev.mlp.linalg.Backends.byName(name, 1);
            Network net = Network.of(new int[] {3, 4, 2}, List.of(new ReLU(), new Sigmoid()), new NumpyRandom(4));
            Arrays.fill(net.layer(0).weights().data, Double.MAX_VALUE);
            DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1e300, 1e300, 1e300}, {0.5, -0.25, 1}});
            DMatrixRMaj out = net.predict(x, kernel); // no exception: x is finite
            assertEquals(2, out.numRows, name);
            x.set(1, 2, Double.NaN);
            assertMessage(() -> net.predict(x, kernel), "x has a non-finite value NaN", "row 1", "column 2");
        }
    }

    /** A kernel of the caller's own gets the upfront check of x, whatever its arithmetic does. */
    @Test
    void aCallersOwnKernelStillHasItsInputChecked() {
        Network net = Network.of(new int[] {5, 4, 2}, List.of(new ReLU(), new Sigmoid()), new NumpyRandom(5));
        dev.mlp.linalg.Backend skipsEverything = new dev.mlp.linalg.Backend() {
            @Override
            public void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
                c.reshape(a.numRows, b.numCols);
                Arrays.fill(c.data, 0, c.getNumElements(), 0.0);
            }

            @Override
            public void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String name() {
                return "zeros";
            }
        };
        DMatrixRMaj x = new DMatrixRMaj(3, 5);
        x.set(2, 4, Double.NaN);
        assertMessage(() -> net.predict(x, skipsEverything), "x has a non-finite value NaN", "row 2", "column 4");
    }

    /**
     * predict keeps hidden activations in per-thread arrays: interleaving networks and batch sizes
     * (below and above the kept size) on one thread must give what a layer-by-layer forward pass
     * into new matrices gives, and every call must return its own matrix.
     */
    @Test
    void keptHiddenBuffersNeverLeakBetweenCallsNetworksOrSizes() {
        Network deep = Network.of(new int[] {6, 20, 15, 4}, List.of(new ReLU(), new ReLU(), new Sigmoid()),
                new NumpyRandom(3));
        Network wide = Network.of(new int[] {6, 30, 4}, List.of(new ReLU(), new Sigmoid()), new NumpyRandom(4));
        NumpyRandom random = new NumpyRandom(5);
        int large = Network.KEPT_HIDDEN / 20 + 7;
        DMatrixRMaj previous = null;
        for (int rows : new int[] {1, 9, large, 3, large, 1}) {
            DMatrixRMaj x = random.randn(rows, 6);
            for (Network net : List.of(deep, wide, deep)) {
                DMatrixRMaj got = net.predict(x);
                DMatrixRMaj expected = x;
                for (DenseLayer layer : net.layers()) {
                    DMatrixRMaj z = new DMatrixRMaj(1, 1);
                    layer.forward(expected, z, z, dev.mlp.linalg.Backends.defaultBackend());
                    expected = z;
                }
                assertEquals(rows, got.numRows);
                assertArrayEquals(Arrays.copyOf(expected.data, expected.getNumElements()),
                        Arrays.copyOf(got.data, got.getNumElements()), 0.0, rows + " rows");
                if (previous != null) {
                    assertNotSame(previous.data, got.data);
                }
                previous = got;
            }
        }
    }

    @Test
    void fromLayersRefusesLayersThatDoNotChain() {
        List<DenseLayer> layers = List.of(new DenseLayer(3, 4, new ReLU()), new DenseLayer(5, 1, new Sigmoid()));
        assertMessage(() -> Network.fromLayers(layers), "layer 1 takes 5", "gives 4");
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' lacks '" + part + "'");
        }
    }
}
