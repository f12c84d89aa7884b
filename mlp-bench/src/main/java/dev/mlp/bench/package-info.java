/**
 * dev.mlp.bench: the JMH benchmarks: training epochs, prediction, single matrix products per
 * backend and the sigmoid, with the data they run on; and {@code SparkStepBench}, a program that
 * times training on Spark step by step and fits a cost model to it. How to run and read them is in
 * mlp-bench/README.md.
 *
 * <p>Imports: dev.mlp.activation, dev.mlp.data, dev.mlp.linalg (to time products and the sigmoid
 * directly), dev.mlp.loss, dev.mlp.model, dev.mlp.optim, dev.mlp.random and dev.mlp.train; and, in
 * the Spark program only ({@code SparkStepBench}, {@code SparkStepListener}), dev.mlp.spark and
 * Spark, both provided, never in benchmarks.jar. Never dev.mlp.examples. Nothing imports it.
 */
package dev.mlp.bench;
