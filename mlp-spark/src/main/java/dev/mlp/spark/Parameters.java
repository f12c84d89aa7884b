package dev.mlp.spark;

import org.ejml.data.DMatrixRMaj;

/** W₀, b₀, W₁, b₁, … as one flat array, the form weights and gradients travel in. */
final class Parameters {

    private Parameters() {
    }

    /** The entries of all matrices, one after another. */
    static int count(DMatrixRMaj[] matrices) {
        int n = 0;
        for (DMatrixRMaj m : matrices) {
            n += m.getNumElements();
        }
        return n;
    }

    /** A new array holding the matrices' entries one after another. */
    static double[] flatten(DMatrixRMaj[] matrices) {
        double[] flat = new double[count(matrices)];
        int at = 0;
        for (DMatrixRMaj m : matrices) {
            int n = m.getNumElements();
            System.arraycopy(m.data, 0, flat, at, n);
            at += n;
        }
        return flat;
    }

    /** Copies {@code flat} back into the matrices, in the order of {@link #flatten}. */
    static void load(double[] flat, DMatrixRMaj[] matrices) {
        int at = 0;
        for (DMatrixRMaj m : matrices) {
            int n = m.getNumElements();
            System.arraycopy(flat, at, m.data, 0, n);
            at += n;
        }
    }
}
