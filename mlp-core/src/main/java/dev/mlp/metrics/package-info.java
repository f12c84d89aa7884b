/**
 * dev.mlp.metrics: evaluation of predictions against labels: the confusion matrix, the
 * scikit-learn-exact classification report, accuracy, R², MAE and MSE.
 *
 * <p>Imports: dev.mlp (argument checks) only. Metrics work on labels and matrices, so never
 * dev.mlp.model or dev.mlp.train.
 */
package dev.mlp.metrics;
