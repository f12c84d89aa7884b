package dev.mlp.activation;

import dev.mlp.linalg.Backend;
import org.ejml.data.DMatrixRMaj;

/**
 * Row-wise softmax: a_i = e^(z_i - m) / Σ_j e^(z_j - m) with m the row maximum, so that no
 * exponent overflows. Backward applies the Jacobian: dL/dz_i = a_i (g_i - Σ_j g_j a_j).
 *
 * <p>Meant as the output of a classifier, paired with {@code SoftmaxCrossEntropy}, whose fused
 * gradient P - Y skips this Jacobian entirely.
 */
public final class Softmax implements Activation {

    /** Creates the activation; it holds no state, so one instance may serve every layer. */
    public Softmax() {
    }

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public void forward(DMatrixRMaj z, DMatrixRMaj a, Backend backend) {
        a.reshape(z.numRows, z.numCols);
        int cols = z.numCols;
        for (int r = 0; r < z.numRows; r++) {
            int start = r * cols;
            int end = start + cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = start; i < end; i++) {
                max = Math.max(max, z.data[i]);
            }
            double sum = 0;
            for (int i = start; i < end; i++) {
                double e = Math.exp(z.data[i] - max);
                a.data[i] = e;
                sum += e;
            }
            for (int i = start; i < end; i++) {
                a.data[i] /= sum;
            }
        }
    }

    @Override
    public void backward(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj grad) {
        int cols = grad.numCols;
        for (int r = 0; r < grad.numRows; r++) {
            int start = r * cols;
            int end = start + cols;
            double dot = 0;
            for (int i = start; i < end; i++) {
                dot += grad.data[i] * a.data[i];
            }
            for (int i = start; i < end; i++) {
                grad.data[i] = a.data[i] * (grad.data[i] - dot);
            }
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
