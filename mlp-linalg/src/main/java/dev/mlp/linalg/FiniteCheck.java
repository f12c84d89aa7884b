package dev.mlp.linalg;

/**
 * The plain-Java check that entries of an array hold no NaN and no ±∞: the finite check of the
 * scalar backends ({@link Backend#allFinite}, {@link FloatBackend#allFinite}), and the vector
 * backend's for the entries that do not fill a vector; for float64 and float32 arrays.
 */
final class FiniteCheck {

    private FiniteCheck() {
    }

    /** Whether entries 0..n-1 of {@code data} are all finite. */
    static boolean plain(double[] data, int n) {
        return plain(data, 0, n);
    }

    /**
     * Whether entries from..to-1 are all finite. |v| ≤ MAX_VALUE is false for NaN and ±∞ alone;
     * with its rarely taken exit this loop was the fastest plain-Java formulation tried (C2
     * vectorizes none of them).
     */
    static boolean plain(double[] data, int from, int to) {
        if (to > data.length) {
            throw new IndexOutOfBoundsException("n = " + to + " but the array holds " + data.length);
        }
        for (int i = from; i < to; i++) {
            if (!(Math.abs(data[i]) <= Double.MAX_VALUE)) {
                return false;
            }
        }
        return true;
    }

    /** Whether entries 0..n-1 of {@code data} are all finite: {@link #plain(double[], int)} for float32. */
    static boolean plain(float[] data, int n) {
        return plain(data, 0, n);
    }

    /** Whether entries from..to-1 are all finite: the same loop as for float64. */
    static boolean plain(float[] data, int from, int to) {
        if (to > data.length) {
            throw new IndexOutOfBoundsException("n = " + to + " but the array holds " + data.length);
        }
        for (int i = from; i < to; i++) {
            if (!(Math.abs(data[i]) <= Float.MAX_VALUE)) {
                return false;
            }
        }
        return true;
    }
}
