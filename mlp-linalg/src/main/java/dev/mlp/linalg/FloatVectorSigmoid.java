package dev.mlp.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector backend's float32 sigmoid: {@link FloatPlainSigmoid}'s arithmetic, step for step, on
 * vectors of {@link FloatVectorKernel}'s shape, so both give the same bits; built, like
 * {@link VectorSigmoid}, only from lanewise operations defined to the bit (multiply, add, fused
 * multiply-add, division, comparison, integer add and shift), never the Vector API's {@code EXP}.
 * One step differs in form, not in value: 2^k is the float whose bits are (k + 127) &lt;&lt; 23, k
 * read from the low bits of (x · log₂e + 1.5·2²³), where the plain loops multiply binary digits.
 * The structure is {@link VectorSigmoid}'s: arrays shorter than a vector take the plain sigmoid;
 * with another output array a branch-free loop, the tail as the last whole vector again,
 * overlapping, and entries below -{@value FloatPlainSigmoid#LARGEST_EXPONENT} (or NaN) redone by
 * {@link FloatPlainSigmoid#at}; in place the range is checked first. The arithmetic is written out
 * once, in one loop, so that C2 keeps the vectors in registers. Loaded only with
 * {@link VectorKernel}, reflectively.
 */
final class FloatVectorSigmoid {

    private static final VectorSpecies<Float> S = FloatVectorKernel.S;
    private static final int L = S.length();

    private FloatVectorSigmoid() {
    }

    /** out[i] = σ(in[i]) for i &lt; n, the same bits as {@link FloatPlainSigmoid#apply}. */
    static void apply(float[] in, float[] out, int n) {
        if (n > in.length || n > out.length) {
            throw new IndexOutOfBoundsException("n = " + n + " but the arrays hold " + in.length + " and " + out.length);
        }
        if (n < L) {
            FloatPlainSigmoid.apply(in, out, n);
            return;
        }
        if (in == out) {
            inPlace(out, n);
            return;
        }
        float lowest = lanes(in, out, 0, S.loopBound(n));
        if (n % L != 0) {
            // the last whole vector again, overlapping: its entries get the same bits twice
            lowest = Math.min(lowest, lanes(in, out, n - L, n));
        }
        if (!(lowest >= -FloatPlainSigmoid.LARGEST_EXPONENT)) {
            // the inputs are intact: redo the entries out of range
            for (int i = 0; i < n; i++) {
                if (!(in[i] >= -FloatPlainSigmoid.LARGEST_EXPONENT)) {
                    out[i] = FloatPlainSigmoid.at(in[i]);
                }
            }
        }
    }

    /** In place: as {@link VectorSigmoid}, the range checked first; out of range, the plain sigmoid whole. */
    private static void inPlace(float[] z, int n) {
        if (!allInRange(z, n)) {
            FloatPlainSigmoid.apply(z, z, n);
            return;
        }
        int bound = S.loopBound(n);
        lanes(z, z, 0, bound);
        for (int i = bound; i < n; i++) {
            z[i] = FloatPlainSigmoid.at(z[i]);
        }
    }

    /** Whether every z[0..n) is at least -{@value FloatPlainSigmoid#LARGEST_EXPONENT} (false for NaN); n ≥ one vector. */
    private static boolean allInRange(float[] z, int n) {
        for (int i = 0, bound = S.loopBound(n); i < bound; i += L) {
            if (!FloatVector.fromArray(S, z, i).compare(VectorOperators.GE, -FloatPlainSigmoid.LARGEST_EXPONENT)
                    .allTrue()) {
                return false;
            }
        }
        return FloatVector.fromArray(S, z, n - L).compare(VectorOperators.GE, -FloatPlainSigmoid.LARGEST_EXPONENT)
                .allTrue();
    }

    /**
     * Whole vectors from {@code from} to {@code to} (a multiple of the lanes apart), with no branch
     * in the loop; entries below the range get garbage, for the caller to redo.
     *
     * @return the smallest input seen (NaN if any was NaN)
     */
    private static float lanes(float[] in, float[] out, int from, int to) {
        FloatVector lowest = FloatVector.broadcast(S, 0f);
        for (int i = from; i < to; i += L) {
            FloatVector z = FloatVector.fromArray(S, in, i);
            lowest = lowest.min(z);
            FloatVector x = z.neg().max(-FloatPlainSigmoid.ONE_FROM);
            FloatVector rounded = x.mul(FloatPlainSigmoid.LOG2_E).add(FloatPlainSigmoid.ROUNDER);
            FloatVector k = rounded.sub(FloatPlainSigmoid.ROUNDER);
            FloatVector scale = rounded.reinterpretAsInts().add(127)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector r = k.fma(FloatVector.broadcast(S, -FloatPlainSigmoid.LN2_LO),
                    k.fma(FloatVector.broadcast(S, -FloatPlainSigmoid.LN2_HI), x));
            // (e^r - 1) / r by Horner, the coefficients of FloatPlainSigmoid.expm1OverR
            FloatVector p = FloatVector.broadcast(S, 1f / 40320f);
            p = p.fma(r, FloatVector.broadcast(S, 1f / 5040f));
            p = p.fma(r, FloatVector.broadcast(S, 1f / 720f));
            p = p.fma(r, FloatVector.broadcast(S, 1f / 120f));
            p = p.fma(r, FloatVector.broadcast(S, 1f / 24f));
            p = p.fma(r, FloatVector.broadcast(S, 1f / 6f));
            p = p.fma(r, FloatVector.broadcast(S, 0.5f));
            p = p.fma(r, FloatVector.broadcast(S, 1f));
            FloatVector.broadcast(S, 1f).div(scale.mul(r).fma(p, scale.add(1f))).intoArray(out, i);
        }
        return lowest.reduceLanes(VectorOperators.MIN);
    }
}
