package dev.mlp.train;

import dev.mlp.Checks;
import dev.mlp.model.Network;
import dev.mlp.optim.Optimizer;
import dev.mlp.random.RandomSource;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * The training loop: mini-batch gradient descent over shuffled rows, one place for all of it.
 *
 * <p>Each epoch starts from the identity order 0..n-1 and shuffles it with the network's random
 * source (as the blog's {@code np.random.shuffle(np.arange(n))}), then walks it in batches of
 * {@code batchSize}; for each batch: forward, loss, backward ({@link Backprop}), optimizer step.
 *
 * <p>A trainer holds only its immutable configuration, so one trainer can train many networks;
 * the mutable state of a run (workspace, optimizer state, row order) lives inside {@link #fit}.
 * After the first batch, a step allocates nothing.
 */
public final class Trainer {

    private final TrainingConfig config;

    public Trainer(TrainingConfig config) {
        Checks.requireNonNull(config, "config");
        this.config = config;
    }

    public TrainingConfig config() {
        return config;
    }

    /**
     * Trains {@code network} in place on rows of x with targets y.
     *
     * @param x         n x inputSize, finite; not modified
     * @param y         n x outputSize, finite; not modified
     * @param listeners told after every batch and epoch; any may stop training
     * @return the per-epoch history, and why training stopped early if it did
     * @throws IllegalArgumentException   for mismatched shapes, non-finite values, a batch larger
     *                                    than the data, or a loss that does not fit the output layer
     * @throws TrainingDivergedException  when a loss or gradient becomes NaN or infinite
     */
    public History fit(Network network, DMatrixRMaj x, DMatrixRMaj y, TrainingListener... listeners) {
        Checks.requireNonNull(network, "network");
        Checks.requireFiniteData(x, "x");
        Checks.requireFiniteData(y, "y");
        Checks.requireColumns(x, network.inputSize(), "x");
        Checks.requireColumns(y, network.outputSize(), "y");
        Checks.requireSameRows(x, y, "x", "y");
        int rows = x.numRows;
        int batchSize = config.batchSize();
        if (batchSize > rows) {
            throw new IllegalArgumentException("batchSize must be at most the number of rows (" + rows + "), got " + batchSize);
        }
        config.loss().checkOutput(network.outputActivation());

        int batches = rows / batchSize;
        if (!config.dropLastPartialBatch() && rows % batchSize != 0) {
            batches++;
        }
        Backprop backprop = new Backprop(network, batchSize);
        Optimizer.Updater updater = config.optimizer().start(backprop.parameters());
        RandomSource random = network.random();
        double learningRate = config.learningRate();
        int[] order = new int[rows];
        List<EpochResult> epochs = new ArrayList<>();

        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            for (int i = 0; i < rows; i++) {
                order[i] = i;
            }
            random.shuffle(order);
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * batchSize;
                int to = Math.min(from + batchSize, rows);
                backprop.loadBatch(x, y, order, from, to);
                double batchLoss = backprop.gradients(config.loss(), config.gradientRule());
                if (!Double.isFinite(batchLoss)) {
                    throw diverged(epoch, b + 1, "the batch loss is " + batchLoss, backprop);
                }
                if (!backprop.gradientsFinite()) {
                    throw diverged(epoch, b + 1, "a gradient is not finite", backprop);
                }
                updater.step(learningRate, backprop.parameters(), backprop.gradientBuffers());
                lossSum += batchLoss * (to - from);

                String stop = null;
                for (TrainingListener listener : listeners) {
                    if (listener.onBatchEnd(epoch, b + 1, batchLoss) == TrainingListener.Action.STOP) {
                        stop = "stopped by a listener after epoch " + epoch + ", batch " + (b + 1);
                    }
                }
                if (stop == null && Thread.currentThread().isInterrupted()) {
                    stop = "interrupted after epoch " + epoch + ", batch " + (b + 1);
                }
                if (stop != null) {
                    return new History(epochs, stop);
                }
            }
            int trainedRows = Math.min(batches * batchSize, rows);
            EpochResult result = new EpochResult(epoch, lossSum / trainedRows, batches);
            epochs.add(result);
            String stop = null;
            for (TrainingListener listener : listeners) {
                if (listener.onEpochEnd(result) == TrainingListener.Action.STOP) {
                    stop = "stopped by a listener after epoch " + epoch;
                }
            }
            if (stop != null && epoch < config.epochs()) {
                return new History(epochs, stop);
            }
        }
        return new History(epochs, null);
    }

    private TrainingDivergedException diverged(int epoch, int batch, String what, Backprop backprop) {
        return new TrainingDivergedException(epoch, batch, what, config.learningRate(),
                Backprop.allFinite(backprop.parameters()));
    }
}
