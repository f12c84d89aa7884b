package dev.mlp.train;

import dev.mlp.Checks;

import java.util.List;

/**
 * The record of one training run, returned by {@link Trainer#fit} and {@link TrainingSession#fit}:
 * its epochs, why it ended and where, and which epoch's weights the network holds. A run that
 * diverges returns no history: it throws a {@link TrainingDivergedException}.
 *
 * @param epochs       one entry per epoch completed in this run, in order
 * @param stopReason   why the run ended
 * @param stopEpoch    the epoch at which it ended (counted over the session, 1-based): the last
 *                     trained for {@link StopReason#COMPLETED}, the one in progress or just
 *                     completed otherwise
 * @param stopBatch    the batch (1-based) after which it ended within {@code stopEpoch}, for a stop
 *                     between batches (a listener's {@code onBatchEnd}, an interrupt); 0 when it
 *                     ended at the end of the epoch
 * @param bestEpoch    under {@link EarlyStopping}, the epoch with the best monitored loss in this
 *                     run (0 if none improved on infinity); 0 without early stopping
 * @param bestRestored whether the weights of {@code bestEpoch} were put back at the end
 *                     ({@link EarlyStopping#restoreBest()})
 */
public record History(List<EpochResult> epochs, StopReason stopReason, int stopEpoch, int stopBatch,
                      int bestEpoch, boolean bestRestored) {

    /**
     * Copies the epochs.
     *
     * @param epochs       not null and without nulls; copied
     * @param stopReason   not null
     * @param stopEpoch    1-based, over the session
     * @param stopBatch    1-based, or 0 for a stop at the end of an epoch
     * @param bestEpoch    1-based, or 0 for none
     * @param bestRestored whether the network holds the weights of {@code bestEpoch}
     * @throws IllegalArgumentException if epochs is null or holds a null, or stopReason is null
     */
    public History {
        Checks.requireNonNull(epochs, "epochs");
        if (epochs.contains(null)) {
            throw new IllegalArgumentException("epochs[" + epochs.indexOf(null) + "] is null");
        }
        epochs = List.copyOf(epochs);
        if (stopReason == null) {
            throw new IllegalArgumentException("stopReason must not be null");
        }
    }

    /**
     * {@return true when training ended before its configured epochs: a listener, an interrupt,
     * early stopping or convergence}
     */
    public boolean stoppedEarly() {
        return stopReason != StopReason.COMPLETED;
    }

    /** {@return the last completed epoch, or {@code null} if none completed} */
    public EpochResult last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    /**
     * {@return the epoch whose weights the network holds: {@link #bestEpoch()} when those were
     * restored, else the last completed epoch (0 if none)} After a stop between batches without a restore, the
     * network holds the weights after batch {@link #stopBatch()} of the next epoch.
     */
    public int keptEpoch() {
        if (bestRestored) {
            return bestEpoch;
        }
        EpochResult last = last();
        return last == null ? 0 : last.epoch();
    }

    /** {@return the result of {@link #keptEpoch()}, or {@code null} if no epoch completed} */
    public EpochResult kept() {
        int epoch = keptEpoch();
        for (EpochResult r : epochs) {
            if (r.epoch() == epoch) {
                return r;
            }
        }
        return null;
    }

    /** {@return why and where training ended, for people: "early stopping after epoch 9: no improvement ..."} */
    public String message() {
        String where = "after epoch " + stopEpoch + (stopBatch > 0 ? ", batch " + stopBatch : "");
        return switch (stopReason) {
            case COMPLETED -> "completed " + where;
            case LISTENER -> "stopped by a listener " + where;
            case INTERRUPTED -> "interrupted " + where;
            case CONVERGED -> "converged " + where + ": the optimizer met its tolerances";
            case EARLY_STOPPING -> "early stopping " + where + ": "
                    + (bestEpoch > 0 ? "no improvement over " + (stopEpoch - bestEpoch) + " epochs since epoch "
                            + bestEpoch : "the monitored loss never improved")
                    + (bestRestored ? "; weights of epoch " + bestEpoch + " restored" : "");
        };
    }
}
