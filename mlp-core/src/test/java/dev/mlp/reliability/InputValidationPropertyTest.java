package dev.mlp.reliability;

import dev.mlp.activation.LeakyReLU;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Softmax;
import dev.mlp.io.SavedModel;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.metrics.ClassificationReport;
import dev.mlp.metrics.ConfusionMatrix;
import dev.mlp.metrics.Metrics;
import dev.mlp.model.DenseLayer;
import dev.mlp.model.InputScaling;
import dev.mlp.model.Network;
import dev.mlp.model.NetworkSpec;
import dev.mlp.optim.Adam;
import dev.mlp.optim.AdamW;
import dev.mlp.optim.Momentum;
import dev.mlp.optim.RmsProp;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.EarlyStopping;
import dev.mlp.train.History;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;
import dev.mlp.train.schedule.CosineDecay;
import dev.mlp.train.schedule.ExponentialDecay;
import dev.mlp.train.schedule.ReduceOnPlateau;
import dev.mlp.train.schedule.StepDecay;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property tests of the entry checks of mlp-core: for random shapes, random positions of NaN and
 * ±∞, empty and one-row data and absurd hyper-parameters, every public entry point refuses bad
 * input with an {@link IllegalArgumentException} whose message names the argument, what it
 * expected and what it found. Cases are drawn from a seeded generator ({@link Gen}); the numbers
 * of cases are the constants below.
 */
class InputValidationPropertyTest {

    static final int PREDICTION_CASES = 200;
    static final int TRAINING_CASES = 200;
    static final int HYPER_PARAMETER_CASES = 300;
    static final int SHAPE_CASES = 150;
    static final int METRIC_CASES = 200;
    static final int ONE_ROW_CASES = 40;

    // ---- prediction ------------------------------------------------------------------------

    static Stream<Refusal> badPredictionInputs() {
        return IntStream.range(0, PREDICTION_CASES).mapToObj(i -> badPredictionInput(new Gen(i), i));
    }

    private static Refusal badPredictionInput(Gen g, int i) {
        int[] sizes = g.sizes();
        Network net = g.network(sizes, new Sigmoid(), i);
        int in = sizes[0];
        int rows = g.between(1, 12);
        String shape = "case " + i + " " + Arrays.toString(sizes);
        switch (g.random.nextInt(8)) {
            case 0: {
                DMatrixRMaj x = g.matrix(rows, in);
                Gen.Poison p = g.poison(x);
                return Refusal.of(shape + ": " + p + " in x", () -> net.predict(x), p.words("x"));
            }
            case 7: {
                // a finite x that the model's own scaling sends beyond the double range
                double[] offset = new double[in];
                double[] scale = new double[in];
                java.util.Arrays.fill(scale, 1.0);
                int column = g.random.nextInt(in);
                offset[column] = -Double.MAX_VALUE;
                scale[column] = g.pick(0.5, 1e-300);
                SavedModel model = new SavedModel(net, null, new InputScaling(offset, scale), null);
                DMatrixRMaj x = g.matrix(rows, in);
                x.set(0, column, Math.abs(x.get(0, column)) + 1);
                return Refusal.of(shape + ": scaling overflows column " + column, () -> model.predict(x),
                        "x at row 0, column " + column, "input scaling maps to Infinity", "scale " + scale[column]);
            }
            case 1: {
                int cols = in > 1 && g.random.nextBoolean() ? in - g.between(1, in - 1) : in + g.between(1, 7);
                DMatrixRMaj x = g.matrix(rows, cols);
                return Refusal.of(shape + ": x of " + x.numCols + " columns", () -> net.predict(x),
                        "x must have " + in + " columns", rows + "×" + x.numCols);
            }
            case 2:
                return Refusal.of(shape + ": x with no rows", () -> net.predict(new DMatrixRMaj(0, in)),
                        "x is empty", "0×" + in);
            case 3:
                return Refusal.of(shape + ": null x", () -> net.predict((DMatrixRMaj) null), "x must not be null");
            case 4: {
                double threshold = g.pick(0.0, 1.0, -0.5, 1.5, Double.NaN, Double.POSITIVE_INFINITY);
                DMatrixRMaj x = g.matrix(rows, in);
                return Refusal.of(shape + ": threshold " + threshold, () -> net.predictLabels(x, threshold),
                        "threshold", Double.toString(threshold));
            }
            case 5: {
                DMatrixRMaj x = g.matrix(rows, in);
                Gen.Poison p = g.poison(x);
                SavedModel model = new SavedModel(net, null, scaling(g, in), null);
                return Refusal.of(shape + ": " + p + " in x of a scaled model", () -> model.predict(x), p.words("x"));
            }
            default: {
                DMatrixRMaj x = g.matrix(rows, in + 1);
                SavedModel model = new SavedModel(net, null, scaling(g, in), null);
                return Refusal.of(shape + ": x of " + (in + 1) + " columns for a scaled model",
                        () -> model.predict(x), "x must have " + in + " columns", rows + "×" + (in + 1));
            }
        }
    }

    private static InputScaling scaling(Gen g, int columns) {
        double[] offset = new double[columns];
        double[] scale = new double[columns];
        for (int c = 0; c < columns; c++) {
            offset[c] = g.random.nextGaussian();
            scale[c] = 0.5 + g.random.nextDouble();
        }
        return new InputScaling(offset, scale);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPredictionInputs")
    void predictionRefusesBadInputNamingTheArgumentAndValue(Refusal refusal) {
        refusal.assertRefused();
    }

    // ---- training data ---------------------------------------------------------------------

    static Stream<Refusal> badTrainingInputs() {
        return IntStream.range(0, TRAINING_CASES).mapToObj(i -> badTrainingInput(new Gen(i + 10_000), i));
    }

    private static Refusal badTrainingInput(Gen g, int i) {
        int[] sizes = g.sizes();
        int in = sizes[0];
        int out = sizes[sizes.length - 1];
        Network net = g.network(sizes, new Sigmoid(), i);
        int rows = g.between(1, 30);
        DMatrixRMaj x = g.matrix(rows, in);
        DMatrixRMaj y = new DMatrixRMaj(rows, out);
        for (int k = 0; k < y.getNumElements(); k++) {
            y.data[k] = g.random.nextDouble();
        }
        int batch = g.between(1, rows);
        TrainingConfig config = TrainingConfig.builder().epochs(g.between(1, 3)).batchSize(batch).learningRate(0.1).build();
        Trainer trainer = new Trainer(config);
        NumpyRandom shuffle = new NumpyRandom(i);
        String shape = "case " + i + " " + Arrays.toString(sizes) + ", " + rows + " rows";
        switch (g.random.nextInt(11)) {
            case 0: {
                Gen.Poison p = g.poison(x);
                return Refusal.of(shape + ": " + p + " in x", () -> trainer.fit(net, shuffle, x, y), p.words("x"));
            }
            case 1: {
                Gen.Poison p = g.poison(y);
                return Refusal.of(shape + ": " + p + " in y", () -> trainer.fit(net, shuffle, x, y), p.words("y"));
            }
            case 2: {
                DMatrixRMaj shortY = new DMatrixRMaj(rows + g.between(1, 5), out);
                return Refusal.of(shape + ": y of " + shortY.numRows + " rows", () -> trainer.fit(net, shuffle, x, shortY),
                        "same number of rows", rows + "×" + in, shortY.numRows + "×" + out);
            }
            case 3: {
                DMatrixRMaj wide = g.matrix(rows, in + g.between(1, 3));
                return Refusal.of(shape + ": x of " + wide.numCols + " columns", () -> trainer.fit(net, shuffle, wide, y),
                        "x must have " + in + " columns", rows + "×" + wide.numCols);
            }
            case 4: {
                DMatrixRMaj wide = new DMatrixRMaj(rows, out + g.between(1, 3));
                return Refusal.of(shape + ": y of " + wide.numCols + " columns", () -> trainer.fit(net, shuffle, x, wide),
                        "y must have " + out + " columns", rows + "×" + wide.numCols);
            }
            case 5: {
                int tooBig = g.random.nextBoolean() ? Integer.MAX_VALUE : rows + g.between(1, 100);
                TrainingConfig big = config.toBuilder().batchSize(tooBig).build();
                return Refusal.of(shape + ": batch " + tooBig, () -> new Trainer(big).fit(net, shuffle, x, y),
                        "batchSize", "(" + rows + ")", Integer.toString(tooBig));
            }
            case 6:
                return Refusal.of(shape + ": no rows", () -> trainer.fit(net, shuffle, new DMatrixRMaj(0, in), new DMatrixRMaj(0, out)),
                        "x is empty", "0×" + in);
            case 7: {
                DMatrixRMaj xVal = g.matrix(g.between(1, 5), in);
                DMatrixRMaj yVal = new DMatrixRMaj(xVal.numRows, out);
                Gen.Poison p = g.poison(xVal);
                return Refusal.of(shape + ": " + p + " in xVal", () -> trainer.fit(net, shuffle, x, y, xVal, yVal),
                        p.words("xVal"));
            }
            case 8: {
                DMatrixRMaj xVal = g.matrix(g.between(1, 5), in);
                DMatrixRMaj yVal = new DMatrixRMaj(xVal.numRows, out + 1);
                return Refusal.of(shape + ": yVal of " + (out + 1) + " columns", () -> trainer.fit(net, shuffle, x, y, xVal, yVal),
                        "yVal must have " + out + " columns", xVal.numRows + "×" + (out + 1));
            }
            case 9: {
                DMatrixRMaj tinyX = g.matrix(g.between(1, 2), in);
                DMatrixRMaj tinyY = new DMatrixRMaj(tinyX.numRows, out);
                TrainingConfig held = config.toBuilder().batchSize(1).validationFraction(0.01).build();
                return Refusal.of(shape + ": validation fraction 0.01 of " + tinyX.numRows + " rows",
                        () -> new Trainer(held).fit(net, shuffle, tinyX, tinyY),
                        "validationFraction 0.01", tinyX.numRows + " rows", "0 validation rows");
            }
            default:
                return Refusal.of(shape + ": null x", () -> trainer.fit(net, shuffle, null, y), "x must not be null");
        }
    }

    /** Plain mini-batch SGD on the mean squared error. */
    private static History sgd(Network net, NumpyRandom random, DMatrixRMaj x, DMatrixRMaj y, int epochs,
                               int batchSize, double learningRate) {
        TrainingConfig config = TrainingConfig.builder().epochs(epochs).batchSize(batchSize)
                .learningRate(learningRate).build();
        return new Trainer(config).fit(net, random, x, y);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTrainingInputs")
    void trainingRefusesBadDataNamingTheArgumentAndValue(Refusal refusal) {
        refusal.assertRefused();
    }

    /** Refused data leaves the network as it was: the check runs before any update. */
    @Test
    void refusedTrainingDataLeavesTheWeightsUntouched() {
        for (int i = 0; i < 50; i++) {
            Gen g = new Gen(i + 20_000);
            int[] sizes = g.sizes();
            Network net = g.network(sizes, new Sigmoid(), i);
            double[] before = Gen.parameters(net);
            DMatrixRMaj x = g.matrix(g.between(2, 20), sizes[0]);
            DMatrixRMaj y = new DMatrixRMaj(x.numRows, sizes[sizes.length - 1]);
            g.poison(g.random.nextBoolean() ? x : y);
            NumpyRandom shuffle = new NumpyRandom(i);
            Refusal.of("case " + i, () -> sgd(net, shuffle, x, y, 2, 1, 0.1)).assertRefused();
            assertTrue(Arrays.equals(before, Gen.parameters(net)), "case " + i + ": weights changed");
        }
    }

    /** Low-level entry points that threw NullPointerException for a null argument. */
    @Test
    void lowLevelEntryPointsRefuseNullsNamingTheArgument() {
        InputScaling scaling = new InputScaling(new double[] {0, 1}, new double[] {1, 2});
        Refusal.of("InputScaling.apply(null)", () -> scaling.apply(null), "x must not be null").assertRefused();
        Refusal.of("new History(null, ...)", () -> new History(null, dev.mlp.train.StopReason.COMPLETED, 0, 0, 0, false), "epochs must not be null").assertRefused();
        java.util.List<dev.mlp.train.EpochResult> holed = new ArrayList<>();
        holed.add(null);
        Refusal.of("History with a null epoch", () -> new History(holed, dev.mlp.train.StopReason.COMPLETED, 0, 0, 0, false), "epochs[0] is null").assertRefused();
    }

    // ---- one-row data ----------------------------------------------------------------------

    static Stream<Integer> oneRowCases() {
        return IntStream.range(0, ONE_ROW_CASES).boxed();
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("oneRowCases")
    void oneRowDataTrainsAndPredictsOneRow(int i) {
        Gen g = new Gen(i + 30_000);
        int[] sizes = g.sizes();
        Network net = g.network(sizes, new Sigmoid(), i);
        DMatrixRMaj x = g.matrix(1, sizes[0]);
        DMatrixRMaj y = new DMatrixRMaj(1, sizes[sizes.length - 1]);
        y.data[0] = 1;
        History h = sgd(net, new NumpyRandom(i), x, y, g.between(1, 4), 1, 0.1);
        assertEquals(1, h.last().batches());
        DMatrixRMaj p = net.predict(x);
        assertEquals(1, p.numRows);
        assertTrue(Gen.allFinite(net));
    }

    // ---- hyper-parameters ------------------------------------------------------------------

    /** A bad value for an int that must be > 0. */
    private static int badCount(Gen g) {
        return g.pick(0, -1, -g.between(2, 1_000_000), Integer.MIN_VALUE);
    }

    /** A bad value for a double that must be finite and > 0. */
    private static double badPositive(Gen g) {
        return g.pick(0.0, -0.0, -g.random.nextDouble() - 1e-9, -1e300, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY);
    }

    /** A bad value for a double that must be finite and ≥ 0. */
    private static double badNonNegative(Gen g) {
        return g.pick(-1e-12, -g.random.nextDouble() - 1e-9, -1e300, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY);
    }

    /** A bad value for a fraction in [0, 1). */
    private static double badFraction(Gen g) {
        return g.pick(-1e-12, -g.random.nextDouble() - 1e-9, 1.0, 1.0 + g.random.nextDouble(), 1e300,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    /** A bad value for a factor in (0, 1]. */
    private static double badFactor(Gen g) {
        return g.pick(0.0, -g.random.nextDouble() - 1e-9, 1.0 + 1e-9 + g.random.nextDouble(), 1e300,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    private record HyperParameter(String name, Function<Gen, Refusal> draw) {
    }

    private static Refusal config(String name, double v, Function<TrainingConfig.Builder, TrainingConfig.Builder> set) {
        return Refusal.of(name + " = " + v, () -> set.apply(TrainingConfig.builder()).build(), name, Double.toString(v));
    }

    private static Refusal config(String name, int v, Function<TrainingConfig.Builder, TrainingConfig.Builder> set) {
        return Refusal.of(name + " = " + v, () -> set.apply(TrainingConfig.builder()).build(), name, Integer.toString(v));
    }

    private static final List<HyperParameter> HYPER_PARAMETERS = List.of(
            new HyperParameter("epochs", g -> { int v = badCount(g); return config("epochs", v, b -> b.epochs(v)); }),
            new HyperParameter("batchSize", g -> { int v = badCount(g); return config("batchSize", v, b -> b.batchSize(v)); }),
            new HyperParameter("learningRate", g -> { double v = badPositive(g); return config("learningRate", v, b -> b.learningRate(v)); }),
            new HyperParameter("l2", g -> { double v = badNonNegative(g); return config("l2", v, b -> b.l2(v)); }),
            new HyperParameter("clipNorm", g -> { double v = badNonNegative(g); return config("clipNorm", v, b -> b.clipNorm(v)); }),
            new HyperParameter("validationFraction", g -> { double v = badFraction(g); return config("validationFraction", v, b -> b.validationFraction(v)); }),
            new HyperParameter("patience", g -> { int v = badCount(g);
                return Refusal.of("EarlyStopping patience " + v, () -> new EarlyStopping(v, 0, true), "patience", Integer.toString(v)); }),
            new HyperParameter("minDelta", g -> { double v = badNonNegative(g);
                return Refusal.of("EarlyStopping minDelta " + v, () -> new EarlyStopping(3, v, true), "minDelta", Double.toString(v)); }),
            new HyperParameter("beta1", g -> { double v = badFraction(g);
                return Refusal.of("Adam beta1 " + v, () -> new Adam(v, 0.999, 1e-8), "beta1", Double.toString(v)); }),
            new HyperParameter("beta2", g -> { double v = badFraction(g);
                return Refusal.of("AdamW beta2 " + v, () -> new AdamW(0.9, v, 1e-8, 0.01), "beta2", Double.toString(v)); }),
            new HyperParameter("epsilon", g -> { double v = badPositive(g);
                return Refusal.of("Adam epsilon " + v, () -> new Adam(0.9, 0.999, v), "epsilon", Double.toString(v)); }),
            new HyperParameter("weightDecay", g -> { double v = badNonNegative(g);
                return Refusal.of("AdamW weightDecay " + v, () -> new AdamW(v), "weightDecay", Double.toString(v)); }),
            new HyperParameter("momentum", g -> { double v = badFraction(g);
                return Refusal.of("Momentum " + v, () -> new Momentum(v), "momentum", Double.toString(v)); }),
            new HyperParameter("rho", g -> { double v = badFraction(g);
                return Refusal.of("RmsProp rho " + v, () -> new RmsProp(v, 1e-8), "rho", Double.toString(v)); }),
            new HyperParameter("rmsEpsilon", g -> { double v = badPositive(g);
                return Refusal.of("RmsProp epsilon " + v, () -> new RmsProp(0.9, v), "epsilon", Double.toString(v)); }),
            new HyperParameter("slope", g -> { double v = badFraction(g);
                return Refusal.of("LeakyReLU slope " + v, () -> new LeakyReLU(v), "slope", Double.toString(v)); }),
            new HyperParameter("every", g -> { int v = badCount(g);
                return Refusal.of("StepDecay every " + v, () -> new StepDecay(v, 0.5), "every", Integer.toString(v)); }),
            new HyperParameter("factor", g -> { double v = badFactor(g);
                return Refusal.of("StepDecay factor " + v, () -> new StepDecay(2, v), "factor", Double.toString(v)); }),
            new HyperParameter("gamma", g -> { double v = badFactor(g);
                return Refusal.of("ExponentialDecay gamma " + v, () -> new ExponentialDecay(v), "gamma", Double.toString(v)); }),
            new HyperParameter("totalEpochs", g -> { int v = badCount(g);
                return Refusal.of("CosineDecay totalEpochs " + v, () -> new CosineDecay(v, 0), "totalEpochs", Integer.toString(v)); }),
            new HyperParameter("minRate", g -> { double v = badNonNegative(g);
                return Refusal.of("CosineDecay minRate " + v, () -> new CosineDecay(10, v), "minRate", Double.toString(v)); }),
            new HyperParameter("plateauFactor", g -> { double v = g.random.nextBoolean() ? 1.0 : badFactor(g);
                return Refusal.of("ReduceOnPlateau factor " + v, () -> new ReduceOnPlateau(v, 2, 0, 0), "factor", Double.toString(v)); }),
            new HyperParameter("plateauPatience", g -> { int v = badCount(g);
                return Refusal.of("ReduceOnPlateau patience " + v, () -> new ReduceOnPlateau(0.5, v, 0, 0), "patience", Integer.toString(v)); }),
            new HyperParameter("threshold", g -> { double v = g.pick(0.0, 1.0, -1.0, 2.0, Double.NaN);
                Network net = Network.of(new int[] {2, 2}, List.of(new Sigmoid()), new NumpyRandom(1));
                return Refusal.of("predictLabels threshold " + v, () -> net.predictLabels(new DMatrixRMaj(1, 2), v),
                        "threshold", Double.toString(v)); }),
            new HyperParameter("digits", g -> { int v = badCount(g);
                if (v == 0) {
                    v = -1;
                }
                int digits = v;
                ClassificationReport report = ClassificationReport.of(new int[] {0, 1}, new int[] {0, 1});
                return Refusal.of("report digits " + digits, () -> report.format(digits), "digits", Integer.toString(digits)); }));

    static Stream<Refusal> badHyperParameters() {
        return IntStream.range(0, HYPER_PARAMETER_CASES).mapToObj(i -> {
            Gen g = new Gen(i + 40_000);
            HyperParameter p = HYPER_PARAMETERS.get(i % HYPER_PARAMETERS.size());
            Refusal r = p.draw().apply(g);
            return new Refusal("case " + i + ": " + r.description(), r.call(), r.expected(), r.words());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHyperParameters")
    void absurdHyperParametersAreRefusedNamingTheParameterAndValue(Refusal refusal) {
        refusal.assertRefused();
    }

    // ---- shapes ----------------------------------------------------------------------------

    static Stream<Refusal> badShapes() {
        return IntStream.range(0, SHAPE_CASES).mapToObj(i -> badShape(new Gen(i + 50_000), i));
    }

    private static Refusal badShape(Gen g, int i) {
        String prefix = "case " + i + ": ";
        switch (g.random.nextInt(8)) {
            case 0: {
                int[] sizes = g.sizes();
                int at = g.random.nextInt(sizes.length);
                sizes[at] = g.pick(0, -1, -g.between(2, 100_000), Integer.MIN_VALUE);
                List<ReLU> activations = new ArrayList<>();
                for (int k = 1; k < sizes.length; k++) {
                    activations.add(new ReLU());
                }
                return Refusal.of(prefix + "sizes " + Arrays.toString(sizes),
                        () -> Network.of(sizes, activations, new NumpyRandom(1)),
                        "sizes[" + at + "] must be > 0", "got " + sizes[at]);
            }
            case 1: {
                int[] sizes = g.sizes();
                int wrong = sizes.length - 1 + g.pick(-1, 1, 2);
                List<ReLU> activations = new ArrayList<>();
                for (int k = 0; k < wrong; k++) {
                    activations.add(new ReLU());
                }
                return Refusal.of(prefix + wrong + " activations for " + Arrays.toString(sizes),
                        () -> Network.of(sizes, activations, new NumpyRandom(1)),
                        "one activation per layer", (sizes.length - 1) + " for sizes", "got " + wrong);
            }
            case 2: {
                int v = badCount(g);
                return Refusal.of(prefix + "input width " + v, () -> NetworkSpec.input(v), "inputs", Integer.toString(v));
            }
            case 3: {
                int v = badCount(g);
                return Refusal.of(prefix + "hidden units " + v, () -> NetworkSpec.input(3).dense(v, new ReLU()),
                        "hidden layer 1", "units", Integer.toString(v));
            }
            case 4: {
                int v = badCount(g);
                return Refusal.of(prefix + "output units " + v,
                        () -> NetworkSpec.input(3).output(v, new Softmax(), new SoftmaxCrossEntropy()),
                        "output layer", "units", Integer.toString(v));
            }
            case 5: {
                int v = badCount(g);
                boolean inputs = g.random.nextBoolean();
                return Refusal.of(prefix + "dense layer " + (inputs ? "inputs " : "outputs ") + v,
                        () -> new DenseLayer(inputs ? v : 3, inputs ? 3 : v, new ReLU()),
                        inputs ? "inputs" : "outputs", Integer.toString(v));
            }
            case 6: {
                int columns = g.between(1, 8);
                double[] offset = new double[columns];
                int at = g.random.nextInt(columns);
                offset[at] = g.pick(Gen.POISONS);
                double[] scale = new double[columns];
                Arrays.fill(scale, 1.0);
                return Refusal.of(prefix + "scaling offset[" + at + "] = " + offset[at],
                        () -> new InputScaling(offset, scale), "offset[" + at + "]", Double.toString(offset[at]));
            }
            default: {
                int columns = g.between(1, 8);
                double[] offset = new double[columns];
                double[] scale = new double[columns];
                Arrays.fill(scale, 1.0);
                int at = g.random.nextInt(columns);
                scale[at] = g.pick(0.0, Double.NaN, Double.POSITIVE_INFINITY);
                return Refusal.of(prefix + "scaling scale[" + at + "] = " + scale[at],
                        () -> new InputScaling(offset, scale), "scale[" + at + "]", Double.toString(scale[at]));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badShapes")
    void negativeOrZeroSizesAreRefusedNamingTheSizeAndValue(Refusal refusal) {
        refusal.assertRefused();
    }

    /** A size too large for any array must be refused by the network's own check, naming sizes. */
    @Test
    void layerSizesTooLargeForAnArrayAreRefusedNamingTheSizes() {
        for (int[] sizes : new int[][] {{Integer.MAX_VALUE, 2}, {3, Integer.MAX_VALUE}, {65_536, 65_536}}) {
            Refusal.of(Arrays.toString(sizes), () -> Network.of(sizes, List.of(new ReLU()), new NumpyRandom(1)),
                    "sizes", Integer.toString(Math.max(sizes[0], sizes[1]))).assertRefused();
        }
    }

    // ---- metrics ---------------------------------------------------------------------------

    static Stream<Refusal> badMetricInputs() {
        return IntStream.range(0, METRIC_CASES).mapToObj(i -> badMetricInput(new Gen(i + 60_000), i));
    }

    private static int[] labels(Gen g, int n, int k) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = g.random.nextInt(k);
        }
        return y;
    }

    private static Refusal badMetricInput(Gen g, int i) {
        String prefix = "case " + i + ": ";
        int n = g.between(1, 40);
        int k = g.between(1, 6);
        int[] yTrue = labels(g, n, k);
        int[] yPred = labels(g, n, k);
        switch (g.random.nextInt(10)) {
            case 0: {
                int[] longer = labels(g, n + g.between(1, 5), k);
                return Refusal.of(prefix + "lengths " + n + " and " + longer.length,
                        () -> Metrics.accuracy(yTrue, longer), "same length", n + " and " + longer.length);
            }
            case 1:
                return Refusal.of(prefix + "empty labels", () -> new ConfusionMatrix(new int[0], new int[0]), "empty");
            case 2: {
                int at = g.random.nextInt(n);
                int v = g.pick(-1, -g.between(2, 1000), Integer.MIN_VALUE);
                boolean truth = g.random.nextBoolean();
                (truth ? yTrue : yPred)[at] = v;
                String name = truth ? "yTrue" : "yPred";
                return Refusal.of(prefix + name + "[" + at + "] = " + v, () -> ClassificationReport.of(yTrue, yPred),
                        name, "negative label " + v, "index " + at);
            }
            case 3: {
                int at = g.random.nextInt(n);
                int v = k + g.between(0, 100);
                yPred[at] = v;
                return Refusal.of(prefix + "yPred[" + at + "] = " + v + " for " + k + " classes",
                        () -> new ConfusionMatrix(yTrue, yPred, k), "yPred", "label " + v, "index " + at, "numClasses=" + k);
            }
            case 4: {
                int v = badCount(g);
                return Refusal.of(prefix + "numClasses " + v, () -> new ConfusionMatrix(yTrue, yPred, v),
                        "numClasses", Integer.toString(v));
            }
            case 5: {
                int v = g.pick(Integer.MAX_VALUE, Integer.MAX_VALUE - 8, 1 << 20, 100_000, 46_341,
                        ConfusionMatrix.MAX_CLASSES + 1);
                switch (g.random.nextInt(3)) {
                    case 0:
                        return Refusal.of(prefix + "numClasses " + v, () -> new ConfusionMatrix(yTrue, yPred, v),
                                "numClasses", Integer.toString(ConfusionMatrix.MAX_CLASSES), Integer.toString(v));
                    case 1: {
                        int[] many = IntStream.range(0, ConfusionMatrix.MAX_CLASSES + g.between(1, 10)).toArray();
                        return Refusal.of(prefix + many.length + " labels", () -> new ConfusionMatrix(yTrue, yPred, many),
                                "labels", Integer.toString(ConfusionMatrix.MAX_CLASSES), Integer.toString(many.length));
                    }
                    default: {
                        int[] distinct = IntStream.range(0, ConfusionMatrix.MAX_CLASSES / 2 + g.between(1, 10))
                                .map(x -> x * 2).toArray();
                        int[] other = Arrays.stream(distinct).map(x -> x + 1).toArray();
                        return Refusal.of(prefix + (2 * distinct.length) + " distinct labels in the data",
                                () -> new ConfusionMatrix(distinct, other), Integer.toString(2 * distinct.length),
                                Integer.toString(ConfusionMatrix.MAX_CLASSES));
                    }
                }
            }
            case 6: {
                DMatrixRMaj truth = g.matrix(n, k);
                DMatrixRMaj pred = g.matrix(n, k);
                boolean first = g.random.nextBoolean();
                Gen.Poison p = g.poison(first ? truth : pred);
                return Refusal.of(prefix + p + " in " + (first ? "yTrue" : "yPred"),
                        () -> Metrics.meanAbsoluteError(truth, pred), p.words(first ? "yTrue" : "yPred"));
            }
            case 7: {
                DMatrixRMaj truth = g.matrix(n, k);
                DMatrixRMaj pred = g.matrix(n, k + 1);
                return Refusal.of(prefix + "shapes " + n + "×" + k + " and " + n + "×" + (k + 1),
                        () -> Metrics.meanSquaredError(truth, pred), "same shape", n + "×" + k, n + "×" + (k + 1));
            }
            case 8: {
                DMatrixRMaj truth = g.matrix(1, k);
                DMatrixRMaj pred = g.matrix(1, k);
                return Refusal.of(prefix + "r2 of one row", () -> Metrics.r2(truth, pred), "at least 2 rows", "1×" + k);
            }
            default: {
                String[] names = new String[k + g.between(1, 3)];
                Arrays.fill(names, "c");
                int[] all = IntStream.range(0, k).toArray();
                return Refusal.of(prefix + names.length + " target names for " + k + " classes",
                        () -> ClassificationReport.of(new ConfusionMatrix(all, all, k), names),
                        "targetNames has " + names.length, k + " classes");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMetricInputs")
    void metricsRefuseBadLabelsAndValuesNamingTheArgumentAndValue(Refusal refusal) {
        refusal.assertRefused();
    }
}
