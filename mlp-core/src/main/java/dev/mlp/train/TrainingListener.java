package dev.mlp.train;

/**
 * Callbacks during training: how progress and losses reach the caller (the library never prints).
 * Both methods run on the training thread between batches, when the network is consistent; a
 * listener may read or predict with the network there, and may stop training.
 */
public interface TrainingListener {

    /** What training should do after a callback. */
    enum Action {
        /** Go on training. */
        CONTINUE,
        /**
         * End the run after this batch or epoch (its update is kept); {@link History#stopReason()}
         * is {@link StopReason#LISTENER}. The other listeners are still told of it.
         */
        STOP
    }

    /**
     * After each batch's update.
     *
     * @param epoch     1-based epoch
     * @param batch     1-based batch within the epoch
     * @param batchLoss the batch's mean loss before its update
     * @return {@link Action#STOP} to end the run here; the default continues
     */
    default Action onBatchEnd(int epoch, int batch, double batchLoss) {
        return Action.CONTINUE;
    }

    /**
     * After each epoch, once its validation (if any) is done.
     *
     * @param result the epoch's losses, accuracy and learning rate
     * @return {@link Action#STOP} to end the run after this epoch; the default continues
     */
    default Action onEpochEnd(EpochResult result) {
        return Action.CONTINUE;
    }
}
