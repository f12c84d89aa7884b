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
        assertEquals(List.of("ejml", "blocked", "vector"), Backends.available());
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-Xlog:class+load=info",
                "-cp", System.getProperty("java.class.path"), BareJvmProbe.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            output = bytes.toString(StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe JVM finished");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("default=blocked"), output);
        assertTrue(output.contains("vector=IllegalStateException") && output.contains("--add-modules jdk.incubator.vector"),
                output);
        assertTrue(output.contains("product=ok"), output);
        assertFalse(output.contains("dev.mlp.linalg.VectorKernel"), "VectorKernel was loaded on a bare JVM");
        assertFalse(output.contains("jdk.incubator.vector.DoubleVector"), "the Vector API was loaded on a bare JVM");
    }
}
