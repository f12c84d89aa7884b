package dev.mlp.reliability;

import dev.mlp.activation.Identity;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Softmax;
import dev.mlp.linalg.Backends;
import dev.mlp.linalg.Backend;
import dev.mlp.loss.BinaryCrossEntropy;
import dev.mlp.loss.Loss;
import dev.mlp.loss.MeanSquaredError;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.model.Network;
import dev.mlp.optim.Adam;
import dev.mlp.optim.AdamW;
import dev.mlp.optim.Momentum;
import dev.mlp.optim.Optimizer;
import dev.mlp.optim.RmsProp;
import dev.mlp.optim.Sgd;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.EarlyStopping;
import dev.mlp.train.GradientRule;
import dev.mlp.train.History;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;
import dev.mlp.train.schedule.CosineDecay;
import dev.mlp.train.schedule.ExponentialDecay;
import dev.mlp.train.schedule.LearningRateSchedule;
import dev.mlp.train.schedule.ReduceOnPlateau;
import dev.mlp.train.schedule.StepDecay;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * For a given seed, training is bit-identical from run to run, whatever the optimizer, schedule,
 * regularisation, validation split and early stopping; and it does not depend on what other
 * threads do at the same time, nor on the number of threads a matrix kernel may use.
 */
class DeterminismTest {

    static final int CONFIGURATION_CASES = 30;
    static final int KERNEL_CASES = 60;

    /** A training run drawn at random from its case number: data, network and configuration. */
    private record Run(int[] sizes, int outputKind, DMatrixRMaj x, DMatrixRMaj y, TrainingConfig config, int seed) {

        static Run draw(int i) {
            Gen g = new Gen(100_000 + i);
            int[] sizes = g.sizes();
            int outputKind = g.random.nextInt(3);
            if (outputKind == 0) {
                sizes[sizes.length - 1] = Math.max(2, sizes[sizes.length - 1]);
            }
            int rows = g.between(20, 80);
            DMatrixRMaj x = g.matrix(rows, sizes[0]);
            int out = sizes[sizes.length - 1];
            DMatrixRMaj y = outputKind == 2 ? g.matrix(rows, out) : g.oneHot(rows, out);
            Loss loss = outputKind == 0 ? new SoftmaxCrossEntropy()
                    : outputKind == 1 ? (g.random.nextBoolean() ? new BinaryCrossEntropy() : new MeanSquaredError())
                    : new MeanSquaredError();
            Optimizer optimizer = g.pick(List.<Optimizer>of(new Sgd(), new Momentum(0.9), Momentum.nesterov(0.8),
                    new RmsProp(), new Adam(), new AdamW(0.05)));
            LearningRateSchedule schedule = g.pick(List.of(LearningRateSchedule.constant(), new StepDecay(2, 0.5),
                    new ExponentialDecay(0.9), new CosineDecay(6, 0.001), new ReduceOnPlateau(0.5, 1, 0, 0)));
            TrainingConfig.Builder b = TrainingConfig.builder()
                    .epochs(g.between(2, 6)).batchSize(g.between(1, 10)).learningRate(g.pick(0.001, 0.01, 0.05))
                    .loss(loss).optimizer(optimizer).schedule(schedule)
                    .dropLastPartialBatch(g.random.nextBoolean())
                    .l2(g.pick(0.0, 1e-4, 1e-2)).clipNorm(g.pick(0.0, 0.5, 5.0))
                    .validationFraction(g.pick(0.0, 0.0, 0.2));
            if (g.random.nextBoolean()) {
                b.earlyStopping(new EarlyStopping(g.between(1, 3), 0, g.random.nextBoolean()));
            }
            if (outputKind == 1 && loss instanceof MeanSquaredError && g.random.nextInt(3) == 0) {
                b.gradientRule(GradientRule.BLOG);
            }
            return new Run(sizes, outputKind, x, y, b.build(), g.between(0, 1 << 20));
        }

        Network network() {
            Gen g = new Gen(110_000 + seed);
            return g.network(sizes, outputKind == 0 ? new Softmax() : outputKind == 1 ? new Sigmoid() : new Identity(), seed);
        }

        /** Trains a fresh network; returns its weights followed by every number of the history. */
        double[] train() {
            return train(config);
        }

        /** As {@link #train()}, with the products computed by {@code kernel}. */
        double[] train(Backend kernel) {
            return train(config.toBuilder().backend(kernel).build());
        }

        private double[] train(TrainingConfig config) {
            Network net = network();
            History h = new Trainer(config).fit(net, new NumpyRandom(seed), x, y);
            double[] weights = Gen.parameters(net);
            List<Double> all = new ArrayList<>();
            for (double w : weights) {
                all.add(w);
            }
            h.epochs().forEach(r -> {
                all.add((double) r.epoch());
                all.add(r.trainingLoss());
                all.add(r.validationLoss());
                all.add(r.validationAccuracy());
                all.add(r.learningRate());
                all.add((double) r.batches());
            });
            all.add((double) h.message().hashCode());
            return all.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    static Stream<Integer> configurations() {
        return IntStream.range(0, CONFIGURATION_CASES).boxed();
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("configurations")
    void theSameSeedTrainsBitIdenticalWeightsAndHistory(int i) {
        Run run = Run.draw(i);
        double[] first = run.train();
        double[] second = Run.draw(i).train();
        assertArrayEquals(first, second, 0.0, run.config().toString());
    }

    /** Runs trained side by side on two threads equal those trained alone: no hidden shared state. */
    @Test
    void trainingOnTwoThreadsAtOnceGivesTheSameBitsAsTrainingAlone() throws Exception {
        List<double[]> alone = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            alone.add(Run.draw(i).train());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<double[]>> together = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Run run = Run.draw(i);
                Callable<double[]> task = run::train;
                together.add(pool.submit(task));
            }
            for (int i = 0; i < 8; i++) {
                assertArrayEquals(alone.get(i), together.get(i).get(), 0.0, "case " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- thread count -------------------------------------------------------------------------

    static Stream<Integer> kernelCases() {
        return IntStream.range(0, KERNEL_CASES).boxed();
    }

    /**
     * The matrix kernels of dev.mlp.linalg split a product by output rows across threads; with the
     * threshold at 0 every product of two or more rows is split, and one and two threads must
     * give the same bits for every operation.
     */
    @ParameterizedTest(name = "case {0}")
    @MethodSource("kernelCases")
    void matrixKernelsGiveTheSameBitsOnOneAndTwoThreads(int i) {
        Gen g = new Gen(120_000 + i);
        int m = g.between(1, 90);
        int k = g.between(1, 70);
        int n = g.between(1, 60);
        DMatrixRMaj a = g.matrix(m, k);
        DMatrixRMaj b = g.matrix(k, n);
        DMatrixRMaj at = g.matrix(k, m);
        DMatrixRMaj bt = g.matrix(n, k);
        DMatrixRMaj bias = g.matrix(1, n);
        for (String name : Backends.available()) {
            if (name.equals("ejml")) {
                continue;
            }
            Backend one = threaded(name, 1);
            Backend two = threaded(name, 2);
            assertSameBits(name + " mult", c -> one.mult(a, b, c), c -> two.mult(a, b, c));
            assertSameBits(name + " multTransA", c -> one.multTransA(at, b, c), c -> two.multTransA(at, b, c));
            assertSameBits(name + " multTransB", c -> one.multTransB(a, bt, c), c -> two.multTransB(a, bt, c));
            assertSameBits(name + " multAddBias", c -> one.multAddBias(a, b, bias, c), c -> two.multAddBias(a, b, bias, c));
        }
    }

    /** The kernel called {@code name} with {@code threads} threads, splitting every product it can. */
    private static Backend threaded(String name, int threads) {
        // mlp-core's tests run without the incubator module: the vector backend's thread
        // independence is proved in mlp-linalg (KernelContractTest)
        return name.equals("blocked") ? new dev.mlp.linalg.BlockedKernel(threads, 0) : Backends.byName(name, threads);
    }

    private static void assertSameBits(String what, java.util.function.Consumer<DMatrixRMaj> first,
                                       java.util.function.Consumer<DMatrixRMaj> second) {
        DMatrixRMaj c1 = new DMatrixRMaj(1, 1);
        DMatrixRMaj c2 = new DMatrixRMaj(1, 1);
        first.accept(c1);
        second.accept(c2);
        assertEquals(c1.numRows, c2.numRows, what);
        assertEquals(c1.numCols, c2.numCols, what);
        for (int e = 0; e < c1.getNumElements(); e++) {
            assertEquals(Double.doubleToRawLongBits(c1.data[e]), Double.doubleToRawLongBits(c2.data[e]), what + " entry " + e);
        }
    }

    /**
     * Training where every product of two or more rows is split across threads (threshold 0)
     * gives the same bits on one and on two threads, for every kernel that threads.
     */
    @ParameterizedTest(name = "case {0}")
    @MethodSource("configurations")
    void trainingIsBitIdenticalWhenEveryProductIsSplitAcrossOneOrTwoThreads(int i) {
        for (String name : Backends.available()) {
            if (name.equals("ejml")) {
                continue;
            }
            double[] one = Run.draw(i).train(threaded(name, 1));
            double[] two = Run.draw(i).train(threaded(name, 2));
            assertArrayEquals(one, two, 0.0, name + ", case " + i);
        }
    }

    /**
     * The documented switch, {@value Backends#THREADS_PROPERTY}: a network wide enough that its
     * products pass the default splitting threshold trains to the same bits with 1 and 2 threads.
     */
    @Test
    void trainingIsBitIdenticalWithOneAndTwoThreadsChosenByTheDocumentedSwitch() {
        Gen g = new Gen(140_000);
        DMatrixRMaj x = g.matrix(512, 64);
        DMatrixRMaj y = g.oneHot(512, 10);
        String before = System.getProperty(Backends.THREADS_PROPERTY);
        try {
            double[][] results = new double[2][];
            for (int threads = 1; threads <= 2; threads++) {
                System.setProperty(Backends.THREADS_PROPERTY, Integer.toString(threads));
                TrainingConfig config = TrainingConfig.builder().epochs(2).batchSize(128).learningRate(0.01)
                        .loss(new SoftmaxCrossEntropy()).optimizer(new Adam()).build();
                Network net = new Gen(140_001).network(new int[] {64, 128, 10}, new Softmax(), 5);
                new Trainer(config).fit(net, new NumpyRandom(5), x, y);
                results[threads - 1] = Gen.parameters(net);
            }
            assertArrayEquals(results[0], results[1], 0.0);
        } finally {
            if (before == null) {
                System.clearProperty(Backends.THREADS_PROPERTY);
            } else {
                System.setProperty(Backends.THREADS_PROPERTY, before);
            }
        }
    }
}
