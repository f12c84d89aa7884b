package dev.mlp.io;

import dev.mlp.model.DenseLayer;
import dev.mlp.model.InputScaling;
import dev.mlp.model.Network;
import org.ejml.data.DMatrixRMaj;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/** Writes format version 3; see {@code docs/model-format.md}. */
final class ModelWriter {

    private ModelWriter() {
    }

    /**
     * Refuses, before anything is written, a model the format cannot represent faithfully.
     *
     * @throws IllegalArgumentException naming the layer and the problem
     */
    static void checkSavable(SavedModel model) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        Codecs.encodeLoss(model.loss());
        List<DenseLayer> layers = model.network().layers();
        for (int i = 0; i < layers.size(); i++) {
            DenseLayer layer = layers.get(i);
            Codecs.encodeActivation(layer.activation());
            if (i > 0 && layer.inputs() != layers.get(i - 1).outputs()) {
                throw new IllegalArgumentException("layer " + i + " takes " + layer.inputs()
                        + " inputs but layer " + (i - 1) + " gives " + layers.get(i - 1).outputs());
            }
            requireFinite(layer.weights(), "layer " + i + " weights");
            requireFinite(layer.bias(), "layer " + i + " bias");
        }
    }

    private static void requireFinite(DMatrixRMaj m, String name) {
        int n = m.getNumElements();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(m.data[i])) {
                throw new IllegalArgumentException("cannot save " + name + ": value at row " + (i / m.numCols)
                        + ", column " + (i % m.numCols) + " is " + m.data[i]);
            }
        }
    }

    /** Writes the whole file, checksum line included, and flushes; does not close {@code out}. */
    static void write(OutputStream out, SavedModel model) throws IOException {
        checkSavable(model);
        CRC32 crc = new CRC32();
        Writer w = new BufferedWriter(new OutputStreamWriter(new CheckedOutputStream(out, crc),
                StandardCharsets.UTF_8), 1 << 16);
        Network network = model.network();
        List<DenseLayer> layers = network.layers();

        w.write(ModelIO.MAGIC + " " + ModelIO.FORMAT_VERSION + "\n");
        w.write("layers " + layers.size() + "\n");
        w.write("loss " + Codecs.encodeLoss(model.loss()) + "\n");

        writeScaling(w, "scaling", model.scaling());
        writeScaling(w, "target-scaling", model.targetScaling());
        StringBuilder line = new StringBuilder();
        writeNames(w, line, "input-names", "input", model.inputNames());
        writeNames(w, line, "class-names", "class", model.classNames());

        Map<String, String> metadata = model.metadata();
        w.write("metadata " + metadata.size() + "\n");
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            line.setLength(0);
            line.append("meta ");
            MetaText.quote(e.getKey(), line);
            line.append(' ');
            MetaText.quote(e.getValue(), line);
            line.append('\n');
            w.append(line);
        }

        for (int i = 0; i < layers.size(); i++) {
            DenseLayer layer = layers.get(i);
            w.write("layer " + i + " " + layer.inputs() + " " + layer.outputs() + " "
                    + Codecs.encodeActivation(layer.activation()) + "\n");
            w.write("dropout " + layer.dropout() + "\n");
            writeValues(w, "weights", layer.weights().data, layer.weights().getNumElements());
            writeValues(w, "bias", layer.bias().data, layer.bias().getNumElements());
        }

        w.flush();
        w.write(String.format("%s %08x\n", ModelIO.CHECKSUM_KEY, crc.getValue()));
        w.flush();
    }

    /** {@code keyword none}, or {@code keyword <columns>} and the offset and scale lines. */
    private static void writeScaling(Writer w, String keyword, InputScaling scaling) throws IOException {
        if (scaling == null) {
            w.write(keyword + " none\n");
        } else {
            w.write(keyword + " " + scaling.columns() + "\n");
            writeValues(w, "offset", scaling.offset(), scaling.columns());
            writeValues(w, "scale", scaling.scale(), scaling.columns());
        }
    }

    /** {@code section none}, or {@code section <count>} and a line {@code item "<name>"} per name. */
    private static void writeNames(Writer w, StringBuilder line, String section, String item, List<String> names)
            throws IOException {
        if (names.isEmpty()) {
            w.write(section + " none\n");
            return;
        }
        w.write(section + " " + names.size() + "\n");
        for (String name : names) {
            line.setLength(0);
            line.append(item).append(' ');
            MetaText.quote(name, line);
            w.append(line.append('\n'));
        }
    }

    private static void writeValues(Writer w, String keyword, double[] values, int count) throws IOException {
        w.write(keyword);
        for (int i = 0; i < count; i++) {
            w.write(' ');
            w.write(Double.toString(values[i]));
        }
        w.write('\n');
    }
}
