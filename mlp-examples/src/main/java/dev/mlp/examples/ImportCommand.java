package dev.mlp.examples;

import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import dev.mlp.onnx.Onnx;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Reads an ONNX model of dense layers into a model file. */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Read a feed-forward ONNX model of dense layers (Gemm, or MatMul and Add) and their activations (Relu, "
                + "Sigmoid, Tanh, Softmax, LeakyRelu, GELU, Identity), as PyTorch's torch.onnx.export writes an "
                + "nn.Sequential of Linear and activation modules, and save it as a model file that evaluate and "
                + "predict use. Any other graph is refused, naming the node.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  mlp import --onnx classifier.onnx --output classifier.mlp",
            "  mlp predict --model classifier.mlp --csv rows.csv"})
final class ImportCommand implements Callable<Integer> {

    @Option(names = "--onnx", paramLabel = "FILE", required = true, description = "The ONNX model to read.")
    Path onnxFile;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The model file to write.")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SavedModel model = Onnx.load(onnxFile);
        ModelIO.save(output, model);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Read %s: %s, %s%n", onnxFile, Models.describe(model.network()),
                model.scaling() == null ? "no input scaling" : "with an input scaling");
        out.printf(Locale.ROOT, "Saved the model to %s%n", output);
        out.flush();
        return 0;
    }
}
