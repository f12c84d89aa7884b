package dev.mlp.model;

import dev.mlp.Checks;
import dev.mlp.MatrixRows;
import dev.mlp.activation.Activation;
import dev.mlp.activation.Activations;
import dev.mlp.linalg.Backend;
import dev.mlp.linalg.Backends;
import dev.mlp.random.RandomSource;
import org.ejml.data.DMatrixRMaj;
import org.ejml.simple.SimpleMatrix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A multi-layer perceptron: an ordered stack of {@link DenseLayer}s where each layer's outputs are
 * the next one's inputs. The blog's {@code Network((64, 15, 10), (Relu, Sigmoid))} is
 * {@code Network.of(new int[] {64, 15, 10}, List.of(new ReLU(), new Sigmoid()), new NumpyRandom(1))}.
 *
 * <p>Forward pass, layer by layer: z⁽ˡ⁺¹⁾ = a⁽ˡ⁾ W⁽ˡ⁾ + b⁽ˡ⁾, a⁽ˡ⁺¹⁾ = f⁽ˡ⁺¹⁾(z⁽ˡ⁺¹⁾), a⁽¹⁾ = x.
 *
 * <p>Thread safety: {@link #predict} allocates its own buffers, so any number of threads may
 * predict at once. Training changes the weights in place, so training and prediction on other
 * threads exclude each other and the second one is refused with an {@link IllegalStateException}
 * (never blocked, never silently mixed): a prediction started on another thread while the network
 * trains, or training started while other threads predict. The training thread itself (its
 * listeners, its validation) may predict. Direct use of {@link DenseLayer#forward} and of the live
 * weight matrices is not guarded.
 *
 * <p>A network knows nothing of training: it holds layers and predicts. Training (and the random
 * source it shuffles with) belongs to {@code dev.mlp.train.Trainer}.
 */
public final class Network {

    private final List<DenseLayer> layers;
    /** Read lock: a prediction in progress; write lock: training in progress. */
    private final ReentrantReadWriteLock usage = new ReentrantReadWriteLock();

    private Network(List<DenseLayer> layers) {
        this.layers = Collections.unmodifiableList(new ArrayList<>(layers));
    }

    /**
     * A network with the blog's initialisation ({@link Initializer#FAN_IN_NORMAL}, biases 0).
     *
     * @param sizes       layer sizes, input first: at least two, each &gt; 0
     * @param activations one per layer after the input ({@code sizes.length - 1} of them)
     * @param random      draws the initial weights; pass the same source to the trainer for the
     *                    blog's single stream (initial weights, then shuffling)
     * @return the new network
     * @throws IllegalArgumentException as {@link #of(int[], List, Initializer, RandomSource)}
     */
    public static Network of(int[] sizes, List<? extends Activation> activations, RandomSource random) {
        return of(sizes, activations, Initializer.FAN_IN_NORMAL, random);
    }

    /**
     * {@return a network whose weights are drawn by {@code initializer}, layer by layer, biases 0}
     *
     * @param sizes       layer sizes, input first: at least two, each &gt; 0
     * @param activations one per layer after the input ({@code sizes.length - 1} of them), not null
     * @param initializer draws each layer's weights
     * @param random      draws the initial weights, and is not kept
     * @throws IllegalArgumentException for fewer than two sizes, a size ≤ 0, or a number of
     *                                  activations other than {@code sizes.length - 1}
     */
    public static Network of(int[] sizes, List<? extends Activation> activations, Initializer initializer,
                             RandomSource random) {
        Checks.requireNonNull(sizes, "sizes");
        Checks.requireNonNull(activations, "activations");
        Checks.requireNonNull(initializer, "initializer");
        Checks.requireNonNull(random, "random");
        if (sizes.length < 2) {
            throw new IllegalArgumentException("sizes needs at least two entries (input and output), got "
                    + java.util.Arrays.toString(sizes));
        }
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] <= 0) {
                throw new IllegalArgumentException("sizes[" + i + "] must be > 0, got " + sizes[i]
                        + " in " + java.util.Arrays.toString(sizes));
            }
            if (i > 0 && (long) sizes[i - 1] * sizes[i] > DenseLayer.MAX_WEIGHTS) {
                throw new IllegalArgumentException("sizes[" + (i - 1) + "] x sizes[" + i + "] = " + sizes[i - 1] + " x "
                        + sizes[i] + " weights do not fit in an array (at most " + DenseLayer.MAX_WEIGHTS
                        + ") in sizes " + java.util.Arrays.toString(sizes));
            }
        }
        if (activations.size() != sizes.length - 1) {
            throw new IllegalArgumentException("need one activation per layer after the input: "
                    + (sizes.length - 1) + " for sizes " + java.util.Arrays.toString(sizes) + ", got " + activations.size());
        }
        List<DenseLayer> layers = new ArrayList<>();
        for (int i = 0; i < sizes.length - 1; i++) {
            Activation f = activations.get(i);
            if (f == null) {
                throw new IllegalArgumentException("activations[" + i + "] is null");
            }
            DenseLayer layer = new DenseLayer(sizes[i], sizes[i + 1], f);
            initializer.initialize(layer.weights(), random);
            layers.add(layer);
        }
        return new Network(layers);
    }

    /**
     * {@return a network from existing layers (for example loaded from a file), checked to chain}
     * The layers themselves are kept, not copied: the network trains them in place.
     *
     * @param layers at least one; each layer's inputs equal the previous layer's outputs; the
     *               last one without dropout
     * @throws IllegalArgumentException for null or no layers, two that do not chain, or dropout
     *                                  on the output layer
     */
    public static Network fromLayers(List<DenseLayer> layers) {
        Checks.requireNonNull(layers, "layers");
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).inputs() != layers.get(i - 1).outputs()) {
                throw new IllegalArgumentException("layer " + i + " takes " + layers.get(i).inputs()
                        + " inputs but layer " + (i - 1) + " gives " + layers.get(i - 1).outputs());
            }
        }
        DenseLayer last = layers.get(layers.size() - 1);
        if (last.dropout() > 0) {
            // the loss would be computed on masked outputs, which are not the prediction
            throw new IllegalArgumentException("the output layer (layer " + (layers.size() - 1)
                    + ") cannot have dropout, got " + last.dropout() + "; dropout belongs to hidden layers");
        }
        return new Network(layers);
    }

    /** {@return the layers, input side first; an unmodifiable list of the live layers} */
    public List<DenseLayer> layers() {
        return layers;
    }

    /**
     * {@return the layer at {@code index}, 0 being the one that takes the input}
     *
     * @param index in [0, {@code layers().size()})
     * @throws IndexOutOfBoundsException for an index out of range
     */
    public DenseLayer layer(int index) {
        return layers.get(index);
    }

    /** {@return the number of inputs: the columns x must have} */
    public int inputSize() {
        return layers.get(0).inputs();
    }

    /** {@return the number of outputs: the columns of a prediction} */
    public int outputSize() {
        return layers.get(layers.size() - 1).outputs();
    }

    /** {@return the output layer's activation} */
    public Activation outputActivation() {
        return layers.get(layers.size() - 1).activation();
    }

    /** {@return the layer sizes, input first: {64, 15, 10}; a new array} */
    public int[] sizes() {
        int[] s = new int[layers.size() + 1];
        s[0] = inputSize();
        for (int i = 0; i < layers.size(); i++) {
            s[i + 1] = layers.get(i).outputs();
        }
        return s;
    }

    /** {@return true when some layer drops units in training ({@link DenseLayer#dropout()} &gt; 0)} */
    public boolean hasDropout() {
        for (DenseLayer layer : layers) {
            if (layer.dropout() > 0) {
                return true;
            }
        }
        return false;
    }

    /** {@return the number of trainable values over all layers} */
    public long parameterCount() {
        long n = 0;
        for (DenseLayer layer : layers) {
            n += layer.parameterCount();
        }
        return n;
    }

    /**
     * The output activations for a batch: n x outputSize, rows are samples, computed with
     * {@link Backends#defaultBackend()}, made on the first call that names no backend.
     *
     * @param x n x inputSize, finite, not modified
     * @return a new matrix
     */
    public DMatrixRMaj predict(DMatrixRMaj x) {
        return predict(x, DefaultBackend.INSTANCE);
    }

    /**
     * As {@link #predict(DMatrixRMaj)}, with every operation (products, activations' element-wise
     * functions, the finite check) computed by {@code backend}.
     *
     * <p>Only the returned matrix is new. Hidden activations of up to {@value #KEPT_HIDDEN} doubles
     * go into two arrays each predicting thread keeps (512 KB at most per thread, for all networks);
     * larger ones are allocated per call.
     *
     * @param x       n x inputSize, finite, not modified
     * @param backend computes every operation of the pass
     * @return a new n x outputSize matrix
     * @throws IllegalArgumentException if x is null, empty, not finite or of the wrong width
     * @throws IllegalStateException    if another thread is training this network
     */
    public DMatrixRMaj predict(DMatrixRMaj x, Backend backend) {
        Checks.requireNonEmpty(x, "x");
        Checks.requireColumns(x, inputSize(), "x");
        Checks.requireNonNull(backend, "backend");
        // With a backend that carries any NaN or ±∞ of x into its row of z₀ = x W₀ + b₀, checking z₀
        // (before the activation, which might map NaN to 0) finds every bad input while reading
        // outputs/inputs as much memory (15/64 for digits): about 7% of a digits prediction saved.
        boolean checkFirstProduct = backend.propagatesNonFinite();
        if (!checkFirstProduct) {
            Checks.requireFinite(x, "x");
        }
        if (!usage.readLock().tryLock()) {
            throw new IllegalStateException("cannot predict while another thread trains this network; "
                    + "predict from a training listener, or after fit returns");
        }
        try {
            DMatrixRMaj in = x;
            for (int l = 0; l < layers.size(); l++) {
                DenseLayer layer = layers.get(l);
                DMatrixRMaj z = l == layers.size() - 1 ? new DMatrixRMaj(x.numRows, layer.outputs())
                        : hiddenBuffer(l % 2, x.numRows, layer.outputs());
                if (l == 0 && checkFirstProduct) {
                    backend.multAddBias(in, layer.weights(), layer.bias(), z);
                    if (!backend.allFinite(z.data, z.getNumElements())) {
                        // x is to blame only if it holds the non-finite value; else the weights overflowed
                        Checks.requireFinite(x, "x");
                    }
                    layer.activation().forward(z, z, backend);
                } else {
                    layer.forward(in, z, z, backend);
                }
                in = z;
            }
            return in;
        } finally {
            usage.readLock().unlock();
        }
    }

    /**
     * Marks this network as being trained by the calling thread until the returned handle is
     * closed; used by the trainer around each {@code fit}. Meanwhile predictions from other threads
     * are refused; the calling thread may still predict. Re-entrant on the same thread.
     *
     * @return the handle to close when training ends (try-with-resources)
     * @throws IllegalStateException if other threads are predicting with, or training, this network
     */
    public TrainingGuard guardTraining() {
        if (!usage.writeLock().tryLock()) {
            throw new IllegalStateException("cannot train this network while other threads predict with it "
                    + "or train it; wait for them to finish");
        }
        return () -> usage.writeLock().unlock();
    }

    /** The handle of {@link #guardTraining()}: closing it ends the training mark. */
    public interface TrainingGuard extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * The most doubles (256 KB) of one hidden layer's activations that a thread keeps between
     * predictions; larger ones are allocated per call. Allocating and zeroing them was about a seventh
     * of a small prediction's time (digits: 1797 × 15).
     */
    static final int KEPT_HIDDEN = 1 << 15;

    /** Two alternating hidden-activation arrays per thread, shared by all networks. */
    private static final ThreadLocal<double[][]> HIDDEN = ThreadLocal.withInitial(() -> new double[2][0]);

    /** A rows × cols matrix on this thread's kept array {@code which} when small enough, else a new one. */
    private static DMatrixRMaj hiddenBuffer(int which, int rows, int cols) {
        int size = rows * cols;
        if (size > KEPT_HIDDEN) {
            return new DMatrixRMaj(rows, cols);
        }
        double[][] kept = HIDDEN.get();
        if (kept[which].length < size) {
            kept[which] = new double[KEPT_HIDDEN];
        }
        return DMatrixRMaj.wrap(rows, cols, kept[which]);
    }

    /**
     * The backend of {@link #predict(DMatrixRMaj)}: {@link Backends#defaultBackend()}, made on the
     * first such call (not when Network loads), then kept, since making the vector backend
     * reflectively costs more than a small prediction.
     */
    private static final class DefaultBackend {
        static final Backend INSTANCE = Backends.defaultBackend();
    }

    /**
     * Class probabilities for a classifier: the output of a softmax layer (rows sum to 1) or of a
     * sigmoid layer (each entry the probability of its label).
     *
     * @param x n x inputSize, finite, not modified
     * @return a new n x outputSize matrix of probabilities
     * @throws IllegalStateException if the output layer does not give probabilities
     *                               ({@link Activations#givesProbabilities}: softmax, sigmoid)
     */
    public DMatrixRMaj predictProba(DMatrixRMaj x) {
        Activation out = outputActivation();
        if (!Activations.givesProbabilities(out)) {
            throw new IllegalStateException("predictProba needs a softmax or sigmoid output, this network has " + out.name());
        }
        return predict(x);
    }

    /**
     * The predicted class of each row: the index of the largest output (the first on ties, as numpy's
     * argmax), whatever the output activation; for a single sigmoid output, 1 when the output is at
     * least 0.5, else 0.
     *
     * @param x n x inputSize, finite, not modified
     * @return one class index per row of x
     * @throws IllegalStateException if the network has a single output that is not a sigmoid: that
     *                               is a regression (or a score without a threshold), use
     *                               {@link #predict}
     */
    public int[] predictClass(DMatrixRMaj x) {
        if (outputSize() == 1 && !(outputActivation() instanceof dev.mlp.activation.Sigmoid)) {
            throw new IllegalStateException("predictClass needs a sigmoid for a single output, this network's is "
                    + outputActivation().name() + ": for regression use predict");
        }
        DMatrixRMaj p = predict(x);
        int[] classes = new int[p.numRows];
        int k = p.numCols;
        for (int r = 0; r < p.numRows; r++) {
            if (k == 1) {
                classes[r] = p.data[r] >= 0.5 ? 1 : 0;
                continue;
            }
            classes[r] = MatrixRows.argmax(p, r);
        }
        return classes;
    }

    /**
     * Multi-label prediction: entry (r, c) is true when output c of row r is at least {@code threshold}.
     *
     * @param x         n x inputSize, finite, not modified
     * @param threshold in (0, 1), typically 0.5
     * @return n rows of outputSize flags
     * @throws IllegalArgumentException for a threshold outside (0, 1)
     * @throws IllegalStateException    if the output layer does not give probabilities (as
     *                                  {@link #predictProba})
     */
    public boolean[][] predictLabels(DMatrixRMaj x, double threshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
        }
        DMatrixRMaj p = predictProba(x);
        boolean[][] labels = new boolean[p.numRows][p.numCols];
        for (int r = 0; r < p.numRows; r++) {
            for (int c = 0; c < p.numCols; c++) {
                labels[r][c] = p.get(r, c) >= threshold;
            }
        }
        return labels;
    }

    // The SimpleMatrix forms of the predictions above: each unwraps x and wraps what it returns,
    // copying neither (Checks.requireDDRM, SimpleMatrix.wrap), and otherwise is its DMatrixRMaj form.

    /**
     * {@link #predict(DMatrixRMaj)} for EJML's {@link SimpleMatrix}: x is unwrapped and the result
     * wrapped, neither copied.
     *
     * @param x n x inputSize, dense doubles ({@code MatrixType.DDRM}), finite, not modified
     * @return a new n x outputSize matrix
     * @throws IllegalArgumentException if x is null or holds another type (float, sparse), and as
     *                                  {@link #predict(DMatrixRMaj)}
     */
    public SimpleMatrix predict(SimpleMatrix x) {
        return SimpleMatrix.wrap(predict(Checks.requireDDRM(x, "x")));
    }

    /**
     * {@link #predict(DMatrixRMaj, Backend)} for a {@link SimpleMatrix}: x is unwrapped and the result
     * wrapped, neither copied.
     *
     * @param x       n x inputSize, dense doubles ({@code MatrixType.DDRM}), finite, not modified
     * @param backend computes every operation
     * @return a new n x outputSize matrix
     */
    public SimpleMatrix predict(SimpleMatrix x, Backend backend) {
        return SimpleMatrix.wrap(predict(Checks.requireDDRM(x, "x"), backend));
    }

    /**
     * {@link #predictProba(DMatrixRMaj)} for a {@link SimpleMatrix}: x is unwrapped and the result
     * wrapped, neither copied.
     *
     * @param x n x inputSize, dense doubles ({@code MatrixType.DDRM}), finite, not modified
     * @return a new n x outputSize matrix of probabilities
     */
    public SimpleMatrix predictProba(SimpleMatrix x) {
        return SimpleMatrix.wrap(predictProba(Checks.requireDDRM(x, "x")));
    }

    /**
     * {@link #predictClass(DMatrixRMaj)} for a {@link SimpleMatrix}, which is unwrapped, not copied.
     *
     * @param x n x inputSize, dense doubles ({@code MatrixType.DDRM}), finite, not modified
     * @return the n predicted classes
     */
    public int[] predictClass(SimpleMatrix x) {
        return predictClass(Checks.requireDDRM(x, "x"));
    }

    /**
     * {@link #predictLabels(DMatrixRMaj, double)} for a {@link SimpleMatrix}, which is unwrapped, not
     * copied.
     *
     * @param x         n x inputSize, dense doubles ({@code MatrixType.DDRM}), finite, not modified
     * @param threshold in (0, 1), typically 0.5
     * @return n rows of outputSize labels
     */
    public boolean[][] predictLabels(SimpleMatrix x, double threshold) {
        return predictLabels(Checks.requireDDRM(x, "x"), threshold);
    }

    /** {@return a deep copy: new layers with the same activations, dropout, weights and biases} */
    public Network copy() {
        List<DenseLayer> copies = new ArrayList<>();
        for (DenseLayer layer : layers) {
            copies.add(layer.copy());
        }
        return new Network(copies);
    }

    /**
     * {@return one line per layer, as Keras' {@code summary()}: the layer, its output width and
     * parameter count; then the total}
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-8s %-28s %8s%n", "layer", "type", "params"));
        for (int i = 0; i < layers.size(); i++) {
            DenseLayer l = layers.get(i);
            sb.append(String.format("%-8d %-28s %8d%n", i, l.toString(), l.parameterCount()));
        }
        sb.append(String.format("total params: %d%n", parameterCount()));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Network" + java.util.Arrays.toString(sizes()) + " " + layers;
    }
}
