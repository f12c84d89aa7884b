package dev.mlp.optim;

import dev.mlp.testing.AllocationCounting;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.mlp.optim.OptimTesting.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.mlp.testing.Refusals.assertRefused;

/** What every optimizer must do, whatever its rule. */
class OptimizerContractTest {

    /** An optimizer and a learning rate at which it should settle on the test quadratic. */
    record Case(Optimizer optimizer, double learningRate) {
        @Override
        public String toString() {
            return optimizer.toString();
        }
    }

    static Stream<Case> optimizers() {
        return Stream.of(
                new Case(new Sgd(), 0.1),
                new Case(new Momentum(), 0.05),
                new Case(Momentum.nesterov(0.9), 0.05),
                new Case(new RmsProp(), 0.01),
                new Case(new Adam(), 0.05),
                new Case(new AdamW(), 0.05));
    }

    /** The optimizers of this package that keep state and check what they are given. */
    static Stream<Case> statefulOptimizers() {
        return optimizers().filter(c -> !(c.optimizer() instanceof Sgd));
    }

    private static final boolean[] WEIGHT_AND_BIAS = {true, false};

    private static DMatrixRMaj[] params() {
        return new DMatrixRMaj[]{row(0.3, -0.7), row(1.1)};
    }

    private static DMatrixRMaj[] gradients(int step) {
        return new DMatrixRMaj[]{row(0.5 - 0.1 * step, -1.0 + 0.3 * step), row(0.25 * (step % 3) - 0.2)};
    }

    private static DMatrixRMaj[] copy(DMatrixRMaj[] ms) {
        DMatrixRMaj[] out = new DMatrixRMaj[ms.length];
        for (int i = 0; i < ms.length; i++) {
            out[i] = ms[i].copy();
        }
        return out;
    }

    private static void assertSameValues(DMatrixRMaj[] expected, DMatrixRMaj[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].getNumElements(); j++) {
                assertEquals(expected[i].get(j), actual[i].get(j), 0.0, what + " " + i + "[" + j + "]");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void twoUpdatersFromOneOptimizerDoNotShareState(Case c) {
        DMatrixRMaj[] alone = params();
        Optimizer.Updater solo = c.optimizer().start(alone, WEIGHT_AND_BIAS);
        for (int step = 0; step < 3; step++) {
            solo.step(c.learningRate(), alone, gradients(step));
        }

        DMatrixRMaj[] first = params();
        DMatrixRMaj[] second = params();
        Optimizer.Updater a = c.optimizer().start(first, WEIGHT_AND_BIAS);
        Optimizer.Updater b = c.optimizer().start(second, WEIGHT_AND_BIAS);
        for (int step = 0; step < 3; step++) {
            a.step(c.learningRate(), first, gradients(step));
            b.step(c.learningRate(), second, gradients(step));
        }
        assertSameValues(alone, first, "first of two interleaved updaters");
        assertSameValues(alone, second, "second of two interleaved updaters");
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void startAndStepDoNotModifyTheirInputsOtherThanParameters(Case c) {
        DMatrixRMaj[] params = params();
        Optimizer.Updater updater = c.optimizer().start(params, WEIGHT_AND_BIAS);
        assertSameValues(params(), params, "params after start");
        for (int step = 0; step < 3; step++) {
            DMatrixRMaj[] grads = gradients(step);
            updater.step(c.learningRate(), params, grads);
            assertSameValues(gradients(step), grads, "grads after step " + step);
        }
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void zeroGradientLeavesParametersUnchangedWithoutWeightDecay(Case c) {
        DMatrixRMaj[] params = params();
        Optimizer.Updater updater = c.optimizer().start(params, new boolean[]{false, false});
        for (int step = 0; step < 5; step++) {
            updater.step(c.learningRate(), params, new DMatrixRMaj[]{row(0, 0), row(0)});
        }
        assertSameValues(params(), params, "params");
    }

    /** f(θ) = ½‖θ - c‖², so ∇f = θ - c; from a fixed start, 500 steps must land within 0.01 of c. */
    @ParameterizedTest
    @MethodSource("optimizers")
    void minimisesAQuadraticWithinAFewHundredSteps(Case c) {
        double[] target = {1.0, -0.5, 0.25};
        DMatrixRMaj[] params = {row(3.0, 2.0), row(-2.0)};
        DMatrixRMaj[] grads = {row(0, 0), row(0)};
        Optimizer.Updater updater = c.optimizer().start(params, WEIGHT_AND_BIAS);
        for (int step = 0; step < 500; step++) {
            grads[0].set(0, params[0].get(0) - target[0]);
            grads[0].set(1, params[0].get(1) - target[1]);
            grads[1].set(0, params[1].get(0) - target[2]);
            updater.step(c.learningRate(), params, grads);
        }
        assertEquals(target[0], params[0].get(0), 0.01, "W[0]");
        assertEquals(target[1], params[0].get(1), 0.01, "W[1]");
        assertEquals(target[2], params[1].get(0), 0.01, "b");
    }

    /** EJML matrices may own a longer array than numRows × numCols; entries past the end are not theirs. */
    @ParameterizedTest
    @MethodSource("optimizers")
    void stepUsesOnlyTheMatrixElementsNotTheWholeBackingArray(Case c) {
        DMatrixRMaj[] exact = params();
        Optimizer.Updater reference = c.optimizer().start(exact, WEIGHT_AND_BIAS);

        DMatrixRMaj[] roomy = {padded(exact[0], 42), padded(exact[1], 42)};
        Optimizer.Updater updater = c.optimizer().start(roomy, WEIGHT_AND_BIAS);
        for (int step = 0; step < 3; step++) {
            DMatrixRMaj[] grads = gradients(step);
            reference.step(c.learningRate(), exact, grads);
            updater.step(c.learningRate(), roomy, new DMatrixRMaj[]{padded(grads[0], Double.NaN),
                    padded(grads[1], Double.NaN)});
        }
        assertSameValues(exact, roomy, "params with long backing arrays");
        for (DMatrixRMaj m : roomy) {
            for (int i = m.getNumElements(); i < m.data.length; i++) {
                assertEquals(42.0, m.data[i], 0.0, "backing entry " + i + " past the matrix");
            }
        }
    }

    /** The same values as {@code m} in a matrix whose backing array is longer, padded with {@code fill}. */
    private static DMatrixRMaj padded(DMatrixRMaj m, double fill) {
        DMatrixRMaj out = new DMatrixRMaj(4, 4);
        java.util.Arrays.fill(out.data, fill);
        out.reshape(m.numRows, m.numCols);
        for (int i = 0; i < m.getNumElements(); i++) {
            out.data[i] = m.data[i];
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void stepAllocatesNothing(Case c) {
        com.sun.management.ThreadMXBean threads = AllocationCounting.threadsOrSkip();

        DMatrixRMaj[] params = {new DMatrixRMaj(8, 16), new DMatrixRMaj(1, 16)};
        DMatrixRMaj[] grads = {new DMatrixRMaj(8, 16), new DMatrixRMaj(1, 16)};
        for (DMatrixRMaj g : grads) {
            java.util.Arrays.fill(g.data, 1e-3);
        }
        Optimizer.Updater updater = c.optimizer().start(params, WEIGHT_AND_BIAS);
        double rate = 1e-6;
        for (int i = 0; i < 20_000; i++) { // warm up, so the measurement sees compiled code
            updater.step(rate, params, grads);
        }
        long thread = Thread.currentThread().getId();
        int steps = 10_000;
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < steps; i++) {
            updater.step(rate, params, grads);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // even one 16-byte object per step would be 160 000 bytes; allow the counter's own noise
        assertTrue(allocated < steps, allocated + " bytes allocated over " + steps + " steps");
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void stepRejectsParametersOrGradientsThatDoNotMatchStart(Case c) {
        DMatrixRMaj[] params = params();
        Optimizer.Updater updater = c.optimizer().start(params, WEIGHT_AND_BIAS);
        assertThrows(IllegalArgumentException.class,
                () -> updater.step(0.1, params, new DMatrixRMaj[]{row(1, 2)}));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> updater.step(0.1, params, new DMatrixRMaj[]{row(1, 2, 3), row(4)}));
        assertTrue(shape.getMessage().contains("1×3"), shape.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> updater.step(0.1, new DMatrixRMaj[]{row(1, 2), row(3, 4)}, gradients(0)));
        assertSameValues(params(), params, "params after rejected steps");
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void startRejectsMissingParameters(Case c) {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> c.optimizer().start(null, WEIGHT_AND_BIAS));
        assertTrue(none.getMessage().contains("params"), none.getMessage());
        IllegalArgumentException hole = assertThrows(IllegalArgumentException.class,
                () -> c.optimizer().start(new DMatrixRMaj[]{row(1, 2), null}, WEIGHT_AND_BIAS));
        assertTrue(hole.getMessage().contains("params[1]"), hole.getMessage());
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void stepRejectsNullsNamingTheArgument(Case c) {
        DMatrixRMaj[] params = params();
        Optimizer.Updater updater = c.optimizer().start(params, WEIGHT_AND_BIAS);
        assertRefused(() -> updater.step(0.1, null, gradients(0)), "params must not be null");
        assertRefused(() -> updater.step(0.1, params, null), "grads must not be null");
        assertRefused(() -> updater.step(0.1, new DMatrixRMaj[]{row(1, 2), null}, gradients(0)), "params[1] must not be null");
        assertRefused(() -> updater.step(0.1, params, new DMatrixRMaj[]{null, row(1)}), "grads[0] must not be null");
        assertSameValues(params(), params, "params after rejected steps");
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void stepRejectsALearningRateThatIsNaNInfiniteOrNegative(Case c) {
        DMatrixRMaj[] params = params();
        Optimizer.Updater updater = c.optimizer().start(params, WEIGHT_AND_BIAS);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.1}) {
            // NaN used to turn every weight into NaN without a word
            assertRefused(() -> updater.step(bad, params, gradients(0)), "learningRate", Double.toString(bad));
        }
        assertSameValues(params(), params, "params after rejected steps");
    }


    @ParameterizedTest
    @MethodSource("optimizers")
    void toStringStartsWithTheName(Case c) {
        assertTrue(c.optimizer().toString().startsWith(c.optimizer().name()), c.optimizer().toString());
    }

    /** A run stopped after 3 steps and resumed from its exported state continues with the same bits. */
    @ParameterizedTest
    @MethodSource("optimizers")
    void anExportedStateResumesTheRunExactly(Case c) {
        DMatrixRMaj[] straight = params();
        Optimizer.Updater one = c.optimizer().start(straight, WEIGHT_AND_BIAS);
        for (int step = 0; step < 6; step++) {
            one.step(c.learningRate(), straight, gradients(step));
        }

        DMatrixRMaj[] first = params();
        Optimizer.Updater before = c.optimizer().start(first, WEIGHT_AND_BIAS);
        for (int step = 0; step < 3; step++) {
            before.step(c.learningRate(), first, gradients(step));
        }
        double[] state = before.exportState();
        DMatrixRMaj[] resumed = copy(first);
        Optimizer.Updater after = c.optimizer().start(resumed, WEIGHT_AND_BIAS);
        after.importState(state.clone());
        assertEquals(java.util.Arrays.toString(state), java.util.Arrays.toString(after.exportState()));
        for (int step = 3; step < 6; step++) {
            after.step(c.learningRate(), resumed, gradients(step));
        }
        assertSameValues(straight, resumed, "resumed");
        assertThrows(IllegalArgumentException.class, () -> after.importState(new double[state.length + 1]));
        assertThrows(IllegalArgumentException.class, () -> after.importState(null));
    }
}
