/**
 * dev.mlp.examples: the {@code mlp} command line ({@code digits}, {@code train}, {@code evaluate},
 * {@code predict}), its options, progress display and plots.
 *
 * <p>Imports: the public API of mlp-core and mlp-data (dev.mlp, activation, data, io, loss,
 * metrics, model, optim, random, train, train.schedule), picocli and XChart; not dev.mlp.linalg
 * (the backend is chosen by {@code -Dmlp.kernel} and {@code -Dmlp.threads}). Nothing imports it.
 */
package dev.mlp.examples;
