package dev.mlp.train;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** The L2 penalty (λ/2) Σ ‖Wₗ‖² on the weights (not the biases) and its gradient λ Wₗ. */
final class L2Penalty {

    private L2Penalty() {
    }

    /** grads[p] := grads[p] + λ params[p] for each weight p; nothing when λ = 0. */
    static void addGradient(DMatrixRMaj[] params, DMatrixRMaj[] grads, boolean[] isWeight, double l2) {
        if (l2 > 0) {
            for (int p = 0; p < params.length; p++) {
                if (isWeight[p]) {
                    // d/dW (λ/2)‖W‖² = λW
                    CommonOps_DDRM.addEquals(grads[p], l2, params[p]);
                }
            }
        }
    }

    /** {@return (λ/2) Σ ‖Wₗ‖², summed entry by entry in order; 0 when λ = 0} */
    static double value(DMatrixRMaj[] params, boolean[] isWeight, double l2) {
        if (l2 == 0) {
            return 0;
        }
        double squares = 0;
        for (int p = 0; p < params.length; p++) {
            if (isWeight[p]) {
                double[] w = params[p].data;
                int n = params[p].getNumElements();
                for (int i = 0; i < n; i++) {
                    squares += w[i] * w[i];
                }
            }
        }
        return 0.5 * l2 * squares;
    }
}
