package dev.mlp.loss;

import org.ejml.data.DMatrixRMaj;

/** Arithmetic the losses share. */
final class LossMath {

    private LossMath() {
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
}
