package dev.mlp.train;

/**
 * What one epoch of training produced.
 *
 * @param epoch        1-based epoch number
 * @param trainingLoss mean loss of the epoch's batches, each weighted by its rows, measured on
 *                     the forward pass before each batch's update
 * @param batches      number of batches trained in this epoch
 */
public record EpochResult(int epoch, double trainingLoss, int batches) {
}
