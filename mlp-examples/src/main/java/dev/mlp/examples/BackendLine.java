package dev.mlp.examples;

import dev.mlp.linalg.Backend;
import dev.mlp.linalg.Backends;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The backend a command computes with, chosen by {@link Backends#defaultChoice(long)} for the
 * size of the command's job (so the one that {@code -Dmlp.kernel} names, else the fastest that
 * pays on this JVM for that job), and the lines that tell the user which it is.
 */
final class BackendLine {

    /** The model-file metadata key that records the backend a model was trained with. */
    static final String KEY_BACKEND = "backend";

    /** The line {@link #hint} prints. */
    static final String HINT = "hint: " + Backends.howToEnableVector() + " (the mlp launcher next to the jar does)";

    private final Backends.Choice choice;

    private BackendLine(Backends.Choice choice) {
        this.choice = choice;
    }

    /** The backend for a job of this size ({@link Backends#work}). */
    static BackendLine forWork(long work) {
        return new BackendLine(Backends.defaultChoice(work));
    }

    Backend backend() {
        return choice.backend();
    }

    /**
     * "Backend: vector (512-bit vectors, 2 threads)", for the headers of the commands; a small
     * job on a JVM that has the vector backend also says why it is not used.
     */
    String header() {
        boolean small = choice.backend().vectorBits() == 0 && choice.reason().startsWith(Backends.SMALL_JOB);
        return "Backend: " + choice.backend().description() + (small ? ", for " + choice.reason() : "");
    }

    /**
     * What this JVM runs a large job on, and why, for {@code --version}; with the vector
     * backend, the size below which jobs take the blocked one ({@link Backends#VECTOR_MIN_WORK}).
     */
    static String forLargeJobs() {
        Backends.Choice large = Backends.defaultChoice();
        String rule = large.backend().vectorBits() == 0 ? "" : " (jobs below "
                + String.format(Locale.ROOT, "%.0e", (double) Backends.VECTOR_MIN_WORK).replace("e+", "e")
                + " row-parameter passes run on blocked)";
        return "Backend: " + large.backend().description() + "; " + large.reason() + rule;
    }

    /**
     * On a JVM without the Vector API, and when no backend was named, one line on {@code err}
     * saying how to turn the faster backend on (a command prints it once, with its header).
     */
    static void hint(PrintWriter err) {
        if (Backends.vectorAvailable() || System.getProperty(Backends.BACKEND_PROPERTY) != null) {
            return;
        }
        err.println(HINT);
        err.flush();
    }
}
