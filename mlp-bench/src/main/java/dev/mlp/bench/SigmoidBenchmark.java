package dev.mlp.bench;

import dev.mlp.linalg.Backends;
import dev.mlp.random.NumpyRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The sigmoid 1 / (1 + e^(-z)) over an array: the default backend's
 * ({@link Backends#defaultBackend()}: the Vector API's when the fork runs with the vector module,
 * else the plain-Java loops C2 vectorizes; both give the same bits) against the formula with
 * {@link Math#exp}, on the blog's output batch (15 × 10 entries) and on a digits prediction's
 * output (1797 × 10).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SigmoidBenchmark {

    /** library: the default backend's sigmoid; formula: 1 / (1 + Math.exp(-z)) entry by entry. */
    @Param({"library", "formula"})
    public String way;

    @Param({"150", "17970"})
    public int entries;

    /** false: z into another array, as training does; true: in place, as a prediction's output layer. */
    @Param({"false", "true"})
    public boolean inPlace;

    /** out[i] = σ(in[i]) for i &lt; n. */
    private interface ArraySigmoid {
        void apply(double[] in, double[] out, int n);
    }

    private ArraySigmoid sigmoid;
    private double[] z;
    private double[] out;

    @Setup(Level.Trial)
    public void setUp() {
        ArraySigmoid formula = (in, result, n) -> {
            for (int i = 0; i < n; i++) {
                result[i] = 1.0 / (1.0 + Math.exp(-in[i]));
            }
        };
        sigmoid = way.equals("library") ? Backends.defaultBackend()::sigmoid : formula;
        // the spread of a trained output layer's z: mostly within ±10
        z = new NumpyRandom(5).randn(1, entries).data;
        for (int i = 0; i < entries; i++) {
            z[i] *= 4;
        }
        out = new double[entries];
    }

    @Benchmark
    public double[] sigmoid() {
        if (inPlace) {
            System.arraycopy(z, 0, out, 0, entries);
            sigmoid.apply(out, out, entries);
        } else {
            sigmoid.apply(z, out, entries);
        }
        return out;
    }
}
