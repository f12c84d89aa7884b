package dev.mlp.tuning;

import dev.mlp.Checks;
import dev.mlp.model.InputScaling;
import dev.mlp.model.Network;
import dev.mlp.train.History;

/**
 * A setting trained on all the rows given, as a search ends: the network, the input scaling
 * fitted on those rows (to apply to later inputs) and its training history.
 *
 * @param setting what was trained
 * @param network the trained network
 * @param scaling the scaling its inputs need, or null for none
 * @param history its epochs
 */
public record Refit(Setting setting, Network network, InputScaling scaling, History history) {

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException for a null setting, network or history
     */
    public Refit {
        Checks.requireNonNull(setting, "setting");
        Checks.requireNonNull(network, "network");
        Checks.requireNonNull(history, "history");
    }
}
