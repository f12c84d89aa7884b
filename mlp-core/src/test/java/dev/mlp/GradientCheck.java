package dev.mlp;

import dev.mlp.loss.Loss;
import dev.mlp.model.Network;
import dev.mlp.train.Backprop;
import dev.mlp.train.GradientRule;
import org.ejml.data.DMatrixRMaj;

/**
 * Central-difference gradient check: compares the analytic gradient that {@link Backprop} writes
 * with (L(θ + h) - L(θ - h)) / 2h for every parameter, where L is the loss of the network's
 * prediction on the batch.
 */
public final class GradientCheck {

    private static final double H = 1e-6;

    private GradientCheck() {
    }

    /** ‖analytic - numeric‖ / (‖analytic‖ + ‖numeric‖) over all parameters of the network. */
    public static double relativeError(Network network, Loss loss, DMatrixRMaj x, DMatrixRMaj y) {
        Backprop backprop = new Backprop(network, x.numRows);
        backprop.gradients(x, y, loss, GradientRule.EXACT);
        return relativeError(backprop.parameters(), backprop.gradientBuffers(), () -> loss.loss(network.predict(x), y));
    }

    /**
     * ‖analytic - numeric‖ / (‖analytic‖ + ‖numeric‖): {@code grads} against central differences of
     * {@code lossAt}, the objective evaluated at the current values of {@code params}, which are
     * moved by ±h one at a time and put back.
     */
    public static double relativeError(DMatrixRMaj[] params, DMatrixRMaj[] grads, java.util.function.DoubleSupplier lossAt) {
        double diff = 0;
        double normA = 0;
        double normN = 0;
        for (int p = 0; p < params.length; p++) {
            DMatrixRMaj theta = params[p];
            for (int i = 0; i < theta.getNumElements(); i++) {
                double saved = theta.data[i];
                theta.data[i] = saved + H;
                double plus = lossAt.getAsDouble();
                theta.data[i] = saved - H;
                double minus = lossAt.getAsDouble();
                theta.data[i] = saved;
                double numeric = (plus - minus) / (2 * H);
                double analytic = grads[p].data[i];
                diff += (analytic - numeric) * (analytic - numeric);
                normA += analytic * analytic;
                normN += numeric * numeric;
            }
        }
        double denom = Math.sqrt(normA) + Math.sqrt(normN);
        return denom == 0 ? 0 : Math.sqrt(diff) / denom;
    }
}
