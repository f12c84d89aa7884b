package dev.mlp.optim;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Plain stochastic gradient descent, the blog's update: θ := θ - η ∇θ. Keeps no state but the
 * parameter matrices it was started with, whose shapes every step checks (as the other
 * optimizers check theirs): a step with other shapes, fewer gradients, nulls or a learning rate
 * that is NaN, infinite or negative is refused with an {@link IllegalArgumentException}.
 */
public final class Sgd implements Optimizer {

    /** Creates plain gradient descent; it keeps no state between steps. */
    public Sgd() {
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public Updater start(DMatrixRMaj[] params, boolean[] decayed) {
        OptimizerSupport.requireParams(params);
        DMatrixRMaj[] started = params.clone();
        return new Updater() {
            @Override
            public void step(double learningRate, DMatrixRMaj[] ps, DMatrixRMaj[] grads) {
                OptimizerSupport.requireStep(learningRate, started, ps, grads);
                for (int i = 0; i < ps.length; i++) {
                    CommonOps_DDRM.addEquals(ps[i], -learningRate, grads[i]);
                }
            }

            /** Plain SGD has no state: an empty array. */
            @Override
            public double[] exportState() {
                return new double[0];
            }

            @Override
            public void importState(double[] state) {
                OptimizerSupport.importState(state, 0);
            }
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
