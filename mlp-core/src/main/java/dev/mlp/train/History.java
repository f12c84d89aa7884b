package dev.mlp.train;

import dev.mlp.Checks;

import java.util.List;

/**
 * The record of one training run, returned by {@link Trainer#fit}.
 *
 * @param epochs     one entry per completed epoch, in order
 * @param stopReason why training ended before its last epoch, or {@code null} if it ran them all
 */
public record History(List<EpochResult> epochs, String stopReason) {

    /**
     * Copies the epochs.
     *
     * @throws IllegalArgumentException if epochs is null or holds a null
     */
    public History {
        Checks.requireNonNull(epochs, "epochs");
        if (epochs.contains(null)) {
            throw new IllegalArgumentException("epochs[" + epochs.indexOf(null) + "] is null");
        }
        epochs = List.copyOf(epochs);
    }

    /** True when a listener or an interrupt ended training before its configured epochs. */
    public boolean stoppedEarly() {
        return stopReason != null;
    }

    /** The last completed epoch, or {@code null} if none completed. */
    public EpochResult last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }
}
