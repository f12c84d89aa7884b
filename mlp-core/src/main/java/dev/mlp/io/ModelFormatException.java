package dev.mlp.io;

import java.io.IOException;

/**
 * A model file (or stream) that cannot be read: wrong magic line, a format version newer than this
 * library supports, an unknown activation or loss, a count that does not match the declared
 * shapes, a value that is not a finite number, a truncated file, a checksum mismatch, data after
 * the checksum line, or an input too large to be a model.
 *
 * <p>The message has the form {@code "<source>, line <n>: <problem>"}, or
 * {@code "<source>: <problem>"} when the problem is not tied to a line (for example an input too
 * large to load). Lines are numbered from 1; a problem found at the end of a truncated input is
 * reported on the line that is missing.
 *
 * <p>I/O failures of the underlying stream are not wrapped: they reach the caller as the
 * {@link IOException} the stream threw.
 */
public final class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file or stream name, as given to {@link ModelIO#read}. */
    private final String sourceName;
    /** The 1-based line of the problem, or 0. */
    private final int lineNumber;
    /** What is wrong, in words, without the prefix. */
    private final String problem;

    /**
     * An exception whose message is built from the three parts, as the class comment shows.
     *
     * @param sourceName the file or stream name, as given to {@link ModelIO#read}
     * @param lineNumber the 1-based line the problem was found on, or 0 if none applies
     * @param problem    what is wrong, in words
     */
    public ModelFormatException(String sourceName, int lineNumber, String problem) {
        super(format(sourceName, lineNumber, problem));
        this.sourceName = sourceName;
        this.lineNumber = lineNumber;
        this.problem = problem;
    }

    private static String format(String sourceName, int lineNumber, String problem) {
        return lineNumber > 0
                ? sourceName + ", line " + lineNumber + ": " + problem
                : sourceName + ": " + problem;
    }

    /** {@return the file or stream name the problem was found in} */
    public String sourceName() {
        return sourceName;
    }

    /** {@return the 1-based line number of the problem, or 0 when it is not tied to a line} */
    public int lineNumber() {
        return lineNumber;
    }

    /** {@return what is wrong, without the source and line prefix} */
    public String problem() {
        return problem;
    }
}
