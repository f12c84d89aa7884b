package dev.mlp.examples;

import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import dev.mlp.onnx.Onnx;
import dev.mlp.onnx.Precision;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Writes a saved model as an ONNX model. */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Write a saved model, with its input scaling, as a standard ONNX model (opset " + Onnx.OPSET + ") that "
                + "ONNX Runtime and other ONNX runtimes run: input '" + Onnx.INPUT_NAME + "' [batch, features] "
                + "of raw values, output '" + Onnx.OUTPUT_NAME + "' [batch, outputs] (the probabilities, for a "
                + "softmax or sigmoid output).",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  mlp export --model digits.mlp --onnx digits.onnx",
            "  mlp export --model digits.mlp --onnx digits64.onnx --precision float64"})
final class ExportCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, paramLabel = "FILE", required = true,
            description = "A model file, as train (or the library's ModelIO) writes it.")
    Path modelFile;

    @Option(names = "--onnx", paramLabel = "FILE", required = true, description = "The ONNX file to write.")
    Path onnxFile;

    @Option(names = "--precision", paramLabel = "TYPE", defaultValue = "float32",
            description = "float32 (the type runtimes run fastest; weights rounded to floats) or float64 (the "
                    + "model's own numbers) (default: ${DEFAULT-VALUE}).")
    String precision;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        Precision p = switch (precision.toLowerCase(Locale.ROOT)) {
            case "float32" -> Precision.FLOAT32;
            case "float64" -> Precision.FLOAT64;
            default -> throw new ParameterException(cmd, "--precision must be float32 or float64, got '"
                    + precision + "'");
        };
        SavedModel model = ModelIO.load(modelFile);
        Onnx.save(onnxFile, model, p);
        PrintWriter out = cmd.getOut();
        out.printf(Locale.ROOT, "Model: %s, %s%s%n", modelFile, Models.describe(model.network()),
                model.scaling() == null ? "" : ", with its input scaling");
        out.printf(Locale.ROOT, "Wrote %s: ONNX opset %d, %s, input '%s' [batch, %d] -> output '%s' [batch, %d]%n",
                onnxFile, Onnx.OPSET, precision.toLowerCase(Locale.ROOT), Onnx.INPUT_NAME,
                model.network().inputSize(), Onnx.OUTPUT_NAME, model.network().outputSize());
        out.flush();
        return 0;
    }
}
