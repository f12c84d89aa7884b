package dev.mlp.io;

import dev.mlp.Checks;
import dev.mlp.linalg.Backend;
import dev.mlp.loss.Loss;
import dev.mlp.model.InputScaling;
import dev.mlp.model.Network;
import org.ejml.data.DMatrixRMaj;
import org.ejml.simple.SimpleMatrix;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a model file holds: a network together with the loss it was trained with, the scaling its
 * inputs need, and free-form metadata (training configuration, seed, data set name...).
 *
 * <p>The network is held as given (it is mutable: training it changes what a later save writes);
 * the metadata is copied into an unmodifiable map that keeps the caller's iteration order, which
 * is also the order in the file.
 *
 * @param network  the trained network, not null
 * @param loss     the training loss, or {@code null} if none is recorded; when present it must
 *                 accept the network's output activation ({@link Loss#checkOutput})
 * @param scaling  the input scaling to apply before {@link Network#predict}, or {@code null};
 *                 when present it has one column per network input
 * @param metadata ordered string pairs, neither keys nor values null; {@code null} means none
 */
public record SavedModel(Network network, Loss loss, InputScaling scaling, Map<String, String> metadata) {

    /**
     * Checks the parts against each other and copies the metadata.
     *
     * @param network  not null
     * @param loss     or {@code null}
     * @param scaling  or {@code null}
     * @param metadata or {@code null} for none; copied
     * @throws IllegalArgumentException if the network is null, the loss refuses the output
     *                                  activation, the scaling width differs from the network's
     *                                  input size, or a metadata key or value is null
     */
    public SavedModel {
        if (network == null) {
            throw new IllegalArgumentException("network must not be null");
        }
        if (loss != null) {
            loss.checkOutput(network.outputActivation());
        }
        if (scaling != null && scaling.columns() != network.inputSize()) {
            throw new IllegalArgumentException("scaling has " + scaling.columns()
                    + " columns but the network takes " + network.inputSize() + " inputs");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        if (metadata != null) {
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null) {
                    throw new IllegalArgumentException("metadata keys must not be null");
                }
                if (e.getValue() == null) {
                    throw new IllegalArgumentException("metadata value for key '" + e.getKey() + "' is null");
                }
                copy.put(e.getKey(), e.getValue());
            }
        }
        metadata = Collections.unmodifiableMap(copy);
    }

    /**
     * {@return a network alone: no loss, no scaling, no metadata}
     *
     * @param network not null
     */
    public static SavedModel of(Network network) {
        return new SavedModel(network, null, null, null);
    }

    /**
     * The network's output for raw inputs: the scaling (if any) is applied first.
     *
     * @param x n x inputSize raw inputs, finite, not modified
     * @return a new n x outputSize matrix, one output row per input row
     * @throws IllegalArgumentException if x is null, empty, not finite or of the wrong width, or if
     *                                  the scaling maps a finite entry of x beyond the range of a
     *                                  double (the message names the entry, the offset and the scale)
     */
    public DMatrixRMaj predict(DMatrixRMaj x) {
        return predict(x, null);
    }

    /**
     * As {@link #predict(DMatrixRMaj)}, computed on {@code backend}.
     *
     * @param x       n x inputSize raw inputs, finite, not modified
     * @param backend the backend of the products and activations; null for the network's default
     *                ({@link Network#predict(DMatrixRMaj)})
     * @return a new n x outputSize matrix, one output row per input row
     * @throws IllegalArgumentException as {@link #predict(DMatrixRMaj)}
     */
    public DMatrixRMaj predict(DMatrixRMaj x, Backend backend) {
        if (scaling == null) {
            return backend == null ? network.predict(x) : network.predict(x, backend);
        }
        Checks.requireFiniteData(x, "x");
        Checks.requireColumns(x, scaling.columns(), "x");
        DMatrixRMaj scaled = scaling.apply(x);
        int cols = scaled.numCols;
        int n = scaled.getNumElements();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(scaled.data[i])) {
                int c = i % cols;
                throw new IllegalArgumentException("x at row " + (i / cols) + ", column " + c + " is " + x.data[i]
                        + ", which the input scaling maps to " + scaled.data[i] + " ((x - offset) / scale with offset "
                        + scaling.offset()[c] + " and scale " + scaling.scale()[c]
                        + "): the scaled input is beyond the range of a double");
            }
        }
        return backend == null ? network.predict(scaled) : network.predict(scaled, backend);
    }

    /**
     * {@link #predict(DMatrixRMaj)} for EJML's {@link SimpleMatrix}: x is unwrapped and the result
     * wrapped, neither copied.
     *
     * @param x n x inputSize raw inputs, dense doubles ({@code MatrixType.DDRM}), finite, not modified
     * @return a new n x outputSize matrix
     * @throws IllegalArgumentException if x is null or holds another type (float, sparse), and as
     *                                  {@link #predict(DMatrixRMaj)}
     */
    public SimpleMatrix predict(SimpleMatrix x) {
        return SimpleMatrix.wrap(predict(Checks.requireDDRM(x, "x")));
    }
}
