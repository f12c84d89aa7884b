package dev.mlp.onnx;

/**
 * The element type of an exported ONNX model: of its input, output, weights and every value in
 * between.
 */
public enum Precision {

    /**
     * 32-bit floats (ONNX {@code FLOAT}): what most runtimes and accelerators run fastest, half the
     * size; every weight is rounded to the nearest float, so predictions differ from the library's
     * (which computes in doubles) by about 1e-7 relative, per layer.
     */
    FLOAT32(OnnxSchema.FLOAT),

    /**
     * 64-bit floats (ONNX {@code DOUBLE}): the library's own numbers bit for bit; a runtime's
     * predictions then differ from the library's only by the order of its sums and its own
     * exp, tanh and erf (about 1e-15 relative).
     */
    FLOAT64(OnnxSchema.DOUBLE);

    private final int dataType;

    Precision(int dataType) {
        this.dataType = dataType;
    }

    /** The ONNX TensorProto.DataType value. */
    int dataType() {
        return dataType;
    }
}
