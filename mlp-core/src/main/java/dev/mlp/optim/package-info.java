/**
 * dev.mlp.optim: the optimizers (SGD, momentum and Nesterov, RMSProp, Adam, AdamW), each updating a
 * layer's parameters in place from their gradients, with per-parameter state allocated once; and
 * L-BFGS ({@link dev.mlp.optim.Lbfgs}), a {@link dev.mlp.optim.FullBatchOptimizer} that evaluates the
 * objective over all rows as its line search needs, one iteration per epoch (design notes in
 * mlp-core/DESIGN.md).
 *
 * <p>Imports: no other dev.mlp package (EJML only): an optimizer sees matrices, not layers or
 * networks.
 */
package dev.mlp.optim;
