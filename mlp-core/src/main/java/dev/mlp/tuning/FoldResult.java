package dev.mlp.tuning;

/**
 * What one network of a cross-validation scored on its held-out fold.
 *
 * @param fold         which fold was held out, from 0
 * @param trainingRows the rows it was trained on
 * @param heldOutRows  the rows it was scored on
 * @param accuracy     the share of held-out rows whose predicted class (the largest output; one
 *                     output thresholded at 0.5) is the target's; NaN if training diverged
 * @param loss         the mean training loss on the held-out rows; NaN if training diverged
 * @param trainingLoss the mean training loss of the last epoch trained; NaN if training diverged
 * @param epochs       the epochs trained
 * @param seconds      the wall time of training and scoring it, on its own thread
 */
public record FoldResult(int fold, int trainingRows, int heldOutRows, double accuracy, double loss,
                         double trainingLoss, int epochs, double seconds) {

    /** {@return whether training diverged (a loss or gradient became NaN or infinite)} */
    public boolean diverged() {
        return Double.isNaN(accuracy);
    }
}
