package dev.mlp.spark;

import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import dev.mlp.linalg.Backend;
import dev.mlp.train.GradientRule;
import dev.mlp.train.TrainingConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * What every task of one fit needs besides the weights, broadcast once per session: the network's
 * structure and loss as a model file (activations and losses are not {@link Serializable}), the
 * gradient rule, the backend and thread count the driver names, and the largest batch.
 */
final class FitSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Names this fit's workers in an executor's cache. */
    final String id = UUID.randomUUID().toString();
    final byte[] model;
    final GradientRule rule;
    final String backend;
    final int threads;
    final int maxRows;

    FitSpec(SavedModel model, TrainingConfig config, int maxRows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ModelIO.write(bytes, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Backend b = config.backend();
        this.model = bytes.toByteArray();
        this.rule = config.gradientRule();
        this.backend = b.name();
        this.threads = b.threads();
        this.maxRows = maxRows;
    }
}
