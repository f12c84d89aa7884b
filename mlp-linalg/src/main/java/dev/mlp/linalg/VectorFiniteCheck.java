package dev.mlp.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector backend's finite check: v·0 is ±0 for finite v and NaN for NaN and ±∞, so a sum of
 * those products is 0 exactly when every entry is finite (and cannot overflow); the answer does not
 * depend on the order of the sum. Four accumulators keep the additions independent. Loaded only
 * with {@link VectorKernel}, reflectively.
 */
final class VectorFiniteCheck {

    private static final VectorSpecies<Double> S = VectorKernel.S;
    private static final int L = S.length();
    private static final VectorSpecies<Float> F = FloatVectorKernel.S;
    private static final int FL = F.length();

    private VectorFiniteCheck() {
    }

    /** Whether entries 0..n-1 of {@code data} are all finite, as {@link FiniteCheck#plain}. */
    static boolean allFinite(double[] data, int n) {
        if (n > data.length) {
            throw new IndexOutOfBoundsException("n = " + n + " but the array holds " + data.length);
        }
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector s0 = zero;
        DoubleVector s1 = zero;
        DoubleVector s2 = zero;
        DoubleVector s3 = zero;
        int i = 0;
        for (; i + 4 * L <= n; i += 4 * L) {
            s0 = DoubleVector.fromArray(S, data, i).fma(zero, s0);
            s1 = DoubleVector.fromArray(S, data, i + L).fma(zero, s1);
            s2 = DoubleVector.fromArray(S, data, i + 2 * L).fma(zero, s2);
            s3 = DoubleVector.fromArray(S, data, i + 3 * L).fma(zero, s3);
        }
        for (; i + L <= n; i += L) {
            s0 = DoubleVector.fromArray(S, data, i).fma(zero, s0);
        }
        if (s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD) != 0.0) {
            return false;
        }
        return FiniteCheck.plain(data, i, n);
    }

    /** Whether entries 0..n-1 of {@code data} are all finite: the same sums of v·0 on float vectors. */
    static boolean allFinite(float[] data, int n) {
        if (n > data.length) {
            throw new IndexOutOfBoundsException("n = " + n + " but the array holds " + data.length);
        }
        FloatVector zero = FloatVector.zero(F);
        FloatVector s0 = zero;
        FloatVector s1 = zero;
        FloatVector s2 = zero;
        FloatVector s3 = zero;
        int i = 0;
        for (; i + 4 * FL <= n; i += 4 * FL) {
            s0 = FloatVector.fromArray(F, data, i).fma(zero, s0);
            s1 = FloatVector.fromArray(F, data, i + FL).fma(zero, s1);
            s2 = FloatVector.fromArray(F, data, i + 2 * FL).fma(zero, s2);
            s3 = FloatVector.fromArray(F, data, i + 3 * FL).fma(zero, s3);
        }
        for (; i + FL <= n; i += FL) {
            s0 = FloatVector.fromArray(F, data, i).fma(zero, s0);
        }
        if (s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD) != 0f) {
            return false;
        }
        return FiniteCheck.plain(data, i, n);
    }
}
