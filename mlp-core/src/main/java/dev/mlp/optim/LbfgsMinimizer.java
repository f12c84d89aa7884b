package dev.mlp.optim;

import org.ejml.data.DMatrixRMaj;

/**
 * The state and iteration of {@link Lbfgs}: the current point θ, its f and gradient, and the last
 * m curvature pairs in a ring, all as flat vectors over the parameters in order (W₀, b₀, W₁, …),
 * allocated here once. The line search writes each trial θ + α d straight into the parameter
 * matrices and reads the gradient the objective leaves in the gradient matrices.
 */
final class LbfgsMinimizer implements FullBatchOptimizer.Minimizer {

    /** Sufficient decrease (Armijo) constant. */
    private static final double C1 = 1e-4;
    /** Curvature constant; 0.9 is the usual choice for quasi-Newton directions. */
    private static final double C2 = 0.9;
    /** A pair is kept only when yᵀs exceeds this share of yᵀy, keeping H positive definite. */
    private static final double CURVATURE_FLOOR = 1e-10;

    private final Lbfgs settings;
    private final int m;
    /** The started parameters' shapes, checked on every iteration. */
    private final DMatrixRMaj[] shapes;
    private final double[] theta;
    private final double[] gradient;
    private final double[] direction;
    /** The gradient at the last trial point. */
    private final double[] trialGradient;
    private final double[][] s;
    private final double[][] y;
    private final double[] rho;
    /** The two-loop recursion's αᵢ, by ring slot. */
    private final double[] alpha;
    private int pairs;
    /** Ring slot of the newest pair. */
    private int newest = -1;
    private boolean hasPoint;
    private double f = Double.NaN;
    private double step;
    private int evaluations;

    // one iteration's objective and matrices, and the last trial, kept in fields so the line search allocates nothing
    private FullBatchOptimizer.Objective objective;
    private DMatrixRMaj[] params;
    private DMatrixRMaj[] grads;
    private int searchEvaluations;
    private int finiteTrials;
    private double trialAlpha;
    private double trialValue;
    private double trialSlope;

    LbfgsMinimizer(Lbfgs settings, DMatrixRMaj[] params) {
        this.shapes = OptimizerSupport.zerosLike(params);
        this.settings = settings;
        this.m = settings.history();
        int n = 0;
        for (DMatrixRMaj p : params) {
            n += p.getNumElements();
        }
        theta = new double[n];
        gradient = new double[n];
        direction = new double[n];
        trialGradient = new double[n];
        s = new double[m][n];
        y = new double[m][n];
        rho = new double[m];
        alpha = new double[m];
    }

    @Override
    public FullBatchOptimizer.Status iterate(FullBatchOptimizer.Objective objective, DMatrixRMaj[] params,
                                             DMatrixRMaj[] grads) {
        if (objective == null) {
            throw new IllegalArgumentException("objective must not be null");
        }
        OptimizerSupport.requireStep(0, shapes, params, grads);
        this.objective = objective;
        this.params = params;
        this.grads = grads;
        evaluations = 0;
        step = 0;
        try {
            if (!hasPoint) {
                read(params, theta);
                double f0 = objective.evaluate();
                evaluations++;
                if (!Double.isFinite(f0)) {
                    return FullBatchOptimizer.Status.DIVERGED;
                }
                read(grads, gradient);
                f = f0;
                hasPoint = true;
            }
            if (maxAbs(gradient) <= settings.gradientTolerance()) {
                return FullBatchOptimizer.Status.CONVERGED;
            }
            FullBatchOptimizer.Status status = searchAndMove();
            if (status == FullBatchOptimizer.Status.STALLED && pairs > 0) {
                // the quasi-Newton model may be stale; steepest descent is the last resort
                pairs = 0;
                status = searchAndMove();
            }
            return status;
        } finally {
            this.objective = null;
            this.params = null;
            this.grads = null;
        }
    }

    @Override
    public double value() {
        return f;
    }

    @Override
    public double stepLength() {
        return step;
    }

    @Override
    public int evaluations() {
        return evaluations;
    }

    @Override
    public void restart() {
        hasPoint = false;
        pairs = 0;
        newest = -1;
        f = Double.NaN;
    }

    /** Direction, line search, and the move with its curvature pair; the parameters stay put unless it moves. */
    private FullBatchOptimizer.Status searchAndMove() {
        computeDirection();
        double slope0 = dot(gradient, direction);
        if (!(slope0 < 0)) {
            // rounding can spoil a direction on a nearly flat objective; fall back on -g
            pairs = 0;
            computeDirection();
            slope0 = dot(gradient, direction);
        }
        double first = pairs == 0 ? Math.min(1.0, 1.0 / Math.sqrt(dot(gradient, gradient))) : 1.0;
        searchEvaluations = 0;
        finiteTrials = 0;
        double accepted = lineSearch(f, slope0, first);
        if (!(accepted > 0)) {
            write(theta, params);
            return finiteTrials == 0 ? FullBatchOptimizer.Status.DIVERGED : FullBatchOptimizer.Status.STALLED;
        }
        if (trialAlpha != accepted) {
            trial(accepted);
        }
        double previous = f;
        f = trialValue;
        step = accepted;
        remember();
        double decrease = (previous - f) / Math.max(Math.max(Math.abs(previous), Math.abs(f)), 1.0);
        if (decrease <= settings.lossTolerance() || maxAbs(gradient) <= settings.gradientTolerance()) {
            return FullBatchOptimizer.Status.CONVERGED;
        }
        return FullBatchOptimizer.Status.MOVED;
    }

    /**
     * Stores s = θ_new - θ and y = g_new - g in the next ring slot, then makes the new point
     * current. θ_new is read back from the parameters so that θ holds exactly what the network holds.
     */
    private void remember() {
        int slot = (newest + 1) % m;
        double[] sNew = s[slot];
        double[] yNew = y[slot];
        int at = 0;
        for (DMatrixRMaj p : params) {
            int count = p.getNumElements();
            for (int e = 0; e < count; e++, at++) {
                double updated = p.data[e];
                sNew[at] = updated - theta[at];
                theta[at] = updated;
            }
        }
        double ys = 0;
        double yy = 0;
        for (int i = 0; i < theta.length; i++) {
            double yi = trialGradient[i] - gradient[i];
            yNew[i] = yi;
            ys += yi * sNew[i];
            yy += yi * yi;
            gradient[i] = trialGradient[i];
        }
        if (ys > CURVATURE_FLOOR * yy) {
            rho[slot] = 1.0 / ys;
            newest = slot;
            pairs = Math.min(pairs + 1, m);
        } else if (pairs == m) {
            // the slot held the oldest pair, now overwritten
            pairs = m - 1;
        }
    }

    /** d = -H g by the two-loop recursion over the kept pairs, newest first; d = -g without pairs. */
    private void computeDirection() {
        double[] q = direction;
        System.arraycopy(gradient, 0, q, 0, q.length);
        multiplyInverseHessian(q);
        for (int i = 0; i < q.length; i++) {
            q[i] = -q[i];
        }
    }

    /** q := H q, H the inverse-Hessian approximation of the kept pairs (the identity without pairs). */
    private void multiplyInverseHessian(double[] q) {
        for (int j = 0; j < pairs; j++) {
            int i = (newest - j + m) % m;
            double a = rho[i] * dot(s[i], q);
            alpha[i] = a;
            axpy(-a, y[i], q);
        }
        if (pairs > 0) {
            // γ = sᵀy / yᵀy of the newest pair, and sᵀy = 1/ρ
            double gamma = 1.0 / (rho[newest] * dot(y[newest], y[newest]));
            for (int i = 0; i < q.length; i++) {
                q[i] *= gamma;
            }
        }
        for (int j = pairs - 1; j >= 0; j--) {
            int i = (newest - j + m) % m;
            double b = rho[i] * dot(y[i], q);
            axpy(alpha[i] - b, s[i], q);
        }
    }

    /** For tests: H v, as a new array. */
    double[] inverseHessianTimes(double[] v) {
        double[] q = v.clone();
        multiplyInverseHessian(q);
        return q;
    }

    /** For tests: the newest kept pair {s, y}, copies; null without pairs. */
    double[][] newestPair() {
        return pairs == 0 ? null : new double[][]{s[newest].clone(), y[newest].clone()};
    }

    /**
     * Evaluates φ(α) = f(θ + α d) with the parameters set to θ + α d; keeps φ(α) in
     * {@link #trialValue}, φ'(α) = ∇f(θ + α d)ᵀd in {@link #trialSlope} (NaN when f is not finite)
     * and the gradient in {@link #trialGradient}.
     */
    private double trial(double a) {
        int at = 0;
        for (DMatrixRMaj p : params) {
            int count = p.getNumElements();
            for (int e = 0; e < count; e++, at++) {
                p.data[e] = theta[at] + a * direction[at];
            }
        }
        double value = objective.evaluate();
        evaluations++;
        searchEvaluations++;
        trialAlpha = a;
        trialValue = value;
        if (Double.isFinite(value)) {
            finiteTrials++;
            read(grads, trialGradient);
            trialSlope = dot(trialGradient, direction);
        } else {
            trialSlope = Double.NaN;
        }
        return value;
    }

    /**
     * Nocedal &amp; Wright's Algorithm 3.5: grows α until it brackets a strong Wolfe point, then
     * {@link #zoom}s. A non-finite f counts as too far.
     *
     * @return the accepted α; or, when the evaluations run out, the last α with sufficient decrease
     *         (0 when there is none)
     */
    private double lineSearch(double f0, double slope0, double first) {
        double previous = 0;
        double fPrevious = f0;
        double slopePrevious = slope0;
        double a = first;
        for (int i = 1; searchEvaluations < Lbfgs.MAX_LINE_SEARCH_EVALUATIONS; i++) {
            double fa = trial(a);
            double slope = trialSlope;
            if (!Double.isFinite(fa) || fa > f0 + C1 * a * slope0 || (i > 1 && fa >= fPrevious)) {
                return zoom(previous, fPrevious, slopePrevious, a, fa, slope, f0, slope0);
            }
            if (Math.abs(slope) <= -C2 * slope0) {
                return a;
            }
            if (slope >= 0) {
                return zoom(a, fa, slope, previous, fPrevious, slopePrevious, f0, slope0);
            }
            // still going down: extrapolate, between 1.1 and 4 times the last growth
            double growth = a - previous;
            double next = clamp(cubicMinimum(previous, fPrevious, slopePrevious, a, fa, slope),
                    a + 1.1 * growth, a + 4 * growth);
            previous = a;
            fPrevious = fa;
            slopePrevious = slope;
            a = next;
        }
        return previous;
    }

    /**
     * Nocedal &amp; Wright's Algorithm 3.6: shrinks [lo, hi], which holds a strong Wolfe point,
     * trying the cubic interpolant's minimum, or the midpoint where that falls within a tenth of
     * the interval's ends or cannot be formed (hi not finite). lo always has sufficient decrease
     * and the lowest f seen.
     */
    private double zoom(double lo, double fLo, double slopeLo, double hi, double fHi, double slopeHi,
                        double f0, double slope0) {
        while (searchEvaluations < Lbfgs.MAX_LINE_SEARCH_EVALUATIONS) {
            double left = Math.min(lo, hi);
            double width = Math.abs(hi - lo);
            if (width <= 1e-16 * Math.max(1.0, Math.max(lo, hi))) {
                break;
            }
            double a = Double.isFinite(fHi)
                    ? cubicMinimum(lo, fLo, slopeLo, hi, fHi, slopeHi)
                    : Double.NaN;
            if (!(a >= left + 0.1 * width && a <= left + 0.9 * width)) {
                a = lo + 0.5 * (hi - lo);
            }
            double fa = trial(a);
            double slope = trialSlope;
            if (!Double.isFinite(fa) || fa > f0 + C1 * a * slope0 || fa >= fLo) {
                hi = a;
                fHi = fa;
                slopeHi = slope;
            } else {
                if (Math.abs(slope) <= -C2 * slope0) {
                    return a;
                }
                if (slope * (hi - lo) >= 0) {
                    hi = lo;
                    fHi = fLo;
                    slopeHi = slopeLo;
                }
                lo = a;
                fLo = fa;
                slopeLo = slope;
            }
        }
        return lo;
    }

    /**
     * The minimiser of the cubic through (a, fa) and (b, fb) with slopes da, db (Nocedal &amp;
     * Wright, equation 3.59), or NaN when the cubic has none.
     */
    static double cubicMinimum(double a, double fa, double da, double b, double fb, double db) {
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double radicand = d1 * d1 - da * db;
        if (!(radicand >= 0)) {
            return Double.NaN;
        }
        double d2 = Math.copySign(Math.sqrt(radicand), b - a);
        return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
    }

    /** value within [low, high]; NaN becomes high. */
    private static double clamp(double value, double low, double high) {
        if (!(value >= low)) {
            return Double.isNaN(value) ? high : low;
        }
        return Math.min(value, high);
    }

    private static void read(DMatrixRMaj[] ms, double[] flat) {
        int at = 0;
        for (DMatrixRMaj mat : ms) {
            int count = mat.getNumElements();
            System.arraycopy(mat.data, 0, flat, at, count);
            at += count;
        }
    }

    private static void write(double[] flat, DMatrixRMaj[] ms) {
        int at = 0;
        for (DMatrixRMaj mat : ms) {
            int count = mat.getNumElements();
            System.arraycopy(flat, at, mat.data, 0, count);
            at += count;
        }
    }

    private static double dot(double[] u, double[] v) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            sum += u[i] * v[i];
        }
        return sum;
    }

    /** v := v + a u. */
    private static void axpy(double a, double[] u, double[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] += a * u[i];
        }
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }
}
