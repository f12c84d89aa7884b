/**
 * dev.mlp.random: the random numbers that initialisation and training draw
 * ({@link dev.mlp.random.RandomSource}, always passed in explicitly) and
 * {@link dev.mlp.random.NumpyRandom}, which reproduces numpy's legacy stream draw for draw.
 *
 * <p>Imports: no other dev.mlp package.
 */
package dev.mlp.random;
