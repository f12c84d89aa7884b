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
 * Fashion-sized benchmarks train one epoch per invocation. All go through a
 * {@link TrainingSession}, so the workspace and optimizer state are allocated once per iteration. The weights are reset to
 * the same seeded initial values before every iteration, so training progress between iterations
 * does not change what is measured. Samples per second = rows / time per epoch (1797 for digits,
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

    private TrainingSession blog;
    private TrainingSession digitsWide;
    private TrainingSession fashionSgd;
    private TrainingSession fashionAdam;

    @Setup(Level.Trial)
    public void loadData() {
        digitsRaw = BenchData.digits(false);
        digitsScaled = BenchData.digits(true);
    }

    @Setup(Level.Iteration)
    public void freshNetworks() {
        blog = session(new int[] {64, 15, 10}, List.of(new ReLU(), new Sigmoid()),
                TrainingConfig.builder().epochs(DIGITS_EPOCHS).batchSize(15).learningRate(1e-3)
                        .loss(new MeanSquaredError()).gradientRule(GradientRule.BLOG).build());
        digitsWide = session(new int[] {64, 128, 10}, List.of(new ReLU(), new Softmax()),
                config(32, new Adam()).toBuilder().epochs(DIGITS_EPOCHS).build());
        fashionSgd = null;
        fashionAdam = null;
    }

    private TrainingSession fashionSession(Optimizer optimizer) {
        if (fashion == null) {
            fashion = BenchData.fashionSized(fashionRows);
        }
        return session(new int[] {784, 256, 128, 10}, List.of(new ReLU(), new ReLU(), new Softmax()),
                config(128, optimizer));
    }

    private static TrainingConfig config(int batch, Optimizer optimizer) {
        double lr = optimizer instanceof Adam ? 1e-3 : 0.05;
        return TrainingConfig.builder().epochs(1).batchSize(batch).learningRate(lr)
                .loss(new SoftmaxCrossEntropy()).optimizer(optimizer).build();
    }

    private static TrainingSession session(int[] sizes, List<Activation> activations, TrainingConfig config) {
        Network network = Network.of(sizes, new ArrayList<>(activations), new NumpyRandom(1));
        return new Trainer(config).session(network);
    }

    @Benchmark
    @OperationsPerInvocation(DIGITS_EPOCHS)
    public History blog() {
        return blog.fit(digitsRaw[0], digitsRaw[1]);
    }

    @Benchmark
    @OperationsPerInvocation(DIGITS_EPOCHS)
    public History digitsWide() {
        return digitsWide.fit(digitsScaled[0], digitsScaled[1]);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public History fashionSgd() {
        if (fashionSgd == null) {
            fashionSgd = fashionSession(new Sgd());
        }
        return fashionSgd.fit(fashion[0], fashion[1]);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public History fashionAdam() {
        if (fashionAdam == null) {
            fashionAdam = fashionSession(new Adam());
        }
        return fashionAdam.fit(fashion[0], fashion[1]);
    }
}
