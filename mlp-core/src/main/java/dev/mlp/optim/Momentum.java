package dev.mlp.optim;

import org.ejml.data.DMatrixRMaj;

/**
 * Stochastic gradient descent with momentum μ, optionally Nesterov's, in PyTorch's
 * {@code torch.optim.SGD} convention (no dampening; the velocity accumulates raw gradients and the
 * learning rate is applied when stepping). With velocity v starting at zero, each step does
 * <pre>
 *   v := μ v + g
 *   θ := θ - η v               (classical, {@code name() = "momentum"})
 *   θ := θ - η (g + μ v)       (Nesterov, {@code name() = "nesterov"})
 * </pre>
 * With μ = 0 the classical form is plain SGD.
 *
 * @param momentum μ, in [0, 1); must be &gt; 0 for Nesterov (default {@value #DEFAULT_MOMENTUM})
 * @param nesterov whether to use Nesterov's look-ahead form (default false)
 */
public record Momentum(double momentum, boolean nesterov) implements Optimizer {

    /** The usual μ. */
    public static final double DEFAULT_MOMENTUM = 0.9;

    /**
     * Validates μ.
     *
     * @param momentum μ, in [0, 1); &gt; 0 for Nesterov
     * @param nesterov whether to use Nesterov's form
     * @throws IllegalArgumentException for μ out of range, or μ = 0 with Nesterov
     */
    public Momentum {
        OptimizerSupport.requireFraction(momentum, "momentum");
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("momentum must be > 0 for Nesterov momentum, got " + momentum);
        }
    }

    /** Classical momentum with μ = {@value #DEFAULT_MOMENTUM}. */
    public Momentum() {
        this(DEFAULT_MOMENTUM, false);
    }

    /**
     * Classical momentum with the given μ.
     *
     * @param momentum μ, in [0, 1)
     * @throws IllegalArgumentException for μ out of range
     */
    public Momentum(double momentum) {
        this(momentum, false);
    }

    /**
     * {@return Nesterov momentum with the given μ}
     *
     * @param momentum μ, in (0, 1), usually {@value #DEFAULT_MOMENTUM}
     * @throws IllegalArgumentException for μ out of range
     */
    public static Momentum nesterov(double momentum) {
        return new Momentum(momentum, true);
    }

    @Override
    public String name() {
        return nesterov ? "nesterov" : "momentum";
    }

    @Override
    public Updater start(DMatrixRMaj[] params, boolean[] decayed) {
        return new MomentumUpdater(momentum, nesterov, OptimizerSupport.zerosLike(params));
    }

    @Override
    public String toString() {
        return name() + "(momentum=" + momentum + ")";
    }

    /** Holds one velocity per parameter. */
    private static final class MomentumUpdater implements Updater {
        private final double mu;
        private final boolean nesterov;
        private final DMatrixRMaj[] velocity;

        MomentumUpdater(double mu, boolean nesterov, DMatrixRMaj[] velocity) {
            this.mu = mu;
            this.nesterov = nesterov;
            this.velocity = velocity;
        }

        @Override
        public double[] exportState() {
            return OptimizerSupport.exportState(new double[0], velocity);
        }

        @Override
        public void importState(double[] state) {
            OptimizerSupport.importState(state, 0, velocity);
        }

        @Override
        public void step(double learningRate, DMatrixRMaj[] params, DMatrixRMaj[] grads) {
            OptimizerSupport.requireStep(learningRate, velocity, params, grads);
            for (int k = 0; k < velocity.length; k++) {
                double[] theta = params[k].data;
                double[] g = grads[k].data;
                double[] v = velocity[k].data;
                int n = velocity[k].getNumElements();
                if (nesterov) {
                    for (int i = 0; i < n; i++) {
                        double vi = mu * v[i] + g[i];
                        v[i] = vi;
                        theta[i] -= learningRate * (g[i] + mu * vi);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        double vi = mu * v[i] + g[i];
                        v[i] = vi;
                        theta[i] -= learningRate * vi;
                    }
                }
            }
        }
    }
}
