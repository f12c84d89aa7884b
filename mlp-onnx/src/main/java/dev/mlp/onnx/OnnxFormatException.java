package dev.mlp.onnx;

import java.io.IOException;

/**
 * An ONNX model that cannot be imported: not a valid ONNX protocol buffer, or a graph other than
 * the dense feed-forward networks this module reads. The message is
 * {@code <source>: <problem>}; a problem with a node names it, with its operator, as
 * {@code node 3 'Conv_0' (Conv)}.
 */
public final class OnnxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final String problem;

    public OnnxFormatException(String sourceName, String problem) {
        super(sourceName + ": " + problem);
        this.sourceName = sourceName;
        this.problem = problem;
    }

    /** How the input was named, for example its file name. */
    public String sourceName() {
        return sourceName;
    }

    /** What is wrong, without the source name. */
    public String problem() {
        return problem;
    }
}
