package dev.mlp.model;

import dev.mlp.Checks;
import dev.mlp.activation.Activation;
import dev.mlp.linalg.Backend;
import org.ejml.data.DMatrixRMaj;

/**
 * A fully connected layer: z = a_in · W + b, a = f(z), for a batch whose rows are samples.
 * W is inputs x outputs (the blog's layout), b is 1 x outputs and is added to every row.
 *
 * <p>A hidden layer may carry a dropout rate p (Srivastava et al., 2014, in the "inverted" form
 * Keras and PyTorch use): in training only, each output is kept with probability 1 - p and then
 * scaled by 1/(1 - p), a ⊙ m with m ∈ {0, 1/(1 - p)}, so its expected value is a and inference needs
 * no rescaling. {@link #forward} is the inference pass and never drops; the masks are drawn and
 * applied by {@code dev.mlp.train.Backprop}.
 *
 * <p>The weights and bias are the layer's mutable state: training updates them in place through
 * {@link #weights()} and {@link #bias()}. Forward passes read them and write only into the
 * buffers they are given, so many threads may call {@link #forward} at once while nobody trains.
 */
public final class DenseLayer {

    private final DMatrixRMaj weights;
    private final DMatrixRMaj bias;
    private final Activation activation;
    private final double dropout;

    /** The most entries a Java array, and so a weight matrix, can hold. */
    public static final long MAX_WEIGHTS = Integer.MAX_VALUE - 8;

    /**
     * A layer with zero weights and biases; an initializer or a loaded model fills them.
     *
     * @param inputs     the width of the layer's input, &gt; 0
     * @param outputs    the number of units, &gt; 0; inputs·outputs at most {@link #MAX_WEIGHTS}
     * @param activation f, not null
     * @throws IllegalArgumentException for a size ≤ 0, too many weights, or a null activation
     */
    public DenseLayer(int inputs, int outputs, Activation activation) {
        this(inputs, outputs, activation, 0);
    }

    /**
     * A layer with zero weights and biases whose outputs are dropped at rate {@code dropout} in
     * training.
     *
     * @param inputs     the width of the layer's input, &gt; 0
     * @param outputs    the number of units, &gt; 0; inputs·outputs at most {@link #MAX_WEIGHTS}
     * @param activation f, not null
     * @param dropout    p, the share of outputs zeroed in each training batch, in [0, 1); 0 for none
     * @throws IllegalArgumentException for a size ≤ 0, too many weights, a null activation or a
     *                                  dropout rate outside [0, 1)
     */
    public DenseLayer(int inputs, int outputs, Activation activation, double dropout) {
        requireDropout(dropout, "dropout");
        Checks.requirePositive(inputs, "inputs");
        Checks.requirePositive(outputs, "outputs");
        Checks.requireNonNull(activation, "activation");
        if ((long) inputs * outputs > MAX_WEIGHTS) {
            throw new IllegalArgumentException("a layer of " + inputs + " inputs and " + outputs + " outputs needs "
                    + (long) inputs * outputs + " weights, more than an array holds (" + MAX_WEIGHTS + ")");
        }
        this.weights = new DMatrixRMaj(inputs, outputs);
        this.bias = new DMatrixRMaj(1, outputs);
        this.activation = activation;
        this.dropout = dropout;
    }

    /**
     * Refuses a dropout rate outside [0, 1): p = 1 would drop every unit and divide by zero.
     *
     * @param rate the rate to check
     * @param name how the message names it
     * @throws IllegalArgumentException for a rate that is NaN or outside [0, 1)
     */
    public static void requireDropout(double rate, String name) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1) (the share of units dropped), got " + rate);
        }
    }

    /** {@return the width of the layer's input: the rows of W} */
    public int inputs() {
        return weights.numRows;
    }

    /** {@return the number of units: the columns of W and b} */
    public int outputs() {
        return weights.numCols;
    }

    /** {@return f, the activation applied to z} */
    public Activation activation() {
        return activation;
    }

    /** {@return p, the share of this layer's outputs dropped in each training batch; 0 for none} */
    public double dropout() {
        return dropout;
    }

    /** {@return W, inputs x outputs; the live matrix, modified by training} */
    public DMatrixRMaj weights() {
        return weights;
    }

    /** {@return b, 1 x outputs; the live matrix, modified by training} */
    public DMatrixRMaj bias() {
        return bias;
    }

    /** {@return the number of trainable values: inputs·outputs + outputs} */
    public int parameterCount() {
        return weights.getNumElements() + bias.getNumElements();
    }

    /**
     * z = input · W + b (one fused kernel call), then a = f(z).
     *
     * @param input  n x inputs, not modified
     * @param z      output, reshaped to n x outputs; modified
     * @param a      output, reshaped to n x outputs; modified (may be z when z is not needed later)
     * @param backend computes the product and the activation's element-wise functions
     */
    public void forward(DMatrixRMaj input, DMatrixRMaj z, DMatrixRMaj a, Backend backend) {
        backend.multAddBias(input, weights, bias, z);
        activation.forward(z, a, backend);
    }

    /** {@return a deep copy: the same activation and dropout, its own weights and bias} */
    public DenseLayer copy() {
        DenseLayer c = new DenseLayer(inputs(), outputs(), activation, dropout);
        c.weights.setTo(weights);
        c.bias.setTo(bias);
        return c;
    }

    @Override
    public String toString() {
        return "Dense(" + inputs() + " -> " + outputs() + ", " + activation
                + (dropout > 0 ? ", dropout " + dropout : "") + ")";
    }
}
