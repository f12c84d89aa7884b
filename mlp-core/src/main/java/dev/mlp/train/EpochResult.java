package dev.mlp.train;

/**
 * What one epoch of training produced.
 *
 * @param epoch              1-based epoch number, counted over the whole training session
 * @param trainingLoss       mean loss of the epoch's batches, each weighted by its rows, measured on
 *                           the forward pass before each batch's update (the data loss, without any
 *                           L2 penalty)
 * @param validationLoss     loss on the validation data after the epoch, or NaN without validation data
 * @param validationAccuracy the validation accuracy of the kind {@code accuracyKind} names (class
 *                           accuracy for single-label targets, per-label accuracy for multi-label
 *                           ones), or NaN without validation data or for regression outputs
 * @param learningRate       the learning rate used in this epoch
 * @param batches            number of batches trained in this epoch
 * @param accuracyKind       what {@code validationAccuracy} counts; {@link AccuracyKind#NONE} when it
 *                           is NaN
 */
public record EpochResult(int epoch, double trainingLoss, double validationLoss, double validationAccuracy,
                          double learningRate, int batches, AccuracyKind accuracyKind) {

    /**
     * Checks that the accuracy kind fits the validation accuracy.
     *
     * @param epoch              1-based epoch number
     * @param trainingLoss       mean loss of the epoch's batches
     * @param validationLoss     loss on the validation data, or NaN
     * @param validationAccuracy the validation accuracy of kind {@code accuracyKind}, or NaN
     * @param learningRate       the learning rate used in this epoch
     * @param batches            number of batches trained in this epoch
     * @param accuracyKind       what {@code validationAccuracy} counts
     * @throws IllegalArgumentException if accuracyKind is null, or is {@link AccuracyKind#NONE} for a
     *                                  validation accuracy that is a number, or another kind for NaN
     */
    public EpochResult {
        if (accuracyKind == null) {
            throw new IllegalArgumentException("accuracyKind must not be null");
        }
        if ((accuracyKind == AccuracyKind.NONE) != Double.isNaN(validationAccuracy)) {
            throw new IllegalArgumentException("accuracyKind " + accuracyKind + " does not fit the validation accuracy "
                    + validationAccuracy + " (NONE goes with NaN, and only with NaN)");
        }
    }

    /**
     * An epoch whose validation accuracy, when it is a number, is a class accuracy
     * ({@link AccuracyKind#CLASS}; {@link AccuracyKind#NONE} for NaN).
     *
     * @param epoch              1-based epoch number
     * @param trainingLoss       mean loss of the epoch's batches
     * @param validationLoss     loss on the validation data, or NaN
     * @param validationAccuracy the validation class accuracy, or NaN
     * @param learningRate       the learning rate used in this epoch
     * @param batches            number of batches trained in this epoch
     */
    public EpochResult(int epoch, double trainingLoss, double validationLoss, double validationAccuracy,
                       double learningRate, int batches) {
        this(epoch, trainingLoss, validationLoss, validationAccuracy, learningRate, batches,
                Double.isNaN(validationAccuracy) ? AccuracyKind.NONE : AccuracyKind.CLASS);
    }

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
