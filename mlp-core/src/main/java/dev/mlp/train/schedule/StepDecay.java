package dev.mlp.train.schedule;

import dev.mlp.train.EpochResult;

import java.util.List;

/**
 * η = η₀ · factor^⌊(epoch - 1) / every⌋: the rate drops by {@code factor} every {@code every} epochs.
 *
 * @param every  epochs between drops, &gt; 0
 * @param factor multiplier at each drop, in (0, 1]
 */
public record StepDecay(int every, double factor) implements LearningRateSchedule {

    /**
     * Checks the period and the factor.
     *
     * @param every  &gt; 0
     * @param factor in (0, 1]
     * @throws IllegalArgumentException for a value out of range, naming it
     */
    public StepDecay {
        if (every <= 0) {
            throw new IllegalArgumentException("StepDecay every must be > 0, got " + every);
        }
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("StepDecay factor must be in (0, 1], got " + factor);
        }
    }

    @Override
    public double rate(int epoch, double baseRate, List<EpochResult> history) {
        ScheduleArguments.require(epoch, baseRate, history);
        return baseRate * Math.pow(factor, (epoch - 1) / every);
    }
}
