package dev.mlp.data;

import dev.mlp.Checks;
import dev.mlp.random.RandomSource;

import java.util.Arrays;

/**
 * A data set cut into a training part and a test part, with the original row index of every row
 * of each part. The two parts are disjoint and together hold every row once.
 *
 * <p>Two ways to make one, both deterministic for a given random source and seed:
 * <ul>
 *   <li>{@link #stratified(DataSet, double, RandomSource)} keeps each class's share of the test set
 *       close to its share of the data;</li>
 *   <li>{@link #shuffled(DataSet, double, RandomSource)} cuts one random permutation, as
 *       {@code p = np.random.permutation(n); test, train = p[:t], p[t:]} does in numpy.</li>
 * </ul>
 * In both the test size is t = round(n × testFraction) (rounding half up), which must leave at
 * least one row in each part.
 *
 * @param train        the training rows
 * @param test         the test rows
 * @param trainIndices for each training row, its row index in the original data set (copied)
 * @param testIndices  for each test row, its row index in the original data set (copied)
 */
public record Split(DataSet train, DataSet test, int[] trainIndices, int[] testIndices) {

    /**
     * Checks that each index array matches its part's number of rows, and copies them.
     *
     * @param train        not null
     * @param test         not null
     * @param trainIndices one per row of {@code train}; copied
     * @param testIndices  one per row of {@code test}; copied
     * @throws IllegalArgumentException when an argument is null or a length differs
     */
    public Split {
        Checks.requireNonNull(train, "train");
        Checks.requireNonNull(test, "test");
        Checks.requireNonNull(trainIndices, "trainIndices");
        Checks.requireNonNull(testIndices, "testIndices");
        if (trainIndices.length != train.rows() || testIndices.length != test.rows()) {
            throw new IllegalArgumentException("index arrays must match the parts: train has " + train.rows()
                    + " rows and " + trainIndices.length + " indices, test has " + test.rows() + " rows and "
                    + testIndices.length + " indices");
        }
        trainIndices = trainIndices.clone();
        testIndices = testIndices.clone();
    }

    /** {@return a copy of the original row index of each training row} */
    @Override
    public int[] trainIndices() {
        return trainIndices.clone();
    }

    /** {@return a copy of the original row index of each test row} */
    @Override
    public int[] testIndices() {
        return testIndices.clone();
    }

    /**
     * A stratified random split: each class is split on its own, in the same proportion.
     *
     * <p>How many rows of each class go to the test set: the total is t = round(n·f) for n rows and
     * test fraction f. Class c, with n<sub>c</sub> rows, has the exact share q<sub>c</sub> =
     * n<sub>c</sub>·t / n. Each class first gets ⌊q<sub>c</sub>⌋; the t − Σ⌊q<sub>c</sub>⌋ rows
     * left over go one each to the classes with the largest remainders q<sub>c</sub> −
     * ⌊q<sub>c</sub>⌋ (ties to the lower class), the largest-remainder method. The total is then
     * exactly t and every class is within one row of its share. Then every class with at least two
     * rows is made to keep at least one row in each part: a class with no test row takes one from
     * the class furthest above its share (that still has a test row to spare), and a class with no
     * training row gives one to the class furthest below its share (that can still take one); only
     * these moves, needed only for tiny classes or extreme fractions, can push a class further than
     * one row from its share, and they are skipped when t or n − t is too small to allow them.
     *
     * <p>Which rows: for each class in turn (0, 1, …) its row indices, in data order, are shuffled
     * with {@link RandomSource#shuffle(int[])}, and the first ones go to the test set. Both parts
     * then keep the original row order.
     *
     * @param data         the rows to split; not modified
     * @param testFraction f, strictly between 0 and 1
     * @param random       the random source; its state advances
     * @return the split, t test rows and n − t training rows, both parts in data order
     * @throws IllegalArgumentException when an argument is null, f is not in (0, 1), or t would
     *                                  leave a part empty
     */
    public static Split stratified(DataSet data, double testFraction, RandomSource random) {
        Checks.requireNonNull(data, "data");
        Checks.requireNonNull(random, "random");
        int n = data.rows();
        int t = testSize(n, testFraction);
        int[] counts = data.classCounts();
        int[] testCounts = allocate(counts, n, t);

        int k = counts.length;
        int[][] byClass = new int[k][];
        int[] filled = new int[k];
        for (int c = 0; c < k; c++) {
            byClass[c] = new int[counts[c]];
        }
        for (int i = 0; i < n; i++) {
            int c = data.label(i);
            byClass[c][filled[c]++] = i;
        }
        boolean[] inTest = new boolean[n];
        for (int c = 0; c < k; c++) {
            random.shuffle(byClass[c]);
            for (int m = 0; m < testCounts[c]; m++) {
                inTest[byClass[c][m]] = true;
            }
        }
        int[] test = new int[t];
        int[] train = new int[n - t];
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            if (inTest[i]) {
                test[a++] = i;
            } else {
                train[b++] = i;
            }
        }
        return new Split(data.subset(train), data.subset(test), train, test);
    }

    /**
     * A plain random split: the row indices 0..n−1 are shuffled with
     * {@link RandomSource#shuffle(int[])}; the first t of the permutation form the test set and the
     * rest the training set, each in permutation order. With {@link dev.mlp.random.NumpyRandom} this
     * is numpy's {@code p = np.random.permutation(n); test, train = p[:t], p[t:]}.
     *
     * @param data         the rows to split; not modified
     * @param testFraction f, strictly between 0 and 1; t = round(n·f)
     * @param random       the random source; its state advances
     * @return the split, t test rows and n − t training rows, both parts in permutation order
     * @throws IllegalArgumentException when an argument is null, f is not in (0, 1), or t would
     *                                  leave a part empty
     */
    public static Split shuffled(DataSet data, double testFraction, RandomSource random) {
        Checks.requireNonNull(data, "data");
        Checks.requireNonNull(random, "random");
        int n = data.rows();
        int t = testSize(n, testFraction);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        random.shuffle(order);
        int[] test = Arrays.copyOfRange(order, 0, t);
        int[] train = Arrays.copyOfRange(order, t, n);
        return new Split(data.subset(train), data.subset(test), train, test);
    }

    /** t = round(n·f), half up; requires 1 ≤ t ≤ n − 1. */
    static int testSize(int n, double testFraction) {
        if (!(testFraction > 0.0 && testFraction < 1.0)) {
            throw new IllegalArgumentException("testFraction must be strictly between 0 and 1, got " + testFraction);
        }
        long t = (long) Math.floor(n * testFraction + 0.5);
        if (t < 1 || t > n - 1) {
            throw new IllegalArgumentException("a test fraction of " + testFraction + " of " + n + " rows gives "
                    + t + " test rows and " + (n - t) + " training rows; each part needs at least one");
        }
        return (int) t;
    }

    /**
     * The number of test rows of each class: largest-remainder apportionment of t over the class
     * counts, then at least one row in each part for classes of two or more rows where possible.
     * Shares are compared exactly in integers: the surplus of class c is tc·n − n<sub>c</sub>·t,
     * n times its distance above its share.
     */
    static int[] allocate(int[] counts, int n, int t) {
        int k = counts.length;
        int[] alloc = new int[k];
        long[] remainder = new long[k];
        int given = 0;
        for (int c = 0; c < k; c++) {
            long exact = (long) counts[c] * t;
            alloc[c] = (int) (exact / n);
            remainder[c] = exact % n;
            given += alloc[c];
        }
        for (int left = t - given; left > 0; left--) {
            int best = -1;
            for (int c = 0; c < k; c++) {
                if (remainder[c] >= 0 && (best < 0 || remainder[c] > remainder[best])) {
                    best = c;
                }
            }
            alloc[best]++;
            remainder[best] = -1; // each class gets at most one extra row
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] >= 2 && alloc[c] == 0) {
                int donor = -1;
                for (int d = 0; d < k; d++) {
                    int keep = counts[d] >= 2 ? 1 : 0;
                    if (d != c && alloc[d] > keep
                            && (donor < 0 || surplus(alloc, counts, n, t, d) > surplus(alloc, counts, n, t, donor))) {
                        donor = d;
                    }
                }
                if (donor < 0) {
                    break;
                }
                alloc[donor]--;
                alloc[c]++;
            }
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] >= 2 && alloc[c] == counts[c]) {
                int receiver = -1;
                for (int d = 0; d < k; d++) {
                    int most = counts[d] >= 2 ? counts[d] - 1 : counts[d];
                    if (d != c && alloc[d] < most
                            && (receiver < 0
                                || surplus(alloc, counts, n, t, d) < surplus(alloc, counts, n, t, receiver))) {
                        receiver = d;
                    }
                }
                if (receiver < 0) {
                    break;
                }
                alloc[c]--;
                alloc[receiver]++;
            }
        }
        return alloc;
    }

    private static long surplus(int[] alloc, int[] counts, int n, int t, int c) {
        return (long) alloc[c] * n - (long) counts[c] * t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Split s && train.equals(s.train) && test.equals(s.test)
                && Arrays.equals(trainIndices, s.trainIndices) && Arrays.equals(testIndices, s.testIndices);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * train.hashCode() + test.hashCode()) + 31 * Arrays.hashCode(trainIndices)
                + Arrays.hashCode(testIndices);
    }

    /** "Split[train 1348×64, test 449×64]". */
    @Override
    public String toString() {
        return "Split[train " + train.rows() + "×" + train.columns() + ", test " + test.rows() + "×"
                + test.columns() + "]";
    }
}
