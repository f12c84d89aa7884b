package dev.mlp.optim;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Plain stochastic gradient descent, the blog's update: θ := θ - η ∇θ. Stateless.
 */
public final class Sgd implements Optimizer {

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public Updater start(DMatrixRMaj[] params, boolean[] decayed) {
        return (learningRate, ps, grads) -> {
            for (int i = 0; i < ps.length; i++) {
                CommonOps_DDRM.addEquals(ps[i], -learningRate, grads[i]);
            }
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
