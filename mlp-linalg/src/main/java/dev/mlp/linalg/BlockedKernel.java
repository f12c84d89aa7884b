package dev.mlp.linalg;

import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.Objects;

/**
 * A plain-Java backend (no flags, no dependencies) that C2 auto-vectorizes: cache-blocked,
 * register-blocked over two output rows and four steps of the inner dimension.
 *
 * <h2>How it computes</h2>
 * The right operand op(B) (B, or Bᵀ for {@link #multTransB}) is first packed into panels of at
 * most {@value #NC} columns, one separate {@code double[]} per row of op(B): C2 vectorizes the
 * inner loop only when every operand is its own array indexed by the bare loop variable. Output
 * rows are then accumulated in per-thread row buffers, two rows at a time (one at a time for
 * outputs narrower than {@value #WIDE}), as
 * {@code c[j] = c[j] + a₀·b₀[j] + a₁·b₁[j] + a₂·b₂[j] + a₃·b₃[j]}, in blocks of {@value #KC}
 * steps of the inner dimension so the panel stays in cache. Tall products at most
 * {@value #NARROW} wide go another way, with the long dimension innermost ({@link #narrowTall});
 * short ones that narrow and of at most {@value #SMALL} multiply-adds are summed in scalar
 * registers ({@link #small}).
 *
 * <p>Java evaluates that sum left to right and never fuses a multiply with an add, so every entry
 * is the plain sequential sum {@code ((0 + a₁b₁) + a₂b₂) + … } over the inner dimension in
 * increasing order, each product and sum rounded once. That is the order EJML's
 * {@code CommonOps_DDRM} uses too, so this backend's results are expected to equal EJML's bit for
 * bit apart from the sign of zero results (tests check it within a tolerance).
 *
 * <h2>Threads</h2>
 * A product of at least {@code parallelMinFlops} floating-point operations (2·m·n·k) is split by
 * output rows into {@code threads} ranges, run on the caller and shared daemon helper threads
 * (see {@link Backends}). The inner dimension is never split, and each entry is computed by the same
 * operations whatever range it falls in, so results are bit-identical for any thread count.
 *
 * <h2>State</h2>
 * Instances are immutable and thread-safe. Packing and row buffers are per thread
 * ({@link ThreadLocal}), grown on demand and reused, so calls allocate nothing after warm-up, split
 * products included. Each thread that calls the kernel keeps buffers about the size of the largest
 * right operand it multiplied.
 */
public final class BlockedKernel extends StridedKernel {

    /** Columns of op(B) per packed panel (length of each packed row and row buffer). */
    static final int NC = 256;
    /** Steps of the inner dimension per cache block. */
    static final int KC = 64;
    /** Output rows per row-buffer block (even). */
    static final int MC = 64;
    /** The widest output {@link #narrowTall} takes. */
    static final int NARROW = 16;
    /** The fewest rows {@link #narrowTall} takes. */
    static final int TALL = 64;
    /**
     * The most multiply-adds of a narrow, short product that {@link #small} takes, counted as it
     * computes them: m and n rounded up to whole 4 × 4 blocks, times k.
     */
    static final int SMALL = 4096;
    /** Rows per block in {@link #narrowTall}. */
    static final int MB = 256;
    /** Panels at least this wide use {@link #rows2}, narrower ones {@link #rows1Narrow}, a row at a time. */
    static final int WIDE = 48;

    /**
     * Default minimum work, in floating-point operations (2·m·n·k), for a product to be split
     * across threads; below it the caller computes alone.
     */
    public static final double DEFAULT_PARALLEL_MIN_FLOPS = 2.0e6;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private final FloatBlockedKernel float32;


    /** A kernel using {@code mlp.threads} threads (default: available processors) for large products. */
    public BlockedKernel() {
        this(Parallel.defaultThreads());
    }

    /**
     * A kernel that splits products of at least {@link #DEFAULT_PARALLEL_MIN_FLOPS} operations across
     * up to {@code threads} threads.
     *
     * @param threads the most threads one product may use, ≥ 1 (1: the caller only)
     */
    public BlockedKernel(int threads) {
        this(threads, DEFAULT_PARALLEL_MIN_FLOPS);
    }

    /**
     * A kernel with its own threshold for splitting a product across threads.
     *
     * @param threads          the most threads one product may use, ≥ 1
     * @param parallelMinFlops the smallest product, in 2·m·n·k operations, that is split across
     *                         threads; ≥ 0 (0: split every product with at least two rows)
     */
    public BlockedKernel(int threads, double parallelMinFlops) {
        super(threads, parallelMinFlops);
        float32 = new FloatBlockedKernel(threads, parallelMinFlops);
    }

    /** {@return the same kernel on float32: the same threads and split threshold} */
    @Override
    public FloatBackend float32() {
        return float32;
    }

    @Override
    public String name() {
        return "blocked";
    }

    @Override
    public String toString() {
        return "BlockedKernel(threads=" + threads + ")";
    }

    /**
     * C = op(A)·op(B) (+ bias), where op(A)(i, p) = ad[i·ars + p·acs] is m×k and op(B) is b
     * (k×n) or, when transB, bᵀ (b is n×k).
     */
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
        if (n <= NARROW && m < TALL && (long) roundUp4(m) * roundUp4(n) * k <= SMALL) {
            small(ad, ars, acs, m, k, b.data, transB ? 1 : n, transB ? k : 1, n, bias, cd);
            return;
        }
        Workspace ws = WORKSPACE.get();
        if (!transB && n <= NARROW && m >= TALL) {
            narrowTall(ad, ars, acs, m, k, b.data, n, bias, cd, ws);
            return;
        }
        int panelsPerK = (n + NC - 1) / NC;
        double[][] panels = ws.panels(panelsPerK * k);
        if (transB) {
            packTransposed(b.data, n, k, panels);
        } else {
            pack(b.data, k, n, panels);
        }
        int parts = 1;
        Rows task = null;
        if (threads > 1 && m >= 2 && KernelChecks.flops(m, n, k) >= parallelMinFlops) {
            task = Rows.TASK.get();
            parts = task.split(m, threads, 2);
        }
        if (parts == 1) {
            computeRows(ws.rowBuffers(), ws.biasPanel, 0, m, ad, ars, acs, k, n, panels, bias, cd);
        } else {
            task.runParts(parts, ad, ars, acs, k, n, panels, bias, cd);
        }
    }

    /** A split product's parts; one per calling thread, each part using its own thread's buffers. */
    private static final class Rows extends RowSplit<double[], double[][]> {
        static final ThreadLocal<Rows> TASK = ThreadLocal.withInitial(Rows::new);

        @Override
        void rows(int r0, int r1) {
            Workspace ws = WORKSPACE.get();
            computeRows(ws.rowBuffers(), ws.biasPanel, r0, r1, ad, ars, acs, k, n, packed, bias, cd);
        }
    }

    /** panels[jb·k + p][0..nc) = b[p, jb·NC ..] for b k×n row-major. */
    private static void pack(double[] bd, int k, int n, double[][] panels) {
        for (int jc = 0, jb = 0; jc < n; jc += NC, jb++) {
            int nc = Math.min(NC, n - jc);
            int base = jb * k;
            for (int p = 0; p < k; p++) {
                System.arraycopy(bd, p * n + jc, panels[base + p], 0, nc);
            }
        }
    }

    /** panels[jb·k + p][j] = b[jb·NC + j, p] for b n×k row-major (op(B) = bᵀ). */
    private static void packTransposed(double[] bd, int n, int k, double[][] panels) {
        final int tile = 16;
        for (int jc = 0, jb = 0; jc < n; jc += NC, jb++) {
            int nc = Math.min(NC, n - jc);
            int base = jb * k;
            for (int p0 = 0; p0 < k; p0 += tile) {
                int p1 = Math.min(k, p0 + tile);
                for (int j = 0; j < nc; j++) {
                    int src = (jc + j) * k;
                    for (int p = p0; p < p1; p++) {
                        panels[base + p][j] = bd[src + p];
                    }
                }
            }
        }
    }

    /** Computes output rows [r0, r1) of every column panel. */
    private static void computeRows(double[][] acc, double[] biasPanel, int r0, int r1, double[] ad, int ars,
                                    int acs, int k, int n, double[][] panels, double[] bias, double[] cd) {
        for (int jc = 0, jb = 0; jc < n; jc += NC, jb++) {
            int nc = Math.min(NC, n - jc);
            int base = jb * k;
            // a narrow panel adds the bias in its last pass, indexed like the row itself: C2 (Java
            // 17) vectorizes a loop only if its arrays share one offset, so the bias starts at 0
            double[] narrowBias = bias;
            if (bias != null && jc > 0 && nc < WIDE) {
                System.arraycopy(bias, jc, biasPanel, 0, nc);
                narrowBias = biasPanel;
            }
            for (int ic = r0; ic < r1; ic += MC) {
                int ie = Math.min(r1, ic + MC);
                // zeroed here, not in the row routines: a branch there whose direction changes
                // with the shape made C2 recompile them into slow, scalar code
                for (int i = ic; i < ie; i++) {
                    Arrays.fill(acc[i - ic], 0, nc, 0.0);
                }
                for (int kc = 0; kc < k; kc += KC) {
                    int ke = Math.min(k, kc + KC);
                    int i = ic;
                    if (nc >= WIDE) {
                        for (; i + 1 < ie; i += 2) {
                            rows2(acc[i - ic], acc[i - ic + 1], panels, base, kc, ke, ad, i * ars,
                                    (i + 1) * ars, acs, nc);
                        }
                        if (i < ie) {
                            rows1(acc[i - ic], panels, base, kc, ke, ad, i * ars, acs, nc);
                        }
                    } else {
                        for (; i < ie; i++) {
                            rows1Narrow(acc[i - ic], panels, base, kc, ke, ad, i * ars, acs, nc,
                                    ke == k ? narrowBias : null);
                        }
                    }
                }
                for (int i = ic; i < ie; i++) {
                    double[] row = acc[i - ic];
                    int dst = i * n + jc;
                    if (bias == null || nc < WIDE) {
                        // a narrow panel's rows have their bias already
                        System.arraycopy(row, 0, cd, dst, nc);
                    } else {
                        for (int j = 0; j < nc; j++) {
                            cd[dst + j] = row[j] + bias[jc + j];
                        }
                    }
                }
            }
        }
    }

    /** c0/c1 += Σ_{p∈[kc,ke)} op(A)(row, p)·panel_p, for two rows at A offsets o0 and o1. */
    private static void rows2(double[] c0, double[] c1, double[][] panels, int base, int kc, int ke,
                              double[] ad, int o0, int o1, int acs, int nc) {
        // tells C2 the loop's bounds up front; without it the loop was left scalar
        Objects.checkFromIndexSize(0, nc, c0.length);
        Objects.checkFromIndexSize(0, nc, c1.length);
        int p = kc;
        for (; p + 3 < ke; p += 4) {
            int q = p * acs;
            double a0 = ad[o0 + q];
            double a1 = ad[o0 + q + acs];
            double a2 = ad[o0 + q + 2 * acs];
            double a3 = ad[o0 + q + 3 * acs];
            double d0 = ad[o1 + q];
            double d1 = ad[o1 + q + acs];
            double d2 = ad[o1 + q + 2 * acs];
            double d3 = ad[o1 + q + 3 * acs];
            double[] b0 = panels[base + p];
            double[] b1 = panels[base + p + 1];
            double[] b2 = panels[base + p + 2];
            double[] b3 = panels[base + p + 3];
            axpy2x4(c0, c1, b0, b1, b2, b3, a0, a1, a2, a3, d0, d1, d2, d3, nc);
        }
        for (; p < ke; p++) {
            double a0 = ad[o0 + p * acs];
            double d0 = ad[o1 + p * acs];
            double[] b0 = panels[base + p];
            for (int j = 0; j < nc; j++) {
                double x0 = b0[j];
                c0[j] = c0[j] + a0 * x0;
                c1[j] = c1[j] + d0 * x0;
            }
        }
    }

    /** One-row version of {@link #rows2}, with the same operation order. */
    private static void rows1(double[] c0, double[][] panels, int base, int kc, int ke,
                              double[] ad, int o0, int acs, int nc) {
        Objects.checkFromIndexSize(0, nc, c0.length);
        int p = kc;
        for (; p + 3 < ke; p += 4) {
            int q = p * acs;
            double a0 = ad[o0 + q];
            double a1 = ad[o0 + q + acs];
            double a2 = ad[o0 + q + 2 * acs];
            double a3 = ad[o0 + q + 3 * acs];
            double[] b0 = panels[base + p];
            double[] b1 = panels[base + p + 1];
            double[] b2 = panels[base + p + 2];
            double[] b3 = panels[base + p + 3];
            axpy1x4(c0, b0, b1, b2, b3, a0, a1, a2, a3, nc);
        }
        for (; p < ke; p++) {
            double a0 = ad[o0 + p * acs];
            double[] b0 = panels[base + p];
            for (int j = 0; j < nc; j++) {
                c0[j] = c0[j] + a0 * b0[j];
            }
        }
    }

    /**
     * A copy of {@link #rows1} for panels narrower than {@link #WIDE}: one output row at a time, each
     * row and panel row its own array, the only shape in which C2 vectorizes even a short row (two
     * or four rows per pass, sharing the loads of the panel, measured slower: one array written per
     * loop is what C2 needs). The last one to three inner steps go in one pass too; given the bias
     * (in the last block of the inner dimension), the last one to four steps add it as well, so the
     * row is copied out as it is. C2 sizes a loop's
     * unrolling, and so whether it vectorizes, by the trip counts profiled for that method: a
     * separate copy keeps short loops (tiny layers) from making the wide ones scalar in the same JVM.
     */
    private static void rows1Narrow(double[] c0, double[][] panels, int base, int kc, int ke,
                                    double[] ad, int o0, int acs, int nc, double[] bias) {
        Objects.checkFromIndexSize(0, nc, c0.length);
        int p = kc;
        // with a bias, the last one to four steps add it in the same pass
        int quadsEnd = bias == null ? ke - (ke - kc) % 4 : ke - 1 - (ke - kc - 1) % 4;
        for (; p < quadsEnd; p += 4) {
            int q = o0 + p * acs;
            axpy1x4Narrow(c0, panels[base + p], panels[base + p + 1], panels[base + p + 2], panels[base + p + 3],
                    ad[q], ad[q + acs], ad[q + 2 * acs], ad[q + 3 * acs], nc);
        }
        int q = o0 + p * acs;
        if (bias == null) {
            switch (ke - p) {
                case 3 -> axpy1x3Narrow(c0, panels[base + p], panels[base + p + 1], panels[base + p + 2],
                        ad[q], ad[q + acs], ad[q + 2 * acs], nc);
                case 2 -> axpy1x2Narrow(c0, panels[base + p], panels[base + p + 1], ad[q], ad[q + acs], nc);
                case 1 -> axpy1x1Narrow(c0, panels[base + p], ad[q], nc);
                default -> { }
            }
            return;
        }
        Objects.checkFromIndexSize(0, nc, bias.length);
        switch (ke - p) {
            case 4 -> lastWithBias4(c0, panels[base + p], panels[base + p + 1], panels[base + p + 2],
                    panels[base + p + 3], ad[q], ad[q + acs], ad[q + 2 * acs], ad[q + 3 * acs], bias, nc);
            case 3 -> lastWithBias3(c0, panels[base + p], panels[base + p + 1], panels[base + p + 2],
                    ad[q], ad[q + acs], ad[q + 2 * acs], bias, nc);
            case 2 -> lastWithBias2(c0, panels[base + p], panels[base + p + 1], ad[q], ad[q + acs], bias, nc);
            default -> lastWithBias1(c0, panels[base + p], ad[q], bias, nc);
        }
    }

    /** c0[j] = (c0[j] + a0·b0[j] + … + a3·b3[j]) + bias[j]: the sum's last steps, then the bias. */
    private static void lastWithBias4(double[] c0, double[] b0, double[] b1, double[] b2, double[] b3,
                                      double a0, double a1, double a2, double a3, double[] bias, int nc) {
        for (int j = 0; j < nc; j++) {
            c0[j] = c0[j] + a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j] + bias[j];
        }
    }

    /** {@link #lastWithBias4} for three last steps. */
    private static void lastWithBias3(double[] c0, double[] b0, double[] b1, double[] b2,
                                      double a0, double a1, double a2, double[] bias, int nc) {
        for (int j = 0; j < nc; j++) {
            c0[j] = c0[j] + a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + bias[j];
        }
    }

    /** {@link #lastWithBias4} for two last steps. */
    private static void lastWithBias2(double[] c0, double[] b0, double[] b1, double a0, double a1, double[] bias,
                                      int nc) {
        for (int j = 0; j < nc; j++) {
            c0[j] = c0[j] + a0 * b0[j] + a1 * b1[j] + bias[j];
        }
    }

    /** {@link #lastWithBias4} for one last step. */
    private static void lastWithBias1(double[] c0, double[] b0, double a0, double[] bias, int nc) {
        for (int j = 0; j < nc; j++) {
            c0[j] = c0[j] + a0 * b0[j] + bias[j];
        }
    }

    /**
     * c0[j] = c0[j] + a0·b0[j] + … + a3·b3[j] and c1 likewise with d0..d3, for j &lt; nc. The same
     * arithmetic as {@link #axpy4x2} with from = c, kept apart so that C2 profiles the wide rows and
     * the tall narrow columns separately: C2 sizes a loop's unrolling by the trip counts profiled for
     * its method, and one method for both made the Fashion-sized epoch slower (mlp-linalg/DESIGN.md).
     */
    private static void axpy2x4(double[] c0, double[] c1, double[] b0, double[] b1, double[] b2, double[] b3,
                                double a0, double a1, double a2, double a3, double d0, double d1, double d2,
                                double d3, int nc) {
        for (int j = 0; j < nc; j++) {
            double x0 = b0[j];
            double x1 = b1[j];
            double x2 = b2[j];
            double x3 = b3[j];
            c0[j] = c0[j] + a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
            c1[j] = c1[j] + d0 * x0 + d1 * x1 + d2 * x2 + d3 * x3;
        }
    }

    /** c0[j] = c0[j] + a0·b0[j] + … + a3·b3[j], for j &lt; nc. */
    private static void axpy1x4(double[] c0, double[] b0, double[] b1, double[] b2, double[] b3,
                                double a0, double a1, double a2, double a3, int nc) {
        for (int j = 0; j < nc; j++) {
            c0[j] = c0[j] + a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
        }
    }

    /** c0[j] = c0[j] + a0·b0[j] + … + a3·b3[j], for j &lt; nc. */
    private static void axpy1x4Narrow(double[] c0, double[] b0, double[] b1, double[] b2, double[] b3,
                                double a0, double a1, double a2, double a3, int nc) {
        for (int j = 0; j < nc; j++) {
            c0[j] = c0[j] + a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
        }
    }

    /** c0[j] = c0[j] + a0·b0[j] + a1·b1[j] + a2·b2[j], for j &lt; nc. */
    private static void axpy1x3Narrow(double[] c0, double[] b0, double[] b1, double[] b2,
                                      double a0, double a1, double a2, int nc) {
        for (int j = 0; j < nc; j++) {
            c0[j] = c0[j] + a0 * b0[j] + a1 * b1[j] + a2 * b2[j];
        }
    }

    /** c0[j] = c0[j] + a0·b0[j] + a1·b1[j], for j &lt; nc. */
    private static void axpy1x2Narrow(double[] c0, double[] b0, double[] b1, double a0, double a1, int nc) {
        for (int j = 0; j < nc; j++) {
            c0[j] = c0[j] + a0 * b0[j] + a1 * b1[j];
        }
    }

    /** c0[j] = c0[j] + a0·b0[j], for j &lt; nc. */
    private static void axpy1x1Narrow(double[] c0, double[] b0, double a0, int nc) {
        for (int j = 0; j < nc; j++) {
            c0[j] = c0[j] + a0 * b0[j];
        }
    }

    /**
     * C = op(A)·op(B) (+ bias) for products of at most {@value #SMALL} multiply-adds (in whole
     * blocks) with outputs at most {@value #NARROW} wide and fewer than {@value #TALL} rows (the
     * blog's second layer and its gradients: 15 × 15 × 10). Their rows are too short for C2's vector
     * loops to pay for their set-up, and packing costs as much as the arithmetic, so each 4 × 4 block of C
     * is summed in sixteen scalar registers over the whole inner dimension, op(B)(p, j) read at
     * {@code bd[p·bps + j·bjs]} without packing. Blocks at the edges repeat their last row or
     * column and store only the valid entries. Same order as the other paths: each entry is
     * {@code ((0 + a₀b₀) + a₁b₁) + …}, then the bias.
     */
    private static void small(double[] ad, int ars, int acs, int m, int k, double[] bd, int bps, int bjs, int n,
                              double[] bias, double[] cd) {
        int lastRow = (m - 1) * ars;
        int lastCol = (n - 1) * bjs;
        for (int i = 0; i < m; i += 4) {
            int rows = Math.min(4, m - i);
            int a0 = i * ars;
            int a1 = Math.min(a0 + ars, lastRow);
            int a2 = Math.min(a0 + 2 * ars, lastRow);
            int a3 = Math.min(a0 + 3 * ars, lastRow);
            for (int j = 0; j < n; j += 4) {
                int cols = Math.min(4, n - j);
                int b0 = j * bjs;
                block4x4(ad, a0, a1, a2, a3, acs, k, bd, b0, Math.min(b0 + bjs, lastCol),
                        Math.min(b0 + 2 * bjs, lastCol), Math.min(b0 + 3 * bjs, lastCol), bps, bias, j, cd,
                        i * n + j, n, rows, cols);
            }
        }
    }

    /**
     * One block of {@link #small}: rows of op(A) at offsets a0..a3 (steps of acs), columns of
     * op(B) at offsets b0..b3 (steps of bps); stores rows × cols entries at c[cOff + r·ldc + j].
     */
    private static void block4x4(double[] ad, int a0, int a1, int a2, int a3, int acs, int k, double[] bd,
                                 int b0, int b1, int b2, int b3, int bps, double[] bias, int j, double[] c,
                                 int cOff, int ldc, int rows, int cols) {
        double s00 = 0, s01 = 0, s02 = 0, s03 = 0;
        double s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        double s20 = 0, s21 = 0, s22 = 0, s23 = 0;
        double s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        for (int p = 0, q = 0, r = 0; p < k; p++, q += acs, r += bps) {
            double x0 = bd[b0 + r];
            double x1 = bd[b1 + r];
            double x2 = bd[b2 + r];
            double x3 = bd[b3 + r];
            double a = ad[a0 + q];
            s00 += a * x0;
            s01 += a * x1;
            s02 += a * x2;
            s03 += a * x3;
            a = ad[a1 + q];
            s10 += a * x0;
            s11 += a * x1;
            s12 += a * x2;
            s13 += a * x3;
            a = ad[a2 + q];
            s20 += a * x0;
            s21 += a * x1;
            s22 += a * x2;
            s23 += a * x3;
            a = ad[a3 + q];
            s30 += a * x0;
            s31 += a * x1;
            s32 += a * x2;
            s33 += a * x3;
        }
        storeRow(c, cOff, cols, bias, j, s00, s01, s02, s03);
        if (rows > 1) {
            storeRow(c, cOff + ldc, cols, bias, j, s10, s11, s12, s13);
        }
        if (rows > 2) {
            storeRow(c, cOff + 2 * ldc, cols, bias, j, s20, s21, s22, s23);
        }
        if (rows > 3) {
            storeRow(c, cOff + 3 * ldc, cols, bias, j, s30, s31, s32, s33);
        }
    }

    /** n rounded up to a multiple of 4. */
    private static int roundUp4(int n) {
        return (n + 3) & ~3;
    }

    /** c[off..off + cols) = the first cols of s0..s3, each plus bias[j + its column] when there is a bias. */
    private static void storeRow(double[] c, int off, int cols, double[] bias, int j,
                                 double s0, double s1, double s2, double s3) {
        c[off] = bias == null ? s0 : s0 + bias[j];
        if (cols > 1) {
            c[off + 1] = bias == null ? s1 : s1 + bias[j + 1];
        }
        if (cols > 2) {
            c[off + 2] = bias == null ? s2 : s2 + bias[j + 2];
        }
        if (cols > 3) {
            c[off + 3] = bias == null ? s3 : s3 + bias[j + 3];
        }
    }

    /**
     * C = A·B (+ bias) for outputs at most {@value #NARROW} wide and at least {@value #TALL} rows
     * (a classifier's last layers over many rows): a row loop only {@code n} long would never reach
     * C2's vectorized main loop, so the work is turned around. Per block of {@value #MB} rows, A's
     * block is transposed into one array per column, and each output column is accumulated along
     * the rows, {@code c[i] = c[i] + b₀·a₀[i] + b₁·a₁[i] + …}, a loop C2 vectorizes. Each entry is
     * still the sum over the inner dimension in increasing order from 0 with separately rounded
     * products, the same bits as the packed path. Single-threaded: these products are small.
     */
    private static void narrowTall(double[] ad, int ars, int acs, int m, int k, double[] bd, int n,
                                   double[] bias, double[] cd, Workspace ws) {
        double[][] at = ws.columns(k);
        double[][] ct = ws.outputColumns();
        for (int i0 = 0; i0 < m; i0 += MB) {
            int mb = Math.min(MB, m - i0);
            if (ars == 1) {
                // Aᵀ stored: each column of this block of op(A) is already contiguous
                for (int p = 0; p < k; p++) {
                    System.arraycopy(ad, i0 + p * acs, at[p], 0, mb);
                }
            } else {
                // eight columns per pass down the rows: their arrays stay in registers and only
                // the loads are range-checked (four rows per pass fetched a column array for every
                // entry, and was slower)
                int p = 0;
                for (; p + 7 < k; p += 8) {
                    transpose8(ad, i0 * ars + p * acs, ars, acs, mb, at[p], at[p + 1], at[p + 2], at[p + 3],
                            at[p + 4], at[p + 5], at[p + 6], at[p + 7]);
                }
                for (; p < k; p++) {
                    double[] col = at[p];
                    for (int ii = 0, src = i0 * ars + p * acs; ii < mb; ii++, src += ars) {
                        col[ii] = ad[src];
                    }
                }
            }
            // each loop runs only mb (often 64) steps, so C2's scalar pre- and post-loops weigh: as
            // few loops as possible, the zeroing folded into the first. Steps of p outermost, so
            // the block of A is read once while the n output columns stay in L1.
            double[] zeros = ws.zeros();
            int p = 0;
            for (; p + 4 <= k; p += 4) {
                int j = 0;
                // two output columns per pass share the loads of A's four columns
                for (; j + 1 < n; j += 2) {
                    double[] c0 = ct[j];
                    double[] c1 = ct[j + 1];
                    int b = p * n + j;
                    axpy4x2(c0, c1, p == 0 ? zeros : c0, p == 0 ? zeros : c1, at[p], at[p + 1], at[p + 2], at[p + 3],
                            bd[b], bd[b + n], bd[b + 2 * n], bd[b + 3 * n],
                            bd[b + 1], bd[b + n + 1], bd[b + 2 * n + 1], bd[b + 3 * n + 1], mb);
                }
                for (; j < n; j++) {
                    double[] c = ct[j];
                    axpy4(c, p == 0 ? zeros : c, at[p], at[p + 1], at[p + 2], at[p + 3],
                            bd[p * n + j], bd[(p + 1) * n + j], bd[(p + 2) * n + j], bd[(p + 3) * n + j], mb);
                }
            }
            if (p < k) {
                // the last 1 to 3 steps in one loop
                double[] a1 = p + 1 < k ? at[p + 1] : null;
                double[] a2 = p + 2 < k ? at[p + 2] : null;
                for (int j = 0; j < n; j++) {
                    double[] c = ct[j];
                    double b1 = a1 != null ? bd[(p + 1) * n + j] : 0.0;
                    double b2 = a2 != null ? bd[(p + 2) * n + j] : 0.0;
                    axpy3(c, p == 0 ? zeros : c, at[p], a1, a2, bd[p * n + j], b1, b2, mb, k - p);
                }
            }
            for (int j = 0; j < n; j++) {
                double[] col = ct[j];
                double bj = bias == null ? 0.0 : bias[j];
                for (int ii = 0, dst = i0 * n + j; ii < mb; ii++, dst += n) {
                    cd[dst] = bias == null ? col[ii] : col[ii] + bj;
                }
            }
        }
    }

    /** t_q[ii] = ad[src + ii·ars + q·acs] for q in 0..7 and ii &lt; mb: eight columns of A's block. */
    private static void transpose8(double[] ad, int src, int ars, int acs, int mb, double[] t0, double[] t1,
                                   double[] t2, double[] t3, double[] t4, double[] t5, double[] t6, double[] t7) {
        for (int ii = 0; ii < mb; ii++, src += ars) {
            t0[ii] = ad[src];
            t1[ii] = ad[src + acs];
            t2[ii] = ad[src + 2 * acs];
            t3[ii] = ad[src + 3 * acs];
            t4[ii] = ad[src + 4 * acs];
            t5[ii] = ad[src + 5 * acs];
            t6[ii] = ad[src + 6 * acs];
            t7[ii] = ad[src + 7 * acs];
        }
    }

    /** {@link #axpy4} for two columns at once: c0 with b00..b03, c1 with b10..b13. */
    private static void axpy4x2(double[] c0, double[] c1, double[] from0, double[] from1, double[] a0, double[] a1,
                                double[] a2, double[] a3, double b00, double b01, double b02, double b03,
                                double b10, double b11, double b12, double b13, int len) {
        for (int i = 0; i < len; i++) {
            double x0 = a0[i];
            double x1 = a1[i];
            double x2 = a2[i];
            double x3 = a3[i];
            c0[i] = from0[i] + b00 * x0 + b01 * x1 + b02 * x2 + b03 * x3;
            c1[i] = from1[i] + b10 * x0 + b11 * x1 + b12 * x2 + b13 * x3;
        }
    }

    /** c[i] = from[i] + b0·a0[i] + b1·a1[i] + b2·a2[i] + b3·a3[i], left to right. */
    private static void axpy4(double[] c, double[] from, double[] a0, double[] a1, double[] a2, double[] a3,
                              double b0, double b1, double b2, double b3, int len) {
        for (int i = 0; i < len; i++) {
            c[i] = from[i] + b0 * a0[i] + b1 * a1[i] + b2 * a2[i] + b3 * a3[i];
        }
    }

    /**
     * The first {@code steps} (1 to 3) terms of {@link #axpy4}: c[i] = from[i] + b0·a0[i] + …; a1
     * and a2 are read only when the steps reach them.
     */
    private static void axpy3(double[] c, double[] from, double[] a0, double[] a1, double[] a2,
                              double b0, double b1, double b2, int len, int steps) {
        if (steps == 1) {
            for (int i = 0; i < len; i++) {
                c[i] = from[i] + b0 * a0[i];
            }
        } else if (steps == 2) {
            for (int i = 0; i < len; i++) {
                c[i] = from[i] + b0 * a0[i] + b1 * a1[i];
            }
        } else {
            for (int i = 0; i < len; i++) {
                c[i] = from[i] + b0 * a0[i] + b1 * a1[i] + b2 * a2[i];
            }
        }
    }

    /** Per-thread buffers, grown on demand and kept. */
    private static final class Workspace {
        private double[][] panels = new double[0][];
        private double[][] rows;

        double[][] panels(int count) {
            if (panels.length < count) {
                double[][] grown = Arrays.copyOf(panels, Math.max(count, panels.length + panels.length / 2));
                for (int i = panels.length; i < grown.length; i++) {
                    grown[i] = new double[NC];
                }
                panels = grown;
            }
            return panels;
        }

        private double[][] columns = new double[0][];
        private double[][] outputColumns;

        /** k arrays of MB: a transposed block of A for {@link #narrowTall}. */
        double[][] columns(int k) {
            if (columns.length < k) {
                double[][] grown = Arrays.copyOf(columns, k);
                for (int i = columns.length; i < k; i++) {
                    grown[i] = new double[MB];
                }
                columns = grown;
            }
            return columns;
        }

        private double[] zeros;

        /** MB zeros, never written: the starting sums of {@link #narrowTall}. */
        double[] zeros() {
            if (zeros == null) {
                zeros = new double[MB];
            }
            return zeros;
        }

        /** NARROW arrays of MB: the output columns of one block. */
        double[][] outputColumns() {
            if (outputColumns == null) {
                outputColumns = new double[NARROW][MB];
            }
            return outputColumns;
        }

        /** The bias of one narrow panel that does not start at column 0. */
        final double[] biasPanel = new double[NC];

        double[][] rowBuffers() {
            if (rows == null) {
                rows = new double[MC][NC];
            }
            return rows;
        }
    }
}
