package dev.mlp.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector backend's sigmoid: {@link PlainSigmoid}'s arithmetic, step for step, on vectors of
 * {@link VectorKernel}'s shape, so both give the same bits. It is built only from lanewise
 * operations whose result is defined to the bit (multiply, add, fused multiply-add, division,
 * comparison, integer add and shift): the Vector API's own {@code EXP} is only bounded (within
 * 1 ulp) and gave other bits once C2 had compiled it than interpreted, which made a seeded
 * training run differ from one JVM run to the next.
 *
 * <pre>
 * k   = rint(x · log₂e)        as (x · log₂e + 1.5·2⁵²) - 1.5·2⁵²: the sum rounds to an integer,
 *                              ties to even, exactly as rint
 * 2^k = the double whose bits are (k + 1023) &lt;&lt; 52, k read from the low bits of that sum
 * </pre>
 * Arrays shorter than a vector take {@link PlainSigmoid#apply}. Otherwise, when the output is
 * another array, the loop has no branch: the last whole vector is computed again, overlapping, for
 * the tail, and entries below -{@value PlainSigmoid#LARGEST_EXPONENT} (or NaN), found from the
 * smallest input, are redone afterwards by {@link PlainSigmoid#at} from the intact inputs. In
 * place the range is checked, a vector at a time, before anything is stored. The arithmetic is written out once, in
 * one loop: a helper taking and returning vectors made C2 box them (mlp-linalg/DESIGN.md).
 * Loaded only with {@link VectorKernel}, reflectively.
 */
final class VectorSigmoid {

    private static final VectorSpecies<Double> S = VectorKernel.S;
    private static final int L = S.length();
    /** 1.5·2⁵²: adding it to |v| &lt; 2⁵¹ rounds v to an integer held in the low bits. */
    private static final double ROUNDER = 0x1.8p52;

    private VectorSigmoid() {
    }

    /** out[i] = σ(in[i]) for i &lt; n, the same bits as {@link PlainSigmoid#apply}. */
    static void apply(double[] in, double[] out, int n) {
        if (n > in.length || n > out.length) {
            throw new IndexOutOfBoundsException("n = " + n + " but the arrays hold " + in.length + " and " + out.length);
        }
        if (n < L) {
            PlainSigmoid.apply(in, out, n);
            return;
        }
        if (in == out) {
            inPlace(out, n);
            return;
        }
        double lowest = lanes(in, out, 0, S.loopBound(n));
        if (n % L != 0) {
            // the last whole vector again, overlapping: its entries get the same bits twice
            lowest = Math.min(lowest, lanes(in, out, n - L, n));
        }
        if (!(lowest >= -PlainSigmoid.LARGEST_EXPONENT)) {
            // the inputs are intact: redo the entries out of range
            for (int i = 0; i < n; i++) {
                if (!(in[i] >= -PlainSigmoid.LARGEST_EXPONENT)) {
                    out[i] = PlainSigmoid.at(in[i]);
                }
            }
        }
    }

    /**
     * In place, where a result overwrites its input: the range is checked first, and an array
     * holding a z out of range (rare: below -{@value PlainSigmoid#LARGEST_EXPONENT}, or NaN) goes
     * to {@link PlainSigmoid#apply} whole. Otherwise the same branch-free loop, and the tail,
     * which cannot overlap here, entry by entry.
     */
    private static void inPlace(double[] z, int n) {
        if (!allInRange(z, n)) {
            PlainSigmoid.apply(z, z, n);
            return;
        }
        int bound = S.loopBound(n);
        lanes(z, z, 0, bound);
        for (int i = bound; i < n; i++) {
            z[i] = PlainSigmoid.at(z[i]);
        }
    }

    /**
     * Whether every z[0..n) is at least -{@value PlainSigmoid#LARGEST_EXPONENT} (false for NaN);
     * n is at least one vector. A vector at a time with an exit, not a running minimum: each
     * floating-point min waits for the one before, and that chain took most of a digits
     * prediction's in-place sigmoid (mlp-linalg/DESIGN.md).
     */
    private static boolean allInRange(double[] z, int n) {
        for (int i = 0, bound = S.loopBound(n); i < bound; i += L) {
            if (!DoubleVector.fromArray(S, z, i).compare(VectorOperators.GE, -PlainSigmoid.LARGEST_EXPONENT).allTrue()) {
                return false;
            }
        }
        return DoubleVector.fromArray(S, z, n - L).compare(VectorOperators.GE, -PlainSigmoid.LARGEST_EXPONENT)
                .allTrue();
    }

    /**
     * Whole vectors from {@code from} to {@code to} (a multiple of the lanes apart), with no branch
     * in the loop; entries below the range get garbage, for the caller to redo.
     *
     * @return the smallest input seen (NaN if any was NaN)
     */
    private static double lanes(double[] in, double[] out, int from, int to) {
        DoubleVector lowest = DoubleVector.broadcast(S, 0.0);
        for (int i = from; i < to; i += L) {
            DoubleVector z = DoubleVector.fromArray(S, in, i);
            lowest = lowest.min(z);
            DoubleVector x = z.neg().max(-PlainSigmoid.ONE_FROM);
            DoubleVector rounded = x.mul(PlainSigmoid.LOG2_E).add(ROUNDER);
            DoubleVector k = rounded.sub(ROUNDER);
            DoubleVector scale = rounded.reinterpretAsLongs().add(1023L)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector r = k.fma(DoubleVector.broadcast(S, -PlainSigmoid.LN2_LO),
                    k.fma(DoubleVector.broadcast(S, -PlainSigmoid.LN2_HI), x));
            // (e^r - 1) / r by Horner, the coefficients of PlainSigmoid.expm1OverR
            DoubleVector p = DoubleVector.broadcast(S, 1.0 / 6227020800.0);
            p = p.fma(r, DoubleVector.broadcast(S, 1.0 / 479001600.0));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0 / 39916800.0));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0 / 3628800.0));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0 / 362880.0));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0 / 40320.0));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0 / 5040.0));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0 / 720.0));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0 / 120.0));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0 / 24.0));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0 / 6.0));
            p = p.fma(r, DoubleVector.broadcast(S, 0.5));
            p = p.fma(r, DoubleVector.broadcast(S, 1.0));
            DoubleVector.broadcast(S, 1.0).div(scale.mul(r).fma(p, scale.add(1.0))).intoArray(out, i);
        }
        return lowest.reduceLanes(VectorOperators.MIN);
    }
}
