package dev.mlp.io;

import dev.mlp.activation.Activation;
import dev.mlp.activation.GELU;
import dev.mlp.activation.Identity;
import dev.mlp.activation.LeakyReLU;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Softmax;
import dev.mlp.activation.Tanh;
import dev.mlp.loss.BinaryCrossEntropy;
import dev.mlp.loss.Loss;
import dev.mlp.loss.MeanSquaredError;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.model.DenseLayer;
import dev.mlp.model.InputScaling;
import dev.mlp.model.Network;
import dev.mlp.linalg.Backend;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static dev.mlp.io.ModelFixtures.bytes;
import static dev.mlp.io.ModelFixtures.network;
import static dev.mlp.io.ModelFixtures.randomInput;
import static dev.mlp.io.ModelFixtures.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelRoundTripTest {

    @TempDir
    Path dir;

    static Stream<Arguments> architectures() {
        return Stream.of(
                Arguments.of("relu-softmax", new int[] {3, 5, 2}, List.of(new ReLU(), new Softmax()),
                        new SoftmaxCrossEntropy()),
                Arguments.of("tanh-sigmoid", new int[] {4, 6, 1}, List.of(new Tanh(), new Sigmoid()),
                        new BinaryCrossEntropy()),
                Arguments.of("leaky-gelu-identity", new int[] {2, 7, 5, 3},
                        List.of(new LeakyReLU(0.2), new GELU(), new Identity()), new MeanSquaredError()),
                Arguments.of("four-layers-mse-on-softmax", new int[] {5, 4, 4, 4, 2},
                        List.of(new Sigmoid(), new LeakyReLU(), new ReLU(), new Softmax()),
                        MeanSquaredError.allowingSoftmax()),
                Arguments.of("single-identity-layer", new int[] {1, 1}, List.of(new Identity()), null),
                Arguments.of("gelu-tanh-leaky", new int[] {6, 3, 8, 2},
                        List.of(new GELU(), new Tanh(), new LeakyReLU(0.0)), new MeanSquaredError()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void savedThenLoadedNetworkPredictsBitIdentically(String name, int[] sizes, List<Activation> activations,
                                                       Loss loss) throws IOException {
        Network net = network(sizes, activations, name.hashCode());
        for (boolean withExtras : new boolean[] {false, true}) {
            SavedModel model = withExtras
                    ? new SavedModel(net, loss, scalingFor(sizes[0]), Map.of("seed", "11", "arch", name))
                    : SavedModel.of(net);
            Path file = dir.resolve(name + "-" + withExtras + ".mlp");
            ModelIO.save(file, model);
            SavedModel loaded = ModelIO.load(file);

            DMatrixRMaj x = randomInput(17, sizes[0], 99);
            assertBitIdentical(model.predict(x), loaded.predict(x));
            assertBitIdentical(net.predict(x), loaded.network().predict(x));
            assertArrayEquals(sizes, loaded.network().sizes());
            for (int i = 0; i < activations.size(); i++) {
                Activation expected = activations.get(i);
                Activation actual = loaded.network().layer(i).activation();
                assertEquals(expected.getClass(), actual.getClass());
                assertEquals(expected.toString(), actual.toString());
                assertBitIdentical(net.layer(i).weights(), loaded.network().layer(i).weights());
                assertBitIdentical(net.layer(i).bias(), loaded.network().layer(i).bias());
            }
            if (withExtras) {
                assertEquals(model.scaling(), loaded.scaling());
                assertEquals(model.metadata(), loaded.metadata());
                assertSameLoss(loss, loaded.loss());
            } else {
                assertNull(loaded.loss());
                assertNull(loaded.scaling());
                assertTrue(loaded.metadata().isEmpty());
            }
        }
    }

    private static InputScaling scalingFor(int columns) {
        Random r = new Random(columns);
        double[] offset = new double[columns];
        double[] scale = new double[columns];
        for (int i = 0; i < columns; i++) {
            offset[i] = r.nextGaussian();
            scale[i] = 0.1 + r.nextDouble();
        }
        return new InputScaling(offset, scale);
    }

    private static void assertSameLoss(Loss expected, Loss actual) {
        if (expected == null) {
            assertNull(actual);
            return;
        }
        assertEquals(expected.getClass(), actual.getClass());
        assertEquals(acceptsSoftmax(expected), acceptsSoftmax(actual));
    }

    private static boolean acceptsSoftmax(Loss loss) {
        try {
            loss.checkOutput(new Softmax());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void mseRemembersWhetherItAllowsASoftmaxOutput() throws IOException {
        Network net = network(new int[] {3, 2}, List.of(new Softmax()), 5);
        SavedModel loaded = read(bytes(new SavedModel(net, MeanSquaredError.allowingSoftmax(), null, null)));
        assertDoesNotThrow(() -> loaded.loss().checkOutput(new Softmax()));

        Network linear = network(new int[] {3, 2}, List.of(new Identity()), 5);
        SavedModel plain = read(bytes(new SavedModel(linear, new MeanSquaredError(), null, null)));
        assertThrows(IllegalArgumentException.class, () -> plain.loss().checkOutput(new Softmax()));
    }

    @Test
    void everyFiniteDoubleRoundTripsBitForBit() throws IOException {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
                Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, -Double.MAX_VALUE,
                0.1, 1.0 / 3, Math.nextUp(1.0), Math.nextDown(1.0), 1e-310, 123456789.0e20, 2e-7, 1e7, 1e-3));
        Random r = new Random(7);
        while (values.size() < 400) {
            double v = Double.longBitsToDouble(r.nextLong());
            if (Double.isFinite(v)) {
                values.add(v);
            }
        }
        Network net = network(new int[] {values.size(), 1}, List.of(new Identity()), 1);
        for (int i = 0; i < values.size(); i++) {
            net.layer(0).weights().data[i] = values.get(i);
        }
        net.layer(0).bias().data[0] = -0.0;
        SavedModel loaded = read(bytes(SavedModel.of(net)));
        assertBitIdentical(net.layer(0).weights(), loaded.network().layer(0).weights());
        assertBitIdentical(net.layer(0).bias(), loaded.network().layer(0).bias());
    }

    @Test
    void metadataWithNewlinesUnicodeAndSpecialCharactersRoundTripsInOrder() throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("zeta", "first key written first");
        meta.put("multi\nline key", "line 1\nline 2\r\nline 3\n");
        meta.put("equals", "a=b=c; x = y");
        meta.put("quotes", "\"quoted\" and \\backslash\\ and \\n literal");
        meta.put("unicode", "é 中文 😀 Ω");
        meta.put("controls", "nul\u0000 bell\u0007 esc\u001b del\u007f c1\u0085 tab\t");
        meta.put("separators", "ls\u2028ps\u2029bom\ufeff");
        meta.put("lone surrogates", "\ud800 and \udfff and reversed \udc00\ud800");
        meta.put("", "empty key");
        meta.put("empty value", "");
        meta.put("spaces", "  leading and trailing  ");
        meta.put("config", "{\"epochs\": 30, \"lr\": 0.1}");
        meta.put("meta \"fake\" \"entry\"", "crc32 00000000\nlayer 0 1 1 relu");
        SavedModel model = new SavedModel(ModelFixtures.tinyModel().network(), null, null, meta);

        byte[] file = bytes(model);
        SavedModel loaded = read(file);

        assertEquals(new ArrayList<>(meta.entrySet()), new ArrayList<>(loaded.metadata().entrySet()));
        String text = new String(file, StandardCharsets.UTF_8);
        // magic, layers, loss, scaling, target-scaling, input-names, class-names, metadata header,
        // 13 entries, 4 lines per layer (one layer), checksum
        assertEquals(8 + meta.size() + 4 + 1, text.split("\n", -1).length - 1);
        assertTrue(text.contains("meta \"unicode\" \"é 中文 😀 Ω\"\n"), "printable unicode is written as itself");
    }

    @Test
    void streamWriteAndFileSaveProduceTheSameDeterministicBytes() throws IOException {
        SavedModel model = ModelFixtures.smallModel();
        Path file = dir.resolve("model.mlp");
        ModelIO.save(file, model);
        assertArrayEquals(bytes(model), Files.readAllBytes(file));
        assertArrayEquals(bytes(model), bytes(ModelIO.load(file)));
    }

    @Test
    void fileLayoutIsTheDocumentedOne() throws IOException {
        Network net = Network.fromLayers(List.of(new DenseLayer(2, 3, new LeakyReLU(0.01), 0.25),
                new DenseLayer(3, 1, new Sigmoid())));
        double[] w0 = {0.5, -1.25, 2.0, 0.0, 1.0E-5, -3.0};
        System.arraycopy(w0, 0, net.layer(0).weights().data, 0, 6);
        System.arraycopy(new double[] {0.1, 0.0, -0.1}, 0, net.layer(0).bias().data, 0, 3);
        System.arraycopy(new double[] {1.5, -2.0, 0.75}, 0, net.layer(1).weights().data, 0, 3);
        net.layer(1).bias().data[0] = 0.25;
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("seed", "1");
        meta.put("note", "line one\nline two");
        SavedModel model = new SavedModel(net, new BinaryCrossEntropy(),
                new InputScaling(new double[] {0.0, 10.0}, new double[] {1.0, 5.0}), meta)
                .withInputNames(List.of("width", "height, cm")).withClassNames(List.of("no", "yes"));

        String expectedBody = String.join("\n",
                "mlp-model 3",
                "layers 2",
                "loss binary_cross_entropy",
                "scaling 2",
                "offset 0.0 10.0",
                "scale 1.0 5.0",
                "target-scaling none",
                "input-names 2",
                "input \"width\"",
                "input \"height, cm\"",
                "class-names 2",
                "class \"no\"",
                "class \"yes\"",
                "metadata 2",
                "meta \"seed\" \"1\"",
                "meta \"note\" \"line one\\nline two\"",
                "layer 0 2 3 leaky_relu 0.01",
                "dropout 0.25",
                "weights 0.5 -1.25 2.0 0.0 1.0E-5 -3.0",
                "bias 0.1 0.0 -0.1",
                "layer 1 3 1 sigmoid",
                "dropout 0.0",
                "weights 1.5 -2.0 0.75",
                "bias 0.25",
                "");
        assertEquals(ModelFixtures.withChecksum(expectedBody), ModelFixtures.text(model));
    }

    /** The example in docs/model-format.md is a real, loadable file. */
    @Test
    void documentedExampleFileLoads() throws IOException {
        Path doc = Stream.of(Path.of("..", "docs", "model-format.md"), Path.of("docs", "model-format.md"))
                .filter(Files::exists).findFirst().orElseThrow(() -> new AssertionError("docs/model-format.md not found"));
        String md = Files.readString(doc, StandardCharsets.UTF_8);
        int start = md.indexOf("```\nmlp-model 3\n");
        assertTrue(start >= 0, "the doc has an example block starting with 'mlp-model 3'");
        int end = md.indexOf("```", start + 3);
        String example = md.substring(start + 4, end);
        SavedModel loaded = read(example);
        assertArrayEquals(new int[] {2, 3, 1}, loaded.network().sizes());
        assertInstanceOf(BinaryCrossEntropy.class, loaded.loss());
        assertEquals("line one\nline two", loaded.metadata().get("note"));
        assertEquals(List.of("width", "height, cm"), loaded.inputNames());
        assertEquals(List.of("no", "yes"), loaded.classNames());
        assertEquals(0.25, loaded.network().layer(0).dropout());
        assertEquals(0.0, loaded.network().layer(1).dropout());
    }

    @Test
    void modelsTheFormatCannotRepresentAreRefusedBeforeWriting() {
        Network net = ModelFixtures.tinyModel().network();
        net.layer(0).weights().data[1] = Double.NaN;
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> bytes(SavedModel.of(net)));
        assertTrue(nan.getMessage().contains("layer 0 weights"), nan.getMessage());

        Activation custom = new Activation() {
            @Override
            public String name() {
                return "relu";
            }

            @Override
            public void forward(DMatrixRMaj z, DMatrixRMaj a, Backend backend) {
                a.setTo(z);
            }

            @Override
            public void backward(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj grad) {
            }
        };
        Network odd = Network.fromLayers(List.of(new DenseLayer(2, 2, custom)));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> bytes(SavedModel.of(odd)));
        assertTrue(unknown.getMessage().contains("cannot save activation"), unknown.getMessage());
    }

    @Test
    void savedModelRefusesInconsistentParts() {
        Network net = network(new int[] {2, 3}, List.of(new Sigmoid()), 1);
        assertThrows(IllegalArgumentException.class,
                () -> new SavedModel(net, new SoftmaxCrossEntropy(), null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new SavedModel(net, null, new InputScaling(new double[3], new double[] {1, 1, 1}), null));
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("k", null);
        assertThrows(IllegalArgumentException.class, () -> new SavedModel(net, null, null, withNull));
        assertThrows(IllegalArgumentException.class, () -> new SavedModel(null, null, null, null));
    }

    static void assertBitIdentical(DMatrixRMaj expected, DMatrixRMaj actual) {
        assertEquals(expected.numRows, actual.numRows);
        assertEquals(expected.numCols, actual.numCols);
        int n = expected.getNumElements();
        long[] e = new long[n];
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            e[i] = Double.doubleToRawLongBits(expected.data[i]);
            a[i] = Double.doubleToRawLongBits(actual.data[i]);
        }
        assertArrayEquals(e, a);
    }
}
