package dev.mlp.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Reads UTF-8 text lines from a byte stream, ending a line at '\n' and dropping a '\r' before it.
 * When the stream is gzip-compressed and breaks off or is corrupt, it reports the line and the
 * column (field) where the text stopped, which it can do because it keeps the bytes of the
 * unfinished line itself instead of leaving them in a {@link java.io.Reader}'s buffer.
 */
final class LineReader {

    private final InputStream in;
    private final boolean gzip;
    private final String source;
    private final char delimiter;

    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean endOfStream;

    private byte[] line = new byte[256];
    private int lineLength;
    private int linesRead;
    private boolean insideQuotes;

    LineReader(InputStream in, boolean gzip, String source, char delimiter) {
        this.in = in;
        this.gzip = gzip;
        this.source = source;
        this.delimiter = delimiter;
    }

    /** The number of lines returned so far; the last line returned has this 1-based number. */
    int linesRead() {
        return linesRead;
    }

    /**
     * Whether the next line starts inside a quoted CSV field, which a broken gzip stream's column
     * count takes into account.
     */
    void insideQuotes(boolean inside) {
        insideQuotes = inside;
    }

    /** The next line without its line terminator, or null at the end of the input. */
    String next() throws IOException {
        lineLength = 0;
        boolean sawAnything = false;
        while (true) {
            if (position == limit) {
                if (endOfStream || !fill()) {
                    if (!sawAnything) {
                        return null;
                    }
                    return finishLine();
                }
            }
            sawAnything = true;
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            append(start, end);
            if (end < limit) {
                position = end + 1;
                return finishLine();
            }
            position = limit;
        }
    }

    private boolean fill() throws IOException {
        int n;
        try {
            n = in.read(buffer, 0, buffer.length);
        } catch (EOFException | ZipException e) {
            if (!gzip) {
                throw e;
            }
            int column = 1 + countDelimiters();
            throw new DataFormatException(source, linesRead + 1, column,
                    "the gzip data is truncated or corrupt (" + describe(e) + ")", e);
        }
        if (n < 0) {
            endOfStream = true;
            return false;
        }
        position = 0;
        limit = n;
        return n > 0 || fill();
    }

    /** The exception's message, or its class name when it has none (an end of file in the trailer). */
    static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private void append(int start, int end) {
        int n = end - start;
        if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
        }
        System.arraycopy(buffer, start, line, lineLength, n);
        lineLength += n;
    }

    private String finishLine() {
        linesRead++;
        int n = lineLength;
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        return new String(line, 0, n, StandardCharsets.UTF_8);
    }

    /** The delimiters outside double quotes in the unfinished line. */
    private int countDelimiters() {
        String partial = new String(line, 0, lineLength, StandardCharsets.UTF_8);
        int count = 0;
        boolean quoted = insideQuotes;
        for (int i = 0; i < partial.length(); i++) {
            char c = partial.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }
}
