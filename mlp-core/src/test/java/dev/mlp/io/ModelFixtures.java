package dev.mlp.io;

import dev.mlp.activation.Activation;
import dev.mlp.activation.LeakyReLU;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Softmax;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.model.DenseLayer;
import dev.mlp.model.InputScaling;
import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;

/** Networks, files and file surgery shared by the io tests. */
final class ModelFixtures {

    private ModelFixtures() {
    }

    /** A network with random weights and biases (biases are non-zero so that they matter). */
    static Network network(int[] sizes, List<? extends Activation> activations, int seed) {
        Network net = Network.of(sizes, activations, new NumpyRandom(seed));
        Random r = new Random(seed);
        for (DenseLayer layer : net.layers()) {
            for (int i = 0; i < layer.bias().getNumElements(); i++) {
                layer.bias().data[i] = r.nextGaussian() * 0.5;
            }
        }
        return net;
    }

    static DMatrixRMaj randomInput(int rows, int cols, long seed) {
        Random r = new Random(seed);
        DMatrixRMaj x = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < x.getNumElements(); i++) {
            x.data[i] = r.nextGaussian() * 3;
        }
        return x;
    }

    /**
     * A small model with every optional section but a target scaling: 2-3-2, leaky ReLU then
     * softmax, cross-entropy, input scaling, input and class names, and metadata that needs
     * escaping.
     */
    static SavedModel smallModel() {
        Network net = network(new int[] {2, 3, 2}, List.of(new LeakyReLU(0.05), new Softmax()), 3);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("seed", "3");
        meta.put("note", "two\nlines, \"quoted\", é");
        return new SavedModel(net, new SoftmaxCrossEntropy(),
                new InputScaling(new double[] {0.5, -1}, new double[] {2, 0.25}), meta)
                .withInputNames(List.of("x", "y")).withClassNames(List.of("no", "yes"));
    }

    /** A one-layer model, identity output, nothing optional. */
    static SavedModel tinyModel() {
        Network net = network(new int[] {2, 2}, List.of(new ReLU()), 1);
        return SavedModel.of(net);
    }

    static byte[] bytes(SavedModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelIO.write(out, model);
        return out.toByteArray();
    }

    static String text(SavedModel model) throws IOException {
        return new String(bytes(model), StandardCharsets.UTF_8);
    }

    static SavedModel read(byte[] data) throws IOException {
        return ModelIO.read(new ByteArrayInputStream(data), "test.mlp");
    }

    static SavedModel read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The file without its last (checksum) line. */
    static String body(String file) {
        int end = file.lastIndexOf('\n', file.length() - 2);
        return file.substring(0, end + 1);
    }

    /** Appends the checksum line a valid file would have, computed independently of the library. */
    static byte[] withChecksum(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body, 0, body.length);
        byte[] line = String.format("crc32 %08x\n", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[body.length + line.length];
        System.arraycopy(body, 0, out, 0, body.length);
        System.arraycopy(line, 0, out, body.length, line.length);
        return out;
    }

    static String withChecksum(String body) {
        return new String(withChecksum(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /** 1-based line number of the first line of {@code text} starting with {@code prefix}. */
    static int lineOf(String text, String prefix) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starts with " + prefix);
    }
}
