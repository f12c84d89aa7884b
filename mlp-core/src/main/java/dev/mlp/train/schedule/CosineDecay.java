package dev.mlp.train.schedule;

import dev.mlp.train.EpochResult;

import java.util.List;

/**
 * Cosine annealing: η = η_min + (η₀ - η_min) · (1 + cos(π · (epoch - 1) / T)) / 2 for epochs up to
 * T, then η_min.
 *
 * @param totalEpochs T, the epochs over which the rate falls, &gt; 0
 * @param minRate     η_min, the floor, ≥ 0 and finite
 */
public record CosineDecay(int totalEpochs, double minRate) implements LearningRateSchedule {

    /**
     * Checks T and η_min.
     *
     * @param totalEpochs T, &gt; 0
     * @param minRate     η_min, finite and ≥ 0
     * @throws IllegalArgumentException for a value out of range
     */
    public CosineDecay {
        if (totalEpochs <= 0) {
            throw new IllegalArgumentException("CosineDecay totalEpochs must be > 0, got " + totalEpochs);
        }
        if (!(minRate >= 0) || !Double.isFinite(minRate)) {
            throw new IllegalArgumentException("CosineDecay minRate must be finite and >= 0, got " + minRate);
        }
    }

    @Override
    public double rate(int epoch, double baseRate, List<EpochResult> history) {
        ScheduleArguments.require(epoch, baseRate, history);
        if (epoch > totalEpochs) {
            return Math.max(minRate, Double.MIN_NORMAL);
        }
        double progress = (epoch - 1) / (double) totalEpochs;
        double rate = minRate + (baseRate - minRate) * (1 + Math.cos(Math.PI * progress)) / 2;
        return Math.max(rate, Double.MIN_NORMAL);
    }
}
