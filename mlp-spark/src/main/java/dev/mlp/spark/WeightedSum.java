package dev.mlp.spark;

import java.io.Serializable;

/**
 * The gradient and loss of a batch summed from its parts, always in the order the parts are added:
 * Σ (rows_p / batchRows) · g_p. The first part is scaled, not added to zeros, so that one part of
 * the whole batch gives its own bits back (1.0 · g = g, where 0 + g would turn -0.0 into 0.0).
 */
final class WeightedSum implements Serializable {

    private static final long serialVersionUID = 1L;

    int rows;
    double loss;
    /** Null until a part with rows has been added. */
    double[] gradient;

    /** Adds {@code part}'s share of a batch of {@code batchRows} rows. */
    void add(PartitionResult part, int batchRows) {
        if (part.rows == 0) {
            return;
        }
        double w = (double) part.rows / batchRows;
        double[] g = part.gradient;
        if (gradient == null) {
            gradient = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                gradient[i] = w * g[i];
            }
            loss = w * part.loss;
        } else {
            for (int i = 0; i < g.length; i++) {
                gradient[i] += w * g[i];
            }
            loss += w * part.loss;
        }
        rows += part.rows;
    }

    /** Adds a sum of other parts, already weighted. */
    void add(WeightedSum other) {
        if (other.rows == 0) {
            return;
        }
        if (gradient == null) {
            gradient = other.gradient.clone();
            loss = other.loss;
        } else {
            double[] g = other.gradient;
            for (int i = 0; i < g.length; i++) {
                gradient[i] += g[i];
            }
            loss += other.loss;
        }
        rows += other.rows;
    }
}
