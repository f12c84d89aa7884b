package dev.mlp.linalg;

/**
 * A strided product C = op(A)·op(B) (+ bias) split by output rows, as a {@link Parallel.Body}:
 * the operands are fields rather than a capturing lambda, and the row bounds stay for the next
 * product, so a split product allocates nothing. Each kernel keeps one per calling thread. Part p
 * computes rows [bounds[p], bounds[p + 1]), the same way whichever thread runs it.
 *
 * @param <A> the arrays of the operands and the output: {@code double[]} or {@code float[]}
 * @param <P> the kernel's packed form of op(B)
 */
abstract class RowSplit<A, P> implements Parallel.Body {

    private int[] bounds = new int[0];
    A ad;
    int ars;
    int acs;
    int k;
    int n;
    /** op(B) as the kernel packed it. */
    P packed;
    A bias;
    A cd;

    /** Splits rows [0, m) as {@link Parallel#splitRows} does; returns the part count. */
    final int split(int m, int threads, int align) {
        if (bounds.length < threads + 1) {
            bounds = new int[threads + 1];
        }
        return Parallel.splitRows(m, threads, align, bounds);
    }

    /**
     * Runs the parts of the last {@link #split} on these operands, then drops every array
     * reference, so the per-thread task keeps no matrix alive.
     */
    final void runParts(int parts, A ad, int ars, int acs, int k, int n, P packed, A bias, A cd) {
        this.ad = ad;
        this.ars = ars;
        this.acs = acs;
        this.k = k;
        this.n = n;
        this.packed = packed;
        this.bias = bias;
        this.cd = cd;
        try {
            Parallel.run(parts, this);
        } finally {
            this.ad = null;
            this.packed = null;
            this.bias = null;
            this.cd = null;
        }
    }

    @Override
    public final void run(int part) {
        rows(bounds[part], bounds[part + 1]);
    }

    /** Computes output rows [r0, r1) on the calling thread. */
    abstract void rows(int r0, int r1);
}
