package dev.mlp.bench;

import dev.mlp.linalg.ElementwiseFunction;
import dev.mlp.linalg.Kernels;
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
 * The sigmoid 1 / (1 + e^(-z)) over an array: the library's ({@link Kernels#sigmoid()}, which is
 * the Vector API's when the fork runs with {@code --add-modules jdk.incubator.vector}, else the
 * plain-Java loops C2 vectorizes) against the formula with {@link Math#exp}, on the blog's output
 * batch (15 × 10 entries) and on a digits prediction's output (1797 × 10).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SigmoidBenchmark {

    /** library: {@link Kernels#sigmoid()}; formula: 1 / (1 + Math.exp(-z)) entry by entry. */
    @Param({"library", "formula"})
    public String way;

    @Param({"150", "17970"})
    public int entries;

    private ElementwiseFunction sigmoid;
    private double[] z;
    private double[] out;

    @Setup(Level.Trial)
    public void setUp() {
        ElementwiseFunction formula = (in, result, n) -> {
            for (int i = 0; i < n; i++) {
                result[i] = 1.0 / (1.0 + Math.exp(-in[i]));
            }
        };
        sigmoid = way.equals("library") ? Kernels.sigmoid() : formula;
        // the spread of a trained output layer's z: mostly within ±10
        z = new NumpyRandom(5).randn(1, entries).data;
        for (int i = 0; i < entries; i++) {
            z[i] *= 4;
        }
        out = new double[entries];
    }

    @Benchmark
    public double[] sigmoid() {
        sigmoid.apply(z, out, entries);
        return out;
    }
}
