package dev.mlp.examples;

import dev.mlp.data.Table;
import dev.mlp.data.Target;
import dev.mlp.examples.Choices.DataKind;
import dev.mlp.examples.Choices.Part;
import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import dev.mlp.linalg.Backend;
import dev.mlp.linalg.Backends;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Loads a saved model and writes its predictions as CSV. */
@Command(name = "predict",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Write a saved model's predictions as CSV: one line per input row with the row number (from 0), "
                + "the predicted class (its name, when the model names its classes) and the model's probability "
                + "of each class (columns p_<class>: p_setosa, ... or p_0, p_1, ...); for a regression model, "
                + "the predicted value in the target's units (row,predicted).",
            "",
            "The input is a CSV file (--csv) of raw features, with or without a label column (which is ignored: "
                + "by default the column named as in the model's training data), or a data source (--data digits, "
                + "--data fashion). With a header, the columns are matched to the model's inputs by name (any "
                + "order; a missing or unknown column is refused by name); without one, their number is checked. "
                + "The model's saved scaling is applied first.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  mlp predict --model fashion.mlp --output predictions.csv",
            "  mlp predict --model iris.mlp --csv new-flowers.csv > predictions.csv"})
final class PredictCommand implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DataOptions data;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the CSV to FILE instead of the standard output.")
    Path output;

    @Option(names = "--decimals", paramLabel = "N", defaultValue = "6",
            description = "Decimals of the probabilities (default: ${DEFAULT-VALUE}).")
    int decimals;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        if (decimals < 0 || decimals > 17) {
            throw new ParameterException(cmd, "--decimals must be in 0..17, got " + decimals);
        }
        SavedModel model = ModelIO.load(modelOptions.modelFile);
        DataOptions.Spec source = data.resolve(cmd, model.metadata(), true);
        boolean regression = Regression.isRegression(model);
        if (regression && !source.table()) {
            throw new ParameterException(cmd, "the model is a regression: give its inputs as a CSV file (--csv) or an "
                    + ".npz archive (--npz)");
        }
        DMatrixRMaj x;
        int[] rowNumbers = null;
        String what;
        if (source.table()) {
            if (modelOptions.choosesRows()) {
                throw new ParameterException(cmd, "--part, --test-fraction and --seed apply to --data digits and "
                        + "fashion; a CSV file or an .npz archive is predicted row by row");
            }
            Table table = DataOptions.table(source, model, Target.NONE);
            x = table.features();
            rowNumbers = table.rowNumbers();
            what = "rows of " + source.describe() + DataOptions.droppedNote(source, table.droppedLines());
        } else {
            DataOptions.Loaded loaded = DataOptions.load(source, model);
            Part defaultPart = source.kind() == DataKind.FASHION ? Part.TEST : Part.ALL;
            Models.Rows rows = Models.rows(cmd, loaded, model, modelOptions.part,
                modelOptions.testFraction, modelOptions.seed, defaultPart);
            EvaluateCommand.check(model, rows.data(), source);
            x = rows.data().features();
            what = rows.what();
        }
        Backend backend = BackendLine.forWork(Backends.work(x.numRows, model.network().parameterCount(), 1)).backend();
        int[] rowsOut = rowNumbers;
        Output writer;
        if (regression) {
            DMatrixRMaj values = model.predict(x, backend);
            writer = w -> writeValues(w, values, rowsOut);
        } else {
            Models.Predictions p = Models.predict(model, x, backend);
            List<String> names = Models.classNames(model, DataOptions.numbered(Models.classes(model)));
            writer = w -> write(w, p, names, rowsOut);
        }
        if (output == null) {
            PrintWriter out = cmd.getOut();
            writer.to(out);
            out.flush();
        } else {
            Path target = output.toAbsolutePath();
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
                    writer.to(w);
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            PrintWriter out = cmd.getOut();
            out.printf(Locale.ROOT, "Wrote %d predictions for the %s to %s%n", x.numRows, what, output);
            out.flush();
        }
        return 0;
    }

    /**
     * The CSV: a header {@code row,predicted,p_<class>...}, then per row its number (from 0; for a
     * CSV file, the data row's number in the file, rows left out for a missing value included),
     * the predicted class's name and each class's probability.
     */
    private void write(Writer w, Models.Predictions p, List<String> names, int[] rowNumbers) throws IOException {
        StringBuilder line = new StringBuilder("row,predicted");
        for (String name : names) {
            line.append(',').append(csvField("p_" + name));
        }
        w.write(line.append('\n').toString());
        String format = "%." + decimals + "f";
        for (int r = 0; r < p.classes().length; r++) {
            line.setLength(0);
            line.append(rowNumbers == null ? r : rowNumbers[r]).append(',').append(csvField(names.get(p.classes()[r])));
            for (double v : p.probabilities()[r]) {
                line.append(',').append(String.format(Locale.ROOT, format, v));
            }
            w.write(line.append('\n').toString());
        }
    }

    /** Writes the CSV of predictions. */
    private interface Output {
        void to(Writer w) throws IOException;
    }

    /**
     * A regression's CSV: {@code row,predicted} (with one output; {@code predicted_0, ...} with
     * several), then per row its number and the predicted values in the target's units.
     */
    private void writeValues(Writer w, DMatrixRMaj values, int[] rowNumbers) throws IOException {
        StringBuilder line = new StringBuilder("row");
        for (int c = 0; c < values.numCols; c++) {
            line.append(values.numCols == 1 ? ",predicted" : ",predicted_" + c);
        }
        w.write(line.append('\n').toString());
        String format = "%." + decimals + "f";
        for (int r = 0; r < values.numRows; r++) {
            line.setLength(0);
            line.append(rowNumbers == null ? r : rowNumbers[r]);
            for (int c = 0; c < values.numCols; c++) {
                line.append(',').append(String.format(Locale.ROOT, format, values.get(r, c)));
            }
            w.write(line.append('\n').toString());
        }
    }

    /** The text as a CSV field: as it is, or quoted (RFC 4180) when it holds a comma, a quote or a line break. */
    static String csvField(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
