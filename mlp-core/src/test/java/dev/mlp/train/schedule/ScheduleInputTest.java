package dev.mlp.train.schedule;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static dev.mlp.testing.Refusals.assertRefused;

/** Every schedule refuses arguments that would give a silent NaN, a rate above η₀, or an NPE. */
class ScheduleInputTest {

    static List<LearningRateSchedule> schedules() {
        return List.of(LearningRateSchedule.constant(), new StepDecay(2, 0.5), new ExponentialDecay(0.9),
                new CosineDecay(10, 0), new ReduceOnPlateau(0.5, 2, 0, 0));
    }


    @ParameterizedTest
    @MethodSource("schedules")
    void rateRefusesABaseRateThatIsNaNOrNotPositive(LearningRateSchedule s) {
        // ExponentialDecay and CosineDecay returned NaN, the constant rate returned -1
        assertRefused(() -> s.rate(1, Double.NaN, List.of()), "baseRate", "NaN");
        assertRefused(() -> s.rate(1, -1, List.of()), "baseRate", "-1.0");
        assertRefused(() -> s.rate(1, Double.POSITIVE_INFINITY, List.of()), "baseRate", "Infinity");
    }

    @ParameterizedTest
    @MethodSource("schedules")
    void rateRefusesAnEpochBelowOne(LearningRateSchedule s) {
        // ExponentialDecay returned η₀ / γ for epoch 0
        assertRefused(() -> s.rate(0, 0.1, List.of()), "epoch must be > 0, got 0");
    }

    @ParameterizedTest
    @MethodSource("schedules")
    void rateRefusesANullHistory(LearningRateSchedule s) {
        // ReduceOnPlateau threw NullPointerException
        assertRefused(() -> s.rate(1, 0.1, null), "history must not be null");
    }
}
