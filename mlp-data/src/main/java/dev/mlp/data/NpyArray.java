package dev.mlp.data;

import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * One array read from a numpy {@code .npy} file (or an entry of an {@code .npz} archive): its
 * shape, its dtype, and its values in C (row-major) order, as doubles for numbers or as strings
 * for a unicode ({@code <U}) array.
 *
 * <p>Immutable: the accessors give copies.
 */
public final class NpyArray {

    private final String source;
    private final String dtype;
    private final int[] shape;
    private final double[] numbers;
    private final String[] strings;
    private final boolean integer;
    private final long dataOffset;
    private final int itemSize;

    NpyArray(String source, String dtype, int[] shape, double[] numbers, String[] strings, boolean integer,
             long dataOffset, int itemSize) {
        this.source = source;
        this.dtype = dtype;
        this.shape = shape;
        this.numbers = numbers;
        this.strings = strings;
        this.integer = integer;
        this.dataOffset = dataOffset;
        this.itemSize = itemSize;
    }

    /** {@return the name messages give the array: the file, or "archive.npz, array 'X'"} */
    public String source() {
        return source;
    }

    /** {@return the dtype as the file writes it, for example {@code <f8}, {@code |u1}, {@code <U10}} */
    public String dtype() {
        return dtype;
    }

    /** {@return a copy of the shape; empty for a 0-d array} */
    public int[] shape() {
        return shape.clone();
    }

    /** {@return the number of elements, the product of the shape} */
    public int size() {
        return numbers != null ? numbers.length : strings.length;
    }

    /** {@return whether the values are text (a unicode {@code <U} array)} */
    public boolean isText() {
        return strings != null;
    }

    /** {@return whether the dtype is an integer type (the values are then exact up to 2^53)} */
    public boolean isInteger() {
        return integer;
    }

    /**
     * A copy of the values in C order.
     *
     * @return the values as doubles, in C order
     * @throws IllegalStateException for a text array
     */
    public double[] values() {
        if (numbers == null) {
            throw new IllegalStateException(source + " holds text (dtype " + dtype + "), not numbers");
        }
        return numbers.clone();
    }

    /**
     * A copy of the values in C order, as text.
     *
     * @return the text values, in C order
     * @throws IllegalStateException for a numeric array
     */
    public String[] strings() {
        if (strings == null) {
            throw new IllegalStateException(source + " holds numbers (dtype " + dtype + "), not text");
        }
        return strings.clone();
    }

    /** {@return the number of rows: the first dimension, or 1 for a 0-d array} */
    public int rows() {
        return shape.length == 0 ? 1 : shape[0];
    }

    /** {@return the values per row: the product of the dimensions after the first (1 for 0-d and 1-d arrays)} */
    public int columns() {
        int rows = rows();
        return rows == 0 ? 0 : size() / rows;
    }

    /**
     * The numbers as a rows() × columns() matrix: a 2-d array as it is, a 1-d array as one column,
     * higher dimensions flattened per row (n images of 8 × 8 become n rows of 64).
     *
     * @return a new rows × columns matrix of the values
     * @throws IllegalStateException for a text array
     */
    public DMatrixRMaj toMatrix() {
        return DMatrixRMaj.wrap(rows(), columns(), values());
    }

    /** The byte offset, in the .npy data, of element {@code index}; for positions in messages. */
    long offsetOf(int index) {
        return dataOffset + (long) index * itemSize;
    }

    /** "[12, 3]" for a flat index in an array of this shape. */
    String indexName(int flat) {
        int[] idx = new int[shape.length];
        int rest = flat;
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = shape[d] == 0 ? 0 : rest % shape[d];
            rest = shape[d] == 0 ? 0 : rest / shape[d];
        }
        return Arrays.toString(idx);
    }

    /** "NpyArray[&lt;f8, (150, 4)]". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return "NpyArray[" + dtype + ", " + sb.append(shape.length == 1 ? ",)" : ")") + "]";
    }
}
