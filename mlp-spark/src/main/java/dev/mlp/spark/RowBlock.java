package dev.mlp.spark;

import org.ejml.data.DMatrixRMaj;

import java.io.Serializable;

/**
 * One partition's rows, held on an executor: rows {@code first .. first + rows - 1} of the data in
 * its original order, row-major.
 */
final class RowBlock implements Serializable {

    private static final long serialVersionUID = 1L;

    final long first;
    final int rows;
    final int inputs;
    final int outputs;
    final double[] x;
    final double[] y;

    RowBlock(long first, int rows, int inputs, int outputs, double[] x, double[] y) {
        this.first = first;
        this.rows = rows;
        this.inputs = inputs;
        this.outputs = outputs;
        this.x = x;
        this.y = y;
    }

    /** x as a matrix over the block's own array (not a copy). */
    DMatrixRMaj features() {
        return DMatrixRMaj.wrap(rows, inputs, x);
    }

    /** y as a matrix over the block's own array (not a copy). */
    DMatrixRMaj targets() {
        return DMatrixRMaj.wrap(rows, outputs, y);
    }

    /**
     * The block's local row numbers of the global rows {@code ids}, in the order of {@code ids}
     * (the batch's shuffled order), skipping rows held elsewhere.
     */
    int[] localRows(int[] ids) {
        int count = 0;
        long end = first + rows;
        for (int id : ids) {
            if (id >= first && id < end) {
                count++;
            }
        }
        int[] local = new int[count];
        int k = 0;
        for (int id : ids) {
            if (id >= first && id < end) {
                local[k++] = (int) (id - first);
            }
        }
        return local;
    }
}
