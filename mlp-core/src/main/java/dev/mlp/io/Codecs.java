package dev.mlp.io;

import dev.mlp.activation.Activation;
import dev.mlp.activation.GELU;
import dev.mlp.activation.Identity;
import dev.mlp.activation.LeakyReLU;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Softmax;
import dev.mlp.activation.Tanh;
import dev.mlp.loss.BinaryCrossEntropy;
import dev.mlp.loss.Loss;
import dev.mlp.loss.MeanSquaredError;
import dev.mlp.loss.SoftmaxCrossEntropy;

/**
 * The names activations and losses are written under. Encoding goes by class, not by
 * {@code name()}, so that a user-defined class that happens to answer "relu" is refused rather
 * than silently saved as the built-in one.
 */
final class Codecs {

    static final String KNOWN_ACTIVATIONS = "relu, sigmoid, tanh, identity, leaky_relu <slope>, softmax, gelu";
    static final String KNOWN_LOSSES = "none, mse, mse allow_softmax, softmax_cross_entropy, binary_cross_entropy";
    static final String ALLOW_SOFTMAX = "allow_softmax";

    private Codecs() {
    }

    /**
     * The activation's name, followed by its parameter for parameterised ones.
     *
     * @throws IllegalArgumentException for an activation the format cannot represent
     */
    static String encodeActivation(Activation f) {
        if (f instanceof ReLU) {
            return "relu";
        } else if (f instanceof Sigmoid) {
            return "sigmoid";
        } else if (f instanceof Tanh) {
            return "tanh";
        } else if (f instanceof Identity) {
            return "identity";
        } else if (f instanceof LeakyReLU leaky) {
            return "leaky_relu " + Double.toString(leaky.slope());
        } else if (f instanceof Softmax) {
            return "softmax";
        } else if (f instanceof GELU) {
            return "gelu";
        }
        throw new IllegalArgumentException("cannot save activation '" + (f == null ? "null" : f.name())
                + "' of " + (f == null ? "no class" : f.getClass().getName())
                + ": the model format knows only the built-in activations (" + KNOWN_ACTIVATIONS + ")");
    }

    /** The built-in activation called {@code name}, without parameter, or null if there is none. */
    static Activation plainActivation(String name) {
        switch (name) {
            case "relu":
                return new ReLU();
            case "sigmoid":
                return new Sigmoid();
            case "tanh":
                return new Tanh();
            case "identity":
                return new Identity();
            case "softmax":
                return new Softmax();
            case "gelu":
                return new GELU();
            default:
                return null;
        }
    }

    /**
     * The loss's name, followed by {@code allow_softmax} for an MSE that accepts a softmax output.
     *
     * @throws IllegalArgumentException for a loss the format cannot represent
     */
    static String encodeLoss(Loss loss) {
        if (loss == null) {
            return "none";
        } else if (loss instanceof MeanSquaredError) {
            return allowsSoftmax(loss) ? "mse " + ALLOW_SOFTMAX : "mse";
        } else if (loss instanceof SoftmaxCrossEntropy) {
            return "softmax_cross_entropy";
        } else if (loss instanceof BinaryCrossEntropy) {
            return "binary_cross_entropy";
        }
        throw new IllegalArgumentException("cannot save loss '" + loss.name() + "' of " + loss.getClass().getName()
                + ": the model format knows only the built-in losses (" + KNOWN_LOSSES + ")");
    }

    /** MeanSquaredError exposes its flag only through {@code checkOutput}: ask it about a softmax. */
    private static boolean allowsSoftmax(Loss mse) {
        try {
            mse.checkOutput(new Softmax());
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }
}
