package dev.mlp.train;

/**
 * What {@link EpochResult#validationAccuracy()} counts, so that a number called accuracy has one
 * meaning wherever it is shown.
 */
public enum AccuracyKind {

    /**
     * Class accuracy: the share of validation rows whose predicted class is the row's class. The
     * predicted class is the largest output (one output: the output thresholded at 0.5). Used for
     * every single-label target, whatever the loss: softmax outputs, several sigmoid outputs under
     * mean squared error, and binary cross-entropy on one-hot targets.
     */
    CLASS("class accuracy"),

    /**
     * Per-label accuracy: the share of (row, output) entries where the output thresholded at 0.5
     * equals the target. Used for multi-label targets (binary cross-entropy on several outputs
     * whose validation targets are not all one-hot).
     */
    PER_LABEL("per-label accuracy"),

    /** No accuracy: no validation data, or outputs that are values (regression). */
    NONE("no accuracy");

    private final String description;

    AccuracyKind(String description) {
        this.description = description;
    }

    /** {@return the words for it: "class accuracy", "per-label accuracy", "no accuracy"} */
    public String description() {
        return description;
    }
}
