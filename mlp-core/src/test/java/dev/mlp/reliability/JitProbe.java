package dev.mlp.reliability;

import dev.mlp.activation.Sigmoid;
import dev.mlp.linalg.Backend;
import dev.mlp.linalg.Backends;
import dev.mlp.loss.BinaryCrossEntropy;
import dev.mlp.model.DenseLayer;
import dev.mlp.model.Network;
import dev.mlp.optim.Adam;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.History;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;
import org.ejml.data.DMatrixRMaj;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Run by {@link JitReproducibilityTest} in JVMs with different JIT settings: trains one seeded
 * network (sigmoid hidden and output layers, binary cross-entropy, Adam) with the backend named by
 * its argument, long enough for C2 to compile the hot loops part-way through, then prints the
 * backend's name and a SHA-256 of the bits of every weight and of the epoch losses.
 */
public final class JitProbe {

    private JitProbe() {
    }

    public static void main(String[] args) throws NoSuchAlgorithmException {
        Backend backend = Backends.byName(args[0]);
        NumpyRandom random = new NumpyRandom(7);
        int rows = 512;
        DMatrixRMaj x = random.randn(rows, 24);
        DMatrixRMaj y = new DMatrixRMaj(rows, 4);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 4; c++) {
                y.set(r, c, x.get(r, c) + x.get(r, c + 4) - x.get(r, c + 8) > 0 ? 1 : 0);
            }
        }
        Network network = Network.of(new int[] {24, 48, 32, 4},
                List.of(new Sigmoid(), new Sigmoid(), new Sigmoid()), random);
        TrainingConfig config = TrainingConfig.builder().epochs(60).batchSize(32).learningRate(1e-2)
                .loss(new BinaryCrossEntropy()).optimizer(new Adam()).backend(backend).build();
        History history = new Trainer(config).fit(network, random, x, y);

        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer bits = ByteBuffer.allocate(Long.BYTES);
        for (DenseLayer layer : network.layers()) {
            for (DMatrixRMaj m : List.of(layer.weights(), layer.bias())) {
                for (int i = 0; i < m.getNumElements(); i++) {
                    sha.update(bits.clear().putLong(Double.doubleToRawLongBits(m.data[i])).array());
                }
            }
        }
        history.epochs().forEach(e -> sha.update(bits.clear().putLong(Double.doubleToRawLongBits(e.trainingLoss())).array()));
        System.out.println("backend=" + backend.name());
        System.out.println("weights=" + HexFormat.of().formatHex(sha.digest()));
        System.out.println("loss=" + history.last().trainingLoss());
    }
}
