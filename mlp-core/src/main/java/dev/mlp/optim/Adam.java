package dev.mlp.optim;

import org.ejml.data.DMatrixRMaj;

/**
 * Adam (Kingma &amp; Ba, 2015), as in PyTorch's {@code torch.optim.Adam} without weight decay or
 * AMSGrad. With moments m, v starting at zero and step count t at 0, each step does, elementwise,
 * <pre>
 *   t := t + 1
 *   m := β₁ m + (1 - β₁) g
 *   v := β₂ v + (1 - β₂) g²
 *   m̂ := m / (1 - β₁ᵗ)
 *   v̂ := v / (1 - β₂ᵗ)
 *   θ := θ - η m̂ / (√v̂ + ε)
 * </pre>
 * For decoupled weight decay use {@link AdamW}, which shares this step.
 *
 * @param beta1   β₁, the first-moment decay, in [0, 1) (default {@value #DEFAULT_BETA1})
 * @param beta2   β₂, the second-moment decay, in [0, 1) (default {@value #DEFAULT_BETA2})
 * @param epsilon ε, finite and &gt; 0 (default {@value #DEFAULT_EPSILON})
 */
public record Adam(double beta1, double beta2, double epsilon) implements Optimizer {

    /** The default β₁. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** The default β₂. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** The default ε. */
    public static final double DEFAULT_EPSILON = 1e-8;

    /**
     * Validates β₁, β₂ and ε.
     *
     * @param beta1   β₁, in [0, 1)
     * @param beta2   β₂, in [0, 1)
     * @param epsilon ε, finite and &gt; 0
     * @throws IllegalArgumentException for a value out of its range, naming it
     */
    public Adam {
        requireValid(beta1, beta2, epsilon);
    }

    /** β₁ = {@value #DEFAULT_BETA1}, β₂ = {@value #DEFAULT_BETA2}, ε = {@value #DEFAULT_EPSILON}. */
    public Adam() {
        this(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /** The checks shared with {@link AdamW}. */
    static void requireValid(double beta1, double beta2, double epsilon) {
        OptimizerSupport.requireFraction(beta1, "beta1");
        OptimizerSupport.requireFraction(beta2, "beta2");
        OptimizerSupport.requirePositiveFinite(epsilon, "epsilon");
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public Updater start(DMatrixRMaj[] params, boolean[] decayed) {
        return new AdamUpdater(beta1, beta2, epsilon, params);
    }

    @Override
    public String toString() {
        return "adam(beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon + ")";
    }
}
