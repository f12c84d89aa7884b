package dev.mlp.train;

/**
 * Which gradient training follows.
 *
 * <p>{@link #EXACT} is the default and the true gradient of the loss; gradient checks prove it.
 *
 * <p>{@link #BLOG} is the update rule of the blog post that this library starts from, kept so that
 * its run can be reproduced. It differs from the exact gradient of the mean squared error in two ways:
 * <ol>
 *   <li>The output error is δᴸ = (a - y) ⊙ f'(a): the output activation's derivative is evaluated
 *       at the <em>prediction</em> a rather than at z, and without the loss' 2/(n·k) factor. For a
 *       sigmoid output that factor is s(a)(1 - s(a)); since a lies in (0, 1), s(a) lies in (0.5, 0.73)
 *       and the factor stays between about 0.2 and 0.25. So the step is close to a scaled-down
 *       (a - y), which is exactly the gradient of sigmoid with cross-entropy: it does not vanish when
 *       the sigmoid saturates, which is why the blog's network learns well at η = 1e-3, where the
 *       exact MSE gradient (with its a(1 - a) factor that vanishes at saturation) reaches only
 *       about 0.69 training accuracy in the same 100 epochs.</li>
 *   <li>Weights step by the batch <em>sum</em> dW = aᵀδ, biases by the batch <em>mean</em> of δ.</li>
 * </ol>
 * Hidden layers backpropagate as usual: δ⁽ˡ⁾ = (δ⁽ˡ⁺¹⁾ Wᵀ) ⊙ f'(z⁽ˡ⁾). The rule is only
 * meaningful with the mean squared error, and is refused with any other loss.
 */
public enum GradientRule {
    /** The true gradient of the configured loss (batch-mean convention). */
    EXACT,
    /** The blog's rule: δᴸ = (a - y) ⊙ f'(a), weights by batch sum, biases by batch mean. */
    BLOG
}
