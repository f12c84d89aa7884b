package dev.mlp.tuning;

import dev.mlp.Checks;

import java.util.List;

/**
 * The k-fold cross-validation of one {@link Setting}: each fold's result, and the mean and spread
 * of each metric over the folds.
 *
 * @param setting what was trained
 * @param folds   one result per fold, in fold order
 */
public record CrossValidationResult(Setting setting, List<FoldResult> folds) {

    /**
     * Keeps an unmodifiable copy of the folds.
     *
     * @throws IllegalArgumentException for a null setting or no folds
     */
    public CrossValidationResult {
        Checks.requireNonNull(setting, "setting");
        Checks.requireNonNull(folds, "folds");
        if (folds.isEmpty()) {
            throw new IllegalArgumentException("a cross-validation result needs at least one fold");
        }
        folds = List.copyOf(folds);
    }

    /** {@return the held-out accuracy over the folds} */
    public Summary accuracy() {
        return Summary.of(folds.stream().mapToDouble(FoldResult::accuracy).toArray());
    }

    /** {@return the held-out loss over the folds} */
    public Summary loss() {
        return Summary.of(folds.stream().mapToDouble(FoldResult::loss).toArray());
    }

    /** {@return the last epoch's training loss over the folds} */
    public Summary trainingLoss() {
        return Summary.of(folds.stream().mapToDouble(FoldResult::trainingLoss).toArray());
    }

    /** {@return the wall time per network over the folds, each on its own thread} */
    public Summary seconds() {
        return Summary.of(folds.stream().mapToDouble(FoldResult::seconds).toArray());
    }

    /** {@return how many folds diverged} */
    public int diverged() {
        return (int) folds.stream().filter(FoldResult::diverged).count();
    }
}
