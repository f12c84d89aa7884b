/**
 * dev.mlp: what every other package shares: argument checks that name the argument and the values
 * ({@link dev.mlp.Checks}) and row-wise helpers such as argmax ({@link dev.mlp.MatrixRows}).
 *
 * <p>Imports: dev.mlp.linalg (the finite check) only; never another dev.mlp package, since they
 * all import this one.
 */
package dev.mlp;
