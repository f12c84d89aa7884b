package dev.mlp.activation;

import dev.mlp.linalg.Backend;
import org.ejml.data.DMatrixRMaj;

/**
 * A layer's non-linearity a = f(z), applied to a batch whose rows are samples.
 *
 * <p>Both methods work on the first {@code getNumElements()} entries only, never on
 * {@code data.length}: a reshaped EJML matrix may keep a larger backing array.
 * Implementations are stateless and therefore thread-safe.
 */
public interface Activation {

    /** {@return a short lower-case name, as used in summaries and saved models ({@code "relu"})} */
    String name();

    /**
     * a = f(z). {@code a} is reshaped to z's shape; it may be the same matrix as {@code z}.
     *
     * @param z       pre-activations, not modified unless it is also {@code a}
     * @param a       output, modified
     * @param backend computes the element-wise functions it owns ({@link Backend#sigmoid}); the
     *                layer passes its run's backend, so that one choice governs every operation
     */
    void forward(DMatrixRMaj z, DMatrixRMaj a, Backend backend);

    /**
     * The chain rule through f: {@code grad := grad ⊙ f'(z)} for element-wise functions, and
     * {@code grad_row := J_f(z_row)ᵀ grad_row} for row-wise ones such as softmax.
     *
     * @param z    the pre-activations of the forward pass, not modified
     * @param a    f(z) from the forward pass, not modified (derivatives use it where the math allows)
     * @param grad on entry dL/da, on exit dL/dz; modified
     */
    void backward(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj grad);
}
