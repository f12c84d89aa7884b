package dev.mlp.train;

/**
 * Callbacks during training: how progress and losses reach the caller (the library never prints).
 * Both methods run on the training thread between batches, when the network is consistent; a
 * listener may read or predict with the network there, and may stop training.
 */
public interface TrainingListener {

    /** What training should do after a callback. */
    enum Action { CONTINUE, STOP }

    /**
     * After each batch's update.
     *
     * @param epoch     1-based epoch
     * @param batch     1-based batch within the epoch
     * @param batchLoss the batch's mean loss before its update
     */
    default Action onBatchEnd(int epoch, int batch, double batchLoss) {
        return Action.CONTINUE;
    }

    /** After each epoch. */
    default Action onEpochEnd(EpochResult result) {
        return Action.CONTINUE;
    }
}
