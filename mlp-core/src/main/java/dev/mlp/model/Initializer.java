package dev.mlp.model;

import dev.mlp.random.RandomSource;
import org.ejml.data.DMatrixRMaj;

/**
 * How a dense layer's weights W (fan_in x fan_out) are drawn; biases always start at 0.
 * Every initializer draws from the random source it is given, row by row, so a seed fixes the result.
 */
public enum Initializer {

    /**
     * The blog's initialisation: W = N(0, 1) / sqrt(fan_in) (LeCun normal; the blog calls it Xavier).
     * With {@link dev.mlp.random.NumpyRandom} it reproduces {@code np.random.randn(in, out) / np.sqrt(in)}.
     */
    FAN_IN_NORMAL {
        @Override
        public void initialize(DMatrixRMaj w, RandomSource random) {
            double scale = Math.sqrt(w.numRows);
            fill(w, () -> random.nextGaussian() / scale);
        }
    },

    /** Glorot/Xavier uniform: U(-l, l) with l = sqrt(6 / (fan_in + fan_out)). */
    GLOROT_UNIFORM {
        @Override
        public void initialize(DMatrixRMaj w, RandomSource random) {
            double limit = Math.sqrt(6.0 / (w.numRows + w.numCols));
            fill(w, () -> (2 * random.nextDouble() - 1) * limit);
        }
    },

    /** Glorot/Xavier normal: N(0, 2 / (fan_in + fan_out)), untruncated as PyTorch's. */
    GLOROT_NORMAL {
        @Override
        public void initialize(DMatrixRMaj w, RandomSource random) {
            double std = Math.sqrt(2.0 / (w.numRows + w.numCols));
            fill(w, () -> random.nextGaussian() * std);
        }
    },

    /** He/Kaiming uniform: U(-l, l) with l = sqrt(6 / fan_in); suited to the ReLU family. */
    HE_UNIFORM {
        @Override
        public void initialize(DMatrixRMaj w, RandomSource random) {
            double limit = Math.sqrt(6.0 / w.numRows);
            fill(w, () -> (2 * random.nextDouble() - 1) * limit);
        }
    },

    /** He/Kaiming normal: N(0, 2 / fan_in), untruncated as PyTorch's; suited to the ReLU family. */
    HE_NORMAL {
        @Override
        public void initialize(DMatrixRMaj w, RandomSource random) {
            double std = Math.sqrt(2.0 / w.numRows);
            fill(w, () -> random.nextGaussian() * std);
        }
    };

    /**
     * Overwrites every entry of {@code w} (fan_in x fan_out).
     *
     * @param w      the weights, modified
     * @param random the source drawn from, advanced
     */
    public abstract void initialize(DMatrixRMaj w, RandomSource random);

    private static void fill(DMatrixRMaj w, java.util.function.DoubleSupplier draw) {
        int n = w.getNumElements();
        for (int i = 0; i < n; i++) {
            w.data[i] = draw.getAsDouble();
        }
    }
}
