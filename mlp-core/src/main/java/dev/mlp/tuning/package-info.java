/**
 * dev.mlp.tuning: choosing settings by held-out data: stratified k-fold cross-validation of a
 * {@link dev.mlp.tuning.Setting} and a search over a {@link dev.mlp.tuning.SearchSpace}, with
 * many small networks trained at once, each on one thread ({@link dev.mlp.tuning.CrossValidation}).
 *
 * <p>Every network is trained by {@link dev.mlp.train.Trainer}, the one training loop; this package
 * only decides which rows, which settings and which seeds.
 *
 * <p>Imports: dev.mlp, dev.mlp.activation, dev.mlp.linalg, dev.mlp.loss, dev.mlp.model,
 * dev.mlp.optim, dev.mlp.random and dev.mlp.train; never dev.mlp.io.
 */
package dev.mlp.tuning;
