package dev.mlp.examples;

import dev.mlp.activation.Activations;
import dev.mlp.activation.Identity;
import dev.mlp.data.DataSet;
import dev.mlp.data.Scaler;
import dev.mlp.data.Split;
import dev.mlp.examples.Choices.ClassificationLosses;
import dev.mlp.examples.Choices.DataKind;
import dev.mlp.examples.Choices.HiddenActivations;
import dev.mlp.examples.Choices.OptimizerChoice;
import dev.mlp.examples.Choices.ScaleChoice;
import dev.mlp.examples.Choices.TaskChoice;
import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import dev.mlp.linalg.Backend;
import dev.mlp.linalg.Backends;
import dev.mlp.loss.ClassWeights;
import dev.mlp.loss.Losses;
import dev.mlp.metrics.ConfusionMatrix;
import dev.mlp.model.InputScaling;
import dev.mlp.model.Network;
import dev.mlp.model.NetworkSpec;
import dev.mlp.optim.Lbfgs;
import dev.mlp.optim.Optimizer;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.AccuracyKind;
import dev.mlp.train.EarlyStopping;
import dev.mlp.train.EpochResult;
import dev.mlp.train.History;
import dev.mlp.train.StopReason;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Trains a classifier on the digits, a CSV file or Fashion-MNIST with the network and training
 * given as options, shows each epoch, saves the model with its scaling and configuration, and
 * reports the accuracy on the test part.
 */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Train a classifier or a regression, save it, and measure it on test data.",
            "",
            "Data: the bundled 8x8 digits (default), a CSV file (--csv) or Fashion-MNIST (--data fashion). "
                + "Digits and CSV data are split into a stratified training and test part (--test-fraction); "
                + "Fashion-MNIST has its own test set. A share of the training part is held out for validation "
                + "(--validation). The scaling is fitted on the rows trained on and saved with the model.",
            "",
            "A CSV file may have a header (the model keeps its column names, and evaluate and predict match "
                + "columns by name) and class names as labels (kept in the model too). With --task regression "
                + "the label column holds real values; the split is random instead of stratified, and the test "
                + "part is scored by R^2, MAE and RMSE.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  mlp train --epochs 20 --output digits.mlp --plots plots",
            "  mlp train --data fashion --batch 128 --output fashion.mlp",
            "  mlp train --csv iris.csv --label-column species --layers 16 --epochs 100 \\",
            "      --lr 0.01 --batch 8 --scale standard --output iris.mlp",
            "  mlp train --csv breast_cancer.csv --skip-lines 1 --no-header --scale standard",
            "  mlp train --csv boston_house_prices.csv --skip-lines 1 --label-column MEDV \\",
            "      --task regression --layers 32 --epochs 200 --lr 0.01 --batch 16",
            "  mlp train --npz data.npz --arrays X,y --output data.mlp"})
final class TrainCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Option(names = "--layers", paramLabel = "N,N,...", hideParamSyntax = true, split = ",", defaultValue = "256,128",
            description = "Hidden layer widths, comma-separated (default: ${DEFAULT-VALUE}).")
    int[] layers;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            converter = HiddenActivations.Convert.class, completionCandidates = HiddenActivations.Names.class,
            description = "Activation of the hidden layers: ${COMPLETION-CANDIDATES} (default: relu).")
    Activations.Entry activation;

    @Option(names = "--task", paramLabel = "TASK", defaultValue = "classification",
            converter = TaskChoice.Convert.class, completionCandidates = TaskChoice.Names.class,
            description = "What to learn: classification (the label column holds classes) or regression (it holds "
                    + "real values; identity output, mean squared error; CSV data only) (default: ${DEFAULT-VALUE}).")
    TaskChoice task;

    @Option(names = "--loss", paramLabel = "NAME",
            converter = ClassificationLosses.Convert.class, completionCandidates = ClassificationLosses.Names.class,
            description = "Loss and output layer of a classifier: softmax-ce (softmax, cross-entropy), bce (sigmoid, "
                    + "binary cross-entropy per class) or mse (sigmoid, mean squared error) (default: softmax-ce; "
                    + "regression: mse, with an identity output).")
    Losses.Entry loss;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            converter = OptimizerChoice.Convert.class, completionCandidates = OptimizerChoice.Names.class,
            description = "Update rule: ${COMPLETION-CANDIDATES} (default: adam). lbfgs is full-batch: each epoch is "
                    + "one L-BFGS iteration over all training rows, --epochs its iteration limit; --lr, --schedule and "
                    + "--batch do not apply.")
    OptimizerChoice optimizer;

    @Option(names = "--lbfgs-history", paramLabel = "M", defaultValue = "" + Lbfgs.DEFAULT_HISTORY,
            description = "lbfgs: the curvature pairs kept (default: ${DEFAULT-VALUE}).")
    int lbfgsHistory;

    @Option(names = "--lbfgs-gtol", paramLabel = "TOL", defaultValue = "" + Lbfgs.DEFAULT_GRADIENT_TOLERANCE,
            description = "lbfgs: stop when no gradient entry exceeds TOL in magnitude (default: ${DEFAULT-VALUE}).")
    double lbfgsGradientTolerance;

    @Option(names = "--lbfgs-ftol", paramLabel = "TOL", defaultValue = "" + Lbfgs.DEFAULT_LOSS_TOLERANCE,
            description = "lbfgs: stop when an iteration lowers the loss by at most this share of it (default: "
                    + "${DEFAULT-VALUE}).")
    double lbfgsLossTolerance;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3",
            description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--schedule", paramLabel = "SPEC", defaultValue = "constant",
            converter = ScheduleOption.Convert.class,
            description = "How the learning rate changes per epoch: constant; step:EVERY:FACTOR (times FACTOR "
                    + "every EVERY epochs); exponential:GAMMA (times GAMMA each epoch); cosine[:MIN_RATE] (cosine "
                    + "decay over all epochs); plateau:FACTOR:PATIENCE[:MIN_RATE] (times FACTOR after PATIENCE "
                    + "epochs without a lower validation loss, training loss without validation data); MIN_RATE "
                    + "at most --lr (default: ${DEFAULT-VALUE}).")
    ScheduleOption schedule;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA", defaultValue = "0.01",
            description = "Decoupled weight decay of adamw (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--l2", paramLabel = "LAMBDA", defaultValue = "0",
            description = "L2 penalty on the weights, for any optimizer (default: ${DEFAULT-VALUE}, off).")
    double l2;

    @Option(names = "--dropout", paramLabel = "RATE[,RATE...]", hideParamSyntax = true, split = ",",
            description = "Share of each hidden layer's outputs dropped in each training batch (inverted dropout; "
                    + "prediction never drops): one rate for every hidden layer, or one per --layers entry; each "
                    + "in [0, 1) (default: 0, none).")
    double[] dropout;

    @Option(names = "--class-weight", paramLabel = "balanced|W,W,...",
            description = "Classification: weigh each class's rows in the loss, 'balanced' (n / (classes x rows of "
                    + "the class), from the training rows, as scikit-learn) or one weight per class in class order "
                    + "(default: none, every class 1).")
    String classWeight;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10",
            description = "Passes over the training rows (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32",
            description = "Rows per batch; the last batch of an epoch may be smaller (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the weights, the shuffling and the splits (default: ${DEFAULT-VALUE}).")
    int seed;

    @Option(names = "--validation", paramLabel = "SHARE", defaultValue = "0.1",
            description = "Share of the training part held out to validate on after each epoch (stratified; at "
                    + "random for a regression); 0 for none (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE", defaultValue = "0",
            description = "Stop after PATIENCE epochs without a lower validation loss (training loss without "
                    + "validation data) and keep the best epoch's weights; 0 for off (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--scale", paramLabel = "NAME",
            converter = ScaleChoice.Convert.class, completionCandidates = ScaleChoice.Names.class,
            description = "Input scaling fitted on the training rows: ${COMPLETION-CANDIDATES} (default: none for "
                    + "Fashion-MNIST, whose pixels are read as values in [0, 1], minmax otherwise).")
    ScaleChoice scale;

    @Option(names = "--scale-target", paramLabel = "NAME",
            converter = ScaleChoice.Convert.class, completionCandidates = ScaleChoice.Names.class,
            description = "Regression: scaling of the target fitted on the training rows, kept in the model and "
                    + "undone on its predictions: ${COMPLETION-CANDIDATES} (default: standard).")
    ScaleChoice scaleTarget;

    @Option(names = "--test-fraction", paramLabel = "SHARE",
            description = "Share of each class of digits, CSV or .npz data held out as the test set (of all rows, "
                    + "at random, for a regression); 0 for none (default: 0.2). Fashion-MNIST uses its own test set.")
    Double testFraction;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "model.mlp",
            description = "Where to save the trained model (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--plots", paramLabel = "DIR",
            description = "Write loss.png, accuracy.png, confusion.png and (for digits and Fashion-MNIST) "
                    + "misclassified.png into DIR.")
    Path plots;

    @Option(names = "--no-progress",
            description = "No progress bar, only one line per epoch (the default when the output is not a terminal).")
    boolean noProgress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Whether the output is an interactive terminal; replaced in tests. */
    BooleanSupplier interactive = Terminal::isInteractive;
    /** The clock of the progress display; replaced in tests. */
    LongSupplier clock = System::nanoTime;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        validate(cmd);
        PrintWriter out = cmd.getOut();
        DataOptions.Spec source = data.resolve(cmd, Map.of(), false);
        if (source.kind() == DataKind.FASHION && testFraction != null) {
            throw new ParameterException(cmd, "--test-fraction applies to digits and CSV data; "
                    + "Fashion-MNIST has its own test set");
        }
        if (scale == null) {
            scale = source.kind() == DataKind.FASHION ? ScaleChoice.NONE : ScaleChoice.MINMAX;
        }
        if (task == TaskChoice.REGRESSION) {
            return trainRegression(cmd, out, source);
        }
        if (scaleTarget != null) {
            throw new ParameterException(cmd, "--scale-target applies to --task regression only");
        }
        if (loss == null) {
            loss = Losses.registry().find("softmax-ce").orElseThrow();
        }
        long started = System.nanoTime();
        DataOptions.Loaded loaded = DataOptions.load(source);
        DataSet all = loaded.data();
        int k = all.numClasses();
        if (k < 2) {
            throw new IllegalArgumentException("the data has only one class ('" + loaded.classNames().get(0)
                    + "' on every row); a classifier needs at least two");
        }

        NumpyRandom splitRandom = new NumpyRandom(seed);
        DataSet trainPart;
        DataSet test;
        String testName;
        double fraction = source.kind() == DataKind.FASHION ? 0 : testFraction == null ? 0.2 : testFraction;
        if (source.kind() == DataKind.FASHION) {
            trainPart = all;
            test = loaded.test();
            testName = "the Fashion-MNIST test set";
            out.printf(Locale.ROOT, "Data: %s: %d training and %d test images of %dx%d pixels, %d classes%n",
                    source.describe(), all.rows(), test.rows(), loaded.imageSide(), loaded.imageSide(), k);
        } else {
            boolean named = !loaded.classNames().equals(DataOptions.numbered(k));
            out.printf(Locale.ROOT, "Data: %s: %d rows of %d features, %d classes%s%s%n",
                    source.describe(), all.rows(), all.columns(), k,
                    named ? " (" + String.join(", ", loaded.classNames()) + ")" : "",
                    DataOptions.droppedNote(source, loaded.droppedLines()));
            if (fraction > 0) {
                Split split = split(cmd, all, fraction, splitRandom, "--test-fraction");
                trainPart = split.train();
                test = split.test();
                testName = String.format(Locale.ROOT, "the %d held-out rows", test.rows());
            } else {
                trainPart = all;
                test = null;
                testName = null;
            }
        }
        DataSet fit = trainPart;
        DataSet val = null;
        if (validation > 0) {
            Split split = split(cmd, trainPart, validation, splitRandom, "--validation");
            fit = split.train();
            val = split.test();
        }
        out.println(rowsLine(cmd, fit.rows(), val == null ? 0 : val.rows(), test == null ? 0 : test.rows(),
                "stratified"));

        Scaler scaler = scale.fit(fit.features());
        int d = all.columns();
        InputScaling scaling = scaler == null ? null : scaler.toInputScaling(d);
        DataSet fitScaled = scaler == null ? fit : scaler.transform(fit);
        DataSet valScaled = val == null ? null : scaler == null ? val : scaler.transform(val);

        NetworkSpec networkSpec = hidden(d).output(k, ClassificationLosses.outputActivation(loss), loss.create());
        Run run = fit(cmd, out, networkSpec, fitScaled.features(), fitScaled.oneHot(),
                valScaled == null ? null : valScaled.features(), valScaled == null ? null : valScaled.oneHot(),
                "scaling " + scale.cliName(), true);

        Map<String, String> metadata = metadata(cmd, source, fraction, run);
        metadata.put("classes", Integer.toString(k));
        metadata.put(Models.KEY_CLASS_NAMES, String.join(",", loaded.classNames()));
        SavedModel model = new SavedModel(run.network(), networkSpec.loss(), scaling, metadata)
                .withInputNames(loaded.featureNames()).withClassNames(loaded.classNames());
        Models.Predictions testPredictions = null;
        double testAccuracy = Double.NaN;
        if (test != null) {
            testPredictions = Models.predict(model, test.features(), run.backend());
            int correct = testPredictions.correct(test.labels());
            testAccuracy = (double) correct / test.rows();
            metadata.put("test-accuracy", String.format(Locale.ROOT, "%.4f", testAccuracy));
            model = model.withMetadata(metadata);
            out.printf(Locale.ROOT, "Test accuracy: %.4f (%d of %d, %s)%n", testAccuracy, correct, test.rows(), testName);
        }
        ModelIO.save(output, model);
        out.println("Saved the model to " + output);
        if (plots != null) {
            writePlots(out, run.history().epochs(), loaded, model, test, testPredictions, testAccuracy, val,
                    run.backend());
        }
        out.printf(Locale.ROOT, "Done in %s%n", Progress.duration((System.nanoTime() - started) / 1e9));
        out.flush();
        return 0;
    }

    /**
     * Trains a regression on a CSV file's real-valued target column: random splits, the input and
     * the target scaled (the target's scaling kept in the model, which undoes it on predictions),
     * an identity output with mean squared error, and R², MAE and RMSE on the test part.
     */
    private Integer trainRegression(CommandLine cmd, PrintWriter out, DataOptions.Spec source) throws IOException {
        if (!source.table()) {
            throw new ParameterException(cmd, "--task regression needs a CSV file with a real-valued target column "
                    + "(--csv FILE --label-column NAME) or an .npz archive (--npz FILE), not --data "
                    + source.kind().cliName());
        }
        if (loss != null && !loss.name().equals("mse")) {
            throw new ParameterException(cmd, "--loss " + loss.cliName() + " is a classifier's loss; --task regression "
                    + "trains with mse (the default)");
        }
        loss = Losses.registry().find("mse").orElseThrow();
        ScaleChoice targetScale = scaleTarget == null ? ScaleChoice.STANDARD : scaleTarget;
        long started = System.nanoTime();
        Regression.Loaded loaded = Regression.load(source, null);
        Regression.Rows all = loaded.rows();
        out.printf(Locale.ROOT, "Data: %s: %d rows of %d features, target '%s'%s%n", source.describe(), all.size(),
                all.x().numCols, loaded.targetName(), DataOptions.droppedNote(source, loaded.droppedLines()));

        NumpyRandom splitRandom = new NumpyRandom(seed);
        double fraction = testFraction == null ? 0.2 : testFraction;
        Regression.Rows trainPart = all;
        Regression.Rows test = null;
        if (fraction > 0) {
            int[][] parts = Regression.split(cmd, all.size(), fraction, splitRandom, "--test-fraction");
            trainPart = all.subset(parts[0]);
            test = all.subset(parts[1]);
        }
        Regression.Rows fit = trainPart;
        Regression.Rows val = null;
        if (validation > 0) {
            int[][] parts = Regression.split(cmd, trainPart.size(), validation, splitRandom, "--validation");
            fit = trainPart.subset(parts[0]);
            val = trainPart.subset(parts[1]);
        }
        out.println(rowsLine(cmd, fit.size(), val == null ? 0 : val.size(), test == null ? 0 : test.size(),
                "random"));

        int d = all.x().numCols;
        int outputs = all.y().numCols;
        Scaler scaler = scale.fit(fit.x());
        Scaler targetScaler = targetScale.fit(fit.y());
        InputScaling scaling = scaler == null ? null : scaler.toInputScaling(d);
        InputScaling targetScaling = targetScaler == null ? null : targetScaler.toInputScaling(outputs);
        NetworkSpec networkSpec = hidden(d).output(outputs, new Identity(), loss.create());
        Run run = fit(cmd, out, networkSpec, transform(scaler, fit.x()), transform(targetScaler, fit.y()),
                val == null ? null : transform(scaler, val.x()), val == null ? null : transform(targetScaler, val.y()),
                "scaling " + scale.cliName() + ", target scaling " + targetScale.cliName(), false);

        Map<String, String> metadata = metadata(cmd, source, fraction, run);
        metadata.put("task", task.cliName());
        metadata.put("scale-target", targetScale.cliName());
        SavedModel model = new SavedModel(run.network(), networkSpec.loss(), scaling, metadata)
                .withTargetScaling(targetScaling).withInputNames(loaded.featureNames());
        if (test != null) {
            Regression.Scores scores = Regression.Scores.of(test.y(), model.predict(test.x(), run.backend()));
            metadata.put("test-r2", String.format(Locale.ROOT, "%.4f", scores.r2()));
            metadata.put("test-mae", String.format(Locale.ROOT, "%.6g", scores.mae()));
            metadata.put("test-rmse", String.format(Locale.ROOT, "%.6g", scores.rmse()));
            model = model.withMetadata(metadata);
            out.printf(Locale.ROOT, "Test %s (the %d held-out rows)%n", scores.format(), test.size());
        }
        ModelIO.save(output, model);
        out.println("Saved the model to " + output);
        if (plots != null) {
            out.println("Plots: " + Plots.loss(plots, run.history().epochs(), loss.cliName()));
        }
        out.printf(Locale.ROOT, "Done in %s%n", Progress.duration((System.nanoTime() - started) / 1e9));
        out.flush();
        return 0;
    }

    private static DMatrixRMaj transform(Scaler scaler, DMatrixRMaj m) {
        return scaler == null ? m : scaler.transform(m);
    }

    /** "Rows: 108 to train on, 12 to validate on, 30 to test on (stratified, seed 1)"; checks the batch size. */
    private String rowsLine(CommandLine cmd, int fitRows, int valRows, int testRows, String how) {
        if (batch > fitRows && optimizer != OptimizerChoice.LBFGS) {
            throw new ParameterException(cmd, "--batch " + batch + " is larger than the " + fitRows
                    + " rows trained on");
        }
        StringBuilder parts = new StringBuilder();
        parts.append(String.format(Locale.ROOT, "Rows: %d to train on", fitRows));
        if (valRows > 0) {
            parts.append(String.format(Locale.ROOT, ", %d to validate on", valRows));
        }
        if (testRows > 0) {
            parts.append(String.format(Locale.ROOT, ", %d to test on", testRows));
        }
        return parts.append(" (").append(how).append(", seed ").append(seed).append(")").toString();
    }

    /** The input layer and the hidden layers the options ask for, with their dropout. */
    private NetworkSpec hidden(int inputs) {
        NetworkSpec networkSpec = NetworkSpec.input(inputs);
        for (int i = 0; i < layers.length; i++) {
            networkSpec = networkSpec.dense(layers[i], activation.create());
            double rate = dropout == null ? 0 : dropout[dropout.length == 1 ? 0 : i];
            if (rate > 0) {
                networkSpec = networkSpec.dropout(rate);
            }
        }
        return networkSpec;
    }

    /** --class-weight as the library's value: balanced, a list of weights, or none. */
    private ClassWeights classWeights(CommandLine cmd) {
        if (classWeight == null) {
            return ClassWeights.none();
        }
        if (classWeight.equals("balanced")) {
            return ClassWeights.balanced();
        }
        try {
            return ClassWeights.of(java.util.Arrays.stream(classWeight.split(",", -1)).mapToDouble(Double::parseDouble)
                    .toArray());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, "--class-weight takes 'balanced' or one weight per class, comma-"
                    + "separated, each finite and >= 0; got '" + classWeight + "'"
                    + (e instanceof NumberFormatException ? "" : ": " + e.getMessage()));
        }
    }

    /** A trained network, its history, the seconds training took and the backend it ran on. */
    private record Run(Network network, History history, double seconds, Backend backend) {
    }

    /**
     * Builds the network, shows the set-up, trains it with a progress display and reports how
     * training ended. Validation data may be null.
     *
     * @param scaling        how the inputs (and targets) are scaled, for the network line
     * @param accuracyColumn whether the epoch lines show the validation accuracy
     */
    private Run fit(CommandLine cmd, PrintWriter out, NetworkSpec networkSpec, DMatrixRMaj x, DMatrixRMaj y,
                    DMatrixRMaj xVal, DMatrixRMaj yVal, String scaling, boolean accuracyColumn) {
        // one stream, as the blog: the initial weights, then the shuffling
        NumpyRandom random = new NumpyRandom(seed);
        Network network = networkSpec.build(random);
        BackendLine line = BackendLine.forWork(Backends.work(x.numRows, network.parameterCount(), epochs));
        TrainingConfig config = TrainingConfig.builder()
                .epochs(epochs)
                .batchSize(batch)
                .learningRate(learningRate)
                .loss(networkSpec.loss())
                .optimizer(optimizer())
                .schedule(schedule.create().apply(epochs))
                .l2(l2)
                .dropLastPartialBatch(false)
                .earlyStopping(patience > 0 ? EarlyStopping.patience(patience) : null)
                .backend(line.backend())
                .classWeights(classWeights(cmd))
                .build();
        out.printf(Locale.ROOT, "Network: %s, %d parameters; %s%n", Models.describe(network),
                network.parameterCount(), scaling);
        String stopping = patience > 0 ? ", early stopping after " + patience + " epochs without improvement" : "";
        String weighted = config.classWeights().isNone() ? "" : " with class weights " + config.classWeights();
        if (optimizer == OptimizerChoice.LBFGS) {
            out.printf(Locale.ROOT, "Training: %s loss%s, lbfgs (history %d, gtol %s, ftol %s), full batch, at most %d "
                    + "iterations (one per epoch)%s%n", loss.cliName(), weighted, lbfgsHistory, lbfgsGradientTolerance,
                    lbfgsLossTolerance, epochs, stopping);
        } else {
            out.printf(Locale.ROOT, "Training: %s loss%s, %s, learning rate %s (%s), batch %d, %d epochs%s%n",
                    loss.cliName(), weighted, optimizer.cliName(), learningRate, schedule.text(), batch, epochs,
                    stopping);
        }
        out.println(line.header());
        out.println();
        BackendLine.hint(cmd.getErr());

        boolean bar = !noProgress && interactive.getAsBoolean();
        int shownBatch = optimizer == OptimizerChoice.LBFGS ? x.numRows : batch;
        Progress progress = new Progress(out, bar, clock, epochs, x.numRows, shownBatch, Terminal.columns(),
                accuracyColumn);
        out.println(progress.header());
        out.flush();
        long trainStart = System.nanoTime();
        progress.start();
        Trainer trainer = new Trainer(config);
        History history;
        try {
            history = xVal == null
                    ? trainer.fit(network, random, x, y, progress)
                    : trainer.fit(network, random, x, y, xVal, yVal, progress);
        } finally {
            progress.clear();
        }
        double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
        List<EpochResult> epochsRun = history.epochs();
        out.println();
        if (history.stoppedEarly()) {
            out.println("Stopped: " + history.message());
        }
        EpochResult kept = history.kept();
        // an early stop's message already names the restored epoch
        if (history.bestRestored() && kept != history.last() && history.stopReason() != StopReason.EARLY_STOPPING) {
            out.printf(Locale.ROOT, "Kept the weights of epoch %d, with the lowest %s loss (%.4f)%n", kept.epoch(),
                    kept.hasValidation() ? "validation" : "training", kept.monitoredLoss());
        }
        double perEpoch = trainSeconds / Math.max(1, epochsRun.size());
        out.printf(Locale.ROOT, "Trained %d epoch%s in %s (%s per epoch)%n", epochsRun.size(),
                epochsRun.size() == 1 ? "" : "s", Progress.duration(trainSeconds), Progress.duration(perEpoch));
        return new Run(network, history, trainSeconds, line.backend());
    }

    private void writePlots(PrintWriter out, List<EpochResult> epochsRun, DataOptions.Loaded loaded, SavedModel model,
                            DataSet test, Models.Predictions testPredictions, double testAccuracy, DataSet val,
                            Backend backend)
            throws IOException {
        List<Path> written = new ArrayList<>();
        written.add(Plots.loss(plots, epochsRun, loss.cliName()));
        Path acc = Plots.accuracy(plots, epochsRun, testAccuracy);
        if (acc != null) {
            written.add(acc);
        }
        DataSet shown = test != null ? test : val;
        if (shown != null) {
            Models.Predictions p = test != null ? testPredictions : Models.predict(model, val.features(), backend);
            String what = test != null ? "test" : "validation";
            ConfusionMatrix matrix = new ConfusionMatrix(shown.labels(), p.classes(), loaded.classNames().size());
            String title = String.format(Locale.ROOT, "Confusion matrix on %d %s %s (accuracy %.4f)",
                    shown.rows(), what, loaded.images() ? "images" : "rows", matrix.accuracy());
            written.add(Plots.confusion(plots, matrix, loaded.classNames(), title));
            if (loaded.images()) {
                written.add(Plots.misclassified(plots, shown, p.classes(), p.confidence(), loaded.classNames(),
                        loaded.imageSide(), loaded.pixelMax(), what + " images"));
            }
        }
        List<String> names = new ArrayList<>();
        for (Path p : written) {
            names.add(p.toString());
        }
        out.println("Plots: " + String.join(", ", names));
        if (acc == null) {
            out.println("(no accuracy.png: there is no validation data; use --validation)");
        }
        if (shown == null) {
            out.println("(no confusion.png: there is no test or validation data)");
        }
    }

    private static Split split(CommandLine cmd, DataSet data, double fraction, NumpyRandom random, String option) {
        try {
            return Split.stratified(data, fraction, random);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, option + " " + fraction + " cannot split " + data.rows() + " rows: "
                    + e.getMessage());
        }
    }

    /** The optimizer the options ask for. */
    private Optimizer optimizer() {
        return optimizer == OptimizerChoice.LBFGS ? new Lbfgs(lbfgsHistory, lbfgsGradientTolerance, lbfgsLossTolerance)
                : optimizer.create(weightDecay);
    }

    /** The metadata both tasks record: the command, the data, the options, how training went. */
    private Map<String, String> metadata(CommandLine cmd, DataOptions.Spec source, double fraction, Run run) {
        History history = run.history();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("created-by", Main.Version.name());
        m.put("command", commandLine(cmd));
        m.putAll(source.metadata());
        m.put(Models.KEY_TEST_FRACTION, Double.toString(fraction));
        m.put(Models.KEY_SEED, Integer.toString(seed));
        m.put("layers", joined(layers));
        m.put("activation", activation.cliName());
        m.put("loss", loss.cliName());
        m.put("optimizer", optimizer.cliName());
        if (optimizer == OptimizerChoice.ADAMW) {
            m.put("weight-decay", Double.toString(weightDecay));
        }
        if (optimizer == OptimizerChoice.LBFGS) {
            m.put("lbfgs-history", Integer.toString(lbfgsHistory));
            m.put("lbfgs-gtol", Double.toString(lbfgsGradientTolerance));
            m.put("lbfgs-ftol", Double.toString(lbfgsLossTolerance));
        }
        m.put("lr", Double.toString(learningRate));
        m.put("schedule", schedule.text());
        m.put("l2", Double.toString(l2));
        if (dropout != null) {
            m.put("dropout", java.util.Arrays.stream(dropout).mapToObj(Double::toString)
                    .collect(java.util.stream.Collectors.joining(",")));
        }
        if (classWeight != null) {
            m.put("class-weight", classWeight);
        }
        m.put("epochs", Integer.toString(epochs));
        m.put("batch", Integer.toString(batch));
        m.put("validation", Double.toString(validation));
        m.put("early-stopping", Integer.toString(patience));
        m.put("scale", scale.cliName());
        m.put(BackendLine.KEY_BACKEND, run.backend().description());
        m.put("epochs-trained", Integer.toString(history.epochs().size()));
        EpochResult kept = history.kept();
        if (kept != null) {
            m.put("weights-of-epoch", Integer.toString(kept.epoch()));
        }
        if (history.stoppedEarly()) {
            m.put("stop-reason", history.message());
        }
        if (kept != null) {
            m.put("train-loss", String.format(Locale.ROOT, "%.6f", kept.trainingLoss()));
            if (kept.hasValidation()) {
                m.put("val-loss", String.format(Locale.ROOT, "%.6f", kept.validationLoss()));
            }
            if (kept.accuracyKind() != AccuracyKind.NONE) {
                m.put("val-accuracy", String.format(Locale.ROOT, "%.4f", kept.validationAccuracy()));
            }
        }
        m.put("train-seconds", String.format(Locale.ROOT, "%.1f", run.seconds()));
        return m;
    }

    /** The arguments as typed, quoted where they hold spaces. */
    private static String commandLine(CommandLine cmd) {
        List<String> args = new ArrayList<>();
        args.add("mlp");
        for (String a : cmd.getParseResult().originalArgs()) {
            args.add(a.isEmpty() || a.chars().anyMatch(Character::isWhitespace) ? "'" + a + "'" : a);
        }
        return String.join(" ", args);
    }

    private static String joined(int[] values) {
        StringBuilder sb = new StringBuilder();
        for (int v : values) {
            sb.append(sb.length() == 0 ? "" : ",").append(v);
        }
        return sb.toString();
    }

    private void validate(CommandLine cmd) {
        if (layers.length == 0) {
            throw new ParameterException(cmd, "--layers needs at least one width, for example --layers 128");
        }
        for (int units : layers) {
            if (units <= 0) {
                throw new ParameterException(cmd, "--layers widths must be > 0, got " + units);
            }
        }
        positive(cmd, "--epochs", epochs);
        positive(cmd, "--batch", batch);
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new ParameterException(cmd, "--lr must be finite and > 0, got " + learningRate);
        }
        if (schedule.minRate() > learningRate) {
            throw new ParameterException(cmd, "--schedule " + schedule.text() + ": MIN_RATE " + schedule.minRate()
                    + " is above --lr " + learningRate + "; the rate would rise instead of fall");
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new ParameterException(cmd, "--weight-decay must be finite and >= 0, got " + weightDecay);
        }
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new ParameterException(cmd, "--l2 must be finite and >= 0, got " + l2);
        }
        positive(cmd, "--lbfgs-history", lbfgsHistory);
        if (!(lbfgsGradientTolerance >= 0) || !Double.isFinite(lbfgsGradientTolerance)) {
            throw new ParameterException(cmd, "--lbfgs-gtol must be finite and >= 0, got " + lbfgsGradientTolerance);
        }
        if (!(lbfgsLossTolerance >= 0) || !Double.isFinite(lbfgsLossTolerance)) {
            throw new ParameterException(cmd, "--lbfgs-ftol must be finite and >= 0, got " + lbfgsLossTolerance);
        }
        if (!(validation >= 0 && validation < 1)) {
            throw new ParameterException(cmd, "--validation must be in [0, 1), got " + validation);
        }
        if (testFraction != null && !(testFraction >= 0 && testFraction < 1)) {
            throw new ParameterException(cmd, "--test-fraction must be in [0, 1), got " + testFraction);
        }
        if (patience < 0) {
            throw new ParameterException(cmd, "--early-stopping must be >= 0 (0 = off), got " + patience);
        }
        if (dropout != null) {
            if (dropout.length != 1 && dropout.length != layers.length) {
                throw new ParameterException(cmd, "--dropout takes one rate, or one per hidden layer (" + layers.length
                        + " in --layers), got " + dropout.length);
            }
            for (double rate : dropout) {
                if (!(rate >= 0 && rate < 1)) {
                    throw new ParameterException(cmd, "--dropout rates must be in [0, 1), got " + rate);
                }
            }
        }
        if (classWeight != null && task == TaskChoice.REGRESSION) {
            throw new ParameterException(cmd, "--class-weight applies to classification; a regression has no classes");
        }
        classWeights(cmd);
        if (output.getFileName() == null) {
            throw new ParameterException(cmd, "--output must name a file, got '" + output + "'");
        }
    }

    private static void positive(CommandLine cmd, String option, int value) {
        if (value <= 0) {
            throw new ParameterException(cmd, option + " must be > 0, got " + value);
        }
    }
}
