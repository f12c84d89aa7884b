/**
 * The numeric backends of training and prediction. A {@link dev.mlp.linalg.Backend} owns all that
 * differs between them: the dense matrix products ({@link dev.mlp.linalg.MatrixKernel}), the
 * sigmoid and the finite check, and its name, thread count and vector width. Three backends:
 * EJML's {@code CommonOps_DDRM} ({@link dev.mlp.linalg.EjmlKernel}, the reference), a cache- and
 * register-blocked plain-Java kernel that C2 auto-vectorizes ({@link dev.mlp.linalg.BlockedKernel})
 * and a Vector API kernel ({@code VectorKernel}, needs {@code --add-modules jdk.incubator.vector}),
 * made and chosen by {@link dev.mlp.linalg.Backends}. Large products are split by output rows
 * across persistent daemon helper threads ({@link dev.mlp.linalg.Parallel}), allocation-free and
 * with the same bits for any thread count. Every operation is defined to the bit, so results do
 * not depend on the JIT. Each backend also computes in float32 ({@link dev.mlp.linalg.Backend#float32()},
 * a {@link dev.mlp.linalg.FloatBackend} on EJML's {@code FMatrixRMaj}) under the same contracts.
 * Design notes: {@code mlp-linalg/DESIGN.md}.
 *
 * <p>Imports: EJML and the JDK only (the incubator module in the {@code Vector*} and
 * {@code FloatVector*} classes, which are loaded reflectively); nothing else of this library.
 */
package dev.mlp.linalg;
