package dev.mlp.spark;

import java.io.Serializable;

/** One synchronous step's broadcast: the weights to differentiate at and the batch's global row ids, in order. */
final class Step implements Serializable {

    private static final long serialVersionUID = 1L;

    final double[] weights;
    final int[] ids;

    Step(double[] weights, int[] ids) {
        this.weights = weights;
        this.ids = ids;
    }
}
