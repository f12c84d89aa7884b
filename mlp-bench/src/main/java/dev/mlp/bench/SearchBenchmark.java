package dev.mlp.bench;

import dev.mlp.activation.ReLU;
import dev.mlp.activation.Softmax;
import dev.mlp.data.MinMaxScaler;
import dev.mlp.linalg.Backends;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.optim.Adam;
import dev.mlp.train.TrainingConfig;
import dev.mlp.tuning.CrossValidation;
import dev.mlp.tuning.Refit;
import dev.mlp.tuning.SearchSpace;
import dev.mlp.tuning.Setting;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A 5-fold × 16-setting search on the digits, with the refit of the best, as
 * {@code mlp search} runs it: wall time with {@link #threads} networks at once, each on one thread.
 * The grid, the folds (seed 1) and the per-fold min-max scaling are those of
 * compare/peer_sklearn_search.py, which times scikit-learn's {@code GridSearchCV} on the same work:
 * hidden (64,) or (128,), ReLU, Adam with η 1e-3 or 3e-3, batch 32 or 64, L2 λ 0 or 1e-4, 20
 * epochs, softmax cross-entropy, the last partial batch trained on.
 *
 * <pre>
 * taskset -c 0   java -jar mlp-bench/target/benchmarks.jar SearchBenchmark -p threads=1
 * taskset -c 0,1 java -jar mlp-bench/target/benchmarks.jar SearchBenchmark -p threads=2
 * </pre>
 * Each network runs on the single-threaded variant of the default backend: blocked on a bare
 * JVM, vector with {@code -jvmArgsAppend "--add-modules jdk.incubator.vector"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SearchBenchmark {

    /** The folds, as the peer script's {@code --folds}. */
    static final int FOLDS = 5;
    /** The seed of the folds (and of the networks), as the peer script's {@code --seed}. */
    static final int SEED = 1;

    /** Networks trained at once. */
    @Param({"1", "2"})
    public int threads;

    private DMatrixRMaj x;
    private DMatrixRMaj y;
    private CrossValidation cv;
    private List<Setting> grid;

    /** The 16 settings, in the order of the peer script's grid. */
    static List<Setting> grid() {
        return new SearchSpace(List.of(List.of(64), List.of(128)), List.of(new ReLU()), List.of(new Adam()),
                List.of(1e-3, 3e-3), List.of(32, 64), List.of(0.0, 1e-4), List.of(20)).grid();
    }

    @Setup
    public void setUp() {
        DMatrixRMaj[] digits = BenchData.digits(false);
        x = digits[0];
        y = digits[1];
        TrainingConfig base = TrainingConfig.builder().loss(new SoftmaxCrossEntropy()).dropLastPartialBatch(false)
                .backend(Backends.defaultBackend()).build();
        cv = new CrossValidation(FOLDS, SEED, new Softmax(), base,
                rows -> MinMaxScaler.fit(rows).toInputScaling(rows.numCols), threads);
        grid = grid();
    }

    /** The search and the refit of its best setting on all rows. */
    @Benchmark
    public Refit search() {
        return cv.refit(cv.search(grid, x, y).best().setting(), x, y);
    }
}
