package dev.mlp.tuning;

import dev.mlp.Checks;
import dev.mlp.MatrixRows;
import dev.mlp.activation.Activation;
import dev.mlp.linalg.Backend;
import dev.mlp.linalg.Backends;
import dev.mlp.model.InputScaling;
import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.EpochResult;
import dev.mlp.train.History;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;
import dev.mlp.train.TrainingDivergedException;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stratified k-fold cross-validation of {@link Setting}s, and the search that ranks them and
 * refits the best. Immutable: one instance may run many searches, from many threads.
 *
 * <p><b>Rows and folds.</b> The rows are split into k stratified folds by {@link Folds#stratified}
 * with {@code NumpyRandom(seed)}; the strata are the targets' classes (the largest entry of a
 * row; with one output, whether it is ≥ 0.5). For each fold f, a network trains on the other
 * folds and is scored on f. The input scaling is fitted by {@link #scaling()} on the training
 * folds only and applied to both parts, so nothing of the held-out fold is seen in training.
 *
 * <p><b>Seeds.</b> The network of fold f draws its weights and shuffles its rows from one
 * {@code NumpyRandom(seed + 1 + f)} (modulo 2³¹), whatever the setting: every setting meets the
 * same random numbers on the same fold (as scikit-learn's search with a fixed
 * {@code random_state}), so a setting scores the same alone ({@link #validate}) as within any
 * search. The refit on all rows uses {@code NumpyRandom(seed)}, as {@code mlp train --seed} does.
 *
 * <p><b>Many small networks at once.</b> The settings × folds networks are independent jobs run by
 * {@link #threads()} worker threads, the most expensive first (rows × parameters × epochs). Each
 * network trains on one thread with the single-threaded variant of the base configuration's
 * backend ({@link Backends#byName(String, int)} with 1 thread): small products gain nothing from
 * being split, while whole networks side by side keep every core busy. The folds' matrices are
 * made once and shared, read-only, by every job. Every job's arithmetic depends only on its
 * setting, its fold and its seed, so the results are bit-identical for every thread count,
 * including 1, where the jobs run one after another on the calling thread.
 *
 * <p>A network whose training diverges ({@link TrainingDivergedException}) scores NaN on its fold,
 * which ranks its setting last; any other failure ends the search and is thrown.
 *
 * @param folds            k, ≥ 2
 * @param seed             the seed of the folds and of every network (see above)
 * @param outputActivation the output layer's activation, which the base loss must accept
 * @param base             every value of training that a setting does not set (the loss first);
 *                         its backend's name is used, on one thread per network
 * @param scaling          fitted on each fold's training rows; {@link ScalingFit#NONE} for none
 * @param threads          how many networks train at once, ≥ 1
 */
public record CrossValidation(int folds, int seed, Activation outputActivation, TrainingConfig base,
                              ScalingFit scaling, int threads) {

    /**
     * Checks every value.
     *
     * @throws IllegalArgumentException for folds &lt; 2, threads &lt; 1, a null argument, or an output
     *                                  activation the base loss refuses
     */
    public CrossValidation {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds);
        }
        Checks.requireNonNull(outputActivation, "outputActivation");
        Checks.requireNonNull(base, "base");
        Checks.requireNonNull(scaling, "scaling");
        Checks.requirePositive(threads, "threads");
        base.loss().checkOutput(outputActivation);
    }

    /**
     * {@return a cross-validation with seed 1, no scaling and one network per available processor}
     *
     * @param folds            k, ≥ 2
     * @param outputActivation the output layer's activation
     * @param base             every value of training that a setting does not set
     */
    public static CrossValidation of(int folds, Activation outputActivation, TrainingConfig base) {
        return new CrossValidation(folds, 1, outputActivation, base, ScalingFit.NONE,
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * {@return this with another seed}
     *
     * @param seed the seed of the folds and the networks
     */
    public CrossValidation withSeed(int seed) {
        return new CrossValidation(folds, seed, outputActivation, base, scaling, threads);
    }

    /**
     * {@return this with another scaling}
     *
     * @param scaling fitted inside each fold; not null
     */
    public CrossValidation withScaling(ScalingFit scaling) {
        return new CrossValidation(folds, seed, outputActivation, base, scaling, threads);
    }

    /**
     * {@return this with another number of networks trained at once}
     *
     * @param threads ≥ 1
     */
    public CrossValidation withThreads(int threads) {
        return new CrossValidation(folds, seed, outputActivation, base, scaling, threads);
    }

    /**
     * {@return the folds the rows of targets y are split into}
     *
     * @param y n x outputs targets, n ≥ k; not modified
     * @throws IllegalArgumentException for null or empty y, or fewer rows than folds
     */
    public Folds foldsOf(DMatrixRMaj y) {
        return Folds.stratified(strata(y), folds, new NumpyRandom(seed));
    }

    /**
     * {@return the seed of fold f's network: seed + 1 + f, modulo 2³¹}
     *
     * @param fold from 0
     */
    public int foldSeed(int fold) {
        return (int) Math.floorMod((long) seed + 1 + fold, 1L << 31);
    }

    /**
     * {@return each row's class: the column of its largest entry, or with one column whether the
     * entry is ≥ 0.5}
     *
     * @param y n x outputs, n ≥ 1; not modified
     * @throws IllegalArgumentException for null or empty y
     */
    public static int[] strata(DMatrixRMaj y) {
        Checks.requireNonEmpty(y, "y");
        int[] strata = new int[y.numRows];
        for (int r = 0; r < y.numRows; r++) {
            strata[r] = y.numCols == 1 ? (y.data[r] >= 0.5 ? 1 : 0) : MatrixRows.argmax(y, r);
        }
        return strata;
    }

    /**
     * Cross-validates one setting.
     *
     * @param setting what to train
     * @param x       n x inputs, finite; not modified
     * @param y       n x outputs targets, acceptable to the loss; not modified
     * @return each fold's result and their summaries
     * @throws IllegalArgumentException as {@link #search}
     */
    public CrossValidationResult validate(Setting setting, DMatrixRMaj x, DMatrixRMaj y) {
        Checks.requireNonNull(setting, "setting");
        return search(List.of(setting), x, y).results().get(0);
    }

    /**
     * Cross-validates every setting on the same folds, settings × folds networks trained
     * {@link #threads()} at a time.
     *
     * @param settings at least one
     * @param x        n x inputs, finite; not modified
     * @param y        n x outputs targets, acceptable to the loss; not modified
     * @return every setting's result, in the order given, and their ranking
     * @throws IllegalArgumentException for mismatched or non-finite data, fewer rows than folds, a
     *                                  batch larger than a fold's training rows, or targets the
     *                                  loss refuses
     */
    public SearchResult search(List<Setting> settings, DMatrixRMaj x, DMatrixRMaj y) {
        Checks.requireNonNull(settings, "settings");
        if (settings.isEmpty()) {
            throw new IllegalArgumentException("a search needs at least one setting");
        }
        checkData(x, y);
        Folds split = foldsOf(y);
        FoldData[] data = new FoldData[folds];
        for (int f = 0; f < folds; f++) {
            data[f] = new FoldData(x, y, split.training(f), split.heldOut(f), scaling);
        }
        for (Setting s : settings) {
            for (FoldData d : data) {
                if (s.batchSize() > d.x.numRows) {
                    throw new IllegalArgumentException("batch " + s.batchSize() + " is larger than the "
                            + d.x.numRows + " rows a fold trains on (" + s + ")");
                }
            }
        }
        Backend backend = Backends.byName(base.backend().name(), 1);
        Job[] jobs = new Job[settings.size() * folds];
        for (int i = 0; i < settings.size(); i++) {
            for (int f = 0; f < folds; f++) {
                jobs[i * folds + f] = new Job(settings.get(i), f, data[f]);
            }
        }
        FoldResult[] done = run(jobs, backend);
        List<CrossValidationResult> results = new ArrayList<>(settings.size());
        for (int i = 0; i < settings.size(); i++) {
            results.add(new CrossValidationResult(settings.get(i),
                    Arrays.asList(done).subList(i * folds, (i + 1) * folds)));
        }
        return new SearchResult(results);
    }

    /**
     * Trains {@code setting} on all the rows given, with the scaling fitted on them and the
     * network drawn from {@code NumpyRandom(seed)}, on the base configuration's own backend (with
     * its threads): how a search ends, once the best setting is known.
     *
     * @param setting what to train
     * @param x       n x inputs, finite; not modified
     * @param y       n x outputs targets, acceptable to the loss; not modified
     * @return the network, its scaling and its history
     * @throws IllegalArgumentException          as {@link #search}
     * @throws TrainingDivergedException when training diverges
     */
    public Refit refit(Setting setting, DMatrixRMaj x, DMatrixRMaj y) {
        Checks.requireNonNull(setting, "setting");
        checkData(x, y);
        InputScaling fitted = scaling.fit(x);
        DMatrixRMaj scaled = fitted == null ? x : fitted.apply(x);
        NumpyRandom random = new NumpyRandom(seed);
        Network network = setting.network(x.numCols, y.numCols, outputActivation, base.loss()).build(random);
        History history = new Trainer(setting.training(base, base.backend())).fit(network, random, scaled, y);
        return new Refit(setting, network, fitted, history);
    }

    private void checkData(DMatrixRMaj x, DMatrixRMaj y) {
        Checks.requireNonEmpty(x, "x");
        Checks.requireFinite(x, "x");
        Checks.requireNonEmpty(y, "y");
        Checks.requireSameRows(x, y, "x", "y");
        if (x.numRows < folds) {
            throw new IllegalArgumentException(folds + " folds need at least " + folds + " rows, got " + x.numRows);
        }
    }

    /** Runs every job, the most expensive first, on up to {@link #threads} threads; results in job order. */
    private FoldResult[] run(Job[] jobs, Backend backend) {
        Integer[] order = new Integer[jobs.length];
        Arrays.setAll(order, i -> i);
        // longest first: the last jobs to start are the short ones, so the threads finish together
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> jobs[i].cost()).reversed());
        FoldResult[] done = new FoldResult[jobs.length];
        int workers = Math.min(threads, jobs.length);
        if (workers == 1) {
            for (int i : order) {
                done[i] = jobs[i].run(backend);
            }
            return done;
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread t = new Thread(task, "mlp-cross-validation");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>(workers);
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(() -> {
                    for (int k = next.getAndIncrement(); k < order.length; k = next.getAndIncrement()) {
                        int i = order[k];
                        done[i] = jobs[i].run(backend);
                    }
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    next.set(order.length);
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } catch (InterruptedException e) {
            next.set(order.length);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while cross-validating", e);
        } finally {
            pool.shutdownNow();
        }
        return done;
    }

    /** One fold's rows: the training part and the held-out part, both scaled by the fold's own fit. */
    private static final class FoldData {
        final DMatrixRMaj x;
        final DMatrixRMaj y;
        final DMatrixRMaj xHeldOut;
        final DMatrixRMaj yHeldOut;

        FoldData(DMatrixRMaj x, DMatrixRMaj y, int[] training, int[] heldOut, ScalingFit scaling) {
            DMatrixRMaj xTrain = MatrixRows.select(x, training);
            DMatrixRMaj xTest = MatrixRows.select(x, heldOut);
            InputScaling fitted = scaling.fit(xTrain);
            this.x = fitted == null ? xTrain : fitted.apply(xTrain);
            this.xHeldOut = fitted == null ? xTest : fitted.apply(xTest);
            this.y = MatrixRows.select(y, training);
            this.yHeldOut = MatrixRows.select(y, heldOut);
        }
    }

    /** One network: a setting trained with one fold held out. */
    private final class Job {
        final Setting setting;
        final int fold;
        final FoldData data;

        Job(Setting setting, int fold, FoldData data) {
            this.setting = setting;
            this.fold = fold;
            this.data = data;
        }

        /** Rows × parameters × epochs, the order of the time it takes. */
        long cost() {
            long parameters = 0;
            int in = data.x.numCols;
            for (int units : setting.layers()) {
                parameters += (long) (in + 1) * units;
                in = units;
            }
            parameters += (long) (in + 1) * data.y.numCols;
            return Backends.work(data.x.numRows, parameters, setting.epochs());
        }

        FoldResult run(Backend backend) {
            long start = System.nanoTime();
            NumpyRandom random = new NumpyRandom(foldSeed(fold));
            Network network = setting.network(data.x.numCols, data.y.numCols, outputActivation, base.loss())
                    .build(random);
            TrainingConfig config = setting.training(base, backend);
            int trainRows = data.x.numRows;
            int heldOutRows = data.xHeldOut.numRows;
            History history;
            try {
                history = new Trainer(config).fit(network, random, data.x, data.y);
            } catch (TrainingDivergedException e) {
                return new FoldResult(fold, trainRows, heldOutRows, Double.NaN, Double.NaN, Double.NaN,
                        e.epoch(), (System.nanoTime() - start) / 1e9);
            }
            DMatrixRMaj p = network.predict(data.xHeldOut, backend);
            double accuracy = classAccuracy(p, data.yHeldOut);
            double loss = config.loss().loss(p, data.yHeldOut);
            EpochResult kept = history.kept();
            double trainingLoss = kept == null ? Double.NaN : kept.trainingLoss();
            return new FoldResult(fold, trainRows, heldOutRows, accuracy, loss, trainingLoss,
                    history.epochs().size(), (System.nanoTime() - start) / 1e9);
        }
    }

    /** The share of rows whose largest output (one output: ≥ 0.5) is the target's. */
    static double classAccuracy(DMatrixRMaj p, DMatrixRMaj y) {
        int[] predicted = strata(p);
        int[] actual = strata(y);
        int correct = 0;
        for (int r = 0; r < predicted.length; r++) {
            correct += predicted[r] == actual[r] ? 1 : 0;
        }
        return (double) correct / predicted.length;
    }
}
