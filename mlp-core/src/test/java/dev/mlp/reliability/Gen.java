package dev.mlp.reliability;

import dev.mlp.activation.Activation;
import dev.mlp.activation.GELU;
import dev.mlp.activation.Identity;
import dev.mlp.activation.LeakyReLU;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Tanh;
import dev.mlp.model.DenseLayer;
import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of random shapes, data and networks for the property tests. Every case is
 * drawn from {@code new Random(base + index)}, so a failing case can be rerun on its own.
 */
final class Gen {

    /** Base seed of every property in this package; change it to explore other cases. */
    static final long SEED = Long.getLong("property.seed", 20_261_126L);

    /** The non-finite values a poisoned matrix receives. */
    static final double[] POISONS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    final Random random;

    Gen(long caseIndex) {
        this.random = new Random(SEED * 1_000_003L + caseIndex);
    }

    int between(int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    double pick(double... options) {
        return options[random.nextInt(options.length)];
    }

    int pick(int... options) {
        return options[random.nextInt(options.length)];
    }

    /** A rows × cols matrix of N(0, 1) values. */
    DMatrixRMaj matrix(int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = random.nextGaussian();
        }
        return m;
    }

    /** One-hot rows over {@code classes} columns. */
    DMatrixRMaj oneHot(int rows, int classes) {
        DMatrixRMaj m = new DMatrixRMaj(rows, classes);
        for (int r = 0; r < rows; r++) {
            m.set(r, random.nextInt(classes), 1.0);
        }
        return m;
    }

    /** Where a non-finite value was put, and which one. */
    record Poison(int row, int column, double value) {
        /** The words a message about it must hold. */
        String[] words(String name) {
            return new String[] {name, Double.toString(value), "row " + row, "column " + column};
        }
    }

    /** Puts one non-finite value at a random position of {@code m} (modified) and says where. */
    Poison poison(DMatrixRMaj m) {
        int r = random.nextInt(m.numRows);
        int c = random.nextInt(m.numCols);
        double v = pick(POISONS);
        m.set(r, c, v);
        return new Poison(r, c, v);
    }

    /** Layer sizes, input first: 2 to 4 layers of 1 to 9 units. */
    int[] sizes() {
        int[] s = new int[between(2, 4)];
        for (int i = 0; i < s.length; i++) {
            s[i] = between(1, 9);
        }
        return s;
    }

    Activation hiddenActivation() {
        return pick(List.of(new ReLU(), new Tanh(), new Sigmoid(), new LeakyReLU(0.1), new GELU(), new Identity()));
    }

    /** A network of the given sizes, hidden activations drawn at random and {@code output} last. */
    Network network(int[] sizes, Activation output, int seed) {
        List<Activation> activations = new ArrayList<>();
        for (int i = 1; i < sizes.length - 1; i++) {
            activations.add(hiddenActivation());
        }
        activations.add(output);
        return Network.of(sizes, activations, new NumpyRandom(seed));
    }

    /** Whether every weight and bias of the network is finite. */
    static boolean allFinite(Network network) {
        for (DenseLayer layer : network.layers()) {
            for (DMatrixRMaj m : new DMatrixRMaj[] {layer.weights(), layer.bias()}) {
                for (int i = 0; i < m.getNumElements(); i++) {
                    if (!Double.isFinite(m.data[i])) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Every weight and bias, layer by layer, as one array (to compare networks bit for bit). */
    static double[] parameters(Network network) {
        List<Double> all = new ArrayList<>();
        for (DenseLayer layer : network.layers()) {
            for (DMatrixRMaj m : new DMatrixRMaj[] {layer.weights(), layer.bias()}) {
                for (int i = 0; i < m.getNumElements(); i++) {
                    all.add(m.data[i]);
                }
            }
        }
        double[] out = new double[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }
}
