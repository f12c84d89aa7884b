package dev.mlp.tuning;

import dev.mlp.Checks;
import dev.mlp.activation.Activation;
import dev.mlp.optim.Optimizer;
import dev.mlp.random.RandomSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The values a search tries for each hyper-parameter of a {@link Setting}. The grid is their
 * Cartesian product, |layers| × |activations| × ... × |epochs| settings, in a fixed order: the
 * last list varies fastest (as nested loops over the lists in the order of this record), so
 * setting i of the grid is the same setting on every run.
 *
 * @param layers        hidden-layer width lists to try, each non-empty; at least one
 * @param activations   hidden activations to try; at least one
 * @param optimizers    update rules to try; at least one
 * @param learningRates η values to try; at least one
 * @param batchSizes    batch sizes to try; at least one
 * @param l2            λ values to try; at least one
 * @param dropouts      dropout rates to try; at least one
 * @param epochs        epoch counts to try; at least one
 */
public record SearchSpace(List<List<Integer>> layers, List<Activation> activations, List<Optimizer> optimizers,
                          List<Double> learningRates, List<Integer> batchSizes, List<Double> l2,
                          List<Double> dropouts, List<Integer> epochs) {

    /**
     * Checks that every list is non-empty, and keeps unmodifiable copies. The values themselves
     * are checked when the settings are made ({@link #grid()}), by {@link Setting}.
     *
     * @throws IllegalArgumentException for a null or empty list, naming it
     */
    public SearchSpace {
        layers = copy(layers, "layers");
        activations = copy(activations, "activations");
        optimizers = copy(optimizers, "optimizers");
        learningRates = copy(learningRates, "learningRates");
        batchSizes = copy(batchSizes, "batchSizes");
        l2 = copy(l2, "l2");
        dropouts = copy(dropouts, "dropouts");
        epochs = copy(epochs, "epochs");
    }

    private static <T> List<T> copy(List<T> values, String name) {
        Checks.requireNonNull(values, name);
        if (values.isEmpty()) {
            throw new IllegalArgumentException(name + " must hold at least one value to try");
        }
        return List.copyOf(values);
    }

    /**
     * A space without dropout: every setting has rate 0.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public SearchSpace(List<List<Integer>> layers, List<Activation> activations, List<Optimizer> optimizers,
                       List<Double> learningRates, List<Integer> batchSizes, List<Double> l2, List<Integer> epochs) {
        this(layers, activations, optimizers, learningRates, batchSizes, l2, List.of(0.0), epochs);
    }

    /** The sizes of the lists, in record order: the radices of a grid index. */
    private int[] sizes() {
        return new int[] {layers.size(), activations.size(), optimizers.size(), learningRates.size(),
            batchSizes.size(), l2.size(), dropouts.size(), epochs.size()};
    }

    /**
     * {@return how many settings the grid holds: the product of the list sizes}
     *
     * @throws IllegalArgumentException if that exceeds {@link Integer#MAX_VALUE}
     */
    public int size() {
        long n = 1;
        for (int s : sizes()) {
            n *= s;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the grid holds more than " + Integer.MAX_VALUE + " settings");
            }
        }
        return (int) n;
    }

    /**
     * {@return setting {@code index} of the grid, 0 ≤ index &lt; {@link #size()}}
     *
     * @throws IllegalArgumentException for an index out of range or a value {@link Setting} refuses
     */
    public Setting setting(int index) {
        int n = size();
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException("index must be in [0, " + n + "), got " + index);
        }
        int[] sizes = sizes();
        int[] at = new int[sizes.length];
        int rest = index;
        for (int d = sizes.length - 1; d >= 0; d--) {
            at[d] = rest % sizes[d];
            rest /= sizes[d];
        }
        return new Setting(layers.get(at[0]), activations.get(at[1]), optimizers.get(at[2]),
                learningRates.get(at[3]), batchSizes.get(at[4]), l2.get(at[5]), dropouts.get(at[6]), epochs.get(at[7]));
    }

    /**
     * {@return every setting of the grid, in grid order}
     *
     * @throws IllegalArgumentException for a value {@link Setting} refuses
     */
    public List<Setting> grid() {
        int n = size();
        List<Setting> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(setting(i));
        }
        return all;
    }

    /**
     * A random search: {@code count} different settings of the grid, drawn without replacement
     * (the grid indices 0..size-1 shuffled with {@link RandomSource#shuffle(int[])}, the first
     * {@code count} kept), returned in grid order. When count ≥ {@link #size()}, the whole grid.
     *
     * @param count  how many settings, &gt; 0
     * @param random draws them; its state advances
     * @return the chosen settings
     * @throws IllegalArgumentException for count ≤ 0 or a null random source
     */
    public List<Setting> sample(int count, RandomSource random) {
        Checks.requirePositive(count, "count");
        Checks.requireNonNull(random, "random");
        int n = size();
        if (count >= n) {
            return grid();
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        random.shuffle(order);
        int[] chosen = Arrays.copyOf(order, count);
        Arrays.sort(chosen);
        List<Setting> settings = new ArrayList<>(count);
        for (int i : chosen) {
            settings.add(setting(i));
        }
        return settings;
    }
}
