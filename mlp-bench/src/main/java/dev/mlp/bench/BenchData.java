package dev.mlp.bench;

import dev.mlp.data.DataSet;
import dev.mlp.data.Digits;
import dev.mlp.data.OneHot;
import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;

/** The inputs the benchmarks train on: the digits set, and synthetic Fashion-MNIST-sized rows. */
final class BenchData {

    private BenchData() {
    }

    /** {x, y}: digits 1797 × 64 unscaled (as the blog), one-hot 1797 × 10. */
    static DMatrixRMaj[] digits(boolean scaled) {
        DataSet d = Digits.load();
        DMatrixRMaj x = d.features();
        if (scaled) {
            for (int i = 0; i < x.getNumElements(); i++) {
                x.data[i] /= 16.0;
            }
        }
        return new DMatrixRMaj[] {x, OneHot.encode(d.labels(), d.numClasses())};
    }

    /**
     * {x, y}: rows × 784 values uniform in [0, 1), one-hot labels over 10 classes, from a fixed
     * seed. Stands in for Fashion-MNIST (same shape and range) so the benchmark needs no download.
     */
    static DMatrixRMaj[] fashionSized(int rows) {
        NumpyRandom random = new NumpyRandom(7);
        DMatrixRMaj x = new DMatrixRMaj(rows, 784);
        for (int i = 0; i < x.getNumElements(); i++) {
            x.data[i] = random.nextDouble();
        }
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = random.nextInt(9);
        }
        return new DMatrixRMaj[] {x, OneHot.encode(labels, 10)};
    }
}
