package dev.mlp.examples;

import dev.mlp.data.DataFormatException;
import dev.mlp.io.ModelFormatException;
import dev.mlp.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The command-line entry point: {@code java -jar mlp-examples.jar <command>}.
 *
 * <p>Exit status: 0 on success, 1 when the work failed (a missing or damaged file, data that does
 * not fit the model, training that diverged), 2 for invalid usage (the message names the option,
 * and the usage follows).
 */
@Command(name = "mlp",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        usageHelpAutoWidth = true,
        description = "Multi-layer perceptrons on EJML: reproduce the blog, train, evaluate and predict; export to and import from ONNX.",
        subcommands = {DigitsCommand.class, TrainCommand.class, CvCommand.class, SearchCommand.class,
            EvaluateCommand.class, PredictCommand.class,
            ExportCommand.class, ImportCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  mlp digits",
            "  mlp train --data fashion --layers 256,128 --batch 128 --output fashion.mlp",
            "  mlp cv --folds 5 --layers 128 --epochs 30",
            "  mlp search --layers 64 128 128,64 --lr 1e-3 3e-3 --epochs 30 --output best.mlp",
            "  mlp evaluate --model fashion.mlp",
            "  mlp predict --model fashion.mlp --output predictions.csv",
            "  mlp export --model fashion.mlp --onnx fashion.onnx",
            "  mlp import --onnx classifier.onnx --output classifier.mlp",
            "",
            "Run 'mlp COMMAND --help' for a command's options."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success",
            "1:the work failed: a file is missing or damaged, the data does not fit the model, training diverged",
            "2:invalid usage: a wrong or missing option"})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::failure);
        cli.setParameterExceptionHandler(Main::invalidUsage);
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: digits, train, cv, search, evaluate, predict, export or import");
    }

    /**
     * Reports invalid usage: the command and what was wrong, suggestions for a mistyped option,
     * then the command's usage; exit status 2.
     */
    private static int invalidUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName(" ");
        err.println(cmd.getColorScheme().errorText(name + ": " + e.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println();
        cmd.usage(err, cmd.getColorScheme());
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Reports an exception raised while a command ran as one line naming the problem; exit status 1. */
    private static int failure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName(" ");
        String message = message(e);
        if (message == null) {
            err.println(name + ": internal error: " + e);
            e.printStackTrace(err);
        } else {
            err.println(cmd.getColorScheme().errorText(name + ": error: " + message));
        }
        err.flush();
        return 1;
    }

    /** What went wrong in words, or null for an unexpected error (a bug). */
    static String message(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return message(u.getCause());
        }
        if (e instanceof NoSuchFileException f) {
            return "no such file: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof NotDirectoryException f) {
            return "not a directory: " + f.getFile();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return "already exists and is not a regular file: " + f.getFile();
        }
        if (e instanceof TrainingDivergedException) {
            return e.getMessage();
        }
        if (e instanceof FileNotFoundException || e instanceof DataFormatException
                || e instanceof ModelFormatException) {
            return e.getMessage();
        }
        if (e instanceof IOException) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (e instanceof IllegalArgumentException && e.getMessage() != null) {
            return e.getMessage();
        }
        return null;
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {

        /** "mlp 0.1.0", or "mlp development" when run from classes; chooses no backend. */
        static String name() {
            String v = Main.class.getPackage().getImplementationVersion();
            return "mlp " + (v == null ? "development" : v);
        }

        @Override
        public String[] getVersion() {
            return new String[] {name(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                BackendLine.forLargeJobs()};
        }
    }
}
