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
 * A vector holding any z below -{@value PlainSigmoid#LARGEST_EXPONENT} (or NaN), and the tail
 * that does not fill a vector, take {@link PlainSigmoid#at} entry by entry. Loaded only with
 * {@link VectorKernel}, reflectively.
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
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            DoubleVector z = DoubleVector.fromArray(S, in, i);
            if (!z.compare(VectorOperators.GE, -PlainSigmoid.LARGEST_EXPONENT).allTrue()) {
                for (int j = i; j < i + L; j++) {
                    out[j] = PlainSigmoid.at(in[j]);
                }
                continue;
            }
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
        for (; i < n; i++) {
            out[i] = PlainSigmoid.at(in[i]);
        }
    }
}
