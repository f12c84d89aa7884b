package dev.mlp.bench;

import dev.mlp.linalg.Backend;
import dev.mlp.linalg.Backends;
import dev.mlp.random.NumpyRandom;
import dev.mlp.linalg.FloatBackend;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
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
 * One matrix product of a layer shape, per kernel: the Fashion-sized net's forward products
 * (128×784 · 784×256, 128×256 · 256×128), its weight gradients dW = aᵀδ (multTransA) and its
 * propagated errors δWᵀ (multTransB), the blog's tiny 15×64 · 64×15, its weight gradient
 * (15×64)ᵀ · 15×15 and its second layer 15×15 · 15×10, and the blog network's first layer over
 * all 1797 digits (predict).
 * GFLOP/s = 2·m·n·k / time. {@code precision} picks the backend's float64 products or its
 * float32 ones ({@code Backend.float32()}) on the same numbers rounded to float.
 * The {@code vector} kernel needs the fork to run with {@code --add-modules jdk.incubator.vector}
 * (see mlp-bench/README.md); single-threaded unless {@code -Dmlp.threads} says otherwise.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dmlp.threads=1"})
public class KernelBenchmark {

    /** ejml, blocked or vector. */
    @Param({"ejml", "blocked", "vector"})
    public String kernel;

    /** float64 or float32: the backend's products on DMatrixRMaj, or its float32 side's on FMatrixRMaj. */
    @Param({"float64", "float32"})
    public String precision;

    /** op:m×k·k×n, op one of mult, transA (C = Aᵀ·B with A k×m), transB (C = A·Bᵀ with B n×k). */
    @Param({"mult:128x784x256", "mult:128x256x128", "transA:784x128x256", "transB:128x256x784",
            "mult:15x64x15", "transA:64x15x15", "mult:15x15x10", "mult:1797x64x15"})
    public String shape;

    private Backend k;
    private DMatrixRMaj a;
    private DMatrixRMaj b;
    private DMatrixRMaj c;
    private String op;
    private FloatBackend kf;
    private FMatrixRMaj af;
    private FMatrixRMaj bf;
    private FMatrixRMaj cf;

    @Setup(Level.Trial)
    public void setUp() {
        k = Backends.byName(kernel, 1);
        String[] parts = shape.split(":");
        op = parts[0];
        String[] dims = parts[1].split("x");
        int m = Integer.parseInt(dims[0]);
        int inner = Integer.parseInt(dims[1]);
        int n = Integer.parseInt(dims[2]);
        NumpyRandom random = new NumpyRandom(3);
        switch (op) {
            case "mult" -> {
                a = random.randn(m, inner);
                b = random.randn(inner, n);
            }
            case "transA" -> {
                a = random.randn(inner, m);
                b = random.randn(inner, n);
            }
            case "transB" -> {
                a = random.randn(m, inner);
                b = random.randn(n, inner);
            }
            default -> throw new IllegalArgumentException("unknown op " + op);
        }
        c = new DMatrixRMaj(m, n);
        switch (precision) {
            case "float64" -> {
            }
            case "float32" -> {
                kf = k.float32();
                af = toFloat(a);
                bf = toFloat(b);
                cf = new FMatrixRMaj(m, n);
            }
            default -> throw new IllegalArgumentException("unknown precision " + precision);
        }
    }

    private static FMatrixRMaj toFloat(DMatrixRMaj d) {
        FMatrixRMaj f = new FMatrixRMaj(d.numRows, d.numCols);
        for (int i = 0; i < d.getNumElements(); i++) {
            f.data[i] = (float) d.data[i];
        }
        return f;
    }

    /** {@return the output, C = op(A)·op(B) in the chosen precision} */
    @Benchmark
    public Object product() {
        if (kf != null) {
            switch (op) {
                case "mult" -> kf.mult(af, bf, cf);
                case "transA" -> kf.multTransA(af, bf, cf);
                default -> kf.multTransB(af, bf, cf);
            }
            return cf;
        }
        switch (op) {
            case "mult" -> k.mult(a, b, c);
            case "transA" -> k.multTransA(a, b, c);
            default -> k.multTransB(a, b, c);
        }
        return c;
    }
}
