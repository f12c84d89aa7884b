package dev.mlp.train;

import dev.mlp.MatrixRows;
import dev.mlp.random.RandomSource;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds out a share of the training rows as validation data: stratified by class when every
 * target row is one-hot (each class gives round(count · fraction) rows), else a shuffled share.
 * Rows keep their original order within each part.
 */
final class ValidationSplit {

    private ValidationSplit() {
    }

    /** Returns {xTrain, yTrain, xVal, yVal}. */
    static DMatrixRMaj[] split(DMatrixRMaj x, DMatrixRMaj y, double fraction, RandomSource random) {
        return split(x, y, null, fraction, random);
    }

    /**
     * Returns {xTrain, yTrain, xVal, yVal, wTrain}: as {@link #split(DMatrixRMaj, DMatrixRMaj, double,
     * RandomSource)}, with the training rows' part of w (n x 1), or null for a null w. The split
     * draws the same numbers with and without w.
     */
    static DMatrixRMaj[] split(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj w, double fraction, RandomSource random) {
        int rows = x.numRows;
        boolean[] held = new boolean[rows];
        if (isOneHot(y)) {
            List<List<Integer>> byClass = new ArrayList<>();
            for (int c = 0; c < y.numCols; c++) {
                byClass.add(new ArrayList<>());
            }
            for (int r = 0; r < rows; r++) {
                byClass.get(MatrixRows.argmax(y, r)).add(r);
            }
            for (List<Integer> members : byClass) {
                holdOut(members, fraction, random, held);
            }
        } else {
            List<Integer> all = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                all.add(r);
            }
            holdOut(all, fraction, random, held);
        }
        int validation = 0;
        for (boolean h : held) {
            validation += h ? 1 : 0;
        }
        if (validation == 0 || validation == rows) {
            throw new IllegalArgumentException("validationFraction " + fraction + " of " + rows
                    + " rows leaves " + validation + " validation rows; both parts must be non-empty");
        }
        return new DMatrixRMaj[] {rows(x, held, false, rows - validation), rows(y, held, false, rows - validation),
                rows(x, held, true, validation), rows(y, held, true, validation),
                w == null ? null : rows(w, held, false, rows - validation)};
    }

    private static void holdOut(List<Integer> members, double fraction, RandomSource random, boolean[] held) {
        int[] order = new int[members.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        random.shuffle(order);
        long take = Math.round(members.size() * fraction);
        for (int i = 0; i < take; i++) {
            held[members.get(order[i])] = true;
        }
    }

    /** Whether there are at least two columns and every row holds one 1 and otherwise zeros. */
    static boolean isOneHot(DMatrixRMaj y) {
        if (y.numCols < 2) {
            return false;
        }
        for (int r = 0; r < y.numRows; r++) {
            int ones = 0;
            for (int c = 0; c < y.numCols; c++) {
                double v = y.get(r, c);
                if (v == 1) {
                    ones++;
                } else if (v != 0) {
                    return false;
                }
            }
            if (ones != 1) {
                return false;
            }
        }
        return true;
    }

    private static DMatrixRMaj rows(DMatrixRMaj m, boolean[] held, boolean wanted, int count) {
        DMatrixRMaj out = new DMatrixRMaj(count, m.numCols);
        int k = 0;
        for (int r = 0; r < m.numRows; r++) {
            if (held[r] == wanted) {
                System.arraycopy(m.data, r * m.numCols, out.data, k++ * m.numCols, m.numCols);
            }
        }
        return out;
    }
}
