package dev.mlp.activation;

import dev.mlp.linalg.Backend;
import org.ejml.data.DMatrixRMaj;

/**
 * Leaky rectified linear unit: f(z) = z for z &gt; 0, αz otherwise; f'(z) = 1 for z &gt; 0, α otherwise.
 *
 * @param slope α, the slope for negative inputs, finite and in [0, 1)
 */
public record LeakyReLU(double slope) implements Activation {

    /** Keras' default slope, 0.3, is large; this uses PyTorch's 0.01. */
    public static final double DEFAULT_SLOPE = 0.01;

    /**
     * Checks the slope.
     *
     * @param slope α, in [0, 1)
     * @throws IllegalArgumentException for a slope outside [0, 1), NaN included
     */
    public LeakyReLU {
        if (!(slope >= 0 && slope < 1)) {
            throw new IllegalArgumentException("LeakyReLU slope must be in [0, 1), got " + slope);
        }
    }

    /** A leaky ReLU with {@link #DEFAULT_SLOPE}. */
    public LeakyReLU() {
        this(DEFAULT_SLOPE);
    }

    @Override
    public String name() {
        return "leaky_relu";
    }

    @Override
    public void forward(DMatrixRMaj z, DMatrixRMaj a, Backend backend) {
        a.reshape(z.numRows, z.numCols);
        int n = z.getNumElements();
        for (int i = 0; i < n; i++) {
            double v = z.data[i];
            a.data[i] = v > 0 ? v : slope * v;
        }
    }

    @Override
    public void backward(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj grad) {
        int n = grad.getNumElements();
        for (int i = 0; i < n; i++) {
            // z > 0 ? grad : α·grad, picked without a branch (see ReLU.backward)
            long keep = ReLU.positiveMask(z.data[i]);
            double g = grad.data[i];
            long scaled = Double.doubleToRawLongBits(slope * g);
            grad.data[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(g) & keep | scaled & ~keep);
        }
    }

    @Override
    public String toString() {
        return name() + "(" + slope + ")";
    }
}
