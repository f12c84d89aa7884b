package dev.mlp.linalg;

/**
 * An element-wise function over the first n entries of an array: out[i] = f(in[i]). The
 * accelerated backend supplies vectorized versions of the few functions on the hot path of
 * training (see {@link Kernels#sigmoid()}); {@code in} and {@code out} may be the same array.
 */
public interface ElementwiseFunction {

    /**
     * @param in  read, entries 0..n-1; not modified unless it is {@code out}
     * @param out written, entries 0..n-1
     * @param n   how many entries
     */
    void apply(double[] in, double[] out, int n);
}
