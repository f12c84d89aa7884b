package dev.mlp.train;

import dev.mlp.GradientCheck;
import dev.mlp.activation.Activation;
import dev.mlp.activation.GELU;
import dev.mlp.activation.Identity;
import dev.mlp.activation.LeakyReLU;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Softmax;
import dev.mlp.activation.Tanh;
import dev.mlp.loss.BinaryCrossEntropy;
import dev.mlp.loss.Loss;
import dev.mlp.loss.MeanSquaredError;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backprop's gradient equals the numerical gradient of the loss, for every hidden activation,
 * every output activation and loss pairing that the library accepts, at depths 2 to 4 (number of
 * weight layers 1 to 3) and several batch sizes.
 */
class GradientCheckTest {

    private static final Activation[] HIDDEN = {new ReLU(), new Sigmoid(), new Tanh(), new LeakyReLU(0.1),
            new GELU(), new Identity()};

    record Pairing(Activation output, Loss loss, String targets) {
        @Override
        public String toString() {
            return output.name() + "+" + loss.name();
        }
    }

    private static final Pairing[] OUTPUTS = {
            new Pairing(new Sigmoid(), new MeanSquaredError(), "onehot"),
            new Pairing(new Identity(), new MeanSquaredError(), "real"),
            new Pairing(new ReLU(), new MeanSquaredError(), "real"),
            new Pairing(new Tanh(), new MeanSquaredError(), "real"),
            new Pairing(new Softmax(), MeanSquaredError.allowingSoftmax(), "onehot"),
            new Pairing(new Softmax(), new SoftmaxCrossEntropy(), "onehot"),
            new Pairing(new Sigmoid(), new BinaryCrossEntropy(), "multilabel"),
    };

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        int seed = 0;
        for (int depth = 2; depth <= 4; depth++) {
            for (Activation hidden : HIDDEN) {
                for (Pairing out : OUTPUTS) {
                    int batch = new int[] {1, 3, 7}[seed % 3];
                    list.add(Arguments.of(depth, hidden, out, batch, seed++));
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "depth {0}, hidden {1}, output {2}, batch {3}")
    @MethodSource("cases")
    void backpropMatchesCentralDifferences(int depth, Activation hidden, Pairing out, int batch, int seed) {
        NumpyRandom random = new NumpyRandom(seed);
        int[] sizes = new int[depth];
        sizes[0] = 4;
        for (int i = 1; i < depth - 1; i++) {
            sizes[i] = 5;
        }
        sizes[depth - 1] = 3;
        List<Activation> activations = new ArrayList<>();
        for (int i = 1; i < depth - 1; i++) {
            activations.add(hidden);
        }
        activations.add(out.output());
        Network network = Network.of(sizes, activations, random);
        // non-zero biases so that every term of the gradient is exercised
        for (var layer : network.layers()) {
            for (int i = 0; i < layer.outputs(); i++) {
                layer.bias().data[i] = 0.1 * random.nextGaussian();
            }
        }
        DMatrixRMaj x = random.randn(batch, sizes[0]);
        DMatrixRMaj y = targets(out.targets(), batch, sizes[depth - 1], random);

        double error = GradientCheck.relativeError(network, out.loss(), x, y);
        assertTrue(error < 1e-6, "relative error " + error);
    }

    private static DMatrixRMaj targets(String kind, int rows, int cols, NumpyRandom random) {
        DMatrixRMaj y = new DMatrixRMaj(rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = switch (kind) {
                    case "real" -> random.nextGaussian();
                    case "multilabel" -> random.nextDouble() < 0.5 ? 1 : 0;
                    default -> 0;
                };
                y.set(r, c, v);
            }
            if (kind.equals("onehot")) {
                y.set(r, random.nextInt(cols - 1), 1);
            }
        }
        return y;
    }
}
