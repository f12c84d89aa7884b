package dev.mlp.activation;

import dev.mlp.linalg.Backend;
import org.ejml.data.DMatrixRMaj;

/** Identity (linear output): f(z) = z, f'(z) = 1. The output of a regression network. */
public final class Identity implements Activation {

    /** Creates the activation; it holds no state, so one instance may serve every layer. */
    public Identity() {
    }

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public void forward(DMatrixRMaj z, DMatrixRMaj a, Backend backend) {
        if (a != z) {
            a.setTo(z);
        }
    }

    @Override
    public void backward(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj grad) {
        // dL/dz = dL/da
    }

    @Override
    public String toString() {
        return name();
    }
}
