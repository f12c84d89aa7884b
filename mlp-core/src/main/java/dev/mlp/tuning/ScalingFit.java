package dev.mlp.tuning;

import dev.mlp.model.InputScaling;
import org.ejml.data.DMatrixRMaj;

/**
 * How to fit the input scaling x' = (x − offset) / scale on the rows a network trains on. Cross-
 * validation fits it anew inside each fold, on that fold's training rows only, and applies it to
 * the held-out rows unchanged, so nothing of the held-out rows leaks into training. mlp-data's
 * scalers supply it: {@code x -> MinMaxScaler.fit(x).toInputScaling(x.numCols)}.
 */
@FunctionalInterface
public interface ScalingFit {

    /** No scaling: the inputs are trained on as they are. */
    ScalingFit NONE = x -> null;

    /**
     * {@return the scaling fitted on {@code trainingRows}, or null for none}
     *
     * @param trainingRows n x d, finite; not modified
     */
    InputScaling fit(DMatrixRMaj trainingRows);
}
