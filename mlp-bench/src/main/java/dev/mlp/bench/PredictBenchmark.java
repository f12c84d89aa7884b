package dev.mlp.bench;

import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Softmax;
import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Inference: {@code predict} over the full digits set with the blog's 64-15-10 network, and over
 * 10000 Fashion-sized rows with 784-256-128-10. Weights are the seeded initial ones (the time of a
 * forward pass does not depend on their values).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PredictBenchmark {

    private DMatrixRMaj digits;
    private DMatrixRMaj fashion;
    private Network blogNet;
    private Network fashionNet;

    @Setup(Level.Trial)
    public void setUp() {
        digits = BenchData.digits(false)[0];
        fashion = BenchData.fashionSized(10000)[0];
        blogNet = Network.of(new int[] {64, 15, 10}, List.of(new ReLU(), new Sigmoid()), new NumpyRandom(1));
        fashionNet = Network.of(new int[] {784, 256, 128, 10}, List.of(new ReLU(), new ReLU(), new Softmax()),
                new NumpyRandom(1));
    }

    @Benchmark
    public DMatrixRMaj digits() {
        return blogNet.predict(digits);
    }

    @Benchmark
    public DMatrixRMaj fashion10k() {
        return fashionNet.predict(fashion);
    }
}
