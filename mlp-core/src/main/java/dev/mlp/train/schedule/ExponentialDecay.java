package dev.mlp.train.schedule;

import dev.mlp.train.EpochResult;

import java.util.List;

/**
 * η = η₀ · γ^(epoch - 1): the rate shrinks by γ every epoch.
 *
 * @param gamma per-epoch multiplier, in (0, 1]
 */
public record ExponentialDecay(double gamma) implements LearningRateSchedule {

    /**
     * Checks γ.
     *
     * @param gamma γ, in (0, 1]; 1 keeps the rate constant
     * @throws IllegalArgumentException for γ out of range
     */
    public ExponentialDecay {
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("ExponentialDecay gamma must be in (0, 1], got " + gamma);
        }
    }

    @Override
    public double rate(int epoch, double baseRate, List<EpochResult> history) {
        ScheduleArguments.require(epoch, baseRate, history);
        return baseRate * Math.pow(gamma, epoch - 1);
    }
}
