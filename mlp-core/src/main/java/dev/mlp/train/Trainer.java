package dev.mlp.train;

import dev.mlp.Checks;
import dev.mlp.model.Network;
import dev.mlp.random.RandomSource;
import org.ejml.data.DMatrixRMaj;
import org.ejml.simple.SimpleMatrix;

/**
 * Trains networks with one immutable {@link TrainingConfig}: mini-batch gradient descent over
 * shuffled rows. A trainer holds no mutable state, so one trainer can train many networks; the
 * state of training one network (workspace, optimizer state, history) is a {@link TrainingSession}.
 */
public final class Trainer {

    private final TrainingConfig config;

    /**
     * A trainer for every network that {@code config} fits.
     *
     * @param config how to train, not null
     * @throws IllegalArgumentException for a null configuration
     */
    public Trainer(TrainingConfig config) {
        Checks.requireNonNull(config, "config");
        this.config = config;
    }

    /** {@return the configuration every network trained here is trained with} */
    public TrainingConfig config() {
        return config;
    }

    /**
     * A session that keeps the optimizer state and the epoch count across {@code fit} calls, for
     * continuing training with more epochs or new data.
     *
     * @param network the network to train in place
     * @param random shuffles the rows each epoch and splits off validation data; to reproduce the
     *               blog's run, the same source that drew the network's initial weights
     * @return a new session at epoch 0, with fresh optimizer state
     * @throws IllegalArgumentException for a null argument, or if the loss does not fit the
     *                                  network's output layer
     */
    public TrainingSession session(Network network, RandomSource random) {
        return new TrainingSession(config, network, random);
    }

    /**
     * A session whose batches' gradients come from {@code gradients} rather than from
     * {@link Backprop} on the calling thread: the same loop (shuffling, batches, L2 and clipping,
     * the optimizer, listeners, validation, early stopping) around another way of computing
     * gradients, such as several threads or several machines. The source must compute the
     * gradient of this configuration's loss for the network's live parameters.
     *
     * @param network   the network to train in place
     * @param random    shuffles the rows each epoch and splits off validation data
     * @param gradients makes the session's gradient source once the largest batch is known
     * @return a new session at epoch 0, with fresh optimizer state
     * @throws IllegalArgumentException for a null argument, or if the loss does not fit the
     *                                  network's output layer
     */
    public TrainingSession session(Network network, RandomSource random, GradientSource.Factory gradients) {
        return new TrainingSession(config, network, random, gradients);
    }

    /**
     * Trains {@code network} in place on rows of x with targets y, for {@code config.epochs()} epochs.
     * Validation data, if the configuration asks for a fraction, is split off x and y first.
     *
     * @param network   the network to train, in place
     * @param random    shuffles the rows each epoch (see {@link #session})
     * @param x         n x inputSize, finite; not modified
     * @param y         n x outputSize, finite and acceptable to the loss ({@link
     *                  dev.mlp.loss.Loss#checkTargets}: rows of probabilities for softmax
     *                  cross-entropy, entries in [0, 1] for binary cross-entropy); not modified
     * @param listeners told after every batch and epoch; any may stop training
     * @return the per-epoch history, and why training stopped early if it did
     * @throws IllegalArgumentException  for mismatched shapes, non-finite values, targets the loss
     *                                   refuses, a batch larger than the data, or a loss that does
     *                                   not fit the output layer
     * @throws IllegalStateException     if other threads are predicting with, or training, the network
     * @throws TrainingDivergedException when a loss or gradient becomes NaN or infinite
     */
    public History fit(Network network, RandomSource random, DMatrixRMaj x, DMatrixRMaj y,
                       TrainingListener... listeners) {
        return session(network, random).fit(x, y, listeners);
    }

    /**
     * As {@link #fit(Network, RandomSource, DMatrixRMaj, DMatrixRMaj, TrainingListener...)}, with a
     * weight per training row ({@link TrainingSession#fit(DMatrixRMaj, DMatrixRMaj, double[], TrainingListener...)}).
     *
     * @param network       the network to train, in place
     * @param random        shuffles the rows each epoch (see {@link #session})
     * @param x             n x inputSize, finite; not modified
     * @param y             n x outputSize, acceptable to the loss; not modified
     * @param sampleWeights n weights, finite and ≥ 0, not all 0; null for all 1; not modified
     * @param listeners     told after every batch and epoch; any may stop training
     * @return the per-epoch history, and why training stopped early if it did
     */
    public History fit(Network network, RandomSource random, DMatrixRMaj x, DMatrixRMaj y, double[] sampleWeights,
                       TrainingListener... listeners) {
        return session(network, random).fit(x, y, sampleWeights, listeners);
    }

    /**
     * As {@link #fit(Network, RandomSource, DMatrixRMaj, DMatrixRMaj, TrainingListener...)}, evaluating
     * on xVal, yVal after each epoch instead of on a fraction split off the training data.
     *
     * @param network   the network to train, in place
     * @param random    shuffles the rows each epoch
     * @param x         n x inputSize, finite; not modified
     * @param y         n x outputSize, acceptable to the loss; not modified
     * @param xVal      m x inputSize validation inputs, finite; not modified
     * @param yVal      m x outputSize validation targets, acceptable to the loss; not modified
     * @param listeners told after every batch and epoch; any may stop training
     * @return the per-epoch history, with validation loss and accuracy
     * @throws IllegalArgumentException  as the other {@code fit}, for the validation data too
     * @throws IllegalStateException     if other threads are predicting with, or training, the network
     * @throws TrainingDivergedException when a loss or gradient becomes NaN or infinite
     */
    public History fit(Network network, RandomSource random, DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj xVal,
                       DMatrixRMaj yVal, TrainingListener... listeners) {
        return session(network, random).fit(x, y, xVal, yVal, listeners);
    }

    /**
     * {@link #fit(Network, RandomSource, DMatrixRMaj, DMatrixRMaj, TrainingListener...)} on EJML's
     * {@link SimpleMatrix}: x and y are unwrapped, not copied, and trained on as they are.
     *
     * @param network   the network to train, in place
     * @param random    shuffles the rows each epoch (see {@link #session})
     * @param x         n x inputSize, dense doubles ({@code MatrixType.DDRM}), finite; not modified
     * @param y         n x outputSize, dense doubles, acceptable to the loss; not modified
     * @param listeners told after every batch and epoch; any may stop training
     * @return the per-epoch history, and why training stopped early if it did
     * @throws IllegalArgumentException if x or y is null or holds another type (float, sparse), and
     *                                  as the DMatrixRMaj form
     */
    public History fit(Network network, RandomSource random, SimpleMatrix x, SimpleMatrix y,
                       TrainingListener... listeners) {
        return session(network, random).fit(x, y, listeners);
    }

    /**
     * {@link #fit(Network, RandomSource, DMatrixRMaj, DMatrixRMaj, DMatrixRMaj, DMatrixRMaj, TrainingListener...)}
     * on EJML's {@link SimpleMatrix}: the four matrices are unwrapped, not copied.
     *
     * @param network   the network to train, in place
     * @param random    shuffles the rows each epoch (see {@link #session})
     * @param x         n x inputSize, dense doubles ({@code MatrixType.DDRM}), finite; not modified
     * @param y         n x outputSize, dense doubles, acceptable to the loss; not modified
     * @param xVal      m x inputSize, dense doubles, finite; not modified
     * @param yVal      m x outputSize, dense doubles, acceptable to the loss; not modified
     * @param listeners told after every batch and epoch; any may stop training
     * @return the per-epoch history, and why training stopped early if it did
     */
    public History fit(Network network, RandomSource random, SimpleMatrix x, SimpleMatrix y, SimpleMatrix xVal,
                       SimpleMatrix yVal, TrainingListener... listeners) {
        return session(network, random).fit(x, y, xVal, yVal, listeners);
    }
}
