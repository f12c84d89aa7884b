package dev.mlp.optim;

import org.ejml.data.DMatrixRMaj;

/**
 * The state and step shared by {@link Adam} and {@link AdamW}: first and second moments per
 * parameter, the step count t, and an optional decoupled weight decay λ applied (before the Adam
 * step, as PyTorch's AdamW does) to the parameters whose mask entry is true:
 * <pre>
 *   θ := θ - η λ θ                                  (decayed parameters only, λ &gt; 0)
 *   t := t + 1
 *   m := β₁ m + (1 - β₁) g
 *   v := β₂ v + (1 - β₂) g²
 *   θ := θ - η m̂ / (√v̂ + ε),  m̂ = m / (1 - β₁ᵗ),  v̂ = v / (1 - β₂ᵗ)
 * </pre>
 */
final class AdamUpdater implements Optimizer.Updater {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    /** Null when there is no weight decay. */
    private final boolean[] decayed;
    private final DMatrixRMaj[] firstMoment;
    private final DMatrixRMaj[] secondMoment;
    private long t;

    /** Plain Adam: no weight decay. */
    AdamUpdater(double beta1, double beta2, double epsilon, DMatrixRMaj[] params) {
        this(beta1, beta2, epsilon, 0, null, params);
    }

    /**
     * @param decayed the mask, already checked and copied; may be null only when weightDecay is 0
     */
    AdamUpdater(double beta1, double beta2, double epsilon, double weightDecay, boolean[] decayed,
                DMatrixRMaj[] params) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.decayed = weightDecay > 0 ? decayed : null;
        this.firstMoment = OptimizerSupport.zerosLike(params);
        this.secondMoment = OptimizerSupport.zerosLike(params);
    }

    @Override
    public void step(double learningRate, DMatrixRMaj[] params, DMatrixRMaj[] grads) {
        OptimizerSupport.requireStep(learningRate, firstMoment, params, grads);
        t++;
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        double keep1 = 1 - beta1;
        double keep2 = 1 - beta2;
        double shrink = 1 - learningRate * weightDecay;
        for (int k = 0; k < firstMoment.length; k++) {
            double[] theta = params[k].data;
            double[] g = grads[k].data;
            double[] m = firstMoment[k].data;
            double[] v = secondMoment[k].data;
            int n = firstMoment[k].getNumElements();
            if (decayed != null && decayed[k]) {
                for (int i = 0; i < n; i++) {
                    theta[i] *= shrink;
                }
            }
            for (int i = 0; i < n; i++) {
                double gi = g[i];
                double mi = beta1 * m[i] + keep1 * gi;
                double vi = beta2 * v[i] + keep2 * gi * gi;
                m[i] = mi;
                v[i] = vi;
                double mHat = mi / correction1;
                double vHat = vi / correction2;
                theta[i] -= learningRate * mHat / (Math.sqrt(vHat) + epsilon);
            }
        }
    }

    /** t, then m, then v. */
    @Override
    public double[] exportState() {
        return OptimizerSupport.exportState(new double[] {t}, firstMoment, secondMoment);
    }

    @Override
    public void importState(double[] state) {
        OptimizerSupport.importState(state, 1, firstMoment, secondMoment);
        t = (long) state[0];
    }
}
