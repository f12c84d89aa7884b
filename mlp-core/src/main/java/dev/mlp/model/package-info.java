/**
 * dev.mlp.model: layers, networks and prediction: {@link dev.mlp.model.DenseLayer},
 * {@link dev.mlp.model.Network}, the {@link dev.mlp.model.NetworkSpec} builder, weight
 * initializers and the {@link dev.mlp.model.InputScaling} a saved model carries.
 *
 * <p>Imports: dev.mlp, dev.mlp.activation, dev.mlp.linalg, dev.mlp.loss, dev.mlp.random; never
 * dev.mlp.train (training builds on the model, not the other way round) nor dev.mlp.io.
 */
package dev.mlp.model;
