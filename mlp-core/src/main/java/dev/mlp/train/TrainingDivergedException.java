package dev.mlp.train;

/**
 * Training met a loss or gradient that is NaN or infinite. The update of that batch was not
 * applied; {@link #weightsUsable()} tells whether the network still holds finite weights (those of
 * the last finite step) or whether an earlier step already overflowed them.
 */
public final class TrainingDivergedException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;
    private final boolean weightsUsable;

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

    public int epoch() {
        return epoch;
    }

    public int batch() {
        return batch;
    }

    /** True when every weight and bias of the network is still finite. */
    public boolean weightsUsable() {
        return weightsUsable;
    }
}
