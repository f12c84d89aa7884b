package dev.mlp.onnx;

import dev.mlp.activation.Activation;
import dev.mlp.activation.GELU;
import dev.mlp.activation.Identity;
import dev.mlp.activation.LeakyReLU;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Softmax;
import dev.mlp.activation.Tanh;
import dev.mlp.io.SavedModel;
import dev.mlp.model.InputScaling;
import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every exported model runs in ONNX Runtime to the library's own predictions: each hidden
 * activation (relu, sigmoid, tanh, leaky relu with a slope a float rounds and one it does not,
 * gelu, identity) before each output (softmax for softmax cross-entropy, sigmoid for binary
 * cross-entropy, identity for mean squared error), with and without input scaling, in float64
 * (within 1e-12) and float32 (within 1e-5, relative to the output's size when that exceeds 1).
 */
class ExportRuntimeTest {

    static final double FLOAT64_TOLERANCE = 1e-12;
    static final double FLOAT32_TOLERANCE = 1e-5;

    static final List<Activation> HIDDEN = List.of(new ReLU(), new Sigmoid(), new Tanh(), new LeakyReLU(),
            new LeakyReLU(0.25), new GELU(), new Identity());
    static final List<Activation> OUTPUT = List.of(new Softmax(), new Sigmoid(), new Identity());

    private static final double[] WORST = new double[2];
    private static final List<String> REPORT = new ArrayList<>();

    @Test
    void everyActivationPairingRunsToOurPredictionsInBothPrecisions() throws Exception {
        int seed = 1;
        for (Activation hidden : HIDDEN) {
            for (Activation output : OUTPUT) {
                for (boolean scaled : new boolean[] {false, true}) {
                    SavedModel model = model(hidden, output, scaled, seed++);
                    DMatrixRMaj x = inputs(model, 40, seed);
                    DMatrixRMaj ours = model.predict(x);
                    for (Precision precision : Precision.values()) {
                        byte[] onnx = Onnx.toBytes(model, precision);
                        DMatrixRMaj theirs = OrtRunner.run(onnx, x, precision);
                        double diff = maxDifference(ours, theirs);
                        String what = String.format(Locale.ROOT, "%s hidden, %s output, %s, %s", hidden, output,
                                scaled ? "scaled" : "unscaled", precision);
                        double tolerance = precision == Precision.FLOAT64 ? FLOAT64_TOLERANCE : FLOAT32_TOLERANCE;
                        assertTrue(diff <= tolerance, what + ": ONNX Runtime differs from predict by " + diff);
                        WORST[precision.ordinal()] = Math.max(WORST[precision.ordinal()], diff);
                    }
                }
            }
        }
        assertEquals(HIDDEN.size() * OUTPUT.size() * 2 * 2, 4 * 7 * 3);
    }

    /**
     * The float64 GELU's erf, built from Exp and polynomials, over every region it has (|z/√2| below
     * 2, 2 to 6, beyond 6) and their edges: within 1e-12 of GELU's, relative to max(1, |GELU(z)|).
     */
    @Test
    void float64GeluMatchesOnEveryRegionOfItsErf() throws Exception {
        Network network = Network.of(new int[] {1, 1}, List.of(new GELU()), new NumpyRandom(1));
        network.layer(0).weights().set(0, 0, 1);
        double[] edges = {0, 2 * Math.sqrt(2), 6 * Math.sqrt(2)};
        List<Double> z = new ArrayList<>();
        for (double v = -40; v <= 40; v += 0.01) {
            z.add(v);
        }
        for (double e : edges) {
            for (double side : new double[] {-1, 1}) {
                z.add(side * e);
                z.add(Math.nextUp(side * e));
                z.add(Math.nextDown(side * e));
            }
        }
        DMatrixRMaj x = new DMatrixRMaj(z.size(), 1);
        for (int i = 0; i < z.size(); i++) {
            x.data[i] = z.get(i);
        }
        SavedModel model = SavedModel.of(network);
        double diff = maxDifference(model.predict(x), OrtRunner.run(Onnx.toBytes(model, Precision.FLOAT64), x,
                Precision.FLOAT64));
        assertTrue(diff <= FLOAT64_TOLERANCE, "GELU differs by " + diff);
        WORST[Precision.FLOAT64.ordinal()] = Math.max(WORST[Precision.FLOAT64.ordinal()], diff);
    }

    /**
     * A regression trained on scaled targets: the export undoes the target scaling after the last
     * layer, so ONNX Runtime gives the outputs in the targets' own units, as SavedModel.predict does.
     */
    @Test
    void aTargetScalingIsUndoneInTheGraph() throws Exception {
        SavedModel base = model(new ReLU(), new Identity(), true, 2);
        int k = base.network().outputSize();
        double[] offset = new double[k];
        double[] scale = new double[k];
        for (int c = 0; c < k; c++) {
            offset[c] = 20 + 3 * c;
            scale[c] = 4.5 - c;
        }
        SavedModel model = new SavedModel(base.network(), null, base.scaling(), null, new InputScaling(offset, scale),
                null, null);
        DMatrixRMaj x = inputs(model, 50, 2);
        DMatrixRMaj ours = model.predict(x);
        assertTrue(maxDifference(ours, base.predict(x)) > 1, "the target scaling changes the outputs");
        for (Precision precision : Precision.values()) {
            double tolerance = precision == Precision.FLOAT64 ? FLOAT64_TOLERANCE : FLOAT32_TOLERANCE;
            double diff = maxDifference(ours, OrtRunner.run(Onnx.toBytes(model, precision), x, precision));
            assertTrue(diff <= tolerance, precision + ": ONNX Runtime differs from predict by " + diff);
        }
    }

    @AfterAll
    static void report() {
        System.out.printf(Locale.ROOT, "largest difference from ONNX Runtime: float64 %.3g, float32 %.3g%n",
                WORST[Precision.FLOAT64.ordinal()], WORST[Precision.FLOAT32.ordinal()]);
    }

    /** A 6-9-7-k network (k = 4, or 1 for a sigmoid or identity output half the time), with random biases. */
    static SavedModel model(Activation hidden, Activation output, boolean scaled, int seed) {
        NumpyRandom random = new NumpyRandom(seed);
        int k = output instanceof Softmax || seed % 2 == 0 ? 4 : 1;
        Network network = Network.of(new int[] {6, 9, 7, k}, List.of(hidden, hidden, output), random);
        for (var layer : network.layers()) {
            for (int i = 0; i < layer.outputs(); i++) {
                layer.bias().data[i] = random.nextGaussian() * 0.5;
            }
        }
        InputScaling scaling = null;
        if (scaled) {
            double[] offset = new double[6];
            double[] scale = new double[6];
            for (int c = 0; c < 6; c++) {
                offset[c] = random.nextGaussian() * 10;
                scale[c] = (0.1 + random.nextDouble()) * (c % 2 == 0 ? 3 : -0.7);
            }
            scaling = new InputScaling(offset, scale);
        }
        return new SavedModel(network, null, scaling, null);
    }

    /** Rows the model's scaling maps to about N(0, 2²), or N(0, 2²) without one. */
    static DMatrixRMaj inputs(SavedModel model, int rows, int seed) {
        NumpyRandom random = new NumpyRandom(1000 + seed);
        int n = model.network().inputSize();
        DMatrixRMaj x = new DMatrixRMaj(rows, n);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < n; c++) {
                double v = random.nextGaussian() * 2;
                if (model.scaling() != null) {
                    v = v * model.scaling().scale()[c] + model.scaling().offset()[c];
                }
                x.set(r, c, v);
            }
        }
        return x;
    }

    /** max |a - b| / max(1, |a|) over all entries. */
    static double maxDifference(DMatrixRMaj ours, DMatrixRMaj theirs) {
        assertEquals(ours.numRows, theirs.numRows);
        assertEquals(ours.numCols, theirs.numCols);
        double worst = 0;
        for (int i = 0; i < ours.getNumElements(); i++) {
            double a = ours.data[i];
            worst = Math.max(worst, Math.abs(a - theirs.data[i]) / Math.max(1, Math.abs(a)));
        }
        return worst;
    }
}
