/**
 * dev.mlp.train: training: backpropagation, the {@link dev.mlp.train.Trainer} and its sessions,
 * {@link dev.mlp.train.TrainingConfig}, gradient rules, validation splits, early stopping,
 * listeners and the history of epochs.
 *
 * <p>Imports: dev.mlp, dev.mlp.activation, dev.mlp.linalg, dev.mlp.loss, dev.mlp.model,
 * dev.mlp.optim, dev.mlp.random and dev.mlp.train.schedule; never dev.mlp.io or dev.mlp.metrics.
 */
package dev.mlp.train;
