package dev.mlp.examples;

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
                + "the predicted class and the model's probability of each class (columns p_0, p_1, ...).",
            "",
            "The input is a CSV file (--csv) of raw features, with or without a label column (which is ignored: "
                + "by default the column named as in the model's training data), or a data source (--data digits, "
                + "--data fashion). The model's saved scaling is applied first.",
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
        DMatrixRMaj x;
        String what;
        if (source.kind() == DataKind.CSV) {
            if (modelOptions.choosesRows()) {
                throw new ParameterException(cmd, "--part, --test-fraction and --seed apply to --data digits and "
                        + "fashion; a CSV file is predicted row by row");
            }
            x = FeatureCsv.read(source, model.network().inputSize());
            what = "rows of " + source.csv();
        } else {
            int k = Models.classes(model);
            DataOptions.Loaded loaded = DataOptions.load(source, k);
            Part defaultPart = source.kind() == DataKind.FASHION ? Part.TEST : Part.ALL;
            Models.Rows rows = Models.rows(cmd, loaded, model, modelOptions.part,
                modelOptions.testFraction, modelOptions.seed, defaultPart);
            EvaluateCommand.check(model, rows.data(), source);
            x = rows.data().features();
            what = rows.what();
        }
        Backend backend = BackendLine.forWork(Backends.work(x.numRows, model.network().parameterCount(), 1)).backend();
        Models.Predictions p = Models.predict(model, x, backend);
        if (output == null) {
            PrintWriter out = cmd.getOut();
            write(out, p);
            out.flush();
        } else {
            Path target = output.toAbsolutePath();
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
                    write(w, p);
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

    private void write(Writer w, Models.Predictions p) throws IOException {
        int k = p.probabilities().length == 0 ? 0 : p.probabilities()[0].length;
        StringBuilder line = new StringBuilder("row,predicted");
        for (int c = 0; c < k; c++) {
            line.append(",p_").append(c);
        }
        w.write(line.append('\n').toString());
        String format = "%." + decimals + "f";
        for (int r = 0; r < p.classes().length; r++) {
            line.setLength(0);
            line.append(r).append(',').append(p.classes()[r]);
            for (double v : p.probabilities()[r]) {
                line.append(',').append(String.format(Locale.ROOT, format, v));
            }
            w.write(line.append('\n').toString());
        }
    }
}
