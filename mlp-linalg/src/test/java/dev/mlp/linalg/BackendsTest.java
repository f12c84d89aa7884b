package dev.mlp.linalg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Variant selection by name, by system property and automatically, with and without the module. */
class BackendsTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty(Backends.BACKEND_PROPERTY);
        System.clearProperty(Backends.THREADS_PROPERTY);
    }

    @Test
    void byNameReturnsEachBackend() {
        assertInstanceOf(EjmlKernel.class, Backends.byName("ejml"));
        assertInstanceOf(BlockedKernel.class, Backends.byName(" Blocked "));
        assertEquals("ejml", Backends.byName("EJML").name());
        assertEquals(3, ((BlockedKernel) Backends.byName("blocked", 3)).threads());
    }

    /** What a backend says of itself: its name, the width it computes with and its threads. */
    @Test
    void eachBackendDescribesItsWidthAndThreads() {
        assertEquals("ejml (scalar Java, 1 thread)", Backends.byName("ejml").description());
        assertEquals("blocked (scalar Java, 3 threads)", Backends.byName("blocked", 3).description());
        assumeTrue(Backends.vectorAvailable(), "needs --add-modules jdk.incubator.vector");
        Backend vector = Backends.byName("vector", 2);
        assertEquals("vector (" + vector.vectorBits() + "-bit vectors, 2 threads)", vector.description());
        assertTrue(vector.vectorBits() >= 128, "vector width " + vector.vectorBits());
    }

    @Test
    void unknownNamesListWhatIsAvailable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.byName("openblas"));
        assertTrue(e.getMessage().contains("openblas") && e.getMessage().contains("ejml")
                && e.getMessage().contains("blocked") && e.getMessage().contains("vector"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Backends.byName(null));
        assertThrows(IllegalArgumentException.class, () -> Backends.byName("blocked", 0));
    }

    @Test
    void propertyOverridesTheAutomaticChoice() {
        System.setProperty(Backends.BACKEND_PROPERTY, "ejml");
        assertEquals("ejml", Backends.defaultBackend().name());
        System.setProperty(Backends.BACKEND_PROPERTY, "blocked");
        System.setProperty(Backends.THREADS_PROPERTY, "1");
        assertEquals(1, ((BlockedKernel) Backends.defaultBackend()).threads());
        System.setProperty(Backends.BACKEND_PROPERTY, "fast");
        assertThrows(IllegalArgumentException.class, Backends::defaultBackend);
        System.setProperty(Backends.BACKEND_PROPERTY, "blocked");
        System.setProperty(Backends.THREADS_PROPERTY, "zero");
        assertThrows(IllegalArgumentException.class, Backends::defaultBackend);
    }

    @Test
    void automaticChoiceIsVectorWhenTheModuleIsPresent() {
        assumeTrue(Backends.vectorAvailable(), "needs --add-modules jdk.incubator.vector");
        assertEquals("vector", Backends.byName("vector").name());
        assertEquals("vector", Backends.defaultBackend().name());
        assertTrue(Backends.defaultChoice().reason().contains("C2"), Backends.defaultChoice().reason());
        assertEquals(List.of("ejml", "blocked", "vector"), Backends.available());
    }

    /** The size rule: below VECTOR_MIN_WORK the automatic choice is blocked; a named backend is kept. */
    @Test
    void smallJobsTakeTheBlockedBackendWhereVectorIsAvailable() {
        assumeTrue(Backends.vectorAvailable(), "needs --add-modules jdk.incubator.vector");
        Backends.Choice small = Backends.defaultChoice(Backends.VECTOR_MIN_WORK - 1);
        assertEquals("blocked", small.backend().name());
        assertTrue(small.reason().startsWith("a small job"), small.reason());
        assertEquals("vector", Backends.defaultChoice(Backends.VECTOR_MIN_WORK).backend().name());
        System.setProperty(Backends.BACKEND_PROPERTY, "vector");
        assertEquals("vector", Backends.defaultChoice(0).backend().name());
    }

    @Test
    void workIsRowsTimesParametersTimesPassesAndSaturates() {
        assertEquals(1797L * 1135 * 100, Backends.work(1797, 1135, 100));
        assertEquals(0, Backends.work(0, 1135, 100));
        assertEquals(Long.MAX_VALUE, Backends.work(Long.MAX_VALUE / 2, 3, 1));
        assertEquals(Long.MAX_VALUE, Backends.work(1L << 40, 1L << 20, 1L << 10));
        assertEquals(0, Backends.work(1L << 40, 1L << 40, 0));
        assertEquals(Long.MAX_VALUE - 1, Backends.work(Long.MAX_VALUE - 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Backends.work(-1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Backends.defaultChoice(-1));
        assertEquals("blocked", Backends.defaultChoice(Backends.VECTOR_MIN_WORK - 1).backend().name());
    }

    @Test
    void aChoiceNamedByThePropertySaysSo() {
        System.setProperty(Backends.BACKEND_PROPERTY, " blocked");
        Backends.Choice choice = Backends.defaultChoice();
        assertEquals("blocked", choice.backend().name());
        assertEquals("named by -Dmlp.kernel=blocked", choice.reason());
    }

    /** Each way a HotSpot JVM runs without C2, from its properties and options, later options winning. */
    @Test
    void c2IsSeenOffWhereverItIsTurnedOff() {
        String hotspot = "OpenJDK 64-Bit Server VM";
        assertEquals(null, JitCompiler.whyNotC2(hotspot, "mixed mode, sharing", List.of()));
        assertEquals(null, JitCompiler.whyNotC2(hotspot, "mixed mode", List.of("-XX:TieredStopAtLevel=4")));
        assertTrue(JitCompiler.whyNotC2(hotspot, "interpreted mode, sharing", List.of()).contains("-Xint"));
        assertTrue(JitCompiler.whyNotC2(hotspot, "mixed mode, emulated-client, sharing", List.of())
                .contains("TieredStopAtLevel=1"));
        assertTrue(JitCompiler.whyNotC2(hotspot, "mixed mode", List.of("-XX:TieredStopAtLevel=3", "-jar", "x.jar"))
                .contains("TieredStopAtLevel=3"));
        assertEquals(null, JitCompiler.whyNotC2(hotspot, "mixed mode",
                List.of("-XX:TieredStopAtLevel=2", "-XX:TieredStopAtLevel=4")));
        // without tiered compilation C2 compiles alone, and TieredStopAtLevel does not apply
        assertEquals(null, JitCompiler.whyNotC2(hotspot, "mixed mode", List.of("-XX:TieredStopAtLevel=1",
                "-XX:-TieredCompilation")));
        assertTrue(JitCompiler.whyNotC2("Eclipse OpenJ9 VM", "JRE 17 Linux amd64-64", List.of()).contains("OpenJ9"));
    }

    /** mlp.vector.bits, when the JVM was started with it (the vector-256 test run), sets the lanes. */
    @Test
    void theVectorWidthFollowsItsProperty() {
        assumeTrue(Backends.vectorAvailable(), "needs --add-modules jdk.incubator.vector");
        String bits = System.getProperty("mlp.vector.bits");
        assumeTrue(bits != null, "only in a run with -Dmlp.vector.bits");
        assertEquals(Integer.parseInt(bits), Backends.byName("vector").vectorBits());
    }

    /**
     * On a JVM started without the module: the default is the blocked kernel, asking for the
     * vector one says how to enable it, and the class VectorKernel is never loaded.
     */
    @Test
    void bareJvmFallsBackWithoutLoadingTheVectorClass() throws Exception {
        String output = probe(List.of("-Xshare:auto", "-Xlog:class+load=info"), null);
        assertTrue(output.contains("default=blocked"), output);
        assertTrue(output.contains("reason=the JVM was started without --add-modules jdk.incubator.vector"), output);
        assertTrue(output.contains("vector=IllegalStateException") && output.contains("--add-modules jdk.incubator.vector"),
                output);
        assertTrue(output.contains("product=ok"), output);
        assertTrue(output.contains("float32=ok"), output);
        assertFalse(output.contains("dev.mlp.linalg.VectorKernel"), "VectorKernel was loaded on a bare JVM");
        assertFalse(output.contains("jdk.incubator.vector.DoubleVector"), "the Vector API was loaded on a bare JVM");
        assertFalse(output.contains("dev.mlp.linalg.FloatVector"), "a float32 vector class was loaded on a bare JVM");
        assertFalse(output.contains("jdk.incubator.vector.FloatVector"), "the Vector API was loaded on a bare JVM");
    }

    /**
     * With the module but without C2 (on the command line, or in JAVA_TOOL_OPTIONS), the automatic
     * choice is blocked and says why; the vector backend can still be asked for by name.
     */
    @Test
    void withoutC2TheVectorBackendIsNotChosen() throws Exception {
        List<String> module = List.of("--add-modules", Backends.VECTOR_MODULE);
        String client = probe(join(module, "-XX:TieredStopAtLevel=1"), null);
        assertTrue(client.contains("default=blocked") && client.contains("reason=C2 is off (-XX:TieredStopAtLevel=1)"),
                client);
        assertTrue(client.contains("vector=loaded"), client);
        String interpreted = probe(join(module, "-Xint"), null);
        assertTrue(interpreted.contains("default=blocked") && interpreted.contains("-Xint"), interpreted);
        String fromEnvironment = probe(module, "-XX:TieredStopAtLevel=3");
        assertTrue(fromEnvironment.contains("default=blocked") && fromEnvironment.contains("TieredStopAtLevel=3"),
                fromEnvironment);
        String full = probe(module, null);
        assertTrue(full.contains("default=vector") && full.contains("C2"), full);
    }

    private static List<String> join(List<String> list, String more) {
        List<String> all = new ArrayList<>(list);
        all.add(more);
        return all;
    }

    /** Runs {@link BareJvmProbe} in a JVM with these options (and JAVA_TOOL_OPTIONS, if not null). */
    private static String probe(List<String> jvmOptions, String toolOptions) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BareJvmProbe.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        if (toolOptions != null) {
            builder.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
        }
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            output = bytes.toString(StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe JVM finished");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
