package dev.mlp.linalg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whether this JVM compiles hot code with C2, HotSpot's optimizing compiler: the only one that
 * turns Vector API calls into vector instructions. The interpreter and C1 run every vector as a
 * heap object, so without C2 the vector backend is many times slower than plain Java.
 *
 * <p>Read from what costs nothing at start-up: {@code java.vm.name}, {@code java.vm.info} (which
 * says {@code interpreted mode} for {@code -Xint} and {@code emulated-client} for
 * {@code -XX:TieredStopAtLevel=1}) and the JVM options, from {@code JAVA_TOOL_OPTIONS},
 * {@code JDK_JAVA_OPTIONS}, the command line and {@code _JAVA_OPTIONS}, in the order HotSpot
 * applies them. HotSpot's diagnostic MXBean would read the flags themselves, but loading the
 * management classes costs tens of milliseconds of start-up (mlp-linalg/DESIGN.md), more than
 * the whole of a small job. A flag set in an options file ({@code -XX:Flags=}, {@code @argfile})
 * is not seen.
 */
final class JitCompiler {

    private static final String TIERED_STOP = "-XX:TieredStopAtLevel=";

    private JitCompiler() {
    }

    /** Why C2 is not compiling in this JVM, or null when it is. Computed once. */
    static String whyNotC2() {
        return Holder.REASON;
    }

    private static final class Holder {
        static final String REASON = whyNotC2(System.getProperty("java.vm.name", ""),
                System.getProperty("java.vm.info", ""), jvmOptions());
    }

    /**
     * Why a JVM with this name, info and options (later ones overriding earlier ones) does not
     * compile with C2, or null when it does.
     */
    static String whyNotC2(String vmName, String vmInfo, List<String> options) {
        if (!vmName.contains("HotSpot") && !vmName.contains("OpenJDK")) {
            return "not a HotSpot JVM (" + vmName + ")";
        }
        if (vmInfo.contains("interpreted mode")) {
            return "the JVM runs interpreted only (-Xint)";
        }
        if (vmInfo.contains("emulated-client")) {
            return "C2 is off (-XX:TieredStopAtLevel=1)";
        }
        String stopAt = null;
        boolean tiered = true;
        for (String option : options) {
            if (option.startsWith(TIERED_STOP)) {
                stopAt = option.substring(TIERED_STOP.length());
            } else if (option.equals("-XX:-TieredCompilation")) {
                tiered = false;
            } else if (option.equals("-XX:+TieredCompilation")) {
                tiered = true;
            }
        }
        // without tiered compilation C2 compiles alone, whatever TieredStopAtLevel says
        if (tiered && stopAt != null && !stopAt.equals("4")) {
            return "C2 is off (" + TIERED_STOP + stopAt + ")";
        }
        return null;
    }

    /** The JVM's options in the order HotSpot applies them (application arguments too). */
    private static List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        addWords(options, System.getenv("JAVA_TOOL_OPTIONS"));
        addWords(options, System.getenv("JDK_JAVA_OPTIONS"));
        try {
            ProcessHandle.current().info().arguments().ifPresent(args -> options.addAll(Arrays.asList(args)));
        } catch (RuntimeException e) {
            // no command line on this platform: the environment and java.vm.info still count
        }
        addWords(options, System.getenv("_JAVA_OPTIONS"));
        return options;
    }

    private static void addWords(List<String> options, String value) {
        if (value != null && !value.isBlank()) {
            options.addAll(Arrays.asList(value.trim().split("\\s+")));
        }
    }
}
