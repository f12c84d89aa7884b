import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;

/**
 * A/B of two builds of one benchmark method in one JVM: each {@code benchmarks.jar} is loaded by its
 * own class loader (so each has its own copy of the library, compiled separately by the JIT), and
 * the two run in alternating one-second chunks, the order flipped every round. On a shared machine
 * whose speed drifts from one JVM to the next by more than the change being measured, the paired
 * ratios of one JVM say more than JMH forks run one after the other.
 *
 * <pre>
 * taskset -c 1 java -Xms2g -Xmx2g -Dmlp.threads=1 mlp-bench/compare/SameJvmAB.java \
 *     OLD/benchmarks.jar NEW/benchmarks.jar blog 12 [dev.mlp.bench.EpochBenchmark]
 * </pre>
 * Arguments: jar A, jar B, the benchmark method (no arguments; its class's {@code setUp} and, when
 * present, {@code resetWeights} are called as JMH would), rounds (three more run first as warm-up),
 * and the benchmark class. Prints µs per call of each side per round, B/A, and the medians.
 * One JVM's pairs agree closely, but two copies of the same jar in one JVM can differ by several
 * percent (0.96 in one JVM, 1.06 in another, on 2026-11-27: where each copy's arrays fall), so run
 * several JVMs with the jars in both orders and compare across them. A measuring aid, not a
 * replacement for the JMH figures in mlp-bench/README.md.
 */
public class SameJvmAB {

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: SameJvmAB JAR_A JAR_B METHOD ROUNDS [CLASS]");
            System.exit(2);
        }
        String benchmarkClass = args.length > 4 ? args[4] : "dev.mlp.bench.EpochBenchmark";
        int rounds = Integer.parseInt(args[3]);
        Object[] state = new Object[2];
        Method[] bench = new Method[2];
        Method[] reset = new Method[2];
        for (int v = 0; v < 2; v++) {
            URL jar = new File(args[v]).toURI().toURL();
            Class<?> c = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader())
                    .loadClass(benchmarkClass);
            state[v] = c.getConstructor().newInstance();
            c.getMethod("setUp").invoke(state[v]);
            bench[v] = c.getMethod(args[2]);
            reset[v] = Arrays.stream(c.getMethods()).filter(m -> m.getName().equals("resetWeights"))
                    .findFirst().orElse(null);
        }
        double[][] micros = new double[2][rounds];
        for (int r = -3; r < rounds; r++) {
            for (int turn = 0; turn < 2; turn++) {
                int v = (r & 1) == 0 ? turn : 1 - turn;
                if (reset[v] != null) {
                    reset[v].invoke(state[v]);
                }
                long start = System.nanoTime();
                int calls = 0;
                while (System.nanoTime() - start < 1_000_000_000L) {
                    bench[v].invoke(state[v]);
                    calls++;
                }
                if (r >= 0) {
                    micros[v][r] = (System.nanoTime() - start) / 1e3 / calls;
                }
            }
        }
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratio[r] = micros[1][r] / micros[0][r];
            System.out.printf("round %2d: A %10.1f us  B %10.1f us  B/A %.3f%n", r + 1, micros[0][r], micros[1][r],
                    ratio[r]);
        }
        System.out.printf("median: A %.1f us  B %.1f us  B/A %.3f (pairs %.3f ... %.3f)%n", median(micros[0]),
                median(micros[1]), median(ratio), Arrays.stream(ratio).min().orElse(0),
                Arrays.stream(ratio).max().orElse(0));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
