package dev.mlp.examples;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigitsCommandTest {

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * The blog's loss lines, from its numpy run (reproduced by
     * mlp-core/src/test/resources/golden/blog_reference.py), to the six decimals it shows.
     */
    @Test
    void reproducesTheBlogsLossLinesAndItsReport() {
        Run run = run("digits", "--test-fraction", "0");
        assertEquals(0, run.exitCode(), run.err());
        List<String> losses = new ArrayList<>();
        Matcher m = Pattern.compile("epoch +(\\d+) +loss (\\d\\.\\d{6})").matcher(run.out());
        while (m.find()) {
            losses.add(m.group(1) + " " + m.group(2));
        }
        assertEquals(List.of("10 0.010018", "20 0.006220", "30 0.005019", "40 0.004060", "50 0.003276",
                "60 0.002718", "70 0.002452", "80 0.002155", "90 0.001730", "100 0.001560"), losses);
        assertTrue(Pattern.compile("\\n +accuracy +1\\.00 +1797\\n").matcher(run.out()).find(), run.out());
        assertTrue(run.out().contains("    precision    recall  f1-score   support"), run.out());
        assertTrue(!run.out().contains("Held-out"), run.out());
    }

    @Test
    void evaluatesOnAHeldOutPart() {
        Run run = run("digits", "--epochs", "30", "--report-every", "30");
        assertEquals(0, run.exitCode(), run.err());
        Matcher m = Pattern.compile("Held-out accuracy: (0\\.\\d{4}) \\((\\d+) of (\\d+)\\)").matcher(run.out());
        assertTrue(m.find(), run.out());
        assertEquals("359", m.group(3)); // round(1797 · 0.2)
        assertTrue(Double.parseDouble(m.group(1)) > 0.85, m.group());
    }

    @Test
    void helpListsTheOptions() {
        Run run = run("digits", "--help");
        assertEquals(0, run.exitCode());
        for (String option : List.of("--epochs", "--batch", "--lr", "--hidden", "--seed", "--test-fraction")) {
            assertTrue(run.out().contains(option), run.out());
        }
    }

    @Test
    void badOptionsAreNamedAndShowUsage() {
        Run zero = run("digits", "--epochs", "0");
        assertEquals(2, zero.exitCode());
        assertTrue(zero.err().contains("--epochs"), zero.err());
        assertTrue(zero.err().contains("Usage:"), zero.err());
        Run notANumber = run("digits", "--lr", "fast");
        assertEquals(2, notANumber.exitCode());
        assertTrue(notANumber.err().contains("--lr"), notANumber.err());
        Run fraction = run("digits", "--test-fraction", "1.5");
        assertEquals(2, fraction.exitCode());
        assertTrue(fraction.err().contains("--test-fraction"), fraction.err());
        Run noCommand = run();
        assertEquals(2, noCommand.exitCode());
        assertTrue(noCommand.err().contains("digits"), noCommand.err());
    }
}
