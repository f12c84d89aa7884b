/**
 * dev.mlp.loss: the loss functions (mean squared error, softmax cross-entropy, binary
 * cross-entropy) over a batch, with the batch-mean convention, and their gradients (softmax and
 * sigmoid cross-entropy fused with their output activation).
 *
 * <p>Imports: dev.mlp.activation (to recognise the output activation a fused gradient needs) only;
 * never dev.mlp.model or dev.mlp.train.
 */
package dev.mlp.loss;
