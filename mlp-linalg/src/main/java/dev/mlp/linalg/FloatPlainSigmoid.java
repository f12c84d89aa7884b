package dev.mlp.linalg;

/**
 * The logistic sigmoid 1 / (1 + e^(-z)) in float32, in plain-Java loops that C2 vectorizes: the
 * float32 sigmoid of the scalar backends ({@link FloatBackend#sigmoid}); {@link FloatVectorSigmoid}
 * computes the same steps on vectors, so both give the same bits. The method is
 * {@link PlainSigmoid}'s, with float constants, a shorter polynomial and float ranges:
 *
 * <pre>
 * e^x = 2^k · e^r,   k = rint(x · log₂e),   r = x - k · ln2   (|r| ≤ ln2 / 2, ln2 in two parts)
 * e^r = 1 + r · Σ_{i ≤ 7} r^i / (i + 1)!   (the degree-8 Taylor polynomial: below 3·10⁻¹⁰ relative)
 * 2^k = 2^-26 · Π_{i &lt; 7} (2^(2^i))^(dᵢ),  dᵢ the binary digits of k + 26 ∈ [0, 127]
 * sigmoid = 1 / ((2^k + 1) + 2^k·r · (e^r - 1)/r)
 * </pre>
 * Java has no float {@code rint}, and C2 vectorizes neither {@code Math.round} nor the bit moves
 * ({@code intBitsToFloat}) that usually build 2^k. Every rounding to an integer here is therefore
 * (v + 1.5·2²³) - 1.5·2²³: the sum rounds v to an integer, ties to even, for |v| &lt; 2²², with two
 * float additions C2 vectorizes (Java never reassociates them). Each digit is
 * dᵢ = ⌊m / 2^i⌋ - 2⌊m / 2^(i+1)⌋ and each factor 1 + dᵢ (2^(2^i) - 1), all exact. Every step is
 * defined to the bit, so every JVM run, interpreted or compiled, gives the same bits.
 *
 * <p>Accuracy: within 3 ulp (float) of the exact sigmoid over the whole float range (tested against
 * a float64 reference, including results below the smallest normal float); the largest
 * differences, about 2.1 ulp, are near z = -16.7, where 2^k + 1 (k = 24) is rounded.
 *
 * <p>Range: for z ≥ {@value #ONE_FROM} the sigmoid rounds to exactly 1 (e^(-z) is below half an
 * ulp of 1), so -z is clamped there. The loops take z down to -{@value #DIGITS_RANGE}, where k + 26
 * would leave seven binary digits; below that, down to -{@value #LARGEST_EXPONENT} (2^k, k ≤ 127,
 * is still a normal float), an entry takes the same arithmetic in {@link #at} with 2^k made from
 * its bits. A z below that, a NaN or -∞ takes the formula in float64 with {@link StrictMath#exp},
 * rounded to float. Each entry depends on its own z only.
 */
final class FloatPlainSigmoid {

    /** Entries per pass; longer arrays go through the per-thread scratch in chunks of this size. */
    private static final int CHUNK = 512;
    /** Beyond this z, e^(-z) &lt; 1.6·10⁻⁸ &lt; 2⁻²⁵ and 1 / (1 + e^(-z)) rounds to exactly 1 in float. */
    static final float ONE_FROM = 18f;
    /** The largest -z of the loops: rint(70 · log₂e) = 101 keeps k + 26 within seven binary digits. */
    static final float DIGITS_RANGE = 70f;
    /** The largest -z of the polynomial: rint(88 · log₂e) = 127, the largest normal float exponent. */
    static final float LARGEST_EXPONENT = 88f;
    /** The offset that puts the smallest k, rint(-18 · log₂e) = -26, at binary digit 0. */
    private static final float K_OFFSET = 26f;

    static final float LOG2_E = 1.44269504f;
    /** ln2 to nine bits (355/512), so that k · LN2_HI is exact for |k| ≤ 127 (Cody and Waite). */
    static final float LN2_HI = 0.693359375f;
    /** ln2 - LN2_HI. */
    static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2²³: adding it to |v| &lt; 2²² rounds v to an integer held in the low bits. */
    static final float ROUNDER = 0x1.8p23f;

    /**
     * Per thread: [0] a chunk of z, then its results; [1] k, then 2^k; [2] and [3] a chunk holding
     * values out of the loops' range, as given and raised to -{@value #DIGITS_RANGE}.
     */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[4][CHUNK]);

    private FloatPlainSigmoid() {
    }

    /** out[i] = σ(in[i]) for i &lt; n; {@code in} may be {@code out}. */
    static void apply(float[] in, float[] out, int n) {
        if (n > in.length || n > out.length) {
            throw new IndexOutOfBoundsException("n = " + n + " but the arrays hold " + in.length + " and " + out.length);
        }
        float[][] scratch = SCRATCH.get();
        if (n <= CHUNK) {
            sigmoid(in, out, scratch, n);
            return;
        }
        float[] chunk = scratch[0];
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            System.arraycopy(in, from, chunk, 0, len);
            sigmoid(chunk, chunk, scratch, len);
            System.arraycopy(chunk, 0, out, from, len);
        }
    }

    /** Entries 0..len-1 (z and out may be one array); each loop its own small method, as in {@link PlainSigmoid}. */
    private static void sigmoid(float[] z, float[] out, float[][] scratch, int len) {
        float[] scale = scratch[1];
        float[] given = scratch[2];
        float[] x = z;
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
    private static boolean withinRange(float[] z, int len) {
        for (int i = 0; i < len; i++) {
            if (!(z[i] >= -DIGITS_RANGE)) {
                return false;
            }
        }
        return true;
    }

    /** k = rint(x · log₂e) for x = -z, clamped where the sigmoid is 1 anyway. */
    private static void exponents(float[] z, float[] k, int len) {
        for (int i = 0; i < len; i++) {
            k[i] = (Math.max(-z[i], -ONE_FROM) * LOG2_E + ROUNDER) - ROUNDER;
        }
    }

    private static void powersOfTwo(float[] k, int len) {
        for (int i = 0; i < len; i++) {
            k[i] = powerOfTwo(k[i]);
        }
    }

    /**
     * out = 1 / (1 + 2^k e^r) = 1 / ((2^k + 1) + 2^k r · (e^r - 1) / r): one rounding for the sum
     * while 2^k + 1 is exact (k ≥ -23). k is recomputed, which is cheaper than a third array.
     */
    private static void combine(float[] z, float[] scale, float[] out, int len) {
        for (int i = 0; i < len; i++) {
            float x = Math.max(-z[i], -ONE_FROM);
            float k = (x * LOG2_E + ROUNDER) - ROUNDER;
            float r = Math.fma(k, -LN2_LO, Math.fma(k, -LN2_HI, x));
            float s = scale[i];
            out[i] = 1f / Math.fma(s * r, expm1OverR(r), s + 1f);
        }
    }

    /**
     * σ(z) for one entry, with the same arithmetic as the loops, so the same bits, over the
     * polynomial's whole range; 2^k, exact either way, from its bits. Below the range, NaN and -∞:
     * the formula in float64 with {@link StrictMath#exp}, rounded to float (0 below about -104).
     */
    static float at(float z) {
        if (!(z >= -LARGEST_EXPONENT)) {
            return (float) (1.0 / (1.0 + StrictMath.exp(-(double) z)));
        }
        float x = Math.max(-z, -ONE_FROM);
        float k = (x * LOG2_E + ROUNDER) - ROUNDER;
        float r = Math.fma(k, -LN2_LO, Math.fma(k, -LN2_HI, x));
        float s = Float.intBitsToFloat(((int) k + 127) << 23);
        return 1f / Math.fma(s * r, expm1OverR(r), s + 1f);
    }

    /** (e^r - 1) / r = Σ_{i ≤ 7} r^i / (i + 1)! for |r| ≤ ln2 / 2, by Horner. */
    private static float expm1OverR(float r) {
        float p = 1f / 40320f;
        p = Math.fma(p, r, 1f / 5040f);
        p = Math.fma(p, r, 1f / 720f);
        p = Math.fma(p, r, 1f / 120f);
        p = Math.fma(p, r, 1f / 24f);
        p = Math.fma(p, r, 1f / 6f);
        p = Math.fma(p, r, 0.5f);
        return Math.fma(p, r, 1f);
    }

    /** 2^k, exactly, for an integer-valued k in [-26, 101]. */
    static float powerOfTwo(float k) {
        float m = k + K_OFFSET;
        // qᵢ = ⌊m / 2^i⌋: m / 2^i + 2^-(i+1) - 1/2 is never within 2^-(i+1) of a half, so rounding floors it
        float q1 = floorDiv(m, 2f);
        float q2 = floorDiv(m, 4f);
        float q3 = floorDiv(m, 8f);
        float q4 = floorDiv(m, 16f);
        float q5 = floorDiv(m, 32f);
        float q6 = floorDiv(m, 64f);
        float s = 0x1p-26f * (1f + (m - 2f * q1));
        s *= Math.fma(q1 - 2f * q2, 3f, 1f);
        s *= Math.fma(q2 - 2f * q3, 15f, 1f);
        s *= Math.fma(q3 - 2f * q4, 255f, 1f);
        s *= Math.fma(q4 - 2f * q5, 65535f, 1f);
        // 2^32 - 1 and 2^64 - 1 round to 2^32 and 2^64 in float, and the fma back to them: the
        // factors are still exact
        s *= Math.fma(q5 - 2f * q6, 0x1p32f - 1f, 1f);
        return s * Math.fma(q6, 0x1p64f - 1f, 1f);
    }

    private static float floorDiv(float m, float divisor) {
        return (Math.fma(m, 1f / divisor, 0.5f / divisor - 0.5f) + ROUNDER) - ROUNDER;
    }
}
