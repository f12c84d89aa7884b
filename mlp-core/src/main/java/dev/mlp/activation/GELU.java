package dev.mlp.activation;

import org.apache.commons.math3.special.Erf;
import dev.mlp.linalg.Backend;
import org.ejml.data.DMatrixRMaj;

/**
 * Gaussian error linear unit, exact form (PyTorch's and Keras' default):
 * f(z) = z Φ(z) with Φ the standard normal CDF, f'(z) = Φ(z) + z φ(z).
 */
public final class GELU implements Activation {

    /** Creates the activation; it holds no state, so one instance may serve every layer. */
    public GELU() {
    }

    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    @Override
    public String name() {
        return "gelu";
    }

    @Override
    public void forward(DMatrixRMaj z, DMatrixRMaj a, Backend backend) {
        a.reshape(z.numRows, z.numCols);
        int n = z.getNumElements();
        for (int i = 0; i < n; i++) {
            double v = z.data[i];
            a.data[i] = v * cdf(v);
        }
    }

    @Override
    public void backward(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj grad) {
        int n = grad.getNumElements();
        for (int i = 0; i < n; i++) {
            double v = z.data[i];
            grad.data[i] *= cdf(v) + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v);
        }
    }

    private static double cdf(double v) {
        return 0.5 * (1.0 + Erf.erf(v * INV_SQRT2));
    }

    @Override
    public String toString() {
        return name();
    }
}
