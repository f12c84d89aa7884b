package dev.mlp.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command-line entry point: {@code java -jar mlp-examples.jar <command>}.
 */
@Command(name = "mlp",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Multi-layer perceptrons on EJML: runnable examples.",
        subcommands = {DigitsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required, for example: digits");
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"mlp " + (v == null ? "development" : v)};
        }
    }
}
