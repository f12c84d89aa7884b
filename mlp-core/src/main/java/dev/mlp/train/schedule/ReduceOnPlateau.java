package dev.mlp.train.schedule;

import dev.mlp.train.EpochResult;

import java.util.List;

/**
 * Multiplies the rate by {@code factor} each time the monitored loss (the validation loss when
 * there is validation data, else the training loss) has not improved by more than
 * {@code minDelta} for {@code patience} epochs, never going below {@code minRate}; as Keras'
 * {@code ReduceLROnPlateau} without cooldown. Computed afresh from the history, so it holds no state.
 *
 * @param factor   multiplier at each reduction, in (0, 1)
 * @param patience epochs without improvement before a reduction, &gt; 0
 * @param minDelta the improvement that counts, ≥ 0
 * @param minRate  the floor, ≥ 0
 */
public record ReduceOnPlateau(double factor, int patience, double minDelta, double minRate)
        implements LearningRateSchedule {

    /**
     * Checks the four settings.
     *
     * @param factor   in (0, 1)
     * @param patience &gt; 0
     * @param minDelta finite and ≥ 0
     * @param minRate  finite and ≥ 0
     * @throws IllegalArgumentException for a value out of range, naming it
     */
    public ReduceOnPlateau {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("ReduceOnPlateau factor must be in (0, 1), got " + factor);
        }
        if (patience <= 0) {
            throw new IllegalArgumentException("ReduceOnPlateau patience must be > 0, got " + patience);
        }
        if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("ReduceOnPlateau minDelta must be finite and >= 0, got " + minDelta);
        }
        if (!(minRate >= 0) || !Double.isFinite(minRate)) {
            throw new IllegalArgumentException("ReduceOnPlateau minRate must be finite and >= 0, got " + minRate);
        }
    }

    @Override
    public double rate(int epoch, double baseRate, List<EpochResult> history) {
        ScheduleArguments.require(epoch, baseRate, history);
        double rate = baseRate;
        double best = Double.POSITIVE_INFINITY;
        int wait = 0;
        for (EpochResult r : history) {
            double monitored = r.monitoredLoss();
            if (monitored < best - minDelta) {
                best = monitored;
                wait = 0;
            } else if (++wait >= patience) {
                rate = Math.max(rate * factor, minRate);
                wait = 0;
            }
        }
        return Math.max(rate, Double.MIN_NORMAL);
    }
}
