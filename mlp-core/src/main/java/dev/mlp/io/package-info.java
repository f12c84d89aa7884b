/**
 * dev.mlp.io: saving and loading trained networks in a versioned, human-inspectable text format.
 *
 * <p>{@link dev.mlp.io.ModelIO} writes and reads {@link dev.mlp.io.SavedModel}s (a network with
 * its optional loss, input scaling and metadata); a file that cannot be read is reported by a
 * {@link dev.mlp.io.ModelFormatException} naming the source, the line and the problem. The
 * format itself is specified in {@code docs/model-format.md}.
 *
 * <p>Imports: dev.mlp, dev.mlp.activation, dev.mlp.loss, dev.mlp.model and dev.mlp.random (a
 * loaded network's random source); never dev.mlp.train.
 */
package dev.mlp.io;
