package dev.mlp.io;

import dev.mlp.Checks;
import dev.mlp.linalg.Backend;
import dev.mlp.loss.Loss;
import dev.mlp.model.InputScaling;
import dev.mlp.model.Network;
import org.ejml.data.DMatrixRMaj;
import org.ejml.simple.SimpleMatrix;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model file holds: a network together with the loss it was trained with, the scaling its
 * inputs need, free-form metadata (training configuration, seed, data set name...), and what the
 * columns are: the names of the inputs, the names of the classes, and the scaling of a
 * regression target.
 *
 * <p>The network is held as given (it is mutable: training it changes what a later save writes);
 * the metadata is copied into an unmodifiable map that keeps the caller's iteration order, which
 * is also the order in the file; the name lists are copied too.
 *
 * <p>The input names let a caller match the columns of new data to the network's inputs by name
 * (for example {@code CsvLoader.withFeatureColumns(model.inputNames())}), so that a file with its
 * columns in another order is read in the model's order instead of silently mis-read. The class
 * names say what each output (each class index) stands for.
 *
 * @param network       the trained network, not null
 * @param loss          the training loss, or {@code null} if none is recorded; when present it must
 *                      accept the network's output activation ({@link Loss#checkOutput})
 * @param scaling       the input scaling to apply before {@link Network#predict}, or {@code null};
 *                      when present it has one column per network input
 * @param metadata      ordered string pairs, neither keys nor values null; {@code null} means none
 * @param targetScaling how the training targets were scaled, t' = (t - offset) / scale, or
 *                      {@code null}; when present it has one column per network output, and
 *                      {@link #predict(DMatrixRMaj)} maps the network's outputs back, y = out · scale
 *                      + offset, so that predictions are in the target's own units
 * @param inputNames    the name of each input, in input order, or empty when unknown ({@code null}
 *                      means empty); when present one per input, each non-empty and all distinct
 * @param classNames    the name of each class, in class-index order, or empty when unknown
 *                      ({@code null} means empty); when present one per output (two for a single
 *                      sigmoid output, class 0 and class 1), all distinct
 */
public record SavedModel(Network network, Loss loss, InputScaling scaling, Map<String, String> metadata,
                         InputScaling targetScaling, List<String> inputNames, List<String> classNames) {

    /**
     * Checks the parts against each other and copies the metadata.
     *
     * @param network  not null
     * @param loss     or {@code null}
     * @param scaling  or {@code null}
     * @param metadata or {@code null} for none; copied
     * @param targetScaling or {@code null}; one column per output
     * @param inputNames    or {@code null} for none; one per input, distinct
     * @param classNames    or {@code null} for none; one per class, distinct
     * @throws IllegalArgumentException if the network is null, the loss refuses the output
     *                                  activation, a scaling's width differs from the network's
     *                                  input (target scaling: output) size, a metadata key or value
     *                                  is null, or the names do not fit the network (see the
     *                                  parameters)
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
        if (targetScaling != null && targetScaling.columns() != network.outputSize()) {
            throw new IllegalArgumentException("targetScaling has " + targetScaling.columns()
                    + " columns but the network gives " + network.outputSize() + " outputs");
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
        inputNames = names(inputNames, "inputNames");
        if (!inputNames.isEmpty() && inputNames.size() != network.inputSize()) {
            throw new IllegalArgumentException("inputNames has " + inputNames.size() + " names but the network takes "
                    + network.inputSize() + " inputs");
        }
        for (int i = 0; i < inputNames.size(); i++) {
            if (inputNames.get(i).isEmpty()) {
                throw new IllegalArgumentException("inputNames[" + i + "] is empty");
            }
        }
        classNames = names(classNames, "classNames");
        int classes = classCount(network);
        if (!classNames.isEmpty() && classNames.size() != classes) {
            throw new IllegalArgumentException("classNames has " + classNames.size() + " names but the network tells "
                    + classes + " classes apart" + (network.outputSize() == 1 ? " (one output: classes 0 and 1)" : ""));
        }
    }

    /**
     * A model without names and target scaling (the four parts a version 1 file holds).
     *
     * @param network  not null
     * @param loss     or {@code null}
     * @param scaling  or {@code null}
     * @param metadata or {@code null} for none; copied
     * @throws IllegalArgumentException as the canonical constructor
     */
    public SavedModel(Network network, Loss loss, InputScaling scaling, Map<String, String> metadata) {
        this(network, loss, scaling, metadata, null, null, null);
    }

    /** The number of classes class names must cover: the outputs, or 2 for a single output. */
    static int classCount(Network network) {
        return network.outputSize() == 1 ? 2 : network.outputSize();
    }

    /** An unmodifiable copy, refusing nulls and repeated names; null gives an empty list. */
    private static List<String> names(List<String> names, String what) {
        if (names == null) {
            return List.of();
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null) {
                throw new IllegalArgumentException(what + "[" + i + "] is null");
            }
            Integer before = seen.put(name, i);
            if (before != null) {
                throw new IllegalArgumentException(what + " must be distinct: '" + name + "' is at " + before
                        + " and " + i);
            }
        }
        return List.copyOf(names);
    }

    /**
     * {@return this model with the names of its inputs}
     *
     * @param names one per input, distinct; empty or null for none
     */
    public SavedModel withInputNames(List<String> names) {
        return new SavedModel(network, loss, scaling, metadata, targetScaling, names, classNames);
    }

    /**
     * {@return this model with the names of its classes}
     *
     * @param names one per class, distinct; empty or null for none
     */
    public SavedModel withClassNames(List<String> names) {
        return new SavedModel(network, loss, scaling, metadata, targetScaling, inputNames, names);
    }

    /**
     * {@return this model with the scaling of its training targets}
     *
     * @param scaling one column per output; null for none
     */
    public SavedModel withTargetScaling(InputScaling scaling) {
        return new SavedModel(network, loss, this.scaling, metadata, scaling, inputNames, classNames);
    }

    /**
     * {@return this model with other metadata}
     *
     * @param newMetadata ordered string pairs; null for none
     */
    public SavedModel withMetadata(Map<String, String> newMetadata) {
        return new SavedModel(network, loss, scaling, newMetadata, targetScaling, inputNames, classNames);
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
     * The network's output for raw inputs: the scaling (if any) is applied first, and the target
     * scaling (if any) undone after, so a regression model predicts in the target's units.
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
        DMatrixRMaj out = networkOutput(x, backend);
        return targetScaling == null ? out : targetScaling.invert(out);
    }

    private DMatrixRMaj networkOutput(DMatrixRMaj x, Backend backend) {
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
