package dev.mlp.train;

/**
 * Stop training when the monitored loss ({@link EpochResult#monitoredLoss()}: the validation loss
 * when there is validation data, else the training loss) has not improved by more than
 * {@code minDelta} for {@code patience} epochs in a row; then, if {@code restoreBest}, put back
 * the weights of the best epoch.
 *
 * @param patience    epochs without improvement tolerated, &gt; 0
 * @param minDelta    the improvement that counts, finite and ≥ 0
 * @param restoreBest whether to restore the best epoch's weights when training ends
 */
public record EarlyStopping(int patience, double minDelta, boolean restoreBest) {

    /**
     * Checks the settings.
     *
     * @param patience    &gt; 0
     * @param minDelta    finite and ≥ 0
     * @param restoreBest whether to restore the best epoch's weights
     * @throws IllegalArgumentException for a patience ≤ 0 or a bad minDelta
     */
    public EarlyStopping {
        if (patience <= 0) {
            throw new IllegalArgumentException("EarlyStopping patience must be > 0, got " + patience);
        }
        if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("EarlyStopping minDelta must be finite and >= 0, got " + minDelta);
        }
    }

    /**
     * {@return early stopping with this patience, any improvement counting, best weights restored}
     *
     * @param patience epochs without improvement tolerated, &gt; 0
     * @throws IllegalArgumentException for a patience ≤ 0
     */
    public static EarlyStopping patience(int patience) {
        return new EarlyStopping(patience, 0.0, true);
    }
}
