package dev.mlp.bench;

import dev.mlp.activation.Activation;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Softmax;
import dev.mlp.loss.MeanSquaredError;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.model.Network;
import dev.mlp.optim.Adam;
import dev.mlp.optim.Optimizer;
import dev.mlp.optim.Sgd;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.GradientRule;
import dev.mlp.train.History;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;
import dev.mlp.train.TrainingSession;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One training epoch, per configuration of the issue:
 * <ol>
 *   <li>{@code blog}: digits 1797 × 64 unscaled, 64-15-10 ReLU/sigmoid, MSE with the blog's rule,
 *       batch 15, η = 1e-3, SGD;</li>
 *   <li>{@code digitsWide}: digits scaled to [0, 1], 64-128-10 softmax cross-entropy, Adam, batch 32;</li>
 *   <li>{@code fashionSgd} / {@code fashionAdam}: 784-256-128-10 ReLU, softmax cross-entropy,
 *       batch 128, on {@code fashionRows} synthetic rows in [0, 1).</li>
 * </ol>
 * The digits benchmarks run one {@code fit} of {@value #DIGITS_EPOCHS} epochs per invocation and
 * report the time per epoch ({@code @OperationsPerInvocation}), as a user's multi-epoch fit runs:
 * the input check at the entry of {@code fit} is paid once per fit, not once per epoch. The
 * Fashion-sized benchmarks train one epoch per invocation (their session is made in the first,
 * warm-up, invocation). All go through one {@link TrainingSession} per trial, so the workspace and
 * optimizer state are allocated once and {@code -prof gc} shows what training itself allocates.
 * The weights are put back to the same seeded initial values (in place) before every iteration, so
 * training progress between iterations does not change what is measured. Samples per second = rows / time per epoch (1797 for digits,
 * {@code fashionRows} for the Fashion-sized runs); the comparison harness prints both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class EpochBenchmark {

    /** Epochs per invocation of the digits benchmarks. */
    public static final int DIGITS_EPOCHS = 10;

    /** How many rows the Fashion-sized benchmarks train on (60000 is the real training set). */
    @Param("60000")
    public int fashionRows;

    private DMatrixRMaj[] digitsRaw;
    private DMatrixRMaj[] digitsScaled;
    private DMatrixRMaj[] fashion;

    private Run blog;
    private Run digitsWide;
    private Run fashionSgd;
    private Run fashionAdam;

    /** A session and a copy of its network's initial parameters, to start every iteration from. */
    private static final class Run {
        final TrainingSession session;
        final DMatrixRMaj[] initial;

        Run(int[] sizes, List<Activation> activations, TrainingConfig config) {
            NumpyRandom random = new NumpyRandom(1);
            Network network = Network.of(sizes, new ArrayList<>(activations), random);
            session = new Trainer(config).session(network, random);
            initial = parameters(network);
            for (int i = 0; i < initial.length; i++) {
                initial[i] = initial[i].copy();
            }
        }

        /** Puts the initial weights back in place: no allocation, so -prof gc sees only training. */
        void reset() {
            DMatrixRMaj[] live = parameters(session.network());
            for (int i = 0; i < live.length; i++) {
                live[i].setTo(initial[i]);
            }
        }

        private static DMatrixRMaj[] parameters(Network network) {
            DMatrixRMaj[] p = new DMatrixRMaj[2 * network.layers().size()];
            for (int l = 0; l < network.layers().size(); l++) {
                p[2 * l] = network.layer(l).weights();
                p[2 * l + 1] = network.layer(l).bias();
            }
            return p;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        digitsRaw = BenchData.digits(false);
        digitsScaled = BenchData.digits(true);
        blog = new Run(new int[] {64, 15, 10}, List.of(new ReLU(), new Sigmoid()),
                TrainingConfig.builder().epochs(DIGITS_EPOCHS).batchSize(15).learningRate(1e-3)
                        .loss(new MeanSquaredError()).gradientRule(GradientRule.BLOG).build());
        digitsWide = new Run(new int[] {64, 128, 10}, List.of(new ReLU(), new Softmax()),
                config(32, new Adam()).toBuilder().epochs(DIGITS_EPOCHS).build());
    }

    /** Every iteration starts from the same initial weights (the optimizer's moments carry over; they do not change the work). */
    @Setup(Level.Iteration)
    public void resetWeights() {
        for (Run run : new Run[] {blog, digitsWide, fashionSgd, fashionAdam}) {
            if (run != null) {
                run.reset();
            }
        }
    }

    private Run fashionRun(Optimizer optimizer) {
        if (fashion == null) {
            fashion = BenchData.fashionSized(fashionRows);
        }
        return new Run(new int[] {784, 256, 128, 10}, List.of(new ReLU(), new ReLU(), new Softmax()),
                config(128, optimizer));
    }

    private static TrainingConfig config(int batch, Optimizer optimizer) {
        double lr = optimizer instanceof Adam ? 1e-3 : 0.05;
        return TrainingConfig.builder().epochs(1).batchSize(batch).learningRate(lr)
                .loss(new SoftmaxCrossEntropy()).optimizer(optimizer).build();
    }

    @Benchmark
    @OperationsPerInvocation(DIGITS_EPOCHS)
    public History blog() {
        return blog.session.fit(digitsRaw[0], digitsRaw[1]);
    }

    @Benchmark
    @OperationsPerInvocation(DIGITS_EPOCHS)
    public History digitsWide() {
        return digitsWide.session.fit(digitsScaled[0], digitsScaled[1]);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public History fashionSgd() {
        if (fashionSgd == null) {
            fashionSgd = fashionRun(new Sgd());
        }
        return fashionSgd.session.fit(fashion[0], fashion[1]);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public History fashionAdam() {
        if (fashionAdam == null) {
            fashionAdam = fashionRun(new Adam());
        }
        return fashionAdam.session.fit(fashion[0], fashion[1]);
    }
}
