package dev.mlp.examples;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The launchers of src/main/scripts: the Unix one is run with a stand-in {@code java} that prints
 * the arguments it was given, so the test sees the exact command line the launcher builds.
 */
class LauncherTest {

    private static final Path SCRIPTS = Path.of("src", "main", "scripts");

    @TempDir
    Path dir;
    private Path javaHome;

    @BeforeEach
    void fakeJava() throws IOException {
        assumeFalse(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win"), "a POSIX shell");
        javaHome = dir.resolve("jdk");
        Path java = javaHome.resolve("bin").resolve("java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Path install(Path where) throws IOException {
        Files.createDirectories(where);
        Path launcher = Files.copy(SCRIPTS.resolve("mlp"), where.resolve("mlp"));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(where.resolve("mlp-examples.jar"), "stand-in");
        return launcher;
    }

    private record Run(int status, List<String> out, String err) {
    }

    private Run run(Path launcher, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().remove("MLP_JAVA_OPTS");
        builder.environment().putAll(env);
        Path err = dir.resolve("err.txt");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the launcher finished");
        // one argument a line, each ending in a newline, empty arguments included
        List<String> lines = out.isEmpty() ? List.of() : List.of(out.substring(0, out.length() - 1).split("\n", -1));
        return new Run(process.exitValue(), lines, Files.readString(err));
    }

    @Test
    void startsTheJarBesideItWithTheVectorModuleAndEveryArgumentIntact() throws Exception {
        Path bin = dir.resolve("dist");
        Path launcher = install(bin);
        Run r = run(launcher, Map.of("MLP_JAVA_OPTS", "-Xmx1g -Dmlp.threads=1"), "train", "--csv", "a file.csv", "");
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("--add-modules", "jdk.incubator.vector", "-Xmx1g", "-Dmlp.threads=1", "-jar",
                bin.resolve("mlp-examples.jar").toString(), "train", "--csv", "a file.csv", ""), r.out());
    }

    @Test
    void findsTheJarThroughASymbolicLink() throws Exception {
        Path bin = dir.resolve("dist");
        install(bin);
        Path link = Files.createDirectories(dir.resolve("elsewhere")).resolve("mlp");
        Files.createSymbolicLink(link, bin.resolve("mlp"));
        Run r = run(link, Map.of(), "--version");
        assertEquals(0, r.status(), r.err());
        assertEquals(bin.resolve("mlp-examples.jar").toString(), r.out().get(3));
    }

    @Test
    void saysSoWhenTheJarIsNotBesideIt() throws Exception {
        Path launcher = install(dir.resolve("dist"));
        Files.delete(dir.resolve("dist").resolve("mlp-examples.jar"));
        Run r = run(launcher, Map.of(), "--version");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("cannot find") && r.err().contains("mlp-examples.jar"), r.err());
        assertEquals(List.of(), r.out());
    }

    /** The Windows launcher cannot run here; it must at least keep CRLF lines and the same command. */
    @Test
    void theWindowsLauncherHasTheSameCommandInCrlfLines() throws IOException {
        String cmd = Files.readString(SCRIPTS.resolve("mlp.cmd"));
        assertTrue(cmd.contains("\"%JAVACMD%\" --add-modules jdk.incubator.vector %MLP_JAVA_OPTS% -jar \"%JAR%\" %*"),
                cmd);
        assertTrue(cmd.contains("%~dp0mlp-examples.jar"), cmd);
        assertEquals(cmd.split("\n").length, cmd.split("\r\n").length, "every line ends in CRLF");
    }
}
