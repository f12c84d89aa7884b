package dev.mlp.random;

/**
 * The random numbers that initialisation and training draw. Every random choice in the library
 * goes through an instance passed in explicitly; there is no global generator.
 *
 * <p>{@link NumpyRandom} reproduces numpy's legacy stream; {@link #shuffle(int[])} has a default
 * written on top of {@link #nextInt(int)} so that any implementation shuffles the way numpy does.
 */
public interface RandomSource {

    /** {@return a uniform double in [0, 1)} */
    double nextDouble();

    /** {@return a standard normal deviate: mean 0, variance 1} */
    double nextGaussian();

    /**
     * {@return a uniform integer in [0, max], both ends included}
     *
     * @param max the largest value drawn, ≥ 0
     */
    int nextInt(int max);

    /**
     * Permutes {@code indices} in place: for i from n-1 down to 1, swap i with a uniform j in [0, i]
     * (numpy's {@code shuffle} of a 1-d array).
     *
     * @param indices permuted in place; any length, 0 and 1 draw nothing
     */
    default void shuffle(int[] indices) {
        for (int i = indices.length - 1; i > 0; i--) {
            int j = nextInt(i);
            int t = indices[i];
            indices[i] = indices[j];
            indices[j] = t;
        }
    }
}
