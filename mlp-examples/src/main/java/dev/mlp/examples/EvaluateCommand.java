package dev.mlp.examples;

import dev.mlp.data.DataSet;
import dev.mlp.examples.Choices.Part;
import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import dev.mlp.linalg.Backends;
import dev.mlp.metrics.ClassificationReport;
import dev.mlp.metrics.ConfusionMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Loads a saved model and prints its classification report and confusion matrix on labelled data. */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Measure a saved model on labelled data: accuracy, the classification report (precision, recall, "
                + "F1 and support per class) and the confusion matrix; for a regression model, R^2, the mean "
                + "absolute error (MAE) and the root mean squared error (RMSE).",
            "",
            "Without data options it uses the data the model was trained on, as recorded in the model file: "
                + "the Fashion-MNIST test set, or the rows of the digits or CSV data that training held out.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  mlp evaluate --model fashion.mlp",
            "  mlp evaluate --model fashion.mlp --part train --plots plots",
            "  mlp evaluate --model iris.mlp --csv more-iris.csv",
            "",
            "CSV columns are matched to the model's inputs by name when the file has a header and the model "
                + "names its inputs (train records the header's names): a file with its columns in another order "
                + "is read in the model's order, and a missing or unknown column is refused by name. Without a "
                + "header the number of columns is checked."})
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DataOptions data;

    @Option(names = "--decimals", paramLabel = "N", defaultValue = "2",
            description = "Decimals in the report (default: ${DEFAULT-VALUE}).")
    int decimals;

    @Option(names = "--plots", paramLabel = "DIR",
            description = "Write confusion.png and (for digits and Fashion-MNIST) misclassified.png into DIR.")
    Path plots;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        if (decimals < 0 || decimals > 10) {
            throw new ParameterException(cmd, "--decimals must be in 0..10, got " + decimals);
        }
        PrintWriter out = cmd.getOut();
        SavedModel model = ModelIO.load(modelOptions.modelFile);
        DataOptions.Spec source = data.resolve(cmd, model.metadata(), true);
        if (Regression.isRegression(model)) {
            return evaluateRegression(cmd, out, model, source);
        }
        int k = Models.classes(model);
        DataOptions.Loaded loaded = DataOptions.load(source, model);
        Models.Rows rows = Models.rows(cmd, loaded, model, modelOptions.part,
                modelOptions.testFraction, modelOptions.seed, Part.TEST);
        DataSet set = rows.data();
        check(model, set, source);

        List<String> names = Models.classNames(model, loaded.classNames());
        BackendLine line = BackendLine.forWork(Backends.work(set.rows(), model.network().parameterCount(), 1));
        Models.Predictions p = Models.predict(model, set.features(), line.backend());
        ConfusionMatrix matrix = new ConfusionMatrix(set.labels(), p.classes(), k);
        ClassificationReport report = ClassificationReport.of(matrix, names.toArray(String[]::new));

        header(cmd, out, model, set.rows(), rows.what(), loaded.droppedLines(), source, line);
        out.printf(Locale.ROOT, "Accuracy: %.4f (%d of %d)%n%n", matrix.accuracy(), matrix.correct(), matrix.total());
        out.print(report.format(decimals));
        out.printf("%nConfusion matrix (rows: true class, columns: predicted class):%n%n");
        out.print(matrix.format());
        if (!names.equals(DataOptions.numbered(k))) {
            List<String> legend = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                legend.add(i + " " + names.get(i));
            }
            out.printf("%nClasses: %s%n", String.join(", ", legend));
        }
        if (plots != null) {
            List<String> written = new ArrayList<>();
            String title = String.format(Locale.ROOT, "Confusion matrix on %d %s (accuracy %.4f)",
                    set.rows(), shortWhat(rows.what()), matrix.accuracy());
            written.add(Plots.confusion(plots, matrix, names, title).toString());
            if (loaded.images() && set.columns() == loaded.imageSide() * loaded.imageSide()) {
                written.add(Plots.misclassified(plots, set, p.classes(), p.confidence(), names,
                        loaded.imageSide(), loaded.pixelMax(), imagesName(rows.what())).toString());
            }
            out.printf("%nPlots: %s%n", String.join(", ", written));
        }
        out.flush();
        return 0;
    }

    /** The lines that say which model, which rows, how their columns were matched, and the backend. */
    private void header(CommandLine cmd, PrintWriter out, SavedModel model, int rows, String what, int[] dropped,
                        DataOptions.Spec source, BackendLine line) {
        String scalings = model.scaling() == null ? "" : ", with its input scaling";
        if (model.targetScaling() != null) {
            scalings += (scalings.isEmpty() ? ", with its " : " and ") + "target scaling";
        }
        out.printf(Locale.ROOT, "Model: %s, %s%s%n", modelOptions.modelFile, Models.describe(model.network()), scalings);
        out.printf(Locale.ROOT, "Data: %d %s%s%n", rows, what, DataOptions.droppedNote(source, dropped));
        String columns = DataOptions.columnsLine(source, model);
        if (columns != null) {
            out.println(columns);
        }
        out.println(line.header() + Models.trainedWith(model));
        BackendLine.hint(cmd.getErr());
    }

    /** A regression model: R², MAE and RMSE of its predictions on the target column. */
    private Integer evaluateRegression(CommandLine cmd, PrintWriter out, SavedModel model, DataOptions.Spec source)
            throws IOException {
        if (plots != null) {
            throw new ParameterException(cmd, "--plots draws a classifier's confusion matrix; the model is a regression");
        }
        Regression.Loaded loaded = Regression.load(source, model);
        Regression.Chosen chosen = Regression.rows(cmd, source, loaded, model, modelOptions);
        Regression.Rows rows = chosen.rows();
        BackendLine line = BackendLine.forWork(Backends.work(rows.size(), model.network().parameterCount(), 1));
        header(cmd, out, model, rows.size(), chosen.what(), loaded.droppedLines(), source, line);
        Regression.Scores scores = Regression.Scores.of(rows.y(), model.predict(rows.x(), line.backend()));
        out.printf(Locale.ROOT, "Target: '%s'%n", loaded.targetName());
        out.printf(Locale.ROOT, "%s (%d rows)%n", scores.format(), scores.rows());
        out.flush();
        return 0;
    }

    /** "Fashion-MNIST test images", "held-out digits". */
    private static String imagesName(String what) {
        String name = shortWhat(what);
        return name.endsWith("images") || name.endsWith("digits") ? name : "images";
    }

    private static String shortWhat(String what) {
        int paren = what.indexOf(" (");
        return paren < 0 ? what : what.substring(0, paren);
    }

    /** The data must fit the model: as many columns as inputs, labels among its classes. */
    static void check(SavedModel model, DataSet set, DataOptions.Spec source) {
        int inputs = model.network().inputSize();
        if (set.columns() != inputs) {
            throw new IllegalArgumentException("the model takes " + inputs + " inputs but " + source.describe()
                    + " has " + set.columns() + " feature columns");
        }
        int k = Models.classes(model);
        if (set.numClasses() > k) {
            throw new IllegalArgumentException("the model tells " + k + " classes apart but " + source.describe()
                    + " has labels up to " + (set.numClasses() - 1));
        }
    }
}
