/**
 * dev.mlp.bench: the JMH benchmarks: training epochs, prediction, single matrix products per
 * backend and the sigmoid, with the data they run on. How to run and read them is in
 * mlp-bench/README.md.
 *
 * <p>Imports: dev.mlp.activation, dev.mlp.data, dev.mlp.linalg (to time products and the sigmoid
 * directly), dev.mlp.loss, dev.mlp.model, dev.mlp.optim, dev.mlp.random and dev.mlp.train; never
 * dev.mlp.examples. Nothing imports it.
 */
package dev.mlp.bench;
