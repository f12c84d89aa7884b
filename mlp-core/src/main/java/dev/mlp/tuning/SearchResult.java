package dev.mlp.tuning;

import dev.mlp.Checks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The cross-validation of every setting of a search, and their ranking: by mean held-out accuracy,
 * highest first (a setting with a diverged fold, whose mean is NaN, last), then by mean held-out
 * loss, lowest first, then in the order they were given.
 *
 * @param results one per setting, in the order the settings were given
 */
public record SearchResult(List<CrossValidationResult> results) {

    /**
     * Keeps an unmodifiable copy.
     *
     * @throws IllegalArgumentException for null or no results
     */
    public SearchResult {
        Checks.requireNonNull(results, "results");
        if (results.isEmpty()) {
            throw new IllegalArgumentException("a search result needs at least one setting");
        }
        results = List.copyOf(results);
    }

    /** {@return the results, best first} */
    public List<CrossValidationResult> ranked() {
        List<CrossValidationResult> ranked = new ArrayList<>(results);
        // List.sort is stable: equal scores keep the order the settings were given in
        ranked.sort(Comparator.comparingDouble((CrossValidationResult r) -> orderKey(-r.accuracy().mean()))
                .thenComparingDouble(r -> orderKey(r.loss().mean())));
        return ranked;
    }

    /** {@return the best result: first of {@link #ranked()}} */
    public CrossValidationResult best() {
        return ranked().get(0);
    }

    /** NaN sorts after every number. */
    private static double orderKey(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }
}
