package dev.mlp.data;

import java.io.IOException;
import java.util.Arrays;

/**
 * Splits text lines into CSV records as RFC 4180 describes them, strictly, with the line and the
 * column of every field:
 * <ul>
 *   <li>fields are separated by one delimiter character; a record ends at the end of a line;</li>
 *   <li>a field may be enclosed in double quotes, and then may hold the delimiter, line breaks and
 *       doubled double quotes ({@code ""} stands for one {@code "}); white space before the
 *       opening and after the closing quote is ignored;</li>
 *   <li>white space around an unquoted field is not part of it; an unquoted field must not hold
 *       a double quote;</li>
 *   <li>lines that are blank outside a quoted field are skipped (they still count as lines).</li>
 * </ul>
 * A quote that is never closed, text after a closing quote and a quote inside an unquoted field
 * end the read with a {@link DataFormatException} at the line and column (field, from 1) where
 * they occur.
 *
 * <p>A record is held in reused arrays: field {@code i} is the text {@code text(i)} from
 * {@code from(i)} to {@code to(i)}, which avoids a string per unquoted field.
 */
final class CsvRecords {

    private final LineReader lines;
    private final String source;
    private final char delimiter;

    private int count;
    private String[] text = new String[16];
    private int[] from = new int[16];
    private int[] to = new int[16];
    private int[] line = new int[16];
    private boolean[] quoted = new boolean[16];
    private int recordLine;

    CsvRecords(LineReader lines, String source, char delimiter) {
        this.lines = lines;
        this.source = source;
        this.delimiter = delimiter;
    }

    /**
     * Skips {@code n} lines as they are, without reading them as CSV.
     *
     * @throws DataFormatException when the input has fewer lines
     */
    void skipLines(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            if (nextLine() == null) {
                throw new DataFormatException(source, lines.linesRead() + 1, 0, "the input ends after "
                        + lines.linesRead() + " line" + (lines.linesRead() == 1 ? "" : "s") + ", within the " + n
                        + " lines to skip");
            }
        }
    }

    /** The next line, without its terminator and, on line 1, without a byte-order mark; null at the end. */
    private String nextLine() throws IOException {
        String s = lines.next();
        if (s != null && lines.linesRead() == 1 && !s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1);
        }
        return s;
    }

    /** The number of lines read so far (the last line of the current record). */
    int linesRead() {
        return lines.linesRead();
    }

    /**
     * Reads the next record, skipping blank lines.
     *
     * @return false at the end of the input
     */
    boolean next() throws IOException {
        String s;
        do {
            s = nextLine();
            if (s == null) {
                return false;
            }
        } while (s.isBlank());
        count = 0;
        recordLine = lines.linesRead();
        int lineNo = recordLine;
        int i = 0;
        while (true) {
            int column = count + 1;
            int n = s.length();
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            if (i < n && s.charAt(i) == '"') {
                int openLine = lineNo;
                int openColumn = column;
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    int q = s.indexOf('"', i);
                    if (q < 0) {
                        value.append(s, i, s.length()).append('\n');
                        s = nextLine();
                        if (s == null) {
                            throw new DataFormatException(source, openLine, openColumn,
                                    "the double quote that opens this field is never closed (the input ends inside it)");
                        }
                        lineNo = lines.linesRead();
                        lines.insideQuotes(true);
                        i = 0;
                        continue;
                    }
                    value.append(s, i, q);
                    if (q + 1 < s.length() && s.charAt(q + 1) == '"') {
                        value.append('"');
                        i = q + 2;
                        continue;
                    }
                    i = q + 1;
                    break;
                }
                lines.insideQuotes(false);
                n = s.length();
                while (i < n && isSpace(s.charAt(i))) {
                    i++;
                }
                if (i < n && s.charAt(i) != delimiter) {
                    throw new DataFormatException(source, lineNo, column, "unexpected text after the closing double quote"
                            + " of this field: " + shown(s, i) + "; a double quote inside a quoted field is written"
                            + " twice (\"\")");
                }
                String v = value.toString();
                add(v, 0, v.length(), openLine, true);
            } else {
                int end = s.indexOf(delimiter, i);
                if (end < 0) {
                    end = n;
                }
                int quote = s.indexOf('"', i);
                if (quote >= 0 && quote < end) {
                    throw new DataFormatException(source, lineNo, column, "a double quote inside an unquoted field ("
                            + shown(s, i) + "); enclose the whole field in double quotes and write the quote twice");
                }
                int last = end;
                while (last > i && isSpace(s.charAt(last - 1))) {
                    last--;
                }
                add(s, i, last, lineNo, false);
                i = end;
            }
            if (i >= s.length()) {
                return true;
            }
            i++; // the delimiter
        }
    }

    private boolean isSpace(char c) {
        return c <= ' ' && c != delimiter;
    }

    private void add(String s, int start, int end, int lineNo, boolean isQuoted) {
        if (count == text.length) {
            int size = 2 * count;
            text = Arrays.copyOf(text, size);
            from = Arrays.copyOf(from, size);
            to = Arrays.copyOf(to, size);
            line = Arrays.copyOf(line, size);
            quoted = Arrays.copyOf(quoted, size);
        }
        text[count] = s;
        from[count] = start;
        to[count] = end;
        line[count] = lineNo;
        quoted[count] = isQuoted;
        count++;
    }

    /** The number of fields of the current record. */
    int count() {
        return count;
    }

    /** The line where the current record starts. */
    int recordLine() {
        return recordLine;
    }

    /** The text holding field {@code i} (0-based). */
    String text(int i) {
        return text[i];
    }

    /** Where field {@code i} starts in {@link #text(int)}. */
    int from(int i) {
        return from[i];
    }

    /** Where field {@code i} ends in {@link #text(int)}. */
    int to(int i) {
        return to[i];
    }

    /** The line where field {@code i} starts. */
    int line(int i) {
        return line[i];
    }

    /** Whether field {@code i} was enclosed in double quotes. */
    boolean quoted(int i) {
        return quoted[i];
    }

    /** Field {@code i} as a string, without surrounding white space. */
    String value(int i) {
        String v = text[i].substring(from[i], to[i]);
        return quoted[i] ? v.strip() : v;
    }

    private static String shown(String s, int from) {
        String rest = s.substring(from);
        return "'" + (rest.length() > 20 ? rest.substring(0, 20) + "…" : rest) + "'";
    }
}
