/**
 * dev.mlp.data: data sets and what prepares them: the digits set, the CSV loader (RFC 4180 quoting,
 * class names, missing values, columns by name), numpy's .npy and .npz files, and the IDX (MNIST /
 * Fashion-MNIST) reader, all with positioned errors; one-hot encoding, stratified splits and the
 * min-max and standard scalers.
 *
 * <p>Imports: dev.mlp (checks and row helpers), dev.mlp.model ({@link dev.mlp.model.InputScaling},
 * which a fitted scaler becomes) and dev.mlp.random; never dev.mlp.train or dev.mlp.linalg.
 */
package dev.mlp.data;
