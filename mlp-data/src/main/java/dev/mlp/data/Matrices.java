package dev.mlp.data;

import dev.mlp.Checks;
import org.ejml.data.DMatrixRMaj;

/** Argument checks for matrices that may have zero rows, shared by the scalers. */
final class Matrices {

    private Matrices() {
    }

    /** Requires a non-null matrix with only finite values; zero rows are allowed. */
    static void requireFinite(DMatrixRMaj m, String name) {
        Checks.requireFinite(m, name);
    }

    /** Requires a non-null, non-empty array of finite values and returns a copy of it. */
    static double[] finiteCopy(double[] values, String name) {
        Checks.requireNonNull(values, name);
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        for (int j = 0; j < values.length; j++) {
            if (!Double.isFinite(values[j])) {
                throw new IllegalArgumentException(name + "[" + j + "] must be finite, got " + values[j]);
            }
        }
        return values.clone();
    }
}
