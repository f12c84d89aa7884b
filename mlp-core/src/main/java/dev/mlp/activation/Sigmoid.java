package dev.mlp.activation;

import dev.mlp.linalg.Backend;
import org.ejml.data.DMatrixRMaj;

/**
 * Logistic sigmoid: f(z) = 1 / (1 + e^(-z)), f'(z) = f(z)(1 - f(z)), computed from the cached a.
 *
 * <p>Computed as that formula (no branch on the sign of z), which is what numpy evaluates: a seeded
 * run stays in step with the blog's to within the last bits. In double it cannot overflow into
 * NaN: for very negative z, e^(-z) is +∞ and the result is exactly 0. The array loop is the
 * backend's {@link Backend#sigmoid}: vectorized, within 4 ulp of {@code 1 / (1 + Math.exp(-z))},
 * and the same bits on every backend and in every JVM run.
 */
public final class Sigmoid implements Activation {

    /** Creates the activation; it holds no state, so one instance may serve every layer. */
    public Sigmoid() {
    }

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public void forward(DMatrixRMaj z, DMatrixRMaj a, Backend backend) {
        a.reshape(z.numRows, z.numCols);
        backend.sigmoid(z.data, a.data, z.getNumElements());
    }

    @Override
    public void backward(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj grad) {
        int n = grad.getNumElements();
        for (int i = 0; i < n; i++) {
            double s = a.data[i];
            grad.data[i] *= s * (1.0 - s);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
