package dev.mlp.data;

import java.util.Locale;

/**
 * What a loader does with a missing value: an empty field, or one of the markers {@code NA},
 * {@code N/A}, {@code NaN} and {@code ?} (in any case, {@code NaN} also with a sign), in CSV
 * files; a NaN in numpy arrays. Words such as {@code null} or {@code None} are not markers: they
 * may be class names.
 */
public enum MissingValues {

    /** A missing value ends the load with an error naming its line and column (the default). */
    REFUSE,

    /** A row with a missing value is left out; the loader reports which rows it left out. */
    DROP_ROW;

    /** Whether {@code text[from, to)}, already trimmed, is a missing-value marker or empty. */
    static boolean isMarker(String text, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return true;
        }
        if (n > 4) {
            return false;
        }
        String t = text.substring(from, to).toLowerCase(Locale.ROOT);
        if (t.startsWith("+") || t.startsWith("-")) {
            return t.substring(1).equals("nan");
        }
        return t.equals("na") || t.equals("n/a") || t.equals("nan") || t.equals("?");
    }

    /** The markers, for messages. */
    static String markers() {
        return "empty, NA, N/A, NaN or ?";
    }
}
