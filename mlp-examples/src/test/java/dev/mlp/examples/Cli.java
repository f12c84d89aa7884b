package dev.mlp.examples;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;

/** Runs the command line in-process with captured output, as a user would from a shell (not a terminal). */
final class Cli {

    record Run(int exitCode, String out, String err) {
        /** Both streams, for assertion messages. */
        String all() {
            return "exit " + exitCode + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
        }
    }

    private Cli() {
    }

    static Run run(String... args) {
        return run(cli -> { }, args);
    }

    /** Runs with the train command's terminal detection fixed to "not a terminal" unless {@code setUp} changes it. */
    static Run run(Consumer<CommandLine> setUp, String... args) {
        CommandLine cli = Main.commandLine();
        train(cli).interactive = () -> false;
        setUp.accept(cli);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static TrainCommand train(CommandLine cli) {
        return cli.getSubcommands().get("train").getCommand();
    }
}
