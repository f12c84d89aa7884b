package dev.mlp.onnx;

import java.io.IOException;

/**
 * An ONNX model that cannot be imported: not a valid ONNX protocol buffer, or a graph other than
 * the dense feed-forward networks this module reads. The message is
 * {@code <source>: <problem>}; a problem with a node names it, with its operator, as
 * {@code node 3 'Conv_0' (Conv)}.
 */
public final class OnnxFormatException extends IOException {

    /** Version 1 of the serialized form. */
    private static final long serialVersionUID = 1L;

    /** How the input was named. */
    private final String sourceName;
    /** What is wrong. */
    private final String problem;

    /**
     * An input that is not a model this module reads.
     *
     * @param sourceName how the input is named, for example its file name
     * @param problem    what is wrong, naming the node where a node is at fault
     */
    public OnnxFormatException(String sourceName, String problem) {
        super(sourceName + ": " + problem);
        this.sourceName = sourceName;
        this.problem = problem;
    }

    /** {@return how the input was named, for example its file name} */
    public String sourceName() {
        return sourceName;
    }

    /** {@return what is wrong, without the source name} */
    public String problem() {
        return problem;
    }
}
