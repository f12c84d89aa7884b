package dev.mlp.onnx;

import dev.mlp.activation.Activation;
import dev.mlp.io.SavedModel;
import dev.mlp.model.DenseLayer;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Import reads back every graph export writes: in float64 the very network (same activations,
 * weights, biases and scaling, so predictions equal bit for bit), in float32 the network with each
 * value rounded to a float.
 */
class RoundTripTest {

    @Test
    void everyExportedPairingImportsToTheSameNetwork() throws Exception {
        int seed = 1;
        for (Activation hidden : ExportRuntimeTest.HIDDEN) {
            for (Activation output : ExportRuntimeTest.OUTPUT) {
                for (boolean scaled : new boolean[] {false, true}) {
                    SavedModel model = ExportRuntimeTest.model(hidden, output, scaled, seed++);
                    DMatrixRMaj x = ExportRuntimeTest.inputs(model, 20, seed);
                    for (Precision precision : Precision.values()) {
                        String what = hidden + " hidden, " + output + " output, " + precision
                                + (scaled ? ", scaled" : "");
                        SavedModel back = Onnx.read(new ByteArrayInputStream(Onnx.toBytes(model, precision)), what);
                        assertEquals(model.network().sizes().length, back.network().sizes().length, what);
                        assertArrayEquals(model.network().sizes(), back.network().sizes(), what);
                        assertNull(back.loss(), what);
                        assertEquals(scaled, back.scaling() != null, what);
                        for (int l = 0; l < model.network().layers().size(); l++) {
                            DenseLayer a = model.network().layer(l);
                            DenseLayer b = back.network().layer(l);
                            assertEquals(a.activation().getClass(), b.activation().getClass(), what + " layer " + l);
                        }
                        if (precision == Precision.FLOAT64) {
                            assertEquals(model.network().toString(), back.network().toString(), what);
                            assertEquals(model.scaling(), back.scaling(), what);
                            assertArrayEquals(model.predict(x).data, back.predict(x).data, 0, what);
                        } else {
                            double diff = ExportRuntimeTest.maxDifference(model.predict(x), back.predict(x));
                            assertTrue(diff < ExportRuntimeTest.FLOAT32_TOLERANCE, what + ": " + diff);
                        }
                    }
                }
            }
        }
    }

    @Test
    void metadataTravelsInMetadataProps() throws Exception {
        SavedModel model = ExportRuntimeTest.model(new dev.mlp.activation.ReLU(), new dev.mlp.activation.Softmax(),
                true, 3);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("seed", "3");
        meta.put("class-names", "cat,dog,é,中文");
        meta.put("", "");
        SavedModel withMeta = new SavedModel(model.network(), new dev.mlp.loss.SoftmaxCrossEntropy(), model.scaling(), meta);
        SavedModel back = Onnx.read(new ByteArrayInputStream(Onnx.toBytes(withMeta, Precision.FLOAT64)), "m");
        assertEquals(meta, back.metadata());
        assertEquals(new java.util.ArrayList<>(meta.keySet()), new java.util.ArrayList<>(back.metadata().keySet()));
    }

    /**
     * Dropout acts in training only, so the exported graph of a network with dropout is the graph of
     * the same network without it, byte for byte (no Dropout node), and imports back without it.
     */
    @Test
    void dropoutVanishesFromTheExportedGraph() throws Exception {
        SavedModel model = ExportRuntimeTest.model(new dev.mlp.activation.ReLU(), new dev.mlp.activation.Softmax(),
                true, 5);
        java.util.List<DenseLayer> dropping = new java.util.ArrayList<>();
        for (DenseLayer layer : model.network().layers()) {
            boolean hidden = dropping.size() < model.network().layers().size() - 1;
            DenseLayer copy = new DenseLayer(layer.inputs(), layer.outputs(), layer.activation(), hidden ? 0.5 : 0);
            copy.weights().setTo(layer.weights());
            copy.bias().setTo(layer.bias());
            dropping.add(copy);
        }
        SavedModel withDropout = new SavedModel(dev.mlp.model.Network.fromLayers(dropping), model.loss(),
                model.scaling(), model.metadata());
        assertTrue(withDropout.network().hasDropout());
        for (Precision precision : Precision.values()) {
            byte[] exported = Onnx.toBytes(withDropout, precision);
            assertArrayEquals(Onnx.toBytes(model, precision), exported, precision.toString());
            SavedModel back = Onnx.read(new ByteArrayInputStream(exported), "dropout");
            assertTrue(!back.network().hasDropout(), precision.toString());
        }
        DMatrixRMaj x = ExportRuntimeTest.inputs(model, 10, 6);
        SavedModel back = Onnx.read(new ByteArrayInputStream(Onnx.toBytes(withDropout, Precision.FLOAT64)), "dropout");
        assertArrayEquals(withDropout.predict(x).data, back.predict(x).data, 0);
    }
}
