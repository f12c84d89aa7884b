/**
 * Dense matrix products for the layers: {@link dev.mlp.linalg.MatrixKernel} with three backends,
 * EJML's {@code CommonOps_DDRM} ({@link dev.mlp.linalg.EjmlKernel}), a cache- and register-blocked
 * plain-Java kernel that C2 auto-vectorizes ({@link dev.mlp.linalg.BlockedKernel}), and a Vector
 * API kernel ({@code VectorKernel}, needs {@code --add-modules jdk.incubator.vector}); chosen by
 * {@link dev.mlp.linalg.Kernels}, which also hands out the two element-wise operations on the
 * training path that the accelerated backend vectorizes: the sigmoid
 * ({@link dev.mlp.linalg.ElementwiseFunction}; on the other backends in plain-Java loops that C2
 * vectorizes) and the finite check ({@link dev.mlp.linalg.FiniteCheck}). Large products are split by output rows across persistent
 * daemon helper threads, allocation-free and with the same bits for any thread count.
 */
package dev.mlp.linalg;
