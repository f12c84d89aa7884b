package dev.mlp.metrics;

import dev.mlp.Checks;
import org.ejml.data.DMatrixRMaj;

/**
 * Argument checks for the metrics: label arrays must be non-null, of equal length, non-empty and
 * free of negative labels; value matrices must be non-empty, finite and of equal shape. Every
 * failure is an {@link IllegalArgumentException} whose message names the argument and the value
 * that was found.
 */
final class Validation {

    private Validation() {
    }

    /** Checks a pair of label arrays: both non-null, same length, non-empty, no negative label. */
    static void requireLabelPair(int[] yTrue, int[] yPred) {
        Checks.requireNonNull(yTrue, "yTrue");
        Checks.requireNonNull(yPred, "yPred");
        if (yTrue.length != yPred.length) {
            throw new IllegalArgumentException("yTrue and yPred must have the same length, got "
                    + yTrue.length + " and " + yPred.length);
        }
        if (yTrue.length == 0) {
            throw new IllegalArgumentException("yTrue and yPred are empty (length 0)");
        }
        requireNonNegative(yTrue, "yTrue");
        requireNonNegative(yPred, "yPred");
    }

    private static void requireNonNegative(int[] y, String name) {
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0) {
                throw new IllegalArgumentException(name + " has a negative label " + y[i] + " at index " + i
                        + "; class labels must be >= 0");
            }
        }
    }

    /** Checks a pair of value matrices: both non-empty and finite, with the same shape. */
    static void requireValuePair(DMatrixRMaj yTrue, DMatrixRMaj yPred) {
        Checks.requireFiniteData(yTrue, "yTrue");
        Checks.requireFiniteData(yPred, "yPred");
        Checks.requireSameShape(yTrue, yPred, "yTrue", "yPred");
    }
}
