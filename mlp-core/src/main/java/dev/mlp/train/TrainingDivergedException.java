package dev.mlp.train;

/**
 * Training met a loss or gradient that is NaN or infinite. The update of that batch was not
 * applied; {@link #weightsUsable()} tells whether the network still holds finite weights (those of
 * the last finite step) or whether an earlier step already overflowed them.
 */
public final class TrainingDivergedException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    /** The 1-based epoch of the batch that diverged. */
    private final int epoch;
    /** The 1-based batch within {@link #epoch}. */
    private final int batch;
    /** Whether the network still holds finite weights. */
    private final boolean weightsUsable;

    /**
     * An exception whose message names the place, what was not finite, the learning rate and
     * whether the weights are still usable.
     *
     * @param epoch         the 1-based epoch, over the session
     * @param batch         the 1-based batch within the epoch
     * @param what          what was not finite, for the message ("the batch loss is NaN")
     * @param learningRate  the batch's learning rate, named in the message as the likely cause
     * @param weightsUsable whether every weight and bias is still finite
     */
    public TrainingDivergedException(int epoch, int batch, String what, double learningRate, boolean weightsUsable) {
        super("training diverged at epoch " + epoch + ", batch " + batch + ": " + what
                + "; the likely cause is a learning rate that is too high (" + learningRate
                + ") or unscaled inputs; "
                + (weightsUsable ? "the network keeps the weights of the last finite step"
                                 : "the weights are no longer finite and the network is unusable"));
        this.epoch = epoch;
        this.batch = batch;
        this.weightsUsable = weightsUsable;
    }

    /** {@return the 1-based epoch, over the session, of the batch whose loss or gradient was not finite} */
    public int epoch() {
        return epoch;
    }

    /** {@return the 1-based batch, within {@link #epoch()}, whose loss or gradient was not finite} */
    public int batch() {
        return batch;
    }

    /** {@return true when every weight and bias of the network is still finite} */
    public boolean weightsUsable() {
        return weightsUsable;
    }
}
