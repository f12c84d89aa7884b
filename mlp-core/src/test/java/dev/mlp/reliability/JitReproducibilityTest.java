package dev.mlp.reliability;

import dev.mlp.linalg.Backends;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded training run on the vector backend gives the same weights, bit for bit, in every JVM
 * run, whatever the JIT does: six runs in forked JVMs, twice with the default settings, then with
 * compilation in the foreground, C2 without tiers, C1 alone, and eight reported processors (more
 * compiler threads, other compilation timing). With the Vector API's own exponential in the
 * sigmoid these runs gave different weights.
 */
class JitReproducibilityTest {

    private static final Map<String, List<String>> SETTINGS = new LinkedHashMap<>();

    static {
        SETTINGS.put("default", List.of());
        SETTINGS.put("default again", List.of());
        SETTINGS.put("no background compilation", List.of("-XX:-BackgroundCompilation"));
        SETTINGS.put("C2 only", List.of("-XX:-TieredCompilation"));
        SETTINGS.put("C1 only", List.of("-XX:TieredStopAtLevel=1"));
        SETTINGS.put("8 processors", List.of("-XX:ActiveProcessorCount=8"));
    }

    @Test
    void theVectorBackendTrainsToTheSameBitsUnderEveryJitSetting() throws Exception {
        Map<String, String> results = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> setting : SETTINGS.entrySet()) {
            String output = run("vector", setting.getValue());
            assertTrue(output.contains("backend=vector"), setting.getKey() + ": " + output);
            results.put(setting.getKey(), line(output, "weights="));
        }
        String first = results.values().iterator().next();
        for (Map.Entry<String, String> result : results.entrySet()) {
            assertEquals(first, result.getValue(), "weights under '" + result.getKey() + "' differ: " + results);
        }
    }

    /** The probe's output, from a JVM with the vector module and the given options. */
    private static String run(String backend, List<String> options) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--add-modules", Backends.VECTOR_MODULE));
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), JitProbe.class.getName(), backend));
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
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the probe JVM finished: " + options);
        assertEquals(0, process.exitValue(), options + ": " + output);
        return output;
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' in " + output));
    }
}
