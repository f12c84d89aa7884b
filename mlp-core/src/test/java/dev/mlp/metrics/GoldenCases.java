package dev.mlp.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the golden files under {@code src/test/resources/golden/metrics}: cases introduced by
 * {@code === case NAME}, then {@code key: value} lines, and for classification reports a
 * {@code --- report} line followed by the report text verbatim up to the next case.
 */
final class GoldenCases {

    /** One case: its name, its {@code key: value} lines, and the verbatim report text (or null). */
    record Case(String name, Map<String, String> fields, String report) {

        int[] ints(String key) {
            String v = fields.get(key);
            return v.equals("-") ? null : Arrays.stream(v.split(" ")).mapToInt(Integer::parseInt).toArray();
        }

        double[] doubles(String key) {
            return Arrays.stream(fields.get(key).split(" ")).mapToDouble(Double::parseDouble).toArray();
        }

        double number(String key) {
            return Double.parseDouble(fields.get(key));
        }

        String[] names(String key) {
            String v = fields.get(key);
            return v.equals("-") ? null : v.split("\\|", -1);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private GoldenCases() {
    }

    static List<Case> load(String resource) {
        String text;
        try (InputStream in = GoldenCases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Case> cases = new ArrayList<>();
        String name = null;
        Map<String, String> fields = null;
        StringBuilder report = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("=== case ")) {
                if (name != null) {
                    cases.add(new Case(name, fields, report == null ? null : report.toString()));
                }
                name = line.substring("=== case ".length());
                fields = new LinkedHashMap<>();
                report = null;
            } else if (report != null) {
                report.append(line).append('\n');
            } else if (line.equals("--- report")) {
                report = new StringBuilder();
            } else if (!line.isEmpty()) {
                int colon = line.indexOf(": ");
                fields.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        if (name != null) {
            cases.add(new Case(name, fields, report == null ? null : dropFinalSplitArtifact(report)));
        }
        return cases;
    }

    /** The file ends with the last report's newline, which split leaves as one extra empty piece. */
    private static String dropFinalSplitArtifact(StringBuilder report) {
        return report.substring(0, report.length() - 1);
    }
}
