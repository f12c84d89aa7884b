package dev.mlp.examples;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the program talks to a person at a terminal, which decides if a progress bar is drawn. */
final class Terminal {

    private Terminal() {
    }

    /**
     * True when standard input and output are an interactive terminal that understands a carriage
     * return: {@link System#console()} exists (and, on Java 22 and later, says it is a terminal)
     * and TERM is not "dumb". False in CI, in pipes and when the output goes to a file.
     */
    static boolean isInteractive() {
        Console console = System.console();
        if (console == null || "dumb".equalsIgnoreCase(System.getenv("TERM"))) {
            return false;
        }
        try {
            // Java 22+ returns a console even when redirected; it then answers isTerminal() == false.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** The terminal's width from COLUMNS, or 80. */
    static int columns() {
        try {
            int c = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").strip());
            return c >= 40 ? c : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
