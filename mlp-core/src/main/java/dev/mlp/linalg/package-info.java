/**
 * Dense matrix products for the layers: {@link dev.mlp.linalg.MatrixKernel} with three backends,
 * EJML's {@code CommonOps_DDRM} ({@link dev.mlp.linalg.EjmlKernel}), a cache- and register-blocked
 * plain-Java kernel that C2 auto-vectorizes ({@link dev.mlp.linalg.BlockedKernel}), and a Vector
 * API kernel ({@code VectorKernel}, needs {@code --add-modules jdk.incubator.vector}); chosen by
 * {@link dev.mlp.linalg.Kernels}.
 */
package dev.mlp.linalg;
