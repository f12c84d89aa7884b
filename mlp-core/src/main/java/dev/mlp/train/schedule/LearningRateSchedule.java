package dev.mlp.train.schedule;

import dev.mlp.train.EpochResult;

import java.util.List;

/**
 * The learning rate of each epoch, as a pure function of the base rate and the history so far
 * (so a schedule is an immutable value, and a run is reproducible from its configuration).
 */
public interface LearningRateSchedule {

    /**
     * {@return η for this epoch, finite and &gt; 0}
     *
     * @param epoch    the 1-based epoch about to be trained
     * @param baseRate the configured learning rate η₀
     * @param history  the epochs completed so far in this session, oldest first
     * @throws IllegalArgumentException (the schedules of this package) if epoch &lt; 1, baseRate is
     *                                  not finite and &gt; 0, or history is null: a NaN base rate
     *                                  would otherwise come back as a NaN rate
     */
    double rate(int epoch, double baseRate, List<EpochResult> history);

    /** {@return the schedule η = η₀ for every epoch} */
    static LearningRateSchedule constant() {
        return ConstantRate.INSTANCE;
    }
}
