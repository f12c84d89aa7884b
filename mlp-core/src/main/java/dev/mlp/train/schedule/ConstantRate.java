package dev.mlp.train.schedule;

import dev.mlp.train.EpochResult;

import java.util.List;

/** η = η₀ for every epoch; the default. */
public final class ConstantRate implements LearningRateSchedule {

    static final ConstantRate INSTANCE = new ConstantRate();

    private ConstantRate() {
    }

    @Override
    public double rate(int epoch, double baseRate, List<EpochResult> history) {
        ScheduleArguments.require(epoch, baseRate, history);
        return baseRate;
    }

    @Override
    public String toString() {
        return "constant";
    }
}
