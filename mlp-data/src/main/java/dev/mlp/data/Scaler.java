package dev.mlp.data;

import dev.mlp.Checks;
import dev.mlp.model.InputScaling;
import org.ejml.data.DMatrixRMaj;
import org.ejml.simple.SimpleMatrix;

/**
 * A fixed, column-wise affine map of feature values, x'<sub>ij</sub> = (x<sub>ij</sub> − a<sub>j</sub>) / s<sub>j</sub>.
 *
 * <p>A scaler that learns its parameters ({@link MinMaxScaler}, {@link StandardScaler}) is made by
 * {@code fit} on the training features only and then applied unchanged to every later part (test
 * set, new samples), so that nothing about the test data leaks into training. A scaler never
 * changes the matrix it is given.
 */
public interface Scaler {

    /**
     * The scaled copy of {@code x}.
     *
     * @param x the features, one sample per row, all finite; not modified. Zero rows are allowed.
     * @return a new matrix of the same shape
     * @throws IllegalArgumentException when {@code x} is null, has another number of columns than
     *                                  the scaler was fitted on, or holds a NaN or infinite value
     */
    DMatrixRMaj transform(DMatrixRMaj x);

    /**
     * This scaler as the core library's {@link InputScaling}, which a saved model carries so that
     * later raw inputs are scaled exactly as the training data was.
     *
     * @param columns the number of input columns (fitted scalers require their own width)
     * @return the same map as per-column offset and scale arrays
     * @throws IllegalArgumentException when {@code columns} does not fit the scaler
     */
    InputScaling toInputScaling(int columns);

    /**
     * {@return a data set with the features of {@code data} scaled by {@link #transform(DMatrixRMaj)},
     * and the same labels}
     *
     * @param data not null; not modified
     * @throws IllegalArgumentException as {@link #transform(DMatrixRMaj)}
     */
    default DataSet transform(DataSet data) {
        Checks.requireNonNull(data, "data");
        return data.withFeatures(transform(data.features()));
    }

    /**
     * {@link #transform(DMatrixRMaj)} for EJML's {@link SimpleMatrix}: x is unwrapped and the scaled
     * copy wrapped, neither copied again.
     *
     * @param x the features, dense doubles ({@code MatrixType.DDRM}), all finite; not modified
     * @return a new matrix of the same shape
     * @throws IllegalArgumentException when x is null or holds another type (float, sparse), and as
     *                                  {@link #transform(DMatrixRMaj)}
     */
    default SimpleMatrix transform(SimpleMatrix x) {
        return SimpleMatrix.wrap(transform(Checks.requireDDRM(x, "x")));
    }
}
