package dev.mlp.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * A backend on the incubating Vector API ({@code jdk.incubator.vector}): packed panels and a
 * register-blocked micro-kernel of 8 (or 6) rows × 2 vectors of fused multiply-adds.
 *
 * <p><b>Needs</b> the JVM flag {@code --add-modules jdk.incubator.vector}; without it this class
 * cannot be loaded. Obtain it through {@link Backends} (which checks for the module and loads this
 * class reflectively) rather than naming it, so code that mentions it still runs on a bare JVM.
 *
 * <h2>How it computes</h2>
 * op(B) (B, or Bᵀ for {@link #multTransB}) is packed once per call into panels of
 * 2·{@code lanes} columns, zero-padded; op(A) is packed per thread into blocks of micro-panels of
 * MR rows (8 for 512-bit vectors, else 6). Each MR×(2·lanes) block of C is held in registers
 * while the inner dimension runs in blocks of {@value #KC}. Every entry is the chain
 * {@code c = fma(a_p, b_p, c)} over the inner dimension in increasing order starting from 0,
 * whatever tile or thread computes it, so results are deterministic and identical for any thread
 * count; they differ from EJML's (separately rounded products) only in the last bits.
 *
 * <p>Small products (k ≤ {@value #KC} and a padded op(B) of at most {@value #DIRECT_B} doubles,
 * which stays in L1: the blog's layers, narrow outputs) are not packed: rows of op(A) are broadcast
 * straight from A, four at a time, and rows of B are read in place; packing and edge tiles would
 * cost as much as the arithmetic there. That path runs the same fma chains, so it gives the same
 * bits as the packed one. The vector
 * width is {@link DoubleVector#SPECIES_PREFERRED}, or 256 or 512 bits if the system property
 * {@code mlp.vector.bits} says so; {@link #lanes()} tells which.
 *
 * <h2>Threads and state</h2>
 * As {@link BlockedKernel}: products of at least {@code parallelMinFlops} (2·m·n·k) are split by
 * output rows across {@code threads} threads, never along the inner dimension; instances are
 * immutable and thread-safe, with packing buffers per thread, reused across calls.
 */
public final class VectorKernel extends StridedKernel {

    /** The vector shape of this backend, its sigmoid and its finite check. */
    static final VectorSpecies<Double> S = species();
    private static final int L = S.length();
    /**
     * Rows of the register block: 8 with 512-bit vectors (16 accumulators; AVX-512 has 32
     * registers), else 6 (12 accumulators, which fit AVX2's 16 registers without spilling).
     */
    static final int MR = L >= 8 ? 8 : 6;
    /** Columns of the register block: two vectors. */
    private static final int NR = 2 * L;
    /**
     * MR × NR zeros, never written. The kernels start their sums by loading from it (rather than
     * choosing between a zero vector and a loaded one) and add it when there is no bias, so no
     * vector value comes out of a branch. With the branches, C2 (Java 17) sometimes kept every
     * vector of {@code micro8}'s loop as a heap object (JFR: the boxes allocated at its fma), in some
     * JVMs only, with a many times slower epoch (mlp-linalg/DESIGN.md). Adding +0 changes no sum: a
     * chain of fma from +0 never gives -0.
     */
    private static final double[] ZEROS = new double[MR * NR];
    /** Inner-dimension block. */
    static final int KC = 256;
    /** Rows of op(A) packed at a time (a multiple of MR). */
    static final int MC = 8 * MR;

    /**
     * The largest packed op(B), in doubles (32 KB: a core's L1), that {@link #direct} multiplies
     * without packing op(A).
     */
    static final int DIRECT_B = 4096;

    /** Default minimum work (2·m·n·k) for a product to be split across threads. */
    public static final double DEFAULT_PARALLEL_MIN_FLOPS = 2.0e6;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private final FloatVectorKernel float32;


    private static VectorSpecies<Double> species() {
        String bits = System.getProperty("mlp.vector.bits");
        if (bits == null || bits.isBlank()) {
            return DoubleVector.SPECIES_PREFERRED;
        }
        switch (bits.trim()) {
            case "128":
                return DoubleVector.SPECIES_128;
            case "256":
                return DoubleVector.SPECIES_256;
            case "512":
                return DoubleVector.SPECIES_512;
            default:
                throw new IllegalArgumentException("mlp.vector.bits must be 128, 256 or 512, got '" + bits + "'");
        }
    }

    /** A kernel using {@code mlp.threads} threads (default: available processors) for large products. */
    public VectorKernel() {
        this(Parallel.defaultThreads());
    }

    /**
     * A kernel that splits products of at least {@link #DEFAULT_PARALLEL_MIN_FLOPS} operations across
     * up to {@code threads} threads.
     *
     * @param threads the most threads one product may use, ≥ 1 (1: the caller only)
     */
    public VectorKernel(int threads) {
        this(threads, DEFAULT_PARALLEL_MIN_FLOPS);
    }

    /**
     * A kernel with its own threshold for splitting a product across threads.
     *
     * @param threads          the most threads one product may use, ≥ 1
     * @param parallelMinFlops the smallest product, in 2·m·n·k operations, that is split across
     *                         threads; ≥ 0
     */
    public VectorKernel(int threads, double parallelMinFlops) {
        super(threads, parallelMinFlops);
        float32 = new FloatVectorKernel(threads, parallelMinFlops);
    }

    /** {@return the same kernel on float32: vectors of the same width, twice the lanes} */
    @Override
    public FloatBackend float32() {
        return float32;
    }

    /** {@return the doubles per vector register in use (4 for 256-bit, 8 for 512-bit)} */
    public static int lanes() {
        return L;
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int vectorBits() {
        return S.vectorBitSize();
    }

    /** {@link VectorSigmoid}: {@link PlainSigmoid}'s steps on vectors, so the same bits. */
    @Override
    public void sigmoid(double[] in, double[] out, int n) {
        VectorSigmoid.apply(in, out, n);
    }

    @Override
    public boolean allFinite(double[] data, int n) {
        return VectorFiniteCheck.allFinite(data, n);
    }

    @Override
    public String toString() {
        return "VectorKernel(threads=" + threads + ", lanes=" + L + ")";
    }

    @Override
    void product(double[] ad, int ars, int acs, int m, int k, DMatrixRMaj b, boolean transB,
                 double[] bias, DMatrixRMaj c) {
        int n = transB ? b.numRows : b.numCols;
        c.reshape(m, n);
        double[] cd = c.data;
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    cd[i * n + j] = bias == null ? 0.0 : 0.0 + bias[j];
                }
            }
            return;
        }
        Workspace ws = WORKSPACE.get();
        int panelsN = (n + NR - 1) / NR;
        boolean splits = threads > 1 && m > MR && KernelChecks.flops(m, n, k) >= parallelMinFlops;
        if (!splits && k <= KC && panelsN * NR * k <= DIRECT_B) {
            direct(ad, ars, acs, m, k, b, transB, n, bias, cd, ws);
            return;
        }
        double[] bp = ws.bPack(panelsN * NR * k);
        if (transB) {
            packBTransposed(b.data, n, k, bp);
        } else {
            packB(b.data, k, n, bp);
        }
        int parts = 1;
        Rows task = null;
        if (splits) {
            task = Rows.TASK.get();
            parts = task.split(m, threads, MR);
        }
        if (parts == 1) {
            computeRows(ws, 0, m, ad, ars, acs, k, n, bp, bias, cd);
        } else {
            task.runParts(parts, ad, ars, acs, k, n, bp, bias, cd);
        }
    }

    /** A split product's parts; one per calling thread, each part using its own thread's buffers. */
    private static final class Rows extends RowSplit<double[], double[]> {
        static final ThreadLocal<Rows> TASK = ThreadLocal.withInitial(Rows::new);

        @Override
        void rows(int r0, int r1) {
            computeRows(WORKSPACE.get(), r0, r1, ad, ars, acs, k, n, packed, bias, cd);
        }
    }

    /** bp[(jp·k + p)·NR + jj] = b[p, jp·NR + jj] (0 past n), b k×n. */
    private static void packB(double[] bd, int k, int n, double[] bp) {
        for (int jc = 0, jp = 0; jc < n; jc += NR, jp++) {
            int nr = Math.min(NR, n - jc);
            int dst = jp * k * NR;
            for (int p = 0; p < k; p++, dst += NR) {
                System.arraycopy(bd, p * n + jc, bp, dst, nr);
                if (nr < NR) {
                    Arrays.fill(bp, dst + nr, dst + NR, 0.0);
                }
            }
        }
    }

    /** bp[(jp·k + p)·NR + jj] = b[jp·NR + jj, p] (0 past n), b n×k. */
    private static void packBTransposed(double[] bd, int n, int k, double[] bp) {
        for (int jc = 0, jp = 0; jc < n; jc += NR, jp++) {
            int nr = Math.min(NR, n - jc);
            int base = jp * k * NR;
            for (int jj = 0; jj < nr; jj++) {
                int src = (jc + jj) * k;
                for (int p = 0, dst = base + jj; p < k; p++, dst += NR) {
                    bp[dst] = bd[src + p];
                }
            }
            for (int jj = nr; jj < NR; jj++) {
                for (int p = 0, dst = base + jj; p < k; p++, dst += NR) {
                    bp[dst] = 0.0;
                }
            }
        }
    }

    /** ap[(ip·kl + pp)·MR + ii] = op(A)(i0 + ip·MR + ii, k0 + pp), 0 for rows ≥ i1. */
    private static void packA(double[] ad, int ars, int acs, int i0, int i1, int k0, int kl, double[] ap) {
        int dst = 0;
        for (int ib = i0; ib < i1; ib += MR) {
            int mr = Math.min(MR, i1 - ib);
            for (int pp = 0; pp < kl; pp++) {
                int src = ib * ars + (k0 + pp) * acs;
                int ii = 0;
                for (; ii < mr; ii++) {
                    ap[dst + ii] = ad[src + ii * ars];
                }
                for (; ii < MR; ii++) {
                    ap[dst + ii] = 0.0;
                }
                dst += MR;
            }
        }
    }

    private static void computeRows(Workspace ws, int r0, int r1, double[] ad, int ars, int acs, int k, int n,
                                    double[] bp, double[] bias, double[] cd) {
        double[] ap = ws.aPack();
        double[] tile = ws.tile();
        for (int ic = r0; ic < r1; ic += MC) {
            int ie = Math.min(r1, ic + MC);
            for (int kc = 0; kc < k; kc += KC) {
                int kl = Math.min(KC, k - kc);
                boolean first = kc == 0;
                boolean last = kc + kl == k;
                packA(ad, ars, acs, ic, ie, kc, kl, ap);
                for (int jc = 0, jp = 0; jc < n; jc += NR, jp++) {
                    int nr = Math.min(NR, n - jc);
                    int bOff = (jp * k + kc) * NR;
                    double[] lastBias = last ? bias : null;
                    for (int ib = ic, aOff = 0; ib < ie; ib += MR, aOff += MR * kl) {
                        int mr = Math.min(MR, ie - ib);
                        if (mr == MR && nr == NR) {
                            micro(kl, ap, aOff, bp, bOff, cd, ib * n + jc, n, first, lastBias, jc);
                        } else {
                            edge(kl, ap, aOff, bp, bOff, cd, ib, jc, mr, nr, n, first, lastBias, tile);
                        }
                    }
                }
            }
        }
    }

    /**
     * C = op(A)·op(B) (+ bias) for k ≤ {@value #KC} and an op(B) of at most {@value #DIRECT_B}
     * doubles once padded, which stays in L1: small layers and narrow outputs, where packing and
     * edge tiles would cost as much as the arithmetic. Rows of op(A) are broadcast straight from
     * {@code ad}, four at a time (a block past the last row repeats the last row and discards it).
     * Rows of B are read in place, whole vectors that may run into the next row: those lanes only
     * reach columns that are discarded; only the last rows, whose vectors would run past the array,
     * and Bᵀ are copied. Each entry is the same fma chain from 0 as in {@link #computeRows}, so both
     * paths give the same bits.
     */
    private static void direct(double[] ad, int ars, int acs, int m, int k, DMatrixRMaj b, boolean transB, int n,
                               double[] bias, double[] cd, Workspace ws) {
        double[] bd = b.data;
        double[] paddedBias = null;
        if (bias != null) {
            paddedBias = ws.bias((n + NR - 1) / NR * NR);
            System.arraycopy(bias, 0, paddedBias, 0, n);
        }
        double[] spill = ws.tile();
        double[] packed = null;
        if (transB) {
            packed = ws.bPack((n + NR - 1) / NR * NR * k);
            packBTransposed(bd, n, k, packed);
        }
        int last = (m - 1) * ars;
        for (int jc = 0, jp = 0; jc < n; jc += NR, jp++) {
            int nr = Math.min(NR, n - jc);
            // rows [0, inPlace) of this column block are read from bd, the rest from a packed copy
            int inPlace = 0;
            int packedOff = jp * k * NR;
            if (!transB) {
                int room = bd.length - jc - NR;
                inPlace = room < 0 ? 0 : Math.min(k, room / n + 1);
                packed = ws.bPack((k - inPlace) * NR);
                packedOff = 0;
                for (int p = inPlace, dst = 0; p < k; p++, dst += NR) {
                    System.arraycopy(bd, p * n + jc, packed, dst, nr);
                }
            }
            for (int ib = 0; ib < m; ib += 4) {
                int o0 = ib * ars;
                int rows = Math.min(4, m - ib);
                direct4(k, ad, o0, Math.min(o0 + ars, last), Math.min(o0 + 2 * ars, last),
                        Math.min(o0 + 3 * ars, last), acs, bd, jc, n, inPlace, packed, packedOff,
                        paddedBias, jc, cd, ib * n + jc, n, m * n, rows, nr, spill);
            }
        }
    }

    /**
     * Four rows × NR columns of {@link #direct}: steps p &lt; inPlace read op(B) row p at
     * {@code bd[p·ldb + jc]}, later steps at {@code packed[packedOff + (p - inPlace)·NR]}. Rows ≥
     * {@code rows} and columns ≥ {@code nr} are not stored, nor anything at or past c[cEnd].
     */
    private static void direct4(int k, double[] ad, int o0, int o1, int o2, int o3, int acs, double[] bd, int jc,
                                int ldb, int inPlace, double[] packed, int packedOff, double[] bias, int biasOff,
                                double[] c, int cOff, int ldc, int cEnd, int rows, int nr, double[] spill) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        // Two loops, not one that switches its source at p == inPlace: with the switch, C2 kept the
        // source's index and stride on the stack in some JVMs, storing and reloading them every step
        int q = 0;
        int bi = jc;
        for (int p = 0; p < inPlace; p++, q += acs, bi += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, bd, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bd, bi + L);
            DoubleVector a = DoubleVector.broadcast(S, ad[o0 + q]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(S, ad[o1 + q]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(S, ad[o2 + q]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(S, ad[o3 + q]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
        }
        bi = packedOff;
        for (int p = inPlace; p < k; p++, q += acs, bi += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S, packed, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, packed, bi + L);
            DoubleVector a = DoubleVector.broadcast(S, ad[o0 + q]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(S, ad[o1 + q]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(S, ad[o2 + q]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(S, ad[o3 + q]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
        }
        // added even without a bias (zeros then), so no vector is chosen by a branch (see ZEROS)
        double[] addend = bias != null ? bias : ZEROS;
        int addOff = bias != null ? biasOff : 0;
        DoubleVector v0 = DoubleVector.fromArray(S, addend, addOff);
        DoubleVector v1 = DoubleVector.fromArray(S, addend, addOff + L);
        c00 = c00.add(v0);
        c01 = c01.add(v1);
        c10 = c10.add(v0);
        c11 = c11.add(v1);
        c20 = c20.add(v0);
        c21 = c21.add(v1);
        c30 = c30.add(v0);
        c31 = c31.add(v1);
        // Rows are stored in increasing order, so with one column block a row's overrun lands in
        // the next row, which is stored later; only the last row's must end before cEnd. The
        // vectors are stored here, not passed to a helper: a call C2 did not inline would box them.
        if (nr == NR || ldc <= NR && cOff + (rows - 1) * ldc + NR <= cEnd) {
            c00.intoArray(c, cOff);
            c01.intoArray(c, cOff + L);
            if (rows > 1) {
                c10.intoArray(c, cOff + ldc);
                c11.intoArray(c, cOff + ldc + L);
            }
            if (rows > 2) {
                c20.intoArray(c, cOff + 2 * ldc);
                c21.intoArray(c, cOff + 2 * ldc + L);
            }
            if (rows > 3) {
                c30.intoArray(c, cOff + 3 * ldc);
                c31.intoArray(c, cOff + 3 * ldc + L);
            }
            return;
        }
        c00.intoArray(spill, 0);
        c01.intoArray(spill, L);
        c10.intoArray(spill, NR);
        c11.intoArray(spill, NR + L);
        c20.intoArray(spill, 2 * NR);
        c21.intoArray(spill, 2 * NR + L);
        c30.intoArray(spill, 3 * NR);
        c31.intoArray(spill, 3 * NR + L);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(spill, r * NR, c, cOff + r * ldc, nr);
        }
    }

    /** A partial tile: the same micro-kernel on a zero-padded MR×NR scratch copy. */
    private static void edge(int kl, double[] ap, int aOff, double[] bp, int bOff, double[] cd, int ib, int jc,
                             int mr, int nr, int n, boolean first, double[] bias, double[] tile) {
        if (!first) {
            for (int ii = 0; ii < mr; ii++) {
                System.arraycopy(cd, (ib + ii) * n + jc, tile, ii * NR, nr);
            }
        }
        micro(kl, ap, aOff, bp, bOff, tile, 0, NR, first, null, 0);
        for (int ii = 0; ii < mr; ii++) {
            int dst = (ib + ii) * n + jc;
            int src = ii * NR;
            if (bias == null) {
                System.arraycopy(tile, src, cd, dst, nr);
            } else {
                for (int jj = 0; jj < nr; jj++) {
                    cd[dst + jj] = tile[src + jj] + bias[jc + jj];
                }
            }
        }
    }

    /**
     * The MR×NR register block at c[cOff + r·ldc + j]: starts from 0 when {@code first}, else
     * from c; adds Σ_p a_p ⊗ b_p over kl packed steps with fma; adds bias[biasOff + j] at the end
     * when bias is not null; stores back.
     */
    private static void micro(int kl, double[] ap, int aOff, double[] bp, int bOff, double[] c, int cOff, int ldc,
                              boolean first, double[] bias, int biasOff) {
        if (MR == 8) {
            micro8(kl, ap, aOff, bp, bOff, c, cOff, ldc, first, bias, biasOff);
        } else {
            micro6(kl, ap, aOff, bp, bOff, c, cOff, ldc, first, bias, biasOff);
        }
    }

    /** The 8×NR block: see {@link #micro}. */
    private static void micro8(int kl, double[] ap, int aOff, double[] bp, int bOff, double[] c, int cOff, int ldc,
                              boolean first, double[] bias, int biasOff) {
        DoubleVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        int o0 = cOff + 0 * ldc;
        int o1 = cOff + 1 * ldc;
        int o2 = cOff + 2 * ldc;
        int o3 = cOff + 3 * ldc;
        int o4 = cOff + 4 * ldc;
        int o5 = cOff + 5 * ldc;
        int o6 = cOff + 6 * ldc;
        int o7 = cOff + 7 * ldc;
        // The sums start from C, or for the first block from zeros read the same way: one load
        // either way (see ZEROS).
        double[] from = first ? ZEROS : c;
        int fromOff = first ? 0 : cOff;
        int fromLd = first ? NR : ldc;
        c00 = DoubleVector.fromArray(S, from, fromOff + 0 * fromLd);
        c01 = DoubleVector.fromArray(S, from, fromOff + 0 * fromLd + L);
        c10 = DoubleVector.fromArray(S, from, fromOff + 1 * fromLd);
        c11 = DoubleVector.fromArray(S, from, fromOff + 1 * fromLd + L);
        c20 = DoubleVector.fromArray(S, from, fromOff + 2 * fromLd);
        c21 = DoubleVector.fromArray(S, from, fromOff + 2 * fromLd + L);
        c30 = DoubleVector.fromArray(S, from, fromOff + 3 * fromLd);
        c31 = DoubleVector.fromArray(S, from, fromOff + 3 * fromLd + L);
        c40 = DoubleVector.fromArray(S, from, fromOff + 4 * fromLd);
        c41 = DoubleVector.fromArray(S, from, fromOff + 4 * fromLd + L);
        c50 = DoubleVector.fromArray(S, from, fromOff + 5 * fromLd);
        c51 = DoubleVector.fromArray(S, from, fromOff + 5 * fromLd + L);
        c60 = DoubleVector.fromArray(S, from, fromOff + 6 * fromLd);
        c61 = DoubleVector.fromArray(S, from, fromOff + 6 * fromLd + L);
        c70 = DoubleVector.fromArray(S, from, fromOff + 7 * fromLd);
        c71 = DoubleVector.fromArray(S, from, fromOff + 7 * fromLd + L);
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kl; p++, ai += 8, bi += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi + 0 * L);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + 1 * L);
            DoubleVector a;
            a = DoubleVector.broadcast(S, ap[ai + 0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = DoubleVector.broadcast(S, ap[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = DoubleVector.broadcast(S, ap[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        // added even when there is no bias (zeros then): x + 0 = x for every sum here, none being -0
        double[] addend = bias != null ? bias : ZEROS;
        int addOff = bias != null ? biasOff : 0;
        DoubleVector v0 = DoubleVector.fromArray(S, addend, addOff);
        DoubleVector v1 = DoubleVector.fromArray(S, addend, addOff + L);
        c00 = c00.add(v0);
        c01 = c01.add(v1);
        c10 = c10.add(v0);
        c11 = c11.add(v1);
        c20 = c20.add(v0);
        c21 = c21.add(v1);
        c30 = c30.add(v0);
        c31 = c31.add(v1);
        c40 = c40.add(v0);
        c41 = c41.add(v1);
        c50 = c50.add(v0);
        c51 = c51.add(v1);
        c60 = c60.add(v0);
        c61 = c61.add(v1);
        c70 = c70.add(v0);
        c71 = c71.add(v1);
        c00.intoArray(c, o0 + 0 * L);
        c01.intoArray(c, o0 + 1 * L);
        c10.intoArray(c, o1 + 0 * L);
        c11.intoArray(c, o1 + 1 * L);
        c20.intoArray(c, o2 + 0 * L);
        c21.intoArray(c, o2 + 1 * L);
        c30.intoArray(c, o3 + 0 * L);
        c31.intoArray(c, o3 + 1 * L);
        c40.intoArray(c, o4 + 0 * L);
        c41.intoArray(c, o4 + 1 * L);
        c50.intoArray(c, o5 + 0 * L);
        c51.intoArray(c, o5 + 1 * L);
        c60.intoArray(c, o6 + 0 * L);
        c61.intoArray(c, o6 + 1 * L);
        c70.intoArray(c, o7 + 0 * L);
        c71.intoArray(c, o7 + 1 * L);
    }

    /** The 6×NR block: see {@link #micro}. */
    private static void micro6(int kl, double[] ap, int aOff, double[] bp, int bOff, double[] c, int cOff, int ldc,
                              boolean first, double[] bias, int biasOff) {
        DoubleVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        int o0 = cOff + 0 * ldc;
        int o1 = cOff + 1 * ldc;
        int o2 = cOff + 2 * ldc;
        int o3 = cOff + 3 * ldc;
        int o4 = cOff + 4 * ldc;
        int o5 = cOff + 5 * ldc;
        // The sums start from C, or for the first block from zeros read the same way: one load
        // either way (see ZEROS).
        double[] from = first ? ZEROS : c;
        int fromOff = first ? 0 : cOff;
        int fromLd = first ? NR : ldc;
        c00 = DoubleVector.fromArray(S, from, fromOff + 0 * fromLd);
        c01 = DoubleVector.fromArray(S, from, fromOff + 0 * fromLd + L);
        c10 = DoubleVector.fromArray(S, from, fromOff + 1 * fromLd);
        c11 = DoubleVector.fromArray(S, from, fromOff + 1 * fromLd + L);
        c20 = DoubleVector.fromArray(S, from, fromOff + 2 * fromLd);
        c21 = DoubleVector.fromArray(S, from, fromOff + 2 * fromLd + L);
        c30 = DoubleVector.fromArray(S, from, fromOff + 3 * fromLd);
        c31 = DoubleVector.fromArray(S, from, fromOff + 3 * fromLd + L);
        c40 = DoubleVector.fromArray(S, from, fromOff + 4 * fromLd);
        c41 = DoubleVector.fromArray(S, from, fromOff + 4 * fromLd + L);
        c50 = DoubleVector.fromArray(S, from, fromOff + 5 * fromLd);
        c51 = DoubleVector.fromArray(S, from, fromOff + 5 * fromLd + L);
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kl; p++, ai += 6, bi += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi + 0 * L);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + 1 * L);
            DoubleVector a;
            a = DoubleVector.broadcast(S, ap[ai + 0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        // added even when there is no bias (zeros then): x + 0 = x for every sum here, none being -0
        double[] addend = bias != null ? bias : ZEROS;
        int addOff = bias != null ? biasOff : 0;
        DoubleVector v0 = DoubleVector.fromArray(S, addend, addOff);
        DoubleVector v1 = DoubleVector.fromArray(S, addend, addOff + L);
        c00 = c00.add(v0);
        c01 = c01.add(v1);
        c10 = c10.add(v0);
        c11 = c11.add(v1);
        c20 = c20.add(v0);
        c21 = c21.add(v1);
        c30 = c30.add(v0);
        c31 = c31.add(v1);
        c40 = c40.add(v0);
        c41 = c41.add(v1);
        c50 = c50.add(v0);
        c51 = c51.add(v1);
        c00.intoArray(c, o0 + 0 * L);
        c01.intoArray(c, o0 + 1 * L);
        c10.intoArray(c, o1 + 0 * L);
        c11.intoArray(c, o1 + 1 * L);
        c20.intoArray(c, o2 + 0 * L);
        c21.intoArray(c, o2 + 1 * L);
        c30.intoArray(c, o3 + 0 * L);
        c31.intoArray(c, o3 + 1 * L);
        c40.intoArray(c, o4 + 0 * L);
        c41.intoArray(c, o4 + 1 * L);
        c50.intoArray(c, o5 + 0 * L);
        c51.intoArray(c, o5 + 1 * L);
    }

    /** Per-thread buffers, grown on demand and kept. */
    private static final class Workspace {
        private double[] bPack = new double[0];
        private double[] aPack;
        private double[] tile;

        double[] bPack(int size) {
            if (bPack.length < size) {
                bPack = new double[Math.max(size, bPack.length + bPack.length / 2)];
            }
            return bPack;
        }

        double[] aPack() {
            if (aPack == null) {
                aPack = new double[MC * KC];
            }
            return aPack;
        }

        private double[] bias = new double[0];

        /** Room for a bias row read in whole vectors; lanes past the real entries end in discarded columns. */
        double[] bias(int size) {
            if (bias.length < size) {
                bias = new double[size];
            }
            return bias;
        }

        double[] tile() {
            if (tile == null) {
                tile = new double[MR * NR];
            }
            return tile;
        }
    }
}
