package dev.mlp.io;

import dev.mlp.activation.Activation;
import dev.mlp.activation.Activations;
import dev.mlp.loss.Loss;
import dev.mlp.loss.Losses;

import java.util.ArrayList;
import java.util.List;

/**
 * The names activations and losses are written under, taken from the registries
 * ({@link Activations}, {@link Losses}). Encoding goes by exact class, not by {@code name()}, so
 * that a user-defined class that happens to answer "relu" is refused rather than silently saved
 * as the built-in one.
 */
final class Codecs {

    /** The loss line of a model saved without a loss. */
    static final String NO_LOSS = "none";
    static final String KNOWN_ACTIVATIONS = Activations.registry().known();
    static final String KNOWN_LOSSES = NO_LOSS + ", " + Losses.registry().known();

    private Codecs() {
    }

    /**
     * The activation's name, followed by its parameter for parameterised ones.
     *
     * @throws IllegalArgumentException for an activation the format cannot represent
     */
    static String encodeActivation(Activation f) {
        Activations.Entry entry = Activations.registry().of(f).orElseThrow(() -> new IllegalArgumentException(
                "cannot save activation '" + (f == null ? "null" : f.name()) + "' of "
                        + (f == null ? "no class" : f.getClass().getName())
                        + ": the model format knows only the built-in activations (" + KNOWN_ACTIVATIONS + ")"));
        return entry.parameter() == null ? entry.name() : entry.name() + " " + Double.toString(entry.parameterOf(f));
    }

    /**
     * The loss's name, followed by its option ({@code allow_softmax}) when that is on.
     *
     * @throws IllegalArgumentException for a loss the format cannot represent
     */
    static String encodeLoss(Loss loss) {
        if (loss == null) {
            return NO_LOSS;
        }
        Losses.Entry entry = Losses.registry().of(loss).orElseThrow(() -> new IllegalArgumentException(
                "cannot save loss '" + loss.name() + "' of " + loss.getClass().getName()
                        + ": the model format knows only the built-in losses (" + KNOWN_LOSSES + ")"));
        return entry.hasOption(loss) ? entry.name() + " " + entry.option() : entry.name();
    }

    /** The losses that take an option, as written: "'mse allow_softmax'". */
    static String lossOptions() {
        List<String> options = new ArrayList<>();
        for (Losses.Entry e : Losses.registry().all()) {
            if (e.option() != null) {
                options.add("'" + e.name() + " " + e.option() + "'");
            }
        }
        return String.join(", ", options);
    }
}
