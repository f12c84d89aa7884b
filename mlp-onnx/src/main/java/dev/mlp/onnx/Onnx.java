package dev.mlp.onnx;

import dev.mlp.io.AtomicFiles;
import dev.mlp.io.SavedModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Exports a {@link SavedModel} as a standard ONNX model, and imports a feed-forward ONNX graph of
 * dense layers into one (docs/onnx.md says exactly what is written and what is read).
 *
 * <p>Export writes opset {@value #OPSET} operators any ONNX runtime has: the input scaling as Sub
 * and Div, each layer as Gemm and its activation (Relu, Sigmoid, Tanh, Softmax, LeakyRelu, and
 * GELU as z · 0.5 · (1 + Erf(z / √2))), in float32 or float64, with one input
 * {@value #INPUT_NAME} of shape [{@value #BATCH_DIMENSION}, inputs] and one output
 * {@value #OUTPUT_NAME} of shape [{@value #BATCH_DIMENSION}, outputs]. A network trained with
 * softmax cross-entropy ends in its Softmax, so the output holds probabilities. The model's
 * metadata goes into the ONNX metadata_props; its loss is not written (inference does not use
 * it).
 *
 * <p>Import reads a graph of Gemm (or MatMul and Add) layers with those activations, as PyTorch's
 * {@code torch.onnx.export} writes an {@code nn.Sequential} of Linear and activation modules, and
 * every graph this class exports. Anything else is refused with an {@link OnnxFormatException}
 * naming the node, never with an unchecked exception.
 *
 * <p>All methods are static and thread-safe as long as nobody trains the network being exported.
 * Nothing here prints.
 */
public final class Onnx {

    /** The opset of the default ONNX domain that export writes. */
    public static final int OPSET = 13;

    /** The ONNX IR version export writes (7, the one of opset 13). */
    public static final int IR_VERSION = 7;

    /** The name of the exported graph's input. */
    public static final String INPUT_NAME = "input";

    /** The name of the exported graph's output. */
    public static final String OUTPUT_NAME = "output";

    /** The symbolic first dimension of the input and output: any number of rows. */
    public static final String BATCH_DIMENSION = "batch";

    /** The producer_name of exported models. */
    public static final String PRODUCER_NAME = "mlp";

    private static final int MAX_INPUT_BYTES = Integer.MAX_VALUE - 16;

    private Onnx() {
    }

    /**
     * The ONNX model of {@code model} as bytes: deterministic, the same model and precision give
     * the same bytes.
     *
     * @param model     the network, with its input scaling and metadata
     * @param precision the element type of the graph
     * @return the bytes of an ONNX ModelProto
     * @throws IllegalArgumentException if model or precision is null, or the network holds a
     *                                  non-finite weight or an activation of another class than the
     *                                  library's seven
     */
    public static byte[] toBytes(SavedModel model, Precision precision) {
        return OnnxWriter.encode(model, precision);
    }

    /**
     * Writes the ONNX model of {@code model} to {@code file} atomically and durably, as
     * {@link dev.mlp.io.ModelIO#save} writes model files: a reader never sees a partial file, and
     * on failure an existing file is left as it was.
     *
     * @param file      the ONNX file to write (conventionally {@code .onnx})
     * @param model     the network, with its input scaling and metadata
     * @param precision the element type of the graph
     * @throws IllegalArgumentException as {@link #toBytes}, before any file is created
     * @throws IOException              if writing, forcing or moving fails
     */
    public static void save(Path file, SavedModel model, Precision precision) throws IOException {
        byte[] bytes = toBytes(model, precision);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * Writes the ONNX model of {@code model} to {@code out}, then flushes {@code out} without
     * closing it.
     *
     * @param out       where the bytes go
     * @param model     the network, with its input scaling and metadata
     * @param precision the element type of the graph
     * @throws IllegalArgumentException as {@link #toBytes}, before any byte is written
     * @throws IOException              if writing fails
     */
    public static void write(OutputStream out, SavedModel model, Precision precision) throws IOException {
        if (out == null) {
            throw new IllegalArgumentException("out must not be null");
        }
        out.write(toBytes(model, precision));
        out.flush();
    }

    /**
     * Reads the ONNX model at {@code file}; messages name it by {@code file.toString()}.
     *
     * @param file an ONNX model of dense layers
     * @return its network and input scaling, its metadata_props as metadata, and no loss
     * @throws OnnxFormatException if the file is not an ONNX model, or holds a graph this module
     *                             cannot import (the message names the node)
     * @throws IOException         if the file cannot be read
     */
    public static SavedModel load(Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        if (Files.size(file) > MAX_INPUT_BYTES) {
            throw tooLarge(file.toString());
        }
        return OnnxReader.parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * Reads an ONNX model from {@code in}, up to its end, without closing it.
     *
     * @param in         the bytes of an ONNX model of dense layers
     * @param sourceName how messages name the input, for example a file name
     * @return its network and input scaling, its metadata_props as metadata, and no loss
     * @throws OnnxFormatException as {@link #load}
     * @throws IOException         if reading fails
     */
    public static SavedModel read(InputStream in, String sourceName) throws IOException {
        if (in == null) {
            throw new IllegalArgumentException("in must not be null");
        }
        String source = sourceName == null ? "<stream>" : sourceName;
        byte[] data = in.readNBytes(MAX_INPUT_BYTES);
        if (data.length == MAX_INPUT_BYTES && in.read() >= 0) {
            throw tooLarge(source);
        }
        return OnnxReader.parse(data, source);
    }

    private static OnnxFormatException tooLarge(String source) {
        return new OnnxFormatException(source, "the input is larger than " + MAX_INPUT_BYTES
                + " bytes; ONNX models of more than 2 GB keep their weights in external files, "
                + "which this module does not read");
    }
}
