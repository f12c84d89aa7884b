package dev.mlp.train;

/**
 * What one epoch of training produced.
 *
 * @param epoch              1-based epoch number, counted over the whole training session
 * @param trainingLoss       mean loss of the epoch's batches, each weighted by its rows, measured on
 *                           the forward pass before each batch's update (the data loss, without any
 *                           L2 penalty)
 * @param validationLoss     loss on the validation data after the epoch, or NaN without validation data
 * @param validationAccuracy share of validation rows whose largest output is the target's largest
 *                           entry, or NaN without validation data
 * @param learningRate       the learning rate used in this epoch
 * @param batches            number of batches trained in this epoch
 */
public record EpochResult(int epoch, double trainingLoss, double validationLoss, double validationAccuracy,
                          double learningRate, int batches) {

    /** {@return true when this epoch was evaluated on validation data} */
    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }

    /**
     * {@return the loss that early stopping and plateau schedules watch: the validation loss if any,
     * else the training loss}
     */
    public double monitoredLoss() {
        return hasValidation() ? validationLoss : trainingLoss;
    }
}
