package dev.mlp.train.schedule;

import dev.mlp.Checks;
import dev.mlp.train.EpochResult;

import java.util.List;

/** The check every schedule's {@code rate} makes of its arguments (once per epoch). */
final class ScheduleArguments {

    private ScheduleArguments() {
    }

    /**
     * Requires a 1-based epoch, a finite base rate &gt; 0 and a non-null history, with an
     * {@link IllegalArgumentException} naming the argument and the value.
     */
    static void require(int epoch, double baseRate, List<EpochResult> history) {
        Checks.requirePositive(epoch, "epoch");
        Checks.requirePositiveFinite(baseRate, "baseRate");
        Checks.requireNonNull(history, "history");
    }
}
