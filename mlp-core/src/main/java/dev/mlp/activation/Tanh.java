package dev.mlp.activation;

import dev.mlp.linalg.Backend;
import org.ejml.data.DMatrixRMaj;

/** Hyperbolic tangent: f(z) = tanh(z), f'(z) = 1 - f(z)², computed from the cached a. */
public final class Tanh implements Activation {

    /** Creates the activation; it holds no state, so one instance may serve every layer. */
    public Tanh() {
    }

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public void forward(DMatrixRMaj z, DMatrixRMaj a, Backend backend) {
        a.reshape(z.numRows, z.numCols);
        int n = z.getNumElements();
        for (int i = 0; i < n; i++) {
            a.data[i] = Math.tanh(z.data[i]);
        }
    }

    @Override
    public void backward(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj grad) {
        int n = grad.getNumElements();
        for (int i = 0; i < n; i++) {
            double t = a.data[i];
            grad.data[i] *= 1.0 - t * t;
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
