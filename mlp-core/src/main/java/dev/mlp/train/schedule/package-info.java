/**
 * dev.mlp.train.schedule: learning-rate schedules (constant, step, exponential, cosine, reduce on
 * plateau), each giving an epoch's rate from the base rate and the epochs so far.
 *
 * <p>Imports: dev.mlp.train ({@link dev.mlp.train.EpochResult}, the epochs so far) only.
 */
package dev.mlp.train.schedule;
