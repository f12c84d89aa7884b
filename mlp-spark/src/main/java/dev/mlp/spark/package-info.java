/**
 * Training mlp networks on Apache Spark, for data that outgrows one machine.
 *
 * <p>{@link dev.mlp.spark.SparkTrainer} trains on a DataFrame with exact synchronous data
 * parallelism: the driver runs mlp-core's own training loop, and each step's gradient is computed
 * by the partitions and summed in partition order, so that one partition gives the single-machine
 * {@link dev.mlp.train.Trainer}'s bits and P partitions give the same bits on every run and every
 * cluster layout. See mlp-spark/DESIGN.md.
 */
package dev.mlp.spark;
