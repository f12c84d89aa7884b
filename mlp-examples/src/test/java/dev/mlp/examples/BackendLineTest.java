package dev.mlp.examples;

import dev.mlp.linalg.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line says which backend runs: in --version, in the headers, and with a hint when it could be faster. */
class BackendLineTest {

    @Test
    void versionNamesTheBackendAndWhyOnThisJvm() {
        Cli.Run version = Cli.run("--version");
        assertEquals(0, version.exitCode(), version.all());
        assertTrue(version.out().contains("Backend: blocked (scalar Java, "), version.all());
        assertTrue(version.out().contains("the JVM was started without --add-modules jdk.incubator.vector"),
                version.all());
    }

    @Test
    void digitsNamesItsBackendAndHintsAtTheFasterOne() {
        Cli.Run digits = Cli.run("digits", "--epochs", "1", "--report-every", "1", "--test-fraction", "0");
        assertEquals(0, digits.exitCode(), digits.all());
        assertTrue(digits.out().contains("seed 1\nBackend: blocked (scalar Java, "), digits.all());
        assertEquals(BackendLine.HINT + System.lineSeparator(), digits.err());
        assertTrue(BackendLine.HINT.contains("--add-modules jdk.incubator.vector"), BackendLine.HINT);
    }

    /**
     * As the launcher starts it (with the Vector API): --version names the vector backend, and a
     * job as small as the blog's runs on blocked, saying why, with no hint.
     */
    @Test
    void withTheVectorModuleLargeJobsRunOnVectorAndSmallOnesOnBlocked(@TempDir Path dir) throws Exception {
        String version = runForked("--version");
        assertTrue(version.contains("Backend: vector ("), version);
        assertTrue(version.contains("jobs below 5e10 row-parameter passes run on blocked"), version);
        String digits = runForked("digits", "--epochs", "2", "--report-every", "1", "--test-fraction", "0");
        assertTrue(digits.contains("Backend: blocked (scalar Java, ") && digits.contains("for a small job ("), digits);
        assertFalse(digits.contains("hint:"), digits);
        // a small job does not even load the vector backend, whatever else the command does
        String train = runForked("-Xlog:class+load=info", "train", "--epochs", "1", "--layers", "8",
                "--no-progress", "--output", dir.resolve("small.mlp").toString());
        assertTrue(train.contains("Backend: blocked (scalar Java, ") && train.contains("Test accuracy"), train);
        assertFalse(train.contains("dev.mlp.linalg.VectorKernel"), "the vector backend was loaded for a small job");
        assertEquals(50_000_000_000L, Backends.VECTOR_MIN_WORK, "the figure --version prints");
    }

    /** Runs the CLI in a JVM with the Vector API; arguments starting with -X are the JVM's. */
    private static String runForked(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--add-modules", Backends.VECTOR_MODULE));
        List<String> cli = new ArrayList<>();
        for (String arg : args) {
            (arg.startsWith("-X") ? command : cli).add(arg);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(cli);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the CLI finished");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
