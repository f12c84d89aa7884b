package dev.mlp.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepCostModelTest {

    /**
     * Samples made from T_job = 5 + 2P, a driver broadcast of 3, a task of 4 + 0.01·B/P and
     * T_collect = 6 + 1.5P, with no noise: the fit gives those coefficients back, and the model's
     * step is their sum (T_broadcast = 3 + 4 = 7).
     */
    @Test
    void exactSamplesGiveTheirCoefficientsBack() {
        List<StepCostModel.Sample> samples = new ArrayList<>();
        for (int b : new int[] {128, 512, 2048}) {
            for (int p : new int[] {1, 2}) {
                double job = 5 + 2 * p;
                double task = 4 + 0.01 * b / p;
                double collect = 6 + 1.5 * p;
                samples.add(new StepCostModel.Sample(b, p, job, 3, task, collect, job + 3 + task + collect));
            }
        }
        StepCostModel model = StepCostModel.fit(samples);
        assertEquals(5, model.job().intercept(), 1e-9);
        assertEquals(2, model.job().slope(), 1e-9);
        assertEquals(7, model.broadcast(), 1e-9);
        assertEquals(0.01, model.task().slope(), 1e-12);
        assertEquals(6, model.collect().intercept(), 1e-9);
        assertEquals(1.5, model.collect().slope(), 1e-9);
        for (StepCostModel.Sample s : samples) {
            assertEquals(s.step(), model.step(s.batch(), s.partitions()), 1e-9);
        }
        // 8 executors, B = 8192: 5 + 16 + 7 + 6 + 12 + 0.01 · 1024
        assertEquals(56.24, model.step(8192, 8), 1e-9);
    }

    /** Through (0, 1), (1, 2), (2, 2): slope Σ(x−x̄)(y−ȳ)/Σ(x−x̄)² = 1/2, intercept ȳ − x̄/2 = 7/6. */
    @Test
    void aLineIsTheLeastSquaresOne() {
        StepCostModel.Line line = StepCostModel.Line.fit(new double[] {0, 1, 2}, new double[] {1, 2, 2});
        assertEquals(0.5, line.slope(), 1e-12);
        assertEquals(7.0 / 6, line.intercept(), 1e-12);
    }

    @Test
    void onePartitionCountCannotGiveThePerPartitionCost() {
        List<StepCostModel.Sample> samples = List.of(new StepCostModel.Sample(128, 1, 1, 1, 1, 1, 4),
                new StepCostModel.Sample(512, 1, 1, 1, 2, 1, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepCostModel.fit(samples));
        assertTrue(e.getMessage().contains("two distinct x"), e.getMessage());
    }

    @Test
    void fewerObservationsThanCoefficientsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StepCostModel.leastSquares(new double[][] {{1, 2, 3}, {4, 5, 6}}, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("2×3"), e.getMessage());
    }
}
