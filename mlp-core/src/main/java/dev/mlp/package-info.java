/**
 * dev.mlp: what every other package shares: argument checks that name the argument and the values
 * ({@link dev.mlp.Checks}), row-wise helpers such as argmax ({@link dev.mlp.MatrixRows}) and the
 * name registry behind the activations' and losses' ({@link dev.mlp.Registry}).
 *
 * <p>Imports: dev.mlp.linalg (the backend's finite check) only; never another dev.mlp package, since they
 * all import this one.
 */
package dev.mlp;
