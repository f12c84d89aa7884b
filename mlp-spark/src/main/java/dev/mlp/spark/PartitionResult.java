package dev.mlp.spark;

import java.io.Serializable;

/**
 * What one partition sends back for one step: how many of the batch's rows it held, the mean loss
 * and the mean-loss gradient of those rows (W₀, b₀, W₁, b₁, … flattened; null when it held none).
 */
final class PartitionResult implements Serializable {

    private static final long serialVersionUID = 1L;

    final int partition;
    final int rows;
    final double loss;
    final double[] gradient;

    PartitionResult(int partition, int rows, double loss, double[] gradient) {
        this.partition = partition;
        this.rows = rows;
        this.loss = loss;
        this.gradient = gradient;
    }
}
