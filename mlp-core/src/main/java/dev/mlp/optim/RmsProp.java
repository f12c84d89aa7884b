package dev.mlp.optim;

import org.ejml.data.DMatrixRMaj;

/**
 * RMSProp (Hinton's lecture 6e): divide each gradient by a running root-mean-square of its recent
 * values. With s starting at zero, each step does, elementwise,
 * <pre>
 *   s := ρ s + (1 - ρ) g²
 *   θ := θ - η g / (√s + ε)
 * </pre>
 * The update is PyTorch's {@code torch.optim.RMSprop} form (ε added after the square root, no
 * momentum, not centred; TensorFlow/Keras add ε inside the square root). The default ρ =
 * {@value #DEFAULT_RHO} is Hinton's and Keras's (PyTorch's default {@code alpha} is 0.99); the default
 * ε = {@value #DEFAULT_EPSILON} is PyTorch's (Keras uses 1e-7).
 *
 * @param rho     the decay ρ of the squared-gradient average, in [0, 1)
 * @param epsilon ε, finite and &gt; 0
 */
public record RmsProp(double rho, double epsilon) implements Optimizer {

    /** The default ρ. */
    public static final double DEFAULT_RHO = 0.9;
    /** The default ε. */
    public static final double DEFAULT_EPSILON = 1e-8;

    /**
     * Validates ρ and ε.
     *
     * @param rho     ρ, in [0, 1)
     * @param epsilon ε, finite and &gt; 0
     * @throws IllegalArgumentException for a value out of its range, naming it
     */
    public RmsProp {
        OptimizerSupport.requireFraction(rho, "rho");
        OptimizerSupport.requirePositiveFinite(epsilon, "epsilon");
    }

    /** ρ = {@value #DEFAULT_RHO}, ε = {@value #DEFAULT_EPSILON}. */
    public RmsProp() {
        this(DEFAULT_RHO, DEFAULT_EPSILON);
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    public Updater start(DMatrixRMaj[] params, boolean[] decayed) {
        return new RmsPropUpdater(rho, epsilon, OptimizerSupport.zerosLike(params));
    }

    @Override
    public String toString() {
        return "rmsprop(rho=" + rho + ", epsilon=" + epsilon + ")";
    }

    /** Holds one squared-gradient average per parameter. */
    private static final class RmsPropUpdater implements Updater {
        private final double rho;
        private final double epsilon;
        private final DMatrixRMaj[] meanSquare;

        RmsPropUpdater(double rho, double epsilon, DMatrixRMaj[] meanSquare) {
            this.rho = rho;
            this.epsilon = epsilon;
            this.meanSquare = meanSquare;
        }

        @Override
        public double[] exportState() {
            return OptimizerSupport.exportState(new double[0], meanSquare);
        }

        @Override
        public void importState(double[] state) {
            OptimizerSupport.importState(state, 0, meanSquare);
        }

        @Override
        public void step(double learningRate, DMatrixRMaj[] params, DMatrixRMaj[] grads) {
            OptimizerSupport.requireStep(learningRate, meanSquare, params, grads);
            double keep = 1 - rho;
            for (int k = 0; k < meanSquare.length; k++) {
                double[] theta = params[k].data;
                double[] g = grads[k].data;
                double[] s = meanSquare[k].data;
                int n = meanSquare[k].getNumElements();
                for (int i = 0; i < n; i++) {
                    double gi = g[i];
                    double si = rho * s[i] + keep * gi * gi;
                    s[i] = si;
                    theta[i] -= learningRate * gi / (Math.sqrt(si) + epsilon);
                }
            }
        }
    }
}
