package dev.mlp.train;

import dev.mlp.optim.FullBatchOptimizer;
import org.ejml.data.DMatrixRMaj;

/**
 * The objective a {@link FullBatchOptimizer} minimises, evaluated through the session's
 * {@link GradientSource} on one batch of all the training rows:
 * <pre>
 *   f(θ) = L(θ) + (λ/2) Σ ‖Wₗ‖²       ∇f = ∇L + λ Wₗ on each weight (biases unpenalised)
 * </pre>
 * where L is the loss' mean over the rows, as the source computes it (with whatever weighting the
 * loss applies), and λ the configuration's L2. Whatever the source adds to the loss reaches the
 * full-batch optimizer the same way it reaches the per-batch ones. Allocates nothing.
 */
final class FullBatchObjective implements FullBatchOptimizer.Objective {

    private final GradientSource gradients;
    private final double l2;
    private DMatrixRMaj x;
    private DMatrixRMaj y;
    private int[] order;
    private int rows;

    FullBatchObjective(GradientSource gradients, double l2) {
        this.gradients = gradients;
        this.l2 = l2;
    }

    /** Points the objective at one fit's rows: x and y (null when the source holds them), order 0..rows-1. */
    void bind(DMatrixRMaj x, DMatrixRMaj y, int[] order, int rows) {
        this.x = x;
        this.y = y;
        this.order = order;
        this.rows = rows;
    }

    /** {@return f(θ), with ∇f in the source's gradient buffers; NaN when the loss or a gradient is not finite} */
    @Override
    public double evaluate() {
        double loss = gradients.gradients(x, y, order, 0, rows);
        if (!Double.isFinite(loss) || !gradients.gradientsFinite()) {
            return Double.NaN;
        }
        L2Penalty.addGradient(gradients.parameters(), gradients.gradientBuffers(), gradients.weightDecayMask(), l2);
        return loss + penalty();
    }

    /** {@return (λ/2) Σ ‖Wₗ‖² at the current weights} */
    double penalty() {
        return L2Penalty.value(gradients.parameters(), gradients.weightDecayMask(), l2);
    }
}
