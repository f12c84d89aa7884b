package dev.mlp.linalg;

/**
 * The logistic sigmoid 1 / (1 + e^(-z)) in plain Java, in loops that C2 (Java 17) vectorizes: the
 * sigmoid of the scalar backends ({@link Backend#sigmoid}); {@link VectorSigmoid} computes the same
 * steps on vectors. {@link Math#exp} is a scalar call C2 cannot vectorize, and whose bits the
 * specification only bounds.
 *
 * <pre>
 * e^x = 2^k · e^r,   k = rint(x · log₂e),   r = x - k · ln2   (|r| ≤ ln2 / 2, ln2 in two parts)
 * e^r = 1 + r · Σ_{i ≤ 12} r^i / (i + 1)!   (the degree-13 Taylor polynomial: below 6·10⁻¹⁸ relative)
 * 2^k = 2^-63 · Π_{i &lt; 7} (2^(2^i))^(dᵢ),  dᵢ the binary digits of k + 63 ∈ [0, 126]
 * </pre>
 * C2 in Java 17 vectorizes neither {@link Math#exp} nor the bit moves ({@code longBitsToDouble})
 * that usually build 2^k, but it does vectorize {@link Math#rint} and {@link Math#fma}: each digit
 * dᵢ = ⌊m / 2^i⌋ - 2⌊m / 2^(i+1)⌋ is found with rint, and each factor is 1 + dᵢ (2^(2^i) - 1).
 * The result is within 4 ulp of {@code 1 / (1 + Math.exp(-z))} (tested, the 4 reached near
 * z = -36.9; measured against 50-digit values, that formula is up to about 2.5 ulp from the exact
 * sigmoid and this class 2.4). Every step is defined to the bit, so every JVM run, interpreted or
 * compiled, gives the same bits (mlp-linalg/DESIGN.md has the measurements).
 *
 * <p>Range: for z ≥ {@value #ONE_FROM} the sigmoid is exactly 1 (e^(-z) is below half an ulp of 1),
 * so -z is clamped there. The loops take z down to -{@value #DIGITS_RANGE}, where 2^k would leave
 * the digits' range; below that, down to -{@value #LARGEST_EXPONENT}, an entry takes the same
 * arithmetic in {@link #at}, with 2^k made from its bits. A z below that, a NaN or -∞ takes the
 * formula with {@link StrictMath#exp}. Each entry depends on its own z only, so a row gives the
 * same bits alone and in a batch.
 */
final class PlainSigmoid {

    /** Entries per pass; longer arrays go through the per-thread scratch in chunks of this size. */
    private static final int CHUNK = 512;
    /** Beyond this z, e^(-z) < 4.3·10⁻¹⁸ and 1 / (1 + e^(-z)) rounds to exactly 1. */
    static final double ONE_FROM = 40.0;
    /** The largest -z of the loops: rint(44 · log₂e) = 63 keeps k + 63 within seven binary digits. */
    static final double DIGITS_RANGE = 44.0;
    /**
     * The largest -z of the polynomial: σ(-660) ≈ 5·10⁻²⁸⁷ is still a normal number, and so is
     * 2^k (k = 952). Unscaled inputs drive many outputs below -{@value #DIGITS_RANGE}.
     */
    static final double LARGEST_EXPONENT = 660.0;

    static final double LOG2_E = 1.4426950408889634;
    static final double LN2_HI = 0x1.62e42fefa39efp-1;
    static final double LN2_LO = 0x1.abc9e3b39803fp-56;

    /**
     * Per thread: [0] a chunk of z, then its results; [1] k, then 2^k; [2] and [3] a chunk holding
     * values out of the loops' range, as given and raised to -{@value #DIGITS_RANGE}.
     */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[4][CHUNK]);

    private PlainSigmoid() {
    }

    /** out[i] = σ(in[i]) for i &lt; n; {@code in} may be {@code out}. */
    static void apply(double[] in, double[] out, int n) {
        if (n > in.length || n > out.length) {
            throw new IndexOutOfBoundsException("n = " + n + " but the arrays hold " + in.length + " and " + out.length);
        }
        double[][] scratch = SCRATCH.get();
        if (n <= CHUNK) {
            sigmoid(in, out, scratch, n);
            return;
        }
        double[] chunk = scratch[0];
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            System.arraycopy(in, from, chunk, 0, len);
            sigmoid(chunk, chunk, scratch, len);
            System.arraycopy(chunk, 0, out, from, len);
        }
    }

    /**
     * Entries 0..len-1 (z and out may be one array). Each loop is its own small method: in one
     * large method C2 neither inlined nor unrolled them all, and left them scalar (measured).
     */
    private static void sigmoid(double[] z, double[] out, double[][] scratch, int len) {
        double[] scale = scratch[1];
        double[] given = scratch[2];
        double[] x = z;
        boolean inRange = withinRange(z, len);
        if (!inRange) {
            // the loops run on z raised to their range, then the entries out of it take at():
            // each entry's bits depend on its own z only, not on what else is in its chunk
            System.arraycopy(z, 0, given, 0, len);
            x = scratch[3];
            for (int i = 0; i < len; i++) {
                x[i] = Math.max(given[i], -DIGITS_RANGE);
            }
        }
        exponents(x, scale, len);
        powersOfTwo(scale, len);
        combine(x, scale, out, len);
        if (!inRange) {
            for (int i = 0; i < len; i++) {
                if (!(given[i] >= -DIGITS_RANGE)) {
                    out[i] = at(given[i]);
                }
            }
        }
    }

    /** Whether every z is at least -{@value #DIGITS_RANGE} (false for NaN). */
    private static boolean withinRange(double[] z, int len) {
        for (int i = 0; i < len; i++) {
            if (!(z[i] >= -DIGITS_RANGE)) {
                return false;
            }
        }
        return true;
    }

    /** k = rint(x · log₂e) for x = -z, clamped where the sigmoid is 1 anyway. */
    private static void exponents(double[] z, double[] k, int len) {
        for (int i = 0; i < len; i++) {
            k[i] = Math.rint(Math.max(-z[i], -ONE_FROM) * LOG2_E);
        }
    }

    private static void powersOfTwo(double[] k, int len) {
        for (int i = 0; i < len; i++) {
            k[i] = powerOfTwo(k[i]);
        }
    }

    /**
     * out = 1 / (1 + 2^k e^r) = 1 / ((2^k + 1) + 2^k r · (e^r - 1) / r): for |k| ≤ 52, where 2^k + 1
     * is exact, one rounding for the sum where 1 + 2^k · e^r would take three; beyond (|z| above
     * about 36.4) two, and there the difference from the Math.exp formula reaches its 4 ulp. k is
     * recomputed, which is cheaper than a third array.
     */
    private static void combine(double[] z, double[] scale, double[] out, int len) {
        for (int i = 0; i < len; i++) {
            double x = Math.max(-z[i], -ONE_FROM);
            double k = Math.rint(x * LOG2_E);
            double r = Math.fma(k, -LN2_LO, Math.fma(k, -LN2_HI, x));
            double s = scale[i];
            out[i] = 1.0 / Math.fma(s * r, expm1OverR(r), s + 1.0);
        }
    }

    /**
     * σ(z) for one entry, with the same arithmetic as the loops, so the same bits, over the
     * polynomial's whole range: for the entries below the loops' range, the entries that do not
     * fill a vector of the vector backend, and that backend's entries out of range. 2^k, exact
     * either way, comes from its bits: C2 does not vectorize that, but this is scalar code.
     */
    static double at(double z) {
        if (!(z >= -LARGEST_EXPONENT)) {
            return formula(z);
        }
        double x = Math.max(-z, -ONE_FROM);
        double k = Math.rint(x * LOG2_E);
        double r = Math.fma(k, -LN2_LO, Math.fma(k, -LN2_HI, x));
        double s = Double.longBitsToDouble((long) (k + 1023) << 52);
        return 1.0 / Math.fma(s * r, expm1OverR(r), s + 1.0);
    }

    /**
     * 1 / (1 + e^(-z)) with {@link StrictMath#exp}, whose bits are defined (fdlibm), for z below
     * the polynomial's range and NaN: 0 or a tiny number, NaN for NaN.
     */
    private static double formula(double z) {
        return 1.0 / (1.0 + StrictMath.exp(-z));
    }

    /** (e^r - 1) / r = Σ_{i ≤ 12} r^i / (i + 1)! for |r| ≤ ln2 / 2, by Horner. */
    private static double expm1OverR(double r) {
        double p = 1.0 / 6227020800.0;
        p = Math.fma(p, r, 1.0 / 479001600.0);
        p = Math.fma(p, r, 1.0 / 39916800.0);
        p = Math.fma(p, r, 1.0 / 3628800.0);
        p = Math.fma(p, r, 1.0 / 362880.0);
        p = Math.fma(p, r, 1.0 / 40320.0);
        p = Math.fma(p, r, 1.0 / 5040.0);
        p = Math.fma(p, r, 1.0 / 720.0);
        p = Math.fma(p, r, 1.0 / 120.0);
        p = Math.fma(p, r, 1.0 / 24.0);
        p = Math.fma(p, r, 1.0 / 6.0);
        p = Math.fma(p, r, 0.5);
        return Math.fma(p, r, 1.0);
    }

    /** 2^k, exactly, for an integer-valued k in [-63, 63]. */
    static double powerOfTwo(double k) {
        double m = k + 63.0;
        // qᵢ = ⌊m / 2^i⌋: m / 2^i + 2^-(i+1) - 1/2 is never within 2^-(i+1) of a half, so rint floors it
        double q1 = floorDiv(m, 2.0);
        double q2 = floorDiv(m, 4.0);
        double q3 = floorDiv(m, 8.0);
        double q4 = floorDiv(m, 16.0);
        double q5 = floorDiv(m, 32.0);
        double q6 = floorDiv(m, 64.0);
        double s = 0x1p-63 * (1.0 + (m - 2.0 * q1));
        s *= Math.fma(q1 - 2.0 * q2, 3.0, 1.0);
        s *= Math.fma(q2 - 2.0 * q3, 15.0, 1.0);
        s *= Math.fma(q3 - 2.0 * q4, 255.0, 1.0);
        s *= Math.fma(q4 - 2.0 * q5, 65535.0, 1.0);
        s *= Math.fma(q5 - 2.0 * q6, 0x1p32 - 1.0, 1.0);
        // 2^64 - 1 rounds to 2^64, and 2^64 + 1 back to 2^64: the factor is still exact
        return s * Math.fma(q6, 0x1p64 - 1.0, 1.0);
    }

    private static double floorDiv(double m, double divisor) {
        return Math.rint(Math.fma(m, 1.0 / divisor, 0.5 / divisor - 0.5));
    }
}
