package dev.mlp.optim;

import org.ejml.data.DMatrixRMaj;

/**
 * Adam with decoupled weight decay λ (Loshchilov &amp; Hutter, 2019), as PyTorch's
 * {@code torch.optim.AdamW}. Each step first shrinks the parameters whose {@code decayed} entry is
 * true (weights; biases are left alone), then takes the {@link Adam} step, elementwise:
 * <pre>
 *   θ := θ - η λ θ             (decayed parameters only)
 *   t := t + 1
 *   m := β₁ m + (1 - β₁) g
 *   v := β₂ v + (1 - β₂) g²
 *   θ := θ - η m̂ / (√v̂ + ε),   m̂ = m / (1 - β₁ᵗ),  v̂ = v / (1 - β₂ᵗ)
 * </pre>
 * The decay does not enter the moments, unlike an L2 penalty added to the gradient. With λ = 0 this is
 * exactly {@link Adam}.
 *
 * @param beta1       β₁, in [0, 1) (default {@value Adam#DEFAULT_BETA1})
 * @param beta2       β₂, in [0, 1) (default {@value Adam#DEFAULT_BETA2})
 * @param epsilon     ε, finite and &gt; 0 (default {@value Adam#DEFAULT_EPSILON})
 * @param weightDecay λ, finite and &ge; 0 (default {@value #DEFAULT_WEIGHT_DECAY}, PyTorch's)
 */
public record AdamW(double beta1, double beta2, double epsilon, double weightDecay) implements Optimizer {

    /** The default λ. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;

    /**
     * Validates β₁, β₂, ε and λ.
     *
     * @param beta1       β₁, in [0, 1)
     * @param beta2       β₂, in [0, 1)
     * @param epsilon     ε, finite and &gt; 0
     * @param weightDecay λ, finite and &ge; 0
     * @throws IllegalArgumentException for a value out of its range, naming it
     */
    public AdamW {
        Adam.requireValid(beta1, beta2, epsilon);
        OptimizerSupport.requireNonNegativeFinite(weightDecay, "weightDecay");
    }

    /** Adam's defaults and λ = {@value #DEFAULT_WEIGHT_DECAY}. */
    public AdamW() {
        this(DEFAULT_WEIGHT_DECAY);
    }

    /**
     * Adam's defaults and the given λ.
     *
     * @param weightDecay λ, finite and &ge; 0
     * @throws IllegalArgumentException for a λ out of range
     */
    public AdamW(double weightDecay) {
        this(Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPSILON, weightDecay);
    }

    @Override
    public String name() {
        return "adamw";
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code decayed} is null or not one entry per parameter
     */
    @Override
    public Updater start(DMatrixRMaj[] params, boolean[] decayed) {
        OptimizerSupport.requireParams(params);
        return new AdamUpdater(beta1, beta2, epsilon, weightDecay, OptimizerSupport.copyMask(decayed, params),
                params);
    }

    @Override
    public String toString() {
        return "adamw(beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon
                + ", weightDecay=" + weightDecay + ")";
    }
}
