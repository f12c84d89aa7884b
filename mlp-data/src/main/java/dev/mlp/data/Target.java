package dev.mlp.data;

/** What a loader reads from the label (target) column or array. */
public enum Target {

    /** A class per row: an index or a name (see {@link CsvLoader}). */
    CLASSES,

    /** A real value per row, for regression. */
    VALUES,

    /**
     * No target is read: every column is a feature, except the label column when the file has it
     * (found by name with a header; without one, by the row width given to
     * {@link CsvLoader#withFeatureCount(int)}), which is ignored. For inputs to predict.
     */
    NONE
}
