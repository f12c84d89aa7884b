package dev.mlp.tuning;

import dev.mlp.Checks;
import dev.mlp.random.RandomSource;

import java.util.Arrays;

/**
 * An assignment of n rows to k folds for k-fold cross-validation: fold f's rows are held out while
 * a network trains on the other k − 1 folds.
 *
 * <p>{@link #stratified} deals each stratum (class) evenly over the folds, so every fold holds each
 * class within one row of its share, and the folds' sizes differ by at most one row.
 *
 * @param count     k, ≥ 2
 * @param foldOfRow for each row, its fold in [0, k); copied
 */
public record Folds(int count, int[] foldOfRow) {

    /**
     * Checks the assignment: k ≥ 2, every entry in [0, k), and no fold empty.
     *
     * @throws IllegalArgumentException naming the first problem
     */
    public Folds {
        if (count < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + count);
        }
        Checks.requireNonNull(foldOfRow, "foldOfRow");
        int[] sizes = new int[count];
        for (int i = 0; i < foldOfRow.length; i++) {
            int f = foldOfRow[i];
            if (f < 0 || f >= count) {
                throw new IllegalArgumentException("row " + i + " is in fold " + f + ", outside [0, " + count + ")");
            }
            sizes[f]++;
        }
        for (int f = 0; f < count; f++) {
            if (sizes[f] == 0) {
                throw new IllegalArgumentException("fold " + f + " of " + count + " holds no row ("
                        + foldOfRow.length + " rows)");
            }
        }
        foldOfRow = foldOfRow.clone();
    }

    /**
     * Stratified folds. Method: for each stratum s = 0, 1, ... in turn, its row indices in data
     * order are shuffled with {@link RandomSource#shuffle(int[])} and appended to one list; the
     * i-th row of that list goes to fold i mod k. With {@link dev.mlp.random.NumpyRandom}(seed) this
     * is, in numpy: {@code rs = RandomState(seed)}; for each s, {@code idx = flatnonzero(strata == s);
     * rs.shuffle(idx)}; {@code order} the idx arrays concatenated; {@code fold[order] = arange(n) % k}.
     *
     * @param strata one stratum per row (for a classification, the class), each in [0, 65536)
     * @param k      the number of folds, 2 ≤ k ≤ rows
     * @param random shuffles each stratum; its state advances
     * @return the folds
     * @throws IllegalArgumentException for null arguments, k out of range, or a negative stratum
     */
    public static Folds stratified(int[] strata, int k, RandomSource random) {
        Checks.requireNonNull(strata, "strata");
        Checks.requireNonNull(random, "random");
        int n = strata.length;
        if (k < 2 || k > n) {
            throw new IllegalArgumentException("folds must be in [2, rows = " + n + "], got " + k);
        }
        int classes = 0;
        for (int i = 0; i < n; i++) {
            if (strata[i] < 0 || strata[i] >= 1 << 16) {
                throw new IllegalArgumentException("strata must be in [0, 65536), got " + strata[i] + " at row " + i);
            }
            classes = Math.max(classes, strata[i] + 1);
        }
        int[] counts = new int[classes];
        for (int s : strata) {
            counts[s]++;
        }
        int[] fold = new int[n];
        int dealt = 0;
        for (int s = 0; s < classes; s++) {
            int[] rows = new int[counts[s]];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (strata[i] == s) {
                    rows[m++] = i;
                }
            }
            random.shuffle(rows);
            for (int row : rows) {
                fold[row] = dealt++ % k;
            }
        }
        return new Folds(k, fold);
    }

    /** {@return a copy of each row's fold} */
    @Override
    public int[] foldOfRow() {
        return foldOfRow.clone();
    }

    /** {@return the number of rows assigned} */
    public int rows() {
        return foldOfRow.length;
    }

    /**
     * {@return the rows of fold f, held out when it is validated on, in data order}
     *
     * @param f in [0, k)
     */
    public int[] heldOut(int f) {
        return rows(f, true);
    }

    /**
     * {@return the rows of every fold but f, trained on when f is held out, in data order}
     *
     * @param f in [0, k)
     */
    public int[] training(int f) {
        return rows(f, false);
    }

    private int[] rows(int f, boolean in) {
        if (f < 0 || f >= count) {
            throw new IllegalArgumentException("fold must be in [0, " + count + "), got " + f);
        }
        return Arrays.stream(indices()).filter(i -> (foldOfRow[i] == f) == in).toArray();
    }

    private int[] indices() {
        int[] all = new int[foldOfRow.length];
        Arrays.setAll(all, i -> i);
        return all;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Folds other && other.count == count && Arrays.equals(other.foldOfRow, foldOfRow);
    }

    @Override
    public int hashCode() {
        return 31 * count + Arrays.hashCode(foldOfRow);
    }

    @Override
    public String toString() {
        return "Folds(" + count + " folds of " + foldOfRow.length + " rows)";
    }
}
