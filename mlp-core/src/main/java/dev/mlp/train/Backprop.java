package dev.mlp.train;

import dev.mlp.Checks;
import dev.mlp.activation.Activation;
import dev.mlp.linalg.Backend;
import dev.mlp.linalg.Backends;
import dev.mlp.loss.Loss;
import dev.mlp.model.DenseLayer;
import dev.mlp.model.Network;
import dev.mlp.random.RandomSource;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * Backpropagation for a stack of dense layers, in matrix form over a batch (rows are samples),
 * with every buffer allocated once here so that a training step allocates nothing.
 *
 * <p>Layers are numbered l = 0..L-1; a₀ = x is the batch input.
 * <pre>
 * forward:   zₗ = aₗ Wₗ + bₗ            aₗ₊₁ = fₗ(zₗ)
 * output:    δ_{L-1} = dLoss/dz_{L-1}   (the loss' closed form, or the blog's (a - y) ⊙ f'(a))
 * backward:  dWₗ = aₗᵀ δₗ              dbₗ = Σ_rows δₗ   (the blog: mean over rows)
 *            δₗ₋₁ = (δₗ Wₗᵀ) ⊙ f'ₗ₋₁(zₗ₋₁)
 * </pre>
 * One matrix product per layer per direction, computed by a {@link Backend}:
 * {@code multAddBias} forward, {@code multTransA} for dW, {@code multTransB} for the propagated error.
 *
 * <p><b>Dropout.</b> A hidden layer l with dropout rate pₗ ({@link DenseLayer#dropout()}) passes
 * on hₗ = aₗ₊₁ ⊙ mₗ instead of aₗ₊₁, with a mask mₗ drawn for every batch: each entry is 0 with
 * probability pₗ, else 1/(1 - pₗ) (inverted dropout). The next layer reads hₗ forward and in its
 * dW; backward, δₗ = (δₗ₊₁ Wₗ₊₁ᵀ) ⊙ mₗ ⊙ f'ₗ(zₗ), with f' taken from the unmasked aₗ₊₁. The masks
 * are drawn row after row, layer after layer, as {@code nextDouble() < p}, from the random source
 * the workspace was given (the training session's own), so a seed reproduces them.
 *
 * <p><b>Row weights.</b> When the batch carries weights wᵢ (class and sample weights,
 * {@link dev.mlp.loss.ClassWeights}), the loss is the weighted one,
 * {@link Loss#loss(DMatrixRMaj, DMatrixRMaj, DMatrixRMaj)}, and so is δ_{L-1}; the rest of the
 * chain is unchanged.
 *
 * <p>One instance serves one network and one thread. Parameters and gradients are exposed in the
 * same order (W₀, b₀, W₁, b₁, …) for the optimizer.
 */
public final class Backprop {

    private final List<DenseLayer> layers;
    private final Backend backend;
    private final int maxRows;
    /** a[0] is the batch input, a[l + 1] the output of layer l. */
    private final DMatrixRMaj[] a;
    private final DMatrixRMaj[] z;
    private final DMatrixRMaj[] delta;
    private final DMatrixRMaj[] dW;
    private final DMatrixRMaj[] db;
    /** mask[l] and dropped[l] = a[l + 1] ⊙ mask[l] for a layer with dropout, else null. */
    private final DMatrixRMaj[] mask;
    private final DMatrixRMaj[] dropped;
    /** in[l]: what layer l reads, a[l] or the dropped output of layer l - 1. */
    private final DMatrixRMaj[] in;
    /** Draws the dropout masks; null when no layer drops. */
    private final RandomSource random;
    private final DMatrixRMaj target;
    /** The batch's row weights, rows x 1, when it is weighted. */
    private final DMatrixRMaj rowWeights;
    private boolean weighted;
    /** f(a) of the output layer, needed only by the blog's rule. */
    private final DMatrixRMaj blogScratch;
    private final DMatrixRMaj[] parameters;
    private final DMatrixRMaj[] gradients;
    private final boolean[] decayed;

    /**
     * A workspace that computes with {@link Backends#defaultBackend()}.
     *
     * @param network the network whose weights the gradients are for (read live, never copied)
     * @param maxRows the largest batch this workspace will hold
     */
    public Backprop(Network network, int maxRows) {
        this(network, maxRows, Backends.defaultBackend());
    }

    /**
     * A workspace for a network without dropout.
     *
     * @param network the network whose weights the gradients are for (read live, never copied)
     * @param maxRows the largest batch this workspace will hold
     * @param backend computes every operation: products, activations, finite checks
     * @throws IllegalArgumentException for a null argument, maxRows &lt; 1, or a network with
     *                                  dropout (its masks need a random source)
     */
    public Backprop(Network network, int maxRows, Backend backend) {
        this(network, maxRows, backend, null);
    }

    /**
     * A workspace for batches of up to {@code maxRows} rows, its buffers allocated here.
     *
     * @param network the network whose weights the gradients are for (read live, never copied)
     * @param maxRows the largest batch this workspace will hold
     * @param backend computes every operation: products, activations, finite checks
     * @param random  draws the dropout masks, one batch after another; may be null when no layer
     *                has dropout
     * @throws IllegalArgumentException for a null network or backend, maxRows &lt; 1, or a null
     *                                  random source for a network with dropout
     */
    public Backprop(Network network, int maxRows, Backend backend, RandomSource random) {
        Checks.requireNonNull(network, "network");
        Checks.requirePositive(maxRows, "maxRows");
        Checks.requireNonNull(backend, "backend");
        if (random == null && network.hasDropout()) {
            throw new IllegalArgumentException("the network has dropout, whose masks need a random source; "
                    + "pass one (the training session's)");
        }
        this.backend = backend;
        this.random = network.hasDropout() ? random : null;
        this.layers = network.layers();
        this.maxRows = maxRows;
        int n = layers.size();
        a = new DMatrixRMaj[n + 1];
        z = new DMatrixRMaj[n];
        delta = new DMatrixRMaj[n];
        dW = new DMatrixRMaj[n];
        db = new DMatrixRMaj[n];
        parameters = new DMatrixRMaj[2 * n];
        gradients = new DMatrixRMaj[2 * n];
        decayed = new boolean[2 * n];
        mask = new DMatrixRMaj[n];
        dropped = new DMatrixRMaj[n];
        in = new DMatrixRMaj[n];
        a[0] = new DMatrixRMaj(maxRows, network.inputSize());
        in[0] = a[0];
        for (int l = 0; l < n; l++) {
            DenseLayer layer = layers.get(l);
            z[l] = new DMatrixRMaj(maxRows, layer.outputs());
            a[l + 1] = new DMatrixRMaj(maxRows, layer.outputs());
            delta[l] = new DMatrixRMaj(maxRows, layer.outputs());
            dW[l] = new DMatrixRMaj(layer.inputs(), layer.outputs());
            db[l] = new DMatrixRMaj(1, layer.outputs());
            parameters[2 * l] = layer.weights();
            parameters[2 * l + 1] = layer.bias();
            decayed[2 * l] = true;
            gradients[2 * l] = dW[l];
            gradients[2 * l + 1] = db[l];
            if (layer.dropout() > 0) {
                mask[l] = new DMatrixRMaj(maxRows, layer.outputs());
                dropped[l] = new DMatrixRMaj(maxRows, layer.outputs());
            }
            if (l + 1 < n) {
                in[l + 1] = dropped[l] != null ? dropped[l] : a[l + 1];
            }
        }
        target = new DMatrixRMaj(maxRows, network.outputSize());
        rowWeights = new DMatrixRMaj(maxRows, 1);
        blogScratch = new DMatrixRMaj(maxRows, network.outputSize());
    }

    /** {@return W₀, b₀, W₁, b₁, …: the network's live matrices} */
    public DMatrixRMaj[] parameters() {
        return parameters;
    }

    /**
     * {@return for each of {@link #parameters()}: true for weights, false for biases} Weight decay
     * skips biases.
     */
    public boolean[] weightDecayMask() {
        return decayed;
    }

    /** {@return dW₀, db₀, dW₁, db₁, …: the buffers {@link #gradients(Loss, GradientRule)} writes} */
    public DMatrixRMaj[] gradientBuffers() {
        return gradients;
    }

    /**
     * Copies rows {@code order[from..to)} of x, y and (unless null) the row weights w into the
     * batch buffers (no allocation).
     */
    void loadBatch(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj w, int[] order, int from, int to) {
        int rows = to - from;
        DMatrixRMaj input = a[0];
        input.reshape(rows, x.numCols);
        target.reshape(rows, y.numCols);
        for (int r = 0; r < rows; r++) {
            int src = order[from + r];
            System.arraycopy(x.data, src * x.numCols, input.data, r * x.numCols, x.numCols);
            System.arraycopy(y.data, src * y.numCols, target.data, r * y.numCols, y.numCols);
        }
        weighted = w != null;
        if (weighted) {
            rowWeights.reshape(rows, 1);
            for (int r = 0; r < rows; r++) {
                rowWeights.data[r] = w.data[order[from + r]];
            }
        }
    }

    /**
     * Copies a whole batch into the buffers, runs forward and backward, and returns the batch loss.
     * Meant for gradient checks and for callers driving their own loop.
     *
     * <p>Checks everything once, before touching the buffers: each argument non-null; x and y
     * non-empty, finite, with the network's widths and the same rows, at most {@code maxRows};
     * the targets acceptable to the loss ({@link Loss#checkTargets}, for example rows of
     * probabilities for softmax cross-entropy) and the loss fit for the output layer
     * ({@link Loss#checkOutput}).
     *
     * @param x    n x inputs with n ≤ maxRows, finite, not modified
     * @param y    n x outputs, finite and acceptable to {@code loss}, not modified
     * @param loss the objective
     * @param rule how the output error is computed
     * @return the batch's mean loss
     * @throws IllegalArgumentException naming the argument, the expected and the actual value (the
     *                                  shape, or the row, column and value of a bad entry)
     */
    public double gradients(DMatrixRMaj x, DMatrixRMaj y, Loss loss, GradientRule rule) {
        return gradients(x, y, null, loss, rule);
    }

    /**
     * As {@link #gradients(DMatrixRMaj, DMatrixRMaj, Loss, GradientRule)}, for the weighted loss
     * (1/n) Σᵢ wᵢ ℓᵢ when {@code w} is given.
     *
     * @param x    n x inputs with n ≤ maxRows, finite, not modified
     * @param y    n x outputs, finite and acceptable to {@code loss}, not modified
     * @param w    n x 1 row weights, finite and ≥ 0, not modified; null for none
     * @param loss the objective
     * @param rule how the output error is computed; {@link GradientRule#EXACT} when w is given
     * @return the batch's (weighted) mean loss
     * @throws IllegalArgumentException as the unweighted form, and for weights of another shape,
     *                                  negative or not finite, or weights with the blog's rule
     */
    public double gradients(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj w, Loss loss, GradientRule rule) {
        Checks.requireNonEmpty(x, "x");
        Checks.requireNonEmpty(y, "y");
        Checks.requireNonNull(loss, "loss");
        Checks.requireNonNull(rule, "rule");
        if (x.numRows > maxRows) {
            throw new IllegalArgumentException("x has " + x.numRows + " rows (" + Checks.shape(x)
                    + "), this workspace holds at most " + maxRows);
        }
        Checks.requireSameRows(x, y, "x", "y");
        Checks.requireColumns(x, a[0].numCols, "x");
        Checks.requireColumns(y, target.numCols, "y");
        Checks.requireFinite(x, "x");
        loss.checkTargets(y, "y");
        loss.checkOutput(layers.get(layers.size() - 1).activation());
        if (w != null) {
            Checks.requireSameRows(x, w, "x", "w");
            Checks.requireColumns(w, 1, "w");
            dev.mlp.loss.ClassWeights.requireRowWeights(w.data, w.numRows, "w");
            if (rule == GradientRule.BLOG) {
                throw new IllegalArgumentException("the blog's gradient rule takes no row weights");
            }
        }
        int[] order = new int[x.numRows];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        loadBatch(x, y, w, order, 0, x.numRows);
        return gradients(loss, rule);
    }

    /**
     * Forward and backward on the loaded batch: fills the gradient buffers.
     *
     * @return the batch's mean loss, measured before any update
     */
    double gradients(Loss loss, GradientRule rule) {
        int n = layers.size();
        int rows = a[0].numRows;
        for (int l = 0; l < n; l++) {
            // zₗ = hₗ₋₁ Wₗ + bₗ,  aₗ₊₁ = fₗ(zₗ)   (hₗ₋₁ = aₗ unless layer l - 1 drops)
            layers.get(l).forward(in[l], z[l], a[l + 1], backend);
            if (mask[l] != null) {
                // hₗ = aₗ₊₁ ⊙ mₗ,  mₗ ∈ {0, 1/(1 - pₗ)}
                drawMask(layers.get(l).dropout(), mask[l], rows);
                multiply(a[l + 1], mask[l], dropped[l]);
            }
        }
        DMatrixRMaj output = a[n];
        double batchLoss = weighted ? loss.loss(output, target, rowWeights) : loss.loss(output, target);

        DenseLayer last = layers.get(n - 1);
        if (rule == GradientRule.BLOG) {
            outputDeltaBlog(last.activation(), output, delta[n - 1]);
        } else if (weighted) {
            loss.outputDelta(z[n - 1], output, target, rowWeights, last.activation(), delta[n - 1]);
        } else {
            loss.outputDelta(z[n - 1], output, target, last.activation(), delta[n - 1]);
        }
        // the blog divides (numpy's mean), and x / n is not always x · (1/n) in the last bit
        double biasDivisor = rule == GradientRule.BLOG ? rows : 1.0;

        for (int l = n - 1; l >= 0; l--) {
            // dWₗ = hₗ₋₁ᵀ δₗ
            backend.multTransA(in[l], delta[l], dW[l]);
            // dbₗ = Σ_rows δₗ  (divided by the rows under the blog's rule)
            sumRows(delta[l], biasDivisor, db[l]);
            if (l > 0) {
                // δₗ₋₁ = (δₗ Wₗᵀ) ⊙ mₗ₋₁ ⊙ f'ₗ₋₁(zₗ₋₁)   (no mₗ₋₁ without dropout)
                backend.multTransB(delta[l], layers.get(l).weights(), delta[l - 1]);
                if (mask[l - 1] != null) {
                    multiply(delta[l - 1], mask[l - 1], delta[l - 1]);
                }
                layers.get(l - 1).activation().backward(z[l - 1], a[l], delta[l - 1]);
            }
        }
        return batchLoss;
    }

    /** Fills the first rows·cols entries of m: 0 with probability p, else 1/(1 - p), in row-major order. */
    private void drawMask(double p, DMatrixRMaj m, int rows) {
        m.reshape(rows, m.numCols);
        double keep = 1.0 / (1.0 - p);
        int count = m.getNumElements();
        for (int i = 0; i < count; i++) {
            m.data[i] = random.nextDouble() < p ? 0.0 : keep;
        }
    }

    /** out = u ⊙ v entry by entry (out may be u); out is reshaped to u's shape. */
    private static void multiply(DMatrixRMaj u, DMatrixRMaj v, DMatrixRMaj out) {
        out.reshape(u.numRows, u.numCols);
        int count = u.getNumElements();
        for (int i = 0; i < count; i++) {
            out.data[i] = u.data[i] * v.data[i];
        }
    }

    /** The blog's δᴸ = (a - y) ⊙ f'(a): f' evaluated at the prediction a, as if a were z. */
    private void outputDeltaBlog(Activation f, DMatrixRMaj output, DMatrixRMaj d) {
        d.reshape(output.numRows, output.numCols);
        int count = output.getNumElements();
        for (int i = 0; i < count; i++) {
            d.data[i] = output.data[i] - target.data[i];
        }
        f.forward(output, blogScratch, backend);
        f.backward(output, blogScratch, d);
    }

    /** out = (Σ_rows m) / divisor, summed row after row (the order numpy's {@code mean(axis=0)} uses). */
    private static void sumRows(DMatrixRMaj m, double divisor, DMatrixRMaj out) {
        int cols = m.numCols;
        int rows = m.numRows;
        double[] o = out.data;
        double[] d = m.data;
        java.util.Arrays.fill(o, 0, cols, 0.0);
        int r = 0;
        // four rows per pass (still added one after another): a quarter of the loads and stores of o
        for (; r + 3 < rows; r += 4) {
            for (int c = 0, b0 = r * cols, b1 = b0 + cols, b2 = b1 + cols, b3 = b2 + cols; c < cols; c++) {
                o[c] = o[c] + d[b0 + c] + d[b1 + c] + d[b2 + c] + d[b3 + c];
            }
        }
        for (; r < rows; r++) {
            for (int c = 0, b0 = r * cols; c < cols; c++) {
                o[c] += d[b0 + c];
            }
        }
        if (divisor != 1.0) {
            for (int c = 0; c < cols; c++) {
                o[c] /= divisor;
            }
        }
    }

    /** True when every gradient entry is finite. */
    boolean gradientsFinite() {
        return allFinite(gradients);
    }

    private boolean allFinite(DMatrixRMaj[] ms) {
        for (DMatrixRMaj m : ms) {
            if (!backend.allFinite(m.data, m.getNumElements())) {
                return false;
            }
        }
        return true;
    }
}
