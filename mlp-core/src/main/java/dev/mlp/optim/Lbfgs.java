package dev.mlp.optim;

import org.ejml.data.DMatrixRMaj;

/**
 * Limited-memory BFGS (Liu &amp; Nocedal, 1989) with a strong-Wolfe line search, the full-batch
 * method scikit-learn recommends for small data sets ({@code solver='lbfgs'}). Each iteration k,
 * with g = ∇f(θ) and the last m pairs sᵢ = θᵢ₊₁ - θᵢ, yᵢ = gᵢ₊₁ - gᵢ, ρᵢ = 1 / (yᵢᵀsᵢ):
 * <pre>
 *   d = -H g          by the two-loop recursion (Nocedal &amp; Wright, Algorithm 7.4):
 *                       q := g;  for i = k-1 … k-m:  αᵢ := ρᵢ sᵢᵀq,  q := q - αᵢ yᵢ
 *                       r := γ q,  γ = sₖ₋₁ᵀyₖ₋₁ / yₖ₋₁ᵀyₖ₋₁     (H₀ = γ I; γ = 1 with no pairs)
 *                       for i = k-m … k-1:  β := ρᵢ yᵢᵀr,  r := r + (αᵢ - β) sᵢ;   d := -r
 *   θ := θ + α d      α from the line search: the first trial is 1 (min(1, 1/‖g‖₂) with no pairs
 *                     yet), accepted when it meets the strong Wolfe conditions
 *                       f(θ + α d) ≤ f(θ) + c₁ α gᵀd   and   |∇f(θ + α d)ᵀd| ≤ c₂ |gᵀd|
 *                     with c₁ = 10⁻⁴, c₂ = 0.9; bracketing and zoom with safeguarded cubic
 *                     interpolation (Nocedal &amp; Wright, Algorithms 3.5 and 3.6), at most
 *                     {@value #MAX_LINE_SEARCH_EVALUATIONS} evaluations
 * </pre>
 * A pair is kept only when yᵀs &gt; 10⁻¹⁰ yᵀy, so H stays positive definite. It stops
 * ({@link FullBatchOptimizer.Status#CONVERGED}) when max |gⱼ| ≤ {@code gradientTolerance}, or
 * when a step lowers f by a share (fₖ - fₖ₊₁) / max(|fₖ|, |fₖ₊₁|, 1) ≤ {@code lossTolerance}, the
 * two tests of SciPy's L-BFGS-B, which scikit-learn calls. A line search that finds no lower point
 * along the quasi-Newton direction drops the pairs and tries the steepest descent once more.
 *
 * @param history           m, the number of (s, y) pairs kept, ≥ 1 (default {@value #DEFAULT_HISTORY})
 * @param gradientTolerance stop when no gradient entry exceeds it in magnitude, finite and ≥ 0
 *                          (default {@value #DEFAULT_GRADIENT_TOLERANCE})
 * @param lossTolerance     stop when a step lowers f by at most this share, finite and ≥ 0 (default
 *                          {@value #DEFAULT_LOSS_TOLERANCE}, SciPy's 10⁷ times the machine epsilon)
 */
public record Lbfgs(int history, double gradientTolerance, double lossTolerance) implements FullBatchOptimizer {

    /** The default m, as SciPy and scikit-learn. */
    public static final int DEFAULT_HISTORY = 10;
    /** The default gradient tolerance, SciPy's {@code gtol}. */
    public static final double DEFAULT_GRADIENT_TOLERANCE = 1e-5;
    /** The default loss tolerance, SciPy's {@code ftol} (its {@code factr} 10⁷ times 2⁻⁵²). */
    public static final double DEFAULT_LOSS_TOLERANCE = 1e7 * 0x1p-52;
    /** The most evaluations of the objective one line search makes, as SciPy's {@code maxls}. */
    public static final int MAX_LINE_SEARCH_EVALUATIONS = 20;

    /**
     * Validates the history size and the tolerances.
     *
     * @param history           ≥ 1
     * @param gradientTolerance finite and ≥ 0
     * @param lossTolerance     finite and ≥ 0
     * @throws IllegalArgumentException for a value out of its range, naming it
     */
    public Lbfgs {
        if (history < 1) {
            throw new IllegalArgumentException("history must be >= 1, got " + history);
        }
        OptimizerSupport.requireNonNegativeFinite(gradientTolerance, "gradientTolerance");
        OptimizerSupport.requireNonNegativeFinite(lossTolerance, "lossTolerance");
    }

    /**
     * m = {@value #DEFAULT_HISTORY}, gradient tolerance {@value #DEFAULT_GRADIENT_TOLERANCE}, loss
     * tolerance {@value #DEFAULT_LOSS_TOLERANCE}.
     */
    public Lbfgs() {
        this(DEFAULT_HISTORY, DEFAULT_GRADIENT_TOLERANCE, DEFAULT_LOSS_TOLERANCE);
    }

    @Override
    public String name() {
        return "lbfgs";
    }

    @Override
    public Minimizer startMinimizer(DMatrixRMaj[] params) {
        return new LbfgsMinimizer(this, params);
    }

    @Override
    public String toString() {
        return "lbfgs(history=" + history + ", gradientTolerance=" + gradientTolerance + ", lossTolerance="
                + lossTolerance + ")";
    }
}
