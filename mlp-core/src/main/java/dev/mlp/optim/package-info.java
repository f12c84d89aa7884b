/**
 * dev.mlp.optim: the optimizers (SGD, momentum and Nesterov, RMSProp, Adam, AdamW), each updating a
 * layer's parameters in place from their gradients, with per-parameter state allocated once.
 *
 * <p>Imports: no other dev.mlp package (EJML only): an optimizer sees matrices, not layers or
 * networks.
 */
package dev.mlp.optim;
