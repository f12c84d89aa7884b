package dev.mlp.optim;

import dev.mlp.testing.AllocationCounting;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import static dev.mlp.optim.OptimTesting.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** L-BFGS on objectives whose minimiser is known: quadratics, Rosenbrock, logistic regression. */
class LbfgsTest {

    /** A tight setting, so that the tests see the minimiser to many digits. */
    private static final Lbfgs TIGHT = new Lbfgs(10, 1e-10, 0);

    /**
     * f(θ) = ½ θᵀAθ - cᵀθ over θ = (W₁₁, W₁₂, W₁₃, b₁, b₂), split over a 1×3 and a 1×2 matrix as a
     * layer's weight and bias are; ∇f = Aθ - c; the minimiser solves Aθ = c.
     */
    private static final class Quadratic implements FullBatchOptimizer.Objective {
        final DMatrixRMaj a;
        final DMatrixRMaj c;
        final DMatrixRMaj[] params = {row(0.5, -1.0, 2.0), row(0.0, 1.5)};
        final DMatrixRMaj[] grads = {new DMatrixRMaj(1, 3), new DMatrixRMaj(1, 2)};
        int evaluations;

        Quadratic(DMatrixRMaj a, DMatrixRMaj c) {
            this.a = a;
            this.c = c;
        }

        double at(int i) {
            return i < 3 ? params[0].data[i] : params[1].data[i - 3];
        }

        @Override
        public double evaluate() {
            evaluations++;
            double f = 0;
            for (int i = 0; i < 5; i++) {
                double gi = -c.data[i];
                for (int j = 0; j < 5; j++) {
                    gi += a.get(i, j) * at(j);
                }
                f += 0.5 * at(i) * (gi - c.data[i]);
                if (i < 3) {
                    grads[0].data[i] = gi;
                } else {
                    grads[1].data[i - 3] = gi;
                }
            }
            return f;
        }

        double[] theta() {
            double[] t = new double[5];
            for (int i = 0; i < 5; i++) {
                t[i] = at(i);
            }
            return t;
        }

        /** A⁻¹c. */
        double[] minimiser() {
            DMatrixRMaj solution = new DMatrixRMaj(5, 1);
            assertTrue(CommonOps_DDRM.solve(a, new DMatrixRMaj(5, 1, true, c.data), solution));
            return solution.data;
        }
    }

    /** A = MᵀM + I, symmetric positive definite and far from diagonal (condition number about 60). */
    private static Quadratic illConditioned() {
        DMatrixRMaj m = new DMatrixRMaj(5, 5, true,
                1, 2, 0, -1, 3,
                0, 1, 4, 2, -1,
                2, -1, 1, 0, 1,
                1, 0, -2, 3, 2,
                -1, 1, 1, 1, 0);
        DMatrixRMaj a = new DMatrixRMaj(5, 5);
        CommonOps_DDRM.multTransA(m, m, a);
        for (int i = 0; i < 5; i++) {
            a.add(i, i, 1);
        }
        return new Quadratic(a, new DMatrixRMaj(5, 1, true, 1, -2, 3, 0.5, -1));
    }

    /** Iterates until the minimizer stops moving; returns the iterations. */
    private static int run(FullBatchOptimizer.Minimizer minimizer, FullBatchOptimizer.Objective f,
                           DMatrixRMaj[] params, DMatrixRMaj[] grads, int limit) {
        for (int k = 1; k <= limit; k++) {
            FullBatchOptimizer.Status status = minimizer.iterate(f, params, grads);
            if (status != FullBatchOptimizer.Status.MOVED) {
                // STALLED: f no longer changes in its last bit, before the gradient meets a tolerance this tight
                assertTrue(status == FullBatchOptimizer.Status.CONVERGED || status == FullBatchOptimizer.Status.STALLED,
                        status::toString);
                return k;
            }
        }
        throw new AssertionError("no convergence in " + limit + " iterations");
    }

    @Test
    void convexQuadraticReachesItsExactMinimiserInFewIterations() {
        Quadratic q = illConditioned();
        // gradient entries of 1e-7 are about as small as f, of order 1, can resolve in double precision
        FullBatchOptimizer.Minimizer minimizer = new Lbfgs(10, 1e-7, 0).startMinimizer(q.params);
        int iterations = run(minimizer, q, q.params, q.grads, 100);
        assertEquals(FullBatchOptimizer.Status.CONVERGED, minimizer.iterate(q, q.params, q.grads));
        // with exact line searches BFGS ends in n = 5 steps on a quadratic; inexact (Wolfe) ones take a few more
        assertTrue(iterations <= 3 * 5, iterations + " iterations");
        assertArrayEquals(q.minimiser(), q.theta(), 1e-8);
    }

    @Test
    void twoLoopRecursionSatisfiesTheSecantEquationAndInvertsADiagonalHessian() {
        // A = diag(1, 2, 4, 8, 16): each pair has y = A s, so the newest must satisfy H y = s
        DMatrixRMaj a = CommonOps_DDRM.diag(1, 2, 4, 8, 16);
        Quadratic q = new Quadratic(a, new DMatrixRMaj(5, 1, true, 1, 1, 1, 1, 1));
        FullBatchOptimizer.Minimizer started = TIGHT.startMinimizer(q.params);
        LbfgsMinimizer minimizer = (LbfgsMinimizer) started;
        assertTrue(minimizer.inverseHessianTimes(new double[]{1, 2, 3, 4, 5})[4] == 5, "no pairs: H = I");
        for (int k = 0; k < 3; k++) {
            assertEquals(FullBatchOptimizer.Status.MOVED, minimizer.iterate(q, q.params, q.grads));
            double[][] pair = minimizer.newestPair();
            assertNotNull(pair);
            double[] hy = minimizer.inverseHessianTimes(pair[1]);
            for (int i = 0; i < 5; i++) {
                assertEquals(pair[0][i], hy[i], 1e-12 * (1 + Math.abs(pair[0][i])), "H y = s, entry " + i);
            }
        }
        run(minimizer, q, q.params, q.grads, 100);
        assertArrayEquals(new double[]{1, 0.5, 0.25, 0.125, 0.0625}, q.theta(), 1e-10);
    }

    @Test
    void isotropicQuadraticIsSolvedExactlyByTheSecondStep() {
        // A = 3I: the first pair has y = 3s, so γ = 1/3 and H = A⁻¹; the second direction is the
        // Newton step, whose unit length the line search accepts at once
        Quadratic q = new Quadratic(CommonOps_DDRM.diag(3, 3, 3, 3, 3), new DMatrixRMaj(5, 1, true, 3, -6, 9, 0, 3));
        FullBatchOptimizer.Minimizer minimizer = TIGHT.startMinimizer(q.params);
        assertEquals(FullBatchOptimizer.Status.MOVED, minimizer.iterate(q, q.params, q.grads));
        minimizer.iterate(q, q.params, q.grads);
        assertEquals(1.0, minimizer.stepLength());
        assertEquals(1, minimizer.evaluations());
        assertArrayEquals(new double[]{1, -2, 3, 0, 1}, q.theta(), 1e-12);
    }

    /** f = (1 - u)² + 100 (v - u²)², minimum 0 at (1, 1). */
    @Test
    void rosenbrockFromTheClassicStart() {
        DMatrixRMaj[] params = {row(-1.2, 1.0)};
        DMatrixRMaj[] grads = {new DMatrixRMaj(1, 2)};
        FullBatchOptimizer.Objective rosenbrock = () -> {
            double u = params[0].data[0];
            double v = params[0].data[1];
            grads[0].data[0] = -2 * (1 - u) - 400 * u * (v - u * u);
            grads[0].data[1] = 200 * (v - u * u);
            return (1 - u) * (1 - u) + 100 * (v - u * u) * (v - u * u);
        };
        FullBatchOptimizer.Minimizer minimizer = TIGHT.startMinimizer(params);
        int iterations = run(minimizer, rosenbrock, params, grads, 200);
        assertTrue(iterations <= 60, iterations + " iterations");
        assertArrayEquals(new double[]{1, 1}, params[0].data, 1e-8);
    }

    /**
     * L2-regularised logistic regression on 8 points in the plane, against Newton's method (its
     * exact answer, to rounding, after 30 steps): f(w, b) = mean log(1 + exp(-tᵢ(xᵢ·w + b))) + ½λ‖w‖².
     */
    @Test
    void logisticRegressionMatchesNewtonsSolution() {
        double[][] x = {{0.5, 1.0}, {1.5, -0.5}, {-1.0, 0.3}, {2.0, 2.0}, {-0.7, -1.2}, {0.1, 0.4}, {1.2, 0.9},
                {-1.5, 0.8}};
        double[] t = {1, 1, -1, 1, -1, -1, 1, -1};
        double lambda = 0.1;
        DMatrixRMaj[] params = {row(0, 0), row(0)};
        DMatrixRMaj[] grads = {new DMatrixRMaj(1, 2), new DMatrixRMaj(1, 1)};
        FullBatchOptimizer.Objective logistic = () -> {
            double[] w = params[0].data;
            double b = params[1].data[0];
            double f = 0.5 * lambda * (w[0] * w[0] + w[1] * w[1]);
            double g0 = lambda * w[0];
            double g1 = lambda * w[1];
            double gb = 0;
            for (int i = 0; i < x.length; i++) {
                double margin = t[i] * (x[i][0] * w[0] + x[i][1] * w[1] + b);
                f += Math.log1p(Math.exp(-margin)) / x.length;
                double r = -t[i] / (1 + Math.exp(margin)) / x.length;
                g0 += r * x[i][0];
                g1 += r * x[i][1];
                gb += r;
            }
            grads[0].data[0] = g0;
            grads[0].data[1] = g1;
            grads[1].data[0] = gb;
            return f;
        };
        FullBatchOptimizer.Minimizer minimizer = TIGHT.startMinimizer(params);
        int iterations = run(minimizer, logistic, params, grads, 100);
        assertTrue(iterations <= 25, iterations + " iterations");

        double[] newton = new double[3];
        for (int step = 0; step < 30; step++) {
            DMatrixRMaj hessian = new DMatrixRMaj(3, 3);
            DMatrixRMaj gradient = new DMatrixRMaj(3, 1);
            hessian.set(0, 0, lambda);
            hessian.set(1, 1, lambda);
            gradient.set(0, 0, lambda * newton[0]);
            gradient.set(1, 0, lambda * newton[1]);
            for (int i = 0; i < x.length; i++) {
                double[] xi = {x[i][0], x[i][1], 1};
                double p = 1 / (1 + Math.exp(-(xi[0] * newton[0] + xi[1] * newton[1] + newton[2])));
                double target = t[i] > 0 ? 1 : 0;
                for (int r = 0; r < 3; r++) {
                    gradient.add(r, 0, (p - target) * xi[r] / x.length);
                    for (int c = 0; c < 3; c++) {
                        hessian.add(r, c, p * (1 - p) * xi[r] * xi[c] / x.length);
                    }
                }
            }
            DMatrixRMaj delta = new DMatrixRMaj(3, 1);
            assertTrue(CommonOps_DDRM.solve(hessian, gradient, delta));
            for (int r = 0; r < 3; r++) {
                newton[r] -= delta.get(r, 0);
            }
        }
        assertArrayEquals(newton, new double[]{params[0].data[0], params[0].data[1], params[1].data[0]}, 1e-8);
    }

    @Test
    void stopsByTheLossToleranceLongBeforeTheGradientOne() {
        Quadratic loose = illConditioned();
        int looseIterations = run(new Lbfgs(10, 0, 1e-3).startMinimizer(loose.params), loose, loose.params,
                loose.grads, 100);
        Quadratic tight = illConditioned();
        int tightIterations = run(TIGHT.startMinimizer(tight.params), tight, tight.params, tight.grads, 100);
        assertTrue(looseIterations < tightIterations, looseIterations + " vs " + tightIterations);
    }

    @Test
    void aSmallGradientAtTheStartIsConvergedWithoutAStep() {
        Quadratic q = illConditioned();
        double[] solution = q.minimiser();
        System.arraycopy(solution, 0, q.params[0].data, 0, 3);
        System.arraycopy(solution, 3, q.params[1].data, 0, 2);
        FullBatchOptimizer.Minimizer minimizer = new Lbfgs(10, 1e-6, 0).startMinimizer(q.params);
        assertEquals(FullBatchOptimizer.Status.CONVERGED, minimizer.iterate(q, q.params, q.grads));
        assertEquals(1, minimizer.evaluations());
        assertEquals(0, minimizer.stepLength());
        assertArrayEquals(solution, q.theta(), 0);
    }

    @Test
    void nonFiniteTrialsAreStepsTooLong() {
        // f = ‖θ - 3‖² inside the ball ‖θ‖ < 1.5 and NaN outside: the first trial from 0 overshoots into NaN
        DMatrixRMaj[] params = {row(0.0, 0.0)};
        DMatrixRMaj[] grads = {new DMatrixRMaj(1, 2)};
        FullBatchOptimizer.Objective walled = () -> {
            double u = params[0].data[0];
            double v = params[0].data[1];
            if (u * u + v * v >= 2.25) {
                return Double.NaN;
            }
            grads[0].data[0] = 2 * (u - 3);
            grads[0].data[1] = 2 * (v - 3);
            return (u - 3) * (u - 3) + (v - 3) * (v - 3);
        };
        FullBatchOptimizer.Minimizer minimizer = new Lbfgs().startMinimizer(params);
        for (int k = 0; k < 3; k++) {
            assertTrue(minimizer.iterate(walled, params, grads) != FullBatchOptimizer.Status.DIVERGED);
            assertTrue(Double.isFinite(minimizer.value()));
        }
        assertTrue(minimizer.value() < 18, "moved downhill: " + minimizer.value());
    }

    @Test
    void anObjectiveThatIsNaNEverywhereDivergesAndLeavesTheParameters() {
        DMatrixRMaj[] params = {row(1.0, 2.0)};
        DMatrixRMaj[] grads = {new DMatrixRMaj(1, 2)};
        FullBatchOptimizer.Minimizer minimizer = new Lbfgs().startMinimizer(params);
        assertEquals(FullBatchOptimizer.Status.DIVERGED, minimizer.iterate(() -> Double.NaN, params, grads));
        assertArrayEquals(new double[]{1, 2}, params[0].data, 0);
        // finite at the start, NaN at every trial: diverged, back at the start
        double[] calls = {0};
        FullBatchOptimizer.Objective onlyHere = () -> {
            grads[0].data[0] = 1;
            grads[0].data[1] = 1;
            return calls[0]++ == 0 ? 5.0 : Double.NaN;
        };
        minimizer.restart();
        assertEquals(FullBatchOptimizer.Status.DIVERGED, minimizer.iterate(onlyHere, params, grads));
        assertArrayEquals(new double[]{1, 2}, params[0].data, 0);
    }

    @Test
    void runsAreBitForBitRepeatable() {
        Quadratic first = illConditioned();
        Quadratic second = illConditioned();
        FullBatchOptimizer.Minimizer a = TIGHT.startMinimizer(first.params);
        FullBatchOptimizer.Minimizer b = TIGHT.startMinimizer(second.params);
        for (int k = 0; k < 6; k++) {
            a.iterate(first, first.params, first.grads);
            b.iterate(second, second.params, second.grads);
            assertArrayEquals(first.theta(), second.theta(), 0);
            assertEquals(Double.doubleToLongBits(a.value()), Double.doubleToLongBits(b.value()));
        }
    }

    @Test
    void anIterationAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = AllocationCounting.threadsOrSkip();
        long thread = Thread.currentThread().getId();
        Quadratic q = illConditioned();
        FullBatchOptimizer.Minimizer minimizer = new Lbfgs(3, 0, 0).startMinimizer(q.params);
        for (int k = 0; k < 5; k++) {
            minimizer.iterate(q, q.params, q.grads);
        }
        long fewest = Long.MAX_VALUE;
        for (int k = 0; k < 5; k++) {
            // a fresh start each time, so the iterations keep moving and searching
            minimizer.restart();
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 4; i++) {
                minimizer.iterate(q, q.params, q.grads);
            }
            fewest = Math.min(fewest, threads.getThreadAllocatedBytes(thread) - before);
        }
        assertEquals(0, fewest, "bytes allocated by four iterations");
    }

    @Test
    void refusesThePerBatchStepAndBadSettings() {
        DMatrixRMaj[] params = {row(1.0)};
        assertThrows(UnsupportedOperationException.class, () -> new Lbfgs().start(params, new boolean[]{true}));
        assertThrows(IllegalArgumentException.class, () -> new Lbfgs(0, 1e-5, 0));
        assertThrows(IllegalArgumentException.class, () -> new Lbfgs(10, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new Lbfgs(10, 1e-5, -1));
        FullBatchOptimizer.Minimizer minimizer = new Lbfgs().startMinimizer(params);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> minimizer.iterate(() -> 0, new DMatrixRMaj[]{row(1.0, 2.0)}, new DMatrixRMaj[]{row(0.0, 0.0)}));
        assertTrue(e.getMessage().contains("1×1"), e.getMessage());
        assertEquals("lbfgs", new Lbfgs().name());
    }

    @Test
    void cubicMinimumOfACubic() {
        // φ(α) = (α - 2)³/3 - (α - 2) + 1 has φ' = (α - 2)² - 1, a local minimum at α = 3
        double f0 = -8.0 / 3 + 2 + 1;
        double f4 = 8.0 / 3 - 2 + 1;
        assertEquals(3.0, LbfgsMinimizer.cubicMinimum(0, f0, 3, 4, f4, 3), 1e-12);
        assertEquals(3.0, LbfgsMinimizer.cubicMinimum(4, f4, 3, 0, f0, 3), 1e-12);
    }
}
