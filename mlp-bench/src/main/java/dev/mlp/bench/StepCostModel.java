package dev.mlp.bench;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Arrays;
import java.util.List;

/**
 * The cost of one synchronous Spark training step, fitted to measured steps:
 *
 * <pre>
 *   T_step(B, P) = T_job(P) + T_broadcast + T_collect(P) + T_grad(B/P)
 *   T_job(P)     = job.intercept + job.slope · P          (submit, schedule, launch and deserialize P tasks)
 *   T_broadcast  = driverBroadcast + task.intercept         (write the weights on the driver; read them in a task)
 *   T_collect(P) = collect.intercept + collect.slope · P  (serialize, fetch and sum P gradients; the update)
 *   T_grad(m)    = task.slope · m                          (backprop over the m = B/P rows of a task)
 * </pre>
 *
 * Each part is fitted by least squares to its own measured series over all (B, P) samples; the
 * task line is fitted to the run time of the task that finished last, so its intercept holds the
 * broadcast read and whatever else a task pays regardless of its rows. The model assumes one wave
 * of tasks: P no larger than the cluster's task slots.
 *
 * @param job             T_job against P, ms
 * @param driverBroadcast the driver's time from the previous step's end to the job's submission, ms
 * @param task            the last task's run time against its rows B/P, ms
 * @param collect         T_collect against P, ms
 */
record StepCostModel(Line job, double driverBroadcast, Line task, Line collect) {

    /**
     * One (B, P) configuration's measured step, its parts in ms, each a typical (median) value.
     *
     * @param batch      B, the global batch
     * @param partitions P
     * @param job        job span less the last task's span, plus that task's scheduler delay and deserialization
     * @param preJob     the driver from the previous step's end to the job's submission
     * @param taskRun    the last task's executor run time
     * @param collect    the last task's result serialization and fetch, plus the driver from job end to step end
     * @param step       the whole step, as the driver saw it
     */
    record Sample(int batch, int partitions, double job, double preJob, double taskRun, double collect, double step) {

        double rowsPerTask() {
            return (double) batch / partitions;
        }
    }

    /** y = intercept + slope · x. */
    record Line(double intercept, double slope) {

        double at(double x) {
            return intercept + slope * x;
        }

        /**
         * The least-squares line through (x[i], y[i]).
         *
         * @throws IllegalArgumentException for arrays of different lengths, or fewer than two distinct x
         */
        static Line fit(double[] x, double[] y) {
            if (x.length != y.length) {
                throw new IllegalArgumentException("x has " + x.length + " values, y has " + y.length);
            }
            if (Arrays.stream(x).distinct().count() < 2) {
                throw new IllegalArgumentException("a line needs at least two distinct x, got "
                        + Arrays.toString(x));
            }
            double[][] design = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                design[i] = new double[] {1, x[i]};
            }
            double[] c = leastSquares(design, y);
            return new Line(c[0], c[1]);
        }
    }

    /**
     * The coefficients c minimising ‖A·c − y‖₂ (EJML's QR solve).
     *
     * @param design A, one row per observation, all rows as long
     * @param y      the observations
     * @throws IllegalArgumentException for fewer observations than coefficients, or rows of different lengths
     */
    static double[] leastSquares(double[][] design, double[] y) {
        int n = design.length;
        int k = n == 0 ? 0 : design[0].length;
        if (n != y.length || n < k || k == 0) {
            throw new IllegalArgumentException("least squares needs at least as many observations as coefficients,"
                    + " got a " + n + "×" + k + " design and " + y.length + " observations");
        }
        DMatrixRMaj a = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            if (design[i].length != k) {
                throw new IllegalArgumentException("design row " + i + " has " + design[i].length + " entries, row 0 has " + k);
            }
            System.arraycopy(design[i], 0, a.data, i * k, k);
        }
        DMatrixRMaj c = new DMatrixRMaj(k, 1);
        if (!CommonOps_DDRM.solve(a, new DMatrixRMaj(n, 1, true, y), c)) {
            throw new IllegalArgumentException("the design is singular: a coefficient cannot be told from the others");
        }
        return c.data;
    }

    /**
     * Fits every part to the samples.
     *
     * @throws IllegalArgumentException unless the samples hold at least two partition counts and two
     *                                  values of B/P
     */
    static StepCostModel fit(List<Sample> samples) {
        double[] p = samples.stream().mapToDouble(Sample::partitions).toArray();
        double[] rows = samples.stream().mapToDouble(Sample::rowsPerTask).toArray();
        return new StepCostModel(
                Line.fit(p, samples.stream().mapToDouble(Sample::job).toArray()),
                samples.stream().mapToDouble(Sample::preJob).average().orElseThrow(),
                Line.fit(rows, samples.stream().mapToDouble(Sample::taskRun).toArray()),
                Line.fit(p, samples.stream().mapToDouble(Sample::collect).toArray()));
    }

    /** T_broadcast: the driver's write and a task's read of one step's weights, ms. */
    double broadcast() {
        return driverBroadcast + task.intercept();
    }

    /** T_grad(m): one task's backprop over m rows, ms. */
    double grad(double rows) {
        return task.slope() * rows;
    }

    /** The modelled step, ms, for B rows over P partitions in one wave. */
    double step(int batch, int partitions) {
        return job.at(partitions) + broadcast() + collect.at(partitions) + grad((double) batch / partitions);
    }
}
