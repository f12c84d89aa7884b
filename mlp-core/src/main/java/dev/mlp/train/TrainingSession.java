package dev.mlp.train;

import dev.mlp.Checks;
import dev.mlp.MatrixRows;
import dev.mlp.activation.Activations;
import dev.mlp.loss.ClassWeights;
import dev.mlp.loss.Losses;
import dev.mlp.model.Network;
import dev.mlp.optim.FullBatchOptimizer;
import dev.mlp.optim.Optimizer;
import dev.mlp.random.RandomSource;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.simple.SimpleMatrix;

import java.util.ArrayList;
import java.util.List;

/**
 * The mutable state of training one network: the backprop workspace, the optimizer's state and
 * the history. Each {@link #fit} call trains {@code config.epochs()} more epochs, on the same or
 * new data, continuing the optimizer state and the epoch count (scikit-learn's {@code partial_fit},
 * Keras' repeated {@code fit}). Get one from {@link Trainer#session(Network, RandomSource)}.
 *
 * <p>One epoch: shuffle the identity order 0..n-1 with the session's random source (as the blog's
 * {@code np.random.shuffle(np.arange(n))}); walk it in batches; per batch: the gradients from the
 * session's {@link GradientSource} ({@link Backprop}: forward, loss, backward), L2 and clipping,
 * optimizer step. Then evaluate validation data if any, tell the listeners, and apply early
 * stopping. After the first batch a step allocates nothing.
 *
 * <p>With a {@link FullBatchOptimizer} ({@link dev.mlp.optim.Lbfgs}) an epoch is one of its
 * iterations instead: the objective is the mean loss over all training rows, in their order, in
 * chunks of a fixed size ({@link FullBatchObjective}; the configured batch size, learning rate,
 * schedule and order shuffling do not apply), plus the L2 penalty; the line search evaluates it as
 * often as it needs. The listeners see one batch per
 * epoch, whose loss is the data loss at the weights the iteration reached, and the epoch's
 * {@link EpochResult#learningRate()} is the accepted step length. Training ends with
 * {@link StopReason#CONVERGED} when the optimizer meets its tolerances. Each {@code fit} restarts the
 * optimizer's curvature history from the weights it finds (the rows or weights may have changed).
 *
 * <p>Not thread-safe. While {@code fit} runs, predictions with the network from other threads are
 * refused ({@link Network#predict} throws {@link IllegalStateException}), and {@code fit} itself is
 * refused while other threads predict.
 */
public final class TrainingSession {

    private final TrainingConfig config;
    private final Network network;
    /** Shuffles the rows each epoch and splits off validation data. */
    private final RandomSource random;
    /** Makes {@link #gradients} at the first fit, once the batch size has been checked against the data. */
    private final GradientSource.Factory gradientFactory;
    private GradientSource gradients;
    private Optimizer.Updater updater;
    /** The full-batch optimizer's state and objective, instead of {@link #updater}; null for a per-batch one. */
    private FullBatchOptimizer.Minimizer minimizer;
    private FullBatchObjective objective;
    /** The most rows {@link #gradients} holds in one batch. */
    private int gradientRows;
    /** A state to import when the updater starts, from {@link #restoreOptimizerState} before the first fit. */
    private double[] pendingState;
    /** The row order, kept between fit calls on data of the same size so an epoch allocates no index array. */
    private int[] order = new int[0];
    private final List<EpochResult> history = new ArrayList<>();

    TrainingSession(TrainingConfig config, Network network, RandomSource random) {
        this(config, network, random, maxRows -> GradientSource.backprop(network, maxRows, config.loss(),
                config.gradientRule(), config.backend(), random));
    }

    /** A session whose batches' gradients come from {@code gradients} instead of {@link Backprop}. */
    TrainingSession(TrainingConfig config, Network network, RandomSource random, GradientSource.Factory gradients) {
        Checks.requireNonNull(network, "network");
        Checks.requireNonNull(random, "random");
        Checks.requireNonNull(gradients, "gradients");
        config.loss().checkOutput(network.outputActivation());
        this.config = config;
        this.network = network;
        this.random = random;
        this.gradientFactory = gradients;
    }

    /** {@return the network this session trains, in place} */
    public Network network() {
        return network;
    }

    /**
     * The optimizer's state ({@link Optimizer.Updater#exportState()}: Adam's step count and
     * moments, ...), to checkpoint a long run: a new session on the same network, given it through
     * {@link #restoreOptimizerState} before its first fit, continues with the same steps. A
     * full-batch optimizer restarts at every fit, so its state is empty.
     *
     * @return a new array
     * @throws IllegalStateException before the first fit, when the optimizer has not started
     */
    public double[] optimizerState() {
        if (config.optimizer() instanceof FullBatchOptimizer) {
            return new double[0];
        }
        if (updater == null) {
            if (pendingState != null) {
                return pendingState.clone();
            }
            throw new IllegalStateException("the optimizer starts at the first fit; no state yet");
        }
        return updater.exportState();
    }

    /**
     * Continues from a checkpoint: the optimizer takes this state ({@link #optimizerState()} of a
     * session of the same configuration on a network of the same shapes) now, or when it starts at
     * the first fit.
     *
     * @param state not kept
     * @throws IllegalArgumentException if state is null, or (once the optimizer has started) of
     *                                  another length than its own
     */
    public void restoreOptimizerState(double[] state) {
        Checks.requireNonNull(state, "state");
        if (config.optimizer() instanceof FullBatchOptimizer && state.length != 0) {
            throw new IllegalArgumentException(config.optimizer().name() + " restarts at every fit and keeps no "
                    + "state between fits; got a state of " + state.length + " values");
        }
        if (updater == null) {
            pendingState = state.clone();
        } else {
            updater.importState(state);
        }
    }

    /** {@return every epoch trained in this session so far, oldest first; a copy} */
    public List<EpochResult> history() {
        return List.copyOf(history);
    }

    /**
     * Trains {@code config.epochs()} more epochs on x, y; validation data, if the configuration
     * asks for a fraction, is split off first.
     *
     * @param x         n x inputSize, finite; not modified
     * @param y         n x outputSize, acceptable to the loss ({@link dev.mlp.loss.Loss#checkTargets});
     *                  not modified
     * @param listeners told after every batch and epoch; any may stop training
     * @return this call's epochs, and why and where they ended
     * @throws IllegalArgumentException  for mismatched shapes, non-finite values, targets the loss
     *                                   refuses or a batch larger than the data
     * @throws IllegalStateException     if other threads are predicting with, or training, the network
     * @throws TrainingDivergedException when a loss or gradient becomes NaN or infinite
     */
    public History fit(DMatrixRMaj x, DMatrixRMaj y, TrainingListener... listeners) {
        return fit(x, y, (double[]) null, listeners);
    }

    /**
     * As {@link #fit(DMatrixRMaj, DMatrixRMaj, TrainingListener...)}, with a weight per training
     * row (scikit-learn's and Keras' {@code sample_weight}): the loss becomes (1/n) Σᵢ wᵢ ℓᵢ, wᵢ
     * the row's sample weight times its class weight ({@link ClassWeights}). Rows
     * split off for validation take their weights with them and are scored by class weight only.
     *
     * @param x             n x inputSize, finite; not modified
     * @param y             n x outputSize, acceptable to the loss; not modified
     * @param sampleWeights n weights, finite and ≥ 0, not all 0; null for all 1; not modified
     * @param listeners     told after every batch and epoch; any may stop training
     * @return this call's epochs, and why and where they ended
     * @throws IllegalArgumentException as the unweighted form, and for sample weights of another
     *                                  length, negative or not finite
     */
    public History fit(DMatrixRMaj x, DMatrixRMaj y, double[] sampleWeights, TrainingListener... listeners) {
        checkData(x, y, "x", "y");
        DMatrixRMaj w = sampleWeights(sampleWeights, x.numRows);
        if (config.validationFraction() > 0) {
            DMatrixRMaj[] parts = ValidationSplit.split(x, y, w, config.validationFraction(), random);
            return run(parts[0], parts[1], parts[4], parts[0].numRows, parts[2], parts[3], listeners);
        }
        return run(x, y, w, x.numRows, null, null, listeners);
    }

    /**
     * As {@link #fit(DMatrixRMaj, DMatrixRMaj, DMatrixRMaj, DMatrixRMaj, TrainingListener...)}, with
     * a weight per training row (see {@link #fit(DMatrixRMaj, DMatrixRMaj, double[], TrainingListener...)}).
     *
     * @param x             n x inputSize, finite; not modified
     * @param y             n x outputSize, acceptable to the loss; not modified
     * @param sampleWeights n weights, finite and ≥ 0, not all 0; null for all 1; not modified
     * @param xVal          m x inputSize validation inputs, finite; not modified
     * @param yVal          m x outputSize validation targets, acceptable to the loss; not modified
     * @param listeners     told after every batch and epoch; any may stop training
     * @return this call's epochs, and why and where they ended
     */
    public History fit(DMatrixRMaj x, DMatrixRMaj y, double[] sampleWeights, DMatrixRMaj xVal, DMatrixRMaj yVal,
                       TrainingListener... listeners) {
        checkData(x, y, "x", "y");
        checkData(xVal, yVal, "xVal", "yVal");
        return run(x, y, sampleWeights(sampleWeights, x.numRows), x.numRows, xVal, yVal, listeners);
    }

    /** The sample weights as an n x 1 column, checked; null for none. */
    private DMatrixRMaj sampleWeights(double[] sampleWeights, int rows) {
        if (sampleWeights == null) {
            return null;
        }
        if (config.gradientRule() == GradientRule.BLOG) {
            throw new IllegalArgumentException("the blog's gradient rule takes no sample weights");
        }
        if (sampleWeights.length != rows) {
            throw new IllegalArgumentException("sampleWeights has " + sampleWeights.length + " entries, but x has "
                    + rows + " rows");
        }
        ClassWeights.requireRowWeights(sampleWeights, rows, "sampleWeights");
        return DMatrixRMaj.wrap(rows, 1, sampleWeights.clone());
    }

    /**
     * Trains {@code config.epochs()} more epochs on x, y, evaluating on xVal, yVal after each epoch.
     *
     * @param x         n x inputSize, finite; not modified
     * @param y         n x outputSize, acceptable to the loss; not modified
     * @param xVal      m x inputSize validation inputs, finite; not modified
     * @param yVal      m x outputSize validation targets, acceptable to the loss; not modified
     * @param listeners told after every batch and epoch; any may stop training
     * @return this call's epochs, and why and where they ended
     * @throws IllegalArgumentException  as {@link #fit(DMatrixRMaj, DMatrixRMaj, TrainingListener...)},
     *                                   for the validation data too
     * @throws IllegalStateException     if other threads are predicting with, or training, the network
     * @throws TrainingDivergedException when a loss or gradient becomes NaN or infinite
     */
    public History fit(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj xVal, DMatrixRMaj yVal,
                       TrainingListener... listeners) {
        return fit(x, y, null, xVal, yVal, listeners);
    }

    /**
     * Trains {@code config.epochs()} more epochs on {@code rows} rows that the session's
     * {@link GradientSource} holds itself, for example spread over the machines of a cluster. The
     * loop is the one every other {@code fit} runs: it shuffles the row indices 0..rows-1 with the
     * session's random source and hands each batch's slice of them to
     * {@link GradientSource#gradients} with null x and y, so a source that numbers its rows 0..rows-1
     * in the order the same rows would have on one machine trains exactly as {@link Trainer} would
     * there.
     *
     * @param rows      how many rows the source holds, ≥ 1 and at least the batch size
     * @param listeners told after every batch and epoch; any may stop training
     * @return the history of this call's epochs
     * @throws IllegalArgumentException for rows &lt; 1 or fewer rows than a batch, or when the
     *                                  configuration asks for a validation fraction: held rows
     *                                  cannot be split here, so pass validation data instead
     */
    public History fitHeldRows(int rows, TrainingListener... listeners) {
        Checks.requirePositive(rows, "rows");
        if (config.validationFraction() > 0) {
            throw new IllegalArgumentException("validationFraction (" + config.validationFraction()
                    + ") needs the rows on this machine; split them where they are held and pass validation data");
        }
        return run(null, null, null, rows, null, null, listeners);
    }

    /**
     * As {@link #fitHeldRows(int, TrainingListener...)}, evaluating on xVal, yVal (held here) after
     * each epoch.
     *
     * @param rows      how many rows the source holds, ≥ 1 and at least the batch size
     * @param xVal      m x inputSize, finite; not modified
     * @param yVal      m x outputSize, acceptable to the loss; not modified
     * @param listeners told after every batch and epoch; any may stop training
     * @return the history of this call's epochs
     */
    public History fitHeldRows(int rows, DMatrixRMaj xVal, DMatrixRMaj yVal, TrainingListener... listeners) {
        Checks.requirePositive(rows, "rows");
        checkData(xVal, yVal, "xVal", "yVal");
        return run(null, null, null, rows, xVal, yVal, listeners);
    }

    /**
     * {@link #fit(DMatrixRMaj, DMatrixRMaj, TrainingListener...)} on EJML's {@link SimpleMatrix}: x
     * and y are unwrapped, not copied.
     *
     * @param x         n x inputSize, dense doubles ({@code MatrixType.DDRM}); not modified
     * @param y         n x outputSize, dense doubles; not modified
     * @param listeners told after every batch and epoch; any may stop training
     * @return the history of this call's epochs
     * @throws IllegalArgumentException if x or y is null or holds another type (float, sparse), and
     *                                  as the DMatrixRMaj form
     */
    public History fit(SimpleMatrix x, SimpleMatrix y, TrainingListener... listeners) {
        return fit(Checks.requireDDRM(x, "x"), Checks.requireDDRM(y, "y"), listeners);
    }

    /**
     * {@link #fit(DMatrixRMaj, DMatrixRMaj, DMatrixRMaj, DMatrixRMaj, TrainingListener...)} on EJML's
     * {@link SimpleMatrix}: the four matrices are unwrapped, not copied.
     *
     * @param x         n x inputSize, dense doubles ({@code MatrixType.DDRM}); not modified
     * @param y         n x outputSize, dense doubles; not modified
     * @param xVal      m x inputSize, dense doubles; not modified
     * @param yVal      m x outputSize, dense doubles; not modified
     * @param listeners told after every batch and epoch; any may stop training
     * @return the history of this call's epochs
     */
    public History fit(SimpleMatrix x, SimpleMatrix y, SimpleMatrix xVal, SimpleMatrix yVal,
                       TrainingListener... listeners) {
        return fit(Checks.requireDDRM(x, "x"), Checks.requireDDRM(y, "y"), Checks.requireDDRM(xVal, "xVal"),
                Checks.requireDDRM(yVal, "yVal"), listeners);
    }

    private void checkData(DMatrixRMaj x, DMatrixRMaj y, String xName, String yName) {
        Checks.requireNonEmpty(x, xName);
        Checks.requireFinite(x, xName, config.backend());
        Checks.requireNonEmpty(y, yName);
        Checks.requireColumns(x, network.inputSize(), xName);
        Checks.requireColumns(y, network.outputSize(), yName);
        Checks.requireSameRows(x, y, xName, yName);
        // the loss scans y once: every loss refuses non-finite targets, some also values out of range
        config.loss().checkTargets(y, yName);
    }

    /** x and y are null when the gradient source holds the rows; w, the sample weights, may be null. */
    private History run(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj w, int rows, DMatrixRMaj xVal, DMatrixRMaj yVal,
                        TrainingListener[] listeners) {
        try (Network.TrainingGuard guard = network.guardTraining()) {
            return train(x, y, w, rows, xVal, yVal, listeners);
        }
    }

    private History train(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj sampleWeights, int rows, DMatrixRMaj xVal,
                          DMatrixRMaj yVal, TrainingListener[] listeners) {
        ClassWeights classWeights = config.classWeights();
        if (y == null && !classWeights.isNone()) {
            throw new IllegalArgumentException("class weights (" + classWeights + ") need the training targets; "
                    + "rows held by the gradient source cannot be weighted here");
        }
        boolean fullBatch = config.optimizer() instanceof FullBatchOptimizer;
        if (fullBatch && network.hasDropout()) {
            // a line search compares losses along one direction; fresh masks would change the function under it
            throw new IllegalArgumentException(config.optimizer().name() + " needs a deterministic objective; "
                    + "the network has dropout, whose masks change at every evaluation");
        }
        // the class weights of this fit (balanced ones from its training targets), then each row's weight
        double[] perClass = classWeights.isNone() ? null : classWeights.resolve(y);
        DMatrixRMaj w = perClass == null && sampleWeights == null ? null
                : ClassWeights.rowWeights(y, perClass, sampleWeights == null ? null : sampleWeights.data);
        DMatrixRMaj wVal = perClass == null || yVal == null ? null : ClassWeights.rowWeights(yVal, perClass, null);
        int batchSize = fullBatch ? Math.min(rows, FullBatchObjective.CHUNK_ROWS) : config.batchSize();
        if (batchSize > rows) {
            throw new IllegalArgumentException("batchSize must be at most the number of training rows ("
                    + rows + "), got " + batchSize);
        }
        if (gradients == null || (fullBatch && batchSize > gradientRows)) {
            gradients = gradientFactory.create(batchSize);
            gradientRows = batchSize;
            if (fullBatch) {
                startFullBatch();
            } else {
                updater = config.optimizer().start(gradients.parameters(), gradients.weightDecayMask());
                if (pendingState != null) {
                    updater.importState(pendingState);
                    pendingState = null;
                }
            }
        }
        if (w != null && !gradients.takesRowWeights()) {
            throw new IllegalArgumentException("class or sample weights were given, but this session's gradient source ("
                    + gradients.getClass().getSimpleName() + ") takes no row weights");
        }
        if (order.length != rows) {
            order = new int[rows];
        }
        if (fullBatch) {
            for (int i = 0; i < rows; i++) {
                order[i] = i;
            }
            objective.bind(x, y, w, order, rows);
            minimizer.restart();
        }
        Run run = new Run(x, y, w, rows, listeners, history.size() + config.epochs(), accuracyKind(yVal));
        for (int epoch = history.size() + 1; epoch <= run.lastEpoch && run.stop == null; epoch++) {
            if (fullBatch) {
                fullBatchEpoch(run, epoch, xVal, yVal, wVal);
            } else {
                epoch(run, epoch, xVal, yVal, wVal);
            }
        }
        return finish(run);
    }

    /** The state of one {@code fit}: its data, listeners, stop, early stopping and last step. */
    private final class Run {
        /** The rows, or null when the gradient source holds them. */
        final DMatrixRMaj x;
        final DMatrixRMaj y;
        /** Each row's weight (n x 1), or null for the unweighted loss. */
        final DMatrixRMaj w;
        final int rows;
        final TrainingListener[] listeners;
        final int lastEpoch;
        /** What the validation accuracy of this fit counts, decided once from its validation targets. */
        final AccuracyKind accuracyKind;
        final int batches;
        final List<EpochResult> epochs = new ArrayList<>();
        final EarlyStopping stopping = config.earlyStopping();
        final BestWeights best = stopping == null ? null : new BestWeights(gradients.parameters());
        StopReason stop;
        int stopEpoch;
        int stopBatch;
        /** Epoch, batch and rate of the last step taken, for the check after the run. */
        int stepEpoch;
        int stepBatch;
        double stepRate = config.learningRate();

        Run(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj w, int rows, TrainingListener[] listeners, int lastEpoch,
            AccuracyKind accuracyKind) {
            this.x = x;
            this.y = y;
            this.w = w;
            this.rows = rows;
            this.listeners = listeners;
            this.lastEpoch = lastEpoch;
            this.accuracyKind = accuracyKind;
            int full = rows / config.batchSize();
            batches = minimizer != null ? 1
                    : !config.dropLastPartialBatch() && rows % config.batchSize() != 0 ? full + 1 : full;
        }
    }

    /**
     * One epoch: shuffle, the batches, then (unless a batch stopped training) evaluate, tell the
     * listeners and apply early stopping.
     */
    private void epoch(Run run, int epoch, DMatrixRMaj xVal, DMatrixRMaj yVal, DMatrixRMaj wVal) {
        double learningRate = config.schedule().rate(epoch, config.learningRate(), history);
        int rows = run.rows;
        int batchSize = config.batchSize();
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        random.shuffle(order);
        double lossSum = 0;
        for (int b = 0; b < run.batches && run.stop == null; b++) {
            int from = b * batchSize;
            int to = Math.min(from + batchSize, rows);
            lossSum += batch(run, epoch, b + 1, from, to, learningRate) * (to - from);
        }
        if (run.stop != null) {
            return;
        }
        int trainedRows = Math.min(run.batches * batchSize, rows);
        endEpoch(run, epoch, lossSum / trainedRows, learningRate, xVal, yVal, wVal);
    }

    /** Starts the full-batch optimizer on the (new) gradient source; it has no state to import. */
    private void startFullBatch() {
        pendingState = null;
        minimizer = ((FullBatchOptimizer) config.optimizer()).startMinimizer(gradients.parameters());
        objective = new FullBatchObjective(gradients, config.l2());
    }

    /**
     * One epoch of a full-batch optimizer: one iteration over all rows, the listeners' batch, then
     * as any epoch; ends training when the optimizer converged or can go no lower.
     */
    private void fullBatchEpoch(Run run, int epoch, DMatrixRMaj xVal, DMatrixRMaj yVal, DMatrixRMaj wVal) {
        FullBatchOptimizer.Status status = minimizer.iterate(objective, gradients.parameters(),
                gradients.gradientBuffers());
        if (status == FullBatchOptimizer.Status.DIVERGED) {
            throw diverged(epoch, 1, "the objective is not finite at the weights or at any step the line search "
                    + "tried", minimizer.stepLength());
        }
        double loss = minimizer.value() - objective.penalty();
        run.stepEpoch = epoch;
        run.stepBatch = 1;
        run.stepRate = minimizer.stepLength();
        afterStep(run, epoch, 1, loss);
        if (run.stop != null) {
            return;
        }
        endEpoch(run, epoch, loss, minimizer.stepLength(), xVal, yVal, wVal);
        if (run.stop == null && status != FullBatchOptimizer.Status.MOVED && epoch < run.lastEpoch) {
            run.stop = StopReason.CONVERGED;
        }
    }

    /** The end of every epoch: validation, the history, the listeners, early stopping. */
    private void endEpoch(Run run, int epoch, double trainingLoss, double learningRate, DMatrixRMaj xVal,
                          DMatrixRMaj yVal, DMatrixRMaj wVal) {
        EpochResult result = evaluate(epoch, trainingLoss, learningRate, run.batches, xVal, yVal, wVal,
                run.accuracyKind);
        history.add(result);
        run.epochs.add(result);
        for (TrainingListener listener : run.listeners) {
            if (listener.onEpochEnd(result) == TrainingListener.Action.STOP && epoch < run.lastEpoch) {
                run.stop = StopReason.LISTENER;
            }
        }
        if (run.best != null && run.stop == null && run.best.observe(result, run.stopping) && epoch < run.lastEpoch) {
            run.stop = StopReason.EARLY_STOPPING;
        }
        run.stopEpoch = epoch;
    }

    /**
     * One batch, rows {@code order[from..to)}: gradients, checks, L2 and clipping, the optimizer
     * step, then the listeners and the interrupt flag. Allocates nothing.
     *
     * @return the batch's mean loss before its update
     */
    private double batch(Run run, int epoch, int batch, int from, int to, double learningRate) {
        double batchLoss = run.w == null ? gradients.gradients(run.x, run.y, order, from, to)
                : gradients.gradients(run.x, run.y, run.w, order, from, to);
        if (!Double.isFinite(batchLoss)) {
            throw diverged(epoch, batch, "the batch loss is " + batchLoss, learningRate);
        }
        if (!gradients.gradientsFinite()) {
            throw diverged(epoch, batch, "a gradient is not finite", learningRate);
        }
        regularise();
        updater.step(learningRate, gradients.parameters(), gradients.gradientBuffers());
        run.stepEpoch = epoch;
        run.stepBatch = batch;
        run.stepRate = learningRate;
        afterStep(run, epoch, batch, batchLoss);
        return batchLoss;
    }

    /** After a step: the listeners and the interrupt flag, which may stop training here. */
    private void afterStep(Run run, int epoch, int batch, double batchLoss) {
        for (TrainingListener listener : run.listeners) {
            if (listener.onBatchEnd(epoch, batch, batchLoss) == TrainingListener.Action.STOP) {
                run.stop = StopReason.LISTENER;
            }
        }
        if (run.stop == null && Thread.currentThread().isInterrupted()) {
            run.stop = StopReason.INTERRUPTED;
        }
        if (run.stop != null) {
            run.stopEpoch = epoch;
            run.stopBatch = batch;
        }
    }

    /** After the last epoch: the overflow check of the last step, the best weights back, the history. */
    private History finish(Run run) {
        // a step that overflows the weights is otherwise caught by the next batch's loss; the last
        // step of a run has no next batch
        if (run.stepBatch > 0 && !parametersFinite()) {
            throw diverged(run.stepEpoch, run.stepBatch, "the update overflowed the weights", run.stepRate);
        }
        boolean restored = run.best != null && run.stopping.restoreBest() && run.best.epoch > 0;
        if (restored) {
            run.best.restoreInto(gradients.parameters());
        }
        return new History(run.epochs, run.stop == null ? StopReason.COMPLETED : run.stop, run.stopEpoch,
                run.stopBatch, run.best == null ? 0 : run.best.epoch, restored);
    }

    /** True when every weight and bias is finite, by the configured backend's check. */
    private boolean parametersFinite() {
        for (DMatrixRMaj p : gradients.parameters()) {
            if (!config.backend().allFinite(p.data, p.getNumElements())) {
                return false;
            }
        }
        return true;
    }

    /** L2 penalty on weights (not biases), then clipping by global norm. */
    private void regularise() {
        DMatrixRMaj[] params = gradients.parameters();
        DMatrixRMaj[] grads = gradients.gradientBuffers();
        L2Penalty.addGradient(params, grads, gradients.weightDecayMask(), config.l2());
        if (config.clipNorm() > 0) {
            double squares = 0;
            for (DMatrixRMaj g : grads) {
                int n = g.getNumElements();
                for (int i = 0; i < n; i++) {
                    squares += g.data[i] * g.data[i];
                }
            }
            double norm = Math.sqrt(squares);
            if (norm > config.clipNorm()) {
                double scale = config.clipNorm() / norm;
                for (DMatrixRMaj g : grads) {
                    CommonOps_DDRM.scale(scale, g);
                }
            }
        }
    }

    private EpochResult evaluate(int epoch, double trainingLoss, double learningRate, int batches,
                                 DMatrixRMaj xVal, DMatrixRMaj yVal, DMatrixRMaj wVal, AccuracyKind kind) {
        if (xVal == null) {
            return new EpochResult(epoch, trainingLoss, Double.NaN, Double.NaN, learningRate, batches,
                    AccuracyKind.NONE);
        }
        DMatrixRMaj predicted = network.predict(xVal, config.backend());
        // scored by the class weights of training, so that it measures the objective being minimised
        double validationLoss = wVal == null ? config.loss().loss(predicted, yVal)
                : config.loss().loss(predicted, yVal, wVal);
        return new EpochResult(epoch, trainingLoss, validationLoss, accuracy(predicted, yVal, kind), learningRate,
                batches, kind);
    }

    /**
     * What the validation accuracy counts, from the output layer, the loss and the validation
     * targets: nothing for outputs that are values (regression); per-label accuracy for binary
     * cross-entropy on several outputs unless every target row is one-hot (then each row has one
     * class, and the accuracy is that of the class); class accuracy otherwise.
     */
    private AccuracyKind accuracyKind(DMatrixRMaj yVal) {
        if (yVal == null) {
            return AccuracyKind.NONE;
        }
        Activations.Outputs output = Activations.outputs(network.outputActivation());
        if (output == Activations.Outputs.VALUES) {
            return AccuracyKind.NONE;
        }
        boolean multiLabel = output == Activations.Outputs.PER_ENTRY_PROBABILITIES
                && Losses.isMultiLabel(config.loss()) && yVal.numCols > 1;
        return multiLabel && !ValidationSplit.isOneHot(yVal) ? AccuracyKind.PER_LABEL : AccuracyKind.CLASS;
    }

    /**
     * The accuracy of {@code kind}: per entry with threshold 0.5 for per-label accuracy and for a
     * single output; otherwise the argmax of the outputs against the argmax of the targets.
     */
    private static double accuracy(DMatrixRMaj p, DMatrixRMaj y, AccuracyKind kind) {
        if (kind == AccuracyKind.NONE) {
            return Double.NaN;
        }
        if (kind == AccuracyKind.PER_LABEL || p.numCols == 1) {
            int correct = 0;
            int n = p.getNumElements();
            for (int i = 0; i < n; i++) {
                correct += (p.data[i] >= 0.5) == (y.data[i] >= 0.5) ? 1 : 0;
            }
            return (double) correct / n;
        }
        int correct = 0;
        for (int r = 0; r < p.numRows; r++) {
            correct += MatrixRows.argmax(p, r) == MatrixRows.argmax(y, r) ? 1 : 0;
        }
        return (double) correct / p.numRows;
    }

    private TrainingDivergedException diverged(int epoch, int batch, String what, double learningRate) {
        return new TrainingDivergedException(epoch, batch, what, learningRate,
                parametersFinite());
    }

    /** The early-stopping bookkeeping: best monitored loss, its epoch, and a copy of its weights. */
    private static final class BestWeights {
        private final DMatrixRMaj[] current;
        private final DMatrixRMaj[] saved;
        private double bestLoss = Double.POSITIVE_INFINITY;
        private int epoch;
        private int wait;

        BestWeights(DMatrixRMaj[] params) {
            saved = new DMatrixRMaj[params.length];
            for (int i = 0; i < params.length; i++) {
                saved[i] = params[i].copy();
            }
            current = params;
        }

        /** Records the epoch; true when patience has run out. */
        boolean observe(EpochResult result, EarlyStopping rule) {
            double loss = result.monitoredLoss();
            if (loss < bestLoss - rule.minDelta()) {
                bestLoss = loss;
                epoch = result.epoch();
                wait = 0;
                for (int i = 0; i < saved.length; i++) {
                    saved[i].setTo(current[i]);
                }
                return false;
            }
            return ++wait >= rule.patience();
        }

        void restoreInto(DMatrixRMaj[] params) {
            for (int i = 0; i < params.length; i++) {
                params[i].setTo(saved[i]);
            }
        }
    }
}
