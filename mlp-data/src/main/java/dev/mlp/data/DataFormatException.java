package dev.mlp.data;

import java.io.IOException;

/**
 * A data file does not hold what its loader expects: a wrong number of columns, a value that is
 * not a number, an infinite value, a missing value, a label that is not one of the classes, a
 * quote left open, columns the header lacks or has too many of, an empty file, or a truncated or
 * corrupt gzip stream.
 *
 * <p>The message reads {@code "<source>, line <l>, column <c>: <what is wrong>"}. Lines and columns
 * are counted from 1, as an editor shows them; the line counts every line of the (decompressed)
 * text, the header and blank lines included. A {@link #column()} of 0 means the problem concerns
 * the whole line and the message then names no column.
 *
 * <p>It is an {@link IOException}, so a caller who already handles I/O failures handles this too;
 * catch it separately to tell a bad file from a failing disk.
 */
public class DataFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The input's name, as given to the loader. */
    private final String source;
    /** The 1-based line of the problem. */
    private final int line;
    /** The 1-based column of the problem, or 0 for the whole line. */
    private final int column;
    /** What is wrong, without the position. */
    private final String detail;

    /**
     * An exception whose message is built from the position and the detail, as the class comment
     * shows.
     *
     * @param source the file name or other name of the input, as given to the loader
     * @param line   1-based line number
     * @param column 1-based column number, or 0 when the problem concerns the whole line
     * @param detail what is wrong, without the position
     */
    public DataFormatException(String source, int line, int column, String detail) {
        this(source, line, column, detail, null);
    }

    /**
     * As {@link #DataFormatException(String, int, int, String)}, keeping the low-level cause.
     *
     * @param source the file name or other name of the input, as given to the loader
     * @param line   1-based line number
     * @param column 1-based column number, or 0 when the problem concerns the whole line
     * @param detail what is wrong, without the position
     * @param cause  the exception that revealed it (an {@code EOFException} or {@code ZipException}
     *               of a damaged gzip stream), or null
     */
    public DataFormatException(String source, int line, int column, String detail, Throwable cause) {
        super(position(source, line, column) + ": " + detail, cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    private static String position(String source, int line, int column) {
        return source + ", line " + line + (column > 0 ? ", column " + column : "");
    }

    /** {@return the name of the input (a path or a name the caller gave), as it appears in the message} */
    public String source() {
        return source;
    }

    /** {@return the 1-based line where the problem was found} */
    public int line() {
        return line;
    }

    /** {@return the 1-based column (field) where the problem was found; 0 when it concerns the whole line} */
    public int column() {
        return column;
    }

    /** {@return what is wrong, without the source and position} */
    public String detail() {
        return detail;
    }
}
