package dev.mlp.random;

import org.apache.commons.math3.random.MersenneTwister;
import org.ejml.data.DMatrixRMaj;

/**
 * A seeded random source that draws the same numbers as numpy's legacy {@code RandomState}
 * ({@code np.random.seed(s)}, {@code np.random.rand}, {@code np.random.randn},
 * {@code np.random.shuffle}), so that a Java run can follow a numpy run step for step.
 *
 * <ul>
 *   <li>The 32-bit stream is MT19937 seeded with the reference {@code init_genrand(s)}, which is
 *       what numpy does for an integer seed (commons-math3's {@link MersenneTwister#MersenneTwister(int)}
 *       gives the same stream).</li>
 *   <li>{@link #nextDouble()}: from two draws a, b:
 *       {@code ((a >>> 5) * 2^26 + (b >>> 6)) / 2^53}, uniform on [0, 1).</li>
 *   <li>{@link #nextGaussian()}: the Marsaglia polar method; each accepted pair yields two deviates,
 *       {@code f*x2} first, then the cached {@code f*x1}.</li>
 *   <li>{@link #shuffle(int[])}: Fisher-Yates from the end, each index drawn by masked rejection.</li>
 * </ul>
 *
 * <p>Not thread-safe: one instance belongs to one training run.
 */
public final class NumpyRandom implements RandomSource {

    private final MersenneTwister twister;
    private boolean hasCachedGaussian;
    private double cachedGaussian;

    /**
     * A source in the state {@code np.random.seed(seed)} leaves numpy's legacy generator in.
     *
     * @param seed as given to {@code np.random.seed}; numpy accepts 0 to 2^32 - 1, so values
     *             above {@code Integer.MAX_VALUE} are passed as their two's-complement int
     */
    public NumpyRandom(int seed) {
        this.twister = new MersenneTwister(seed);
    }

    /** {@return the next 32 bits of the MT19937 stream, as an unsigned value in a long} */
    public long nextUInt32() {
        return twister.nextInt() & 0xFFFF_FFFFL;
    }

    @Override
    public double nextDouble() {
        long a = nextUInt32() >>> 5;
        long b = nextUInt32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    @Override
    public double nextGaussian() {
        if (hasCachedGaussian) {
            hasCachedGaussian = false;
            return cachedGaussian;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * nextDouble() - 1.0;
            x2 = 2.0 * nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        cachedGaussian = f * x1;
        hasCachedGaussian = true;
        return f * x2;
    }

    /**
     * A uniform integer in [0, max] as numpy's {@code random_interval}: draws 32 bits, keeps
     * those under the smallest all-ones mask that covers {@code max}, rejects values above it.
     */
    @Override
    public int nextInt(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, got " + max);
        }
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUInt32() & mask;
        } while (value > max);
        return (int) value;
    }

    /**
     * {@return a new rows x cols matrix of standard normal deviates, filled row by row}
     * This is {@code np.random.randn(rows, cols)}.
     *
     * @param rows ≥ 0
     * @param cols ≥ 0
     */
    public DMatrixRMaj randn(int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        int n = m.getNumElements();
        for (int i = 0; i < n; i++) {
            m.data[i] = nextGaussian();
        }
        return m;
    }
}
