package dev.mlp.loss;

import dev.mlp.Checks;
import dev.mlp.activation.Activation;
import org.ejml.data.DMatrixRMaj;

/** Arithmetic and argument checks the losses share. */
final class LossMath {

    private LossMath() {
    }

    /**
     * The check of {@code loss} and {@code gradient}: a and target non-null, of the same shape, with
     * at least one entry. A few comparisons on every batch; allocates nothing unless it throws.
     */
    static void requirePair(DMatrixRMaj a, DMatrixRMaj target) {
        Checks.requireSameShape(a, target, "a", "target");
        if (a.numRows == 0 || a.numCols == 0) {
            throw empty(a);
        }
    }

    /** Out of {@link #requirePair}, which runs on every batch, so that it stays small enough to inline. */
    private static IllegalArgumentException empty(DMatrixRMaj a) {
        return new IllegalArgumentException("a and target are empty (" + Checks.shape(a) + ")");
    }

    /** The check of {@code gradient}: {@link #requirePair} and a non-null {@code grad}. */
    static void requireGradientArguments(DMatrixRMaj a, DMatrixRMaj target, DMatrixRMaj grad) {
        requirePair(a, target);
        Checks.requireNonNull(grad, "grad");
    }

    /**
     * The check of {@code outputDelta}: {@link #requirePair}, z of a's shape, a non-null activation
     * and delta. Allocates nothing unless it throws.
     */
    static void requireDeltaArguments(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj target, Activation output,
                                      DMatrixRMaj delta) {
        requirePair(a, target);
        Checks.requireSameShape(z, a, "z", "a");
        Checks.requireNonNull(output, "output");
        Checks.requireNonNull(delta, "delta");
    }

    /**
     * Requires every entry of y in [0, 1]; the message names the argument, the row, the column, the
     * value and the loss that needs it.
     */
    static void requireProbabilities(DMatrixRMaj y, String name, String loss) {
        Checks.requireNonNull(y, name);
        int cols = y.numCols;
        int n = y.getNumElements();
        for (int i = 0; i < n; i++) {
            double v = y.data[i];
            if (!(v >= 0 && v <= 1)) {
                String where = " at row " + (i / cols) + ", column " + (i % cols);
                throw new IllegalArgumentException(Double.isFinite(v)
                        ? name + " has the value " + v + where + ", but " + loss + " needs targets in [0, 1]"
                        : name + " has a non-finite value " + v + where);
            }
        }
    }

    /**
     * out = scale · (a - target), element by element; out is reshaped to a's shape. The gradient of
     * the mean squared error (scale 2/(n·k)) and the fused deltas of the cross-entropies
     * (scale 1/n or 1/(n·k)) all have this form.
     */
    static void scaledDifference(DMatrixRMaj a, DMatrixRMaj target, double scale, DMatrixRMaj out) {
        out.reshape(a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            out.data[i] = scale * (a.data[i] - target.data[i]);
        }
    }

    /**
     * The check of a weighted loss: {@link #requirePair} and weights of n x 1, n the rows of a.
     * A few comparisons; allocates nothing unless it throws.
     */
    static void requireWeights(DMatrixRMaj a, DMatrixRMaj target, DMatrixRMaj weights) {
        requirePair(a, target);
        Checks.requireNonNull(weights, "weights");
        if (weights.numRows != a.numRows || weights.numCols != 1) {
            throw new IllegalArgumentException("weights must be " + a.numRows + "x1 (one per row of a), got "
                    + Checks.shape(weights));
        }
    }

    /** m_ij := m_ij · w_i: row i of m scaled by its weight. */
    static void scaleRows(DMatrixRMaj m, DMatrixRMaj weights) {
        Checks.requireNonNull(weights, "weights");
        if (weights.numRows != m.numRows || weights.numCols != 1) {
            throw new IllegalArgumentException("weights must be " + m.numRows + "x1 (one per row), got "
                    + Checks.shape(weights));
        }
        int cols = m.numCols;
        for (int r = 0; r < m.numRows; r++) {
            double w = weights.data[r];
            for (int c = r * cols, end = c + cols; c < end; c++) {
                m.data[c] *= w;
            }
        }
    }

    /** One entry's term of a loss, ℓ(a, y). */
    @FunctionalInterface
    interface EntryTerm {
        double of(double a, double y);
    }

    /**
     * Σᵢ wᵢ Σ_c term(a_ic, y_ic), row after row: the numerator of every weighted loss, after
     * {@link #requireWeights}. Runs once per batch, so the call through {@code term} costs little
     * beside the batch's products.
     */
    static double weightedSum(DMatrixRMaj a, DMatrixRMaj target, DMatrixRMaj weights, EntryTerm term) {
        requireWeights(a, target, weights);
        int cols = a.numCols;
        double sum = 0;
        for (int r = 0; r < a.numRows; r++) {
            double row = 0;
            for (int i = r * cols, end = i + cols; i < end; i++) {
                row += term.of(a.data[i], target.data[i]);
            }
            sum += weights.data[r] * row;
        }
        return sum;
    }
}
