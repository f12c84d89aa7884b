/**
 * dev.mlp.activation: the activation functions (identity, ReLU, leaky ReLU, sigmoid, tanh, softmax,
 * GELU): a layer's non-linearity and its derivative over a batch whose rows are samples.
 *
 * <p>Imports: dev.mlp.linalg (the backend's vectorized sigmoid) only; never dev.mlp.loss,
 * dev.mlp.model or dev.mlp.train, which build on it.
 */
package dev.mlp.activation;
