package dev.mlp.io;

/**
 * The quoted-string syntax of metadata keys and values: a string between double quotes in which
 * {@code "} and {@code \} are escaped, and every character that could break a line, hide in a
 * terminal or not survive UTF-8 is written as an escape. Everything else, including any
 * printable Unicode, is written as itself.
 */
final class MetaText {

    private MetaText() {
    }

    /** Appends {@code s} quoted and escaped. */
    static void quote(String s, StringBuilder out) {
        out.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(i + 1));
                        i++;
                    } else if (needsUnicodeEscape(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Control characters (C0, DEL, C1), the Unicode line and paragraph separators, the byte-order
     * mark and unpaired surrogates (which UTF-8 cannot encode).
     */
    private static boolean needsUnicodeEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufeff'
                || Character.isSurrogate(c);
    }

    /** Thrown by {@link Parser} with a message saying what is wrong; the caller adds the line. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads quoted strings from a decoded line, left to right. */
    static final class Parser {
        private final String text;
        private int pos;

        Parser(String text, int start) {
            this.text = text;
            this.pos = start;
        }

        int position() {
            return pos;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        /** Consumes one space. */
        void expectSpace(String what) throws SyntaxException {
            if (pos >= text.length() || text.charAt(pos) != ' ') {
                throw new SyntaxException("expected a single space before the " + what + " at column " + (pos + 1));
            }
            pos++;
        }

        /** Consumes a quoted string and returns its unescaped value. */
        String quoted(String what) throws SyntaxException {
            if (pos >= text.length() || text.charAt(pos) != '"') {
                throw new SyntaxException("the " + what + " must be a quoted string starting with '\"' at column "
                        + (pos + 1));
            }
            int open = pos;
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw new SyntaxException("the " + what + " starting at column " + (open + 1)
                            + " has no closing quote");
                }
                char c = text.charAt(pos);
                if (c == '"') {
                    pos++;
                    return sb.toString();
                }
                if (c < 0x20 || c == 0x7f) {
                    throw new SyntaxException(String.format(
                            "the %s holds a raw control character U+%04X at column %d; it must be escaped",
                            what, (int) c, pos + 1));
                }
                if (c != '\\') {
                    sb.append(c);
                    pos++;
                    continue;
                }
                if (pos + 1 >= text.length()) {
                    throw new SyntaxException("the " + what + " ends inside an escape at column " + (pos + 1));
                }
                char e = text.charAt(pos + 1);
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        sb.append(hex4(pos + 2, what));
                        pos += 4;
                    }
                    default -> throw new SyntaxException("unknown escape '\\" + printable(e) + "' in the " + what
                            + " at column " + (pos + 1) + " (known: \\\" \\\\ \\n \\r \\t \\uXXXX)");
                }
                pos += 2;
            }
        }

        private char hex4(int at, String what) throws SyntaxException {
            if (at + 4 > text.length()) {
                throw new SyntaxException("the \\u escape in the " + what + " at column " + (at - 1)
                        + " needs four hex digits");
            }
            int v = 0;
            for (int i = at; i < at + 4; i++) {
                int d = hexDigit(text.charAt(i));
                if (d < 0) {
                    throw new SyntaxException("the \\u escape in the " + what + " at column " + (at - 1)
                            + " needs four hex digits");
                }
                v = v * 16 + d;
            }
            return (char) v;
        }

        private static int hexDigit(char c) {
            if (c >= '0' && c <= '9') {
                return c - '0';
            } else if (c >= 'a' && c <= 'f') {
                return c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                return c - 'A' + 10;
            }
            return -1;
        }

        private static String printable(char c) {
            return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("u%04x", (int) c);
        }
    }
}
