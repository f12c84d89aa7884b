package dev.mlp.train;

/**
 * Why a training run ended, as {@link History#stopReason()} reports it. A run that diverges does
 * not end with a reason: it throws a {@link TrainingDivergedException} instead.
 */
public enum StopReason {
    /** Every configured epoch was trained. */
    COMPLETED,
    /** A {@link TrainingListener} returned {@link TrainingListener.Action#STOP}, after a batch or an epoch. */
    LISTENER,
    /** The training thread was interrupted; training ended after the batch it was in, and the flag stays set. */
    INTERRUPTED,
    /** {@link EarlyStopping}: the monitored loss did not improve for its patience. */
    EARLY_STOPPING,
    /**
     * A full-batch optimizer ({@link dev.mlp.optim.FullBatchOptimizer}) met its tolerances, or its
     * line search could lower the objective no further.
     */
    CONVERGED
}
