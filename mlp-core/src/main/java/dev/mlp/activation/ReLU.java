package dev.mlp.activation;

import dev.mlp.linalg.Backend;
import org.ejml.data.DMatrixRMaj;

/**
 * Rectified linear unit: f(z) = max(0, z), f'(z) = 1 for z &gt; 0 and 0 otherwise
 * (the value 0 at the kink, as the blog and every major framework choose).
 * NaN passes through so that divergence is seen, not hidden.
 */
public final class ReLU implements Activation {

    /** Creates the activation; it holds no state, so one instance may serve every layer. */
    public ReLU() {
    }

    @Override
    public String name() {
        return "relu";
    }

    @Override
    public void forward(DMatrixRMaj z, DMatrixRMaj a, Backend backend) {
        a.reshape(z.numRows, z.numCols);
        int n = z.getNumElements();
        double[] zd = z.data;
        double[] ad = a.data;
        for (int i = 0; i < n; i++) {
            // Math.max is branch-free (signs are random here) and keeps NaN
            ad[i] = Math.max(zd[i], 0.0);
        }
    }

    @Override
    public void backward(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj grad) {
        int n = grad.getNumElements();
        double[] zd = z.data;
        double[] g = grad.data;
        for (int i = 0; i < n; i++) {
            // g[i] = z > 0 ? g[i] : +0.0, without a branch: the signs of z are random, and the
            // mispredicted branch cost about 3× the whole loop
            g[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(g[i]) & positiveMask(zd[i]));
        }
    }

    private static final long POSITIVE_INFINITY_BITS = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);

    /**
     * All ones when z &gt; 0 (false for NaN), else 0, computed without a branch: z &gt; 0 exactly
     * when its bits minus 1, as a signed long, lie in [0, bits(+∞)).
     */
    static long positiveMask(double z) {
        long x = Double.doubleToRawLongBits(z) - 1;
        return ((x - POSITIVE_INFINITY_BITS) & ~x) >> 63;
    }

    @Override
    public String toString() {
        return name();
    }
}
