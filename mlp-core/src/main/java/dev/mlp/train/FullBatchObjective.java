package dev.mlp.train;

import dev.mlp.optim.FullBatchOptimizer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The objective a {@link FullBatchOptimizer} minimises over all n training rows, evaluated through
 * the session's {@link GradientSource} in consecutive chunks c of at most {@link #CHUNK_ROWS} rows:
 * <pre>
 *   f(θ) = Σ_c (n_c / n) L_c(θ) + (λ/2) Σ ‖Wₗ‖²      ∇f = Σ_c (n_c / n) ∇L_c(θ) + λ Wₗ on each weight
 * </pre>
 * where L_c is the loss over chunk c as the source computes it (with whatever weighting the loss
 * applies), and λ the configuration's L2; biases are not penalised. For a loss that averages over
 * rows, f is the mean over all rows. Whatever the source adds to the loss reaches the full-batch
 * optimizer the same way it reaches the per-batch ones. The chunks are fixed, so f and ∇f are one
 * function's value and gradient, as a line search needs. Allocates nothing after construction.
 */
final class FullBatchObjective implements FullBatchOptimizer.Objective {

    /**
     * Rows per evaluation chunk: a 256-row batch's activations (256 × 128 doubles, 256 KB, for a
     * 128-wide layer) stay in a core's L2 cache, where all 1438 training rows of the digits did not.
     */
    static final int CHUNK_ROWS = 256;

    private final GradientSource gradients;
    private final double l2;
    /** Σ_c (n_c / n) ∇L_c, summed chunk after chunk. */
    private final DMatrixRMaj[] sum;
    private DMatrixRMaj x;
    private DMatrixRMaj y;
    /** Each row's weight, or null for the unweighted loss. */
    private DMatrixRMaj w;
    private int[] order;
    private int rows;

    /**
     * @param gradients a source for batches of {@code min(rows, CHUNK_ROWS)} rows
     * @param l2        λ, ≥ 0
     */
    FullBatchObjective(GradientSource gradients, double l2) {
        this.gradients = gradients;
        this.l2 = l2;
        DMatrixRMaj[] buffers = gradients.gradientBuffers();
        sum = new DMatrixRMaj[buffers.length];
        for (int p = 0; p < buffers.length; p++) {
            sum[p] = new DMatrixRMaj(buffers[p].numRows, buffers[p].numCols);
        }
    }

    /**
     * Points the objective at one fit's rows: x and y (null when the source holds them), the row
     * weights w (null for none), order 0..rows-1.
     */
    void bind(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj w, int[] order, int rows) {
        this.x = x;
        this.y = y;
        this.w = w;
        this.order = order;
        this.rows = rows;
    }

    /** {@return f(θ), with ∇f in the source's gradient buffers; NaN when the loss or a gradient is not finite} */
    @Override
    public double evaluate() {
        DMatrixRMaj[] grads = gradients.gradientBuffers();
        double loss;
        if (rows <= CHUNK_ROWS) {
            loss = chunk(0, rows);
        } else {
            loss = 0;
            for (DMatrixRMaj s : sum) {
                s.zero();
            }
            for (int from = 0; from < rows; from += CHUNK_ROWS) {
                int to = Math.min(from + CHUNK_ROWS, rows);
                double share = (double) (to - from) / rows;
                loss += share * chunk(from, to);
                for (int p = 0; p < sum.length; p++) {
                    CommonOps_DDRM.addEquals(sum[p], share, grads[p]);
                }
            }
            for (int p = 0; p < sum.length; p++) {
                grads[p].setTo(sum[p]);
            }
        }
        if (!Double.isFinite(loss) || !gradients.gradientsFinite()) {
            return Double.NaN;
        }
        L2Penalty.addGradient(gradients.parameters(), grads, gradients.weightDecayMask(), l2);
        return loss + penalty();
    }

    /**
     * {@return the mean loss of rows order[from..to), its gradient in the source's buffers}: the
     * weighted loss divides by the chunk's rows as the unweighted one does, so the shares above
     * add up to the weighted loss of all rows.
     */
    private double chunk(int from, int to) {
        return w == null ? gradients.gradients(x, y, order, from, to) : gradients.gradients(x, y, w, order, from, to);
    }

    /** {@return (λ/2) Σ ‖Wₗ‖² at the current weights} */
    double penalty() {
        return L2Penalty.value(gradients.parameters(), gradients.weightDecayMask(), l2);
    }
}
