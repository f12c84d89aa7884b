package dev.mlp.examples;

import dev.mlp.train.EpochResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain epoch lines when the output is not a terminal; a throttled, in-place bar when it is. */
class ProgressTest {

    @Test
    void notATerminalGivesOnePlainLinePerEpoch(@TempDir Path dir) {
        Cli.Run run = Cli.run("train", "--layers", "16", "--epochs", "3", "--batch", "8",
                "--output", dir.resolve("m.mlp").toString());
        assertEquals(0, run.exitCode(), run.all());
        assertFalse(run.out().contains("\r"), "no carriage returns in plain output");
        assertFalse(run.out().contains("ETA"), run.out());
        List<String> epochs = TrainEvaluatePredictTest.epochLines(run.out());
        assertEquals(3, epochs.size(), run.out());
        assertTrue(epochs.get(0).startsWith("epoch 1/3 "), epochs.get(0));
        assertTrue(run.out().contains("train loss  val loss  val acc        time  samples/s"), run.out());
    }

    @Test
    void theRealDetectionSaysNoTerminalUnderTests() {
        // surefire runs the tests with redirected streams, as CI and pipes do
        assertFalse(Terminal.isInteractive());
    }

    @Test
    void aTerminalGetsABarAndNoProgressTurnsItOff(@TempDir Path dir) {
        AtomicLong now = new AtomicLong();
        Cli.Run bar = Cli.run(cli -> {
            TrainCommand train = Cli.train(cli);
            train.interactive = () -> true;
            train.clock = () -> now.addAndGet(40_000_000L); // every reading 40 ms later
        }, "train", "--layers", "8", "--epochs", "2", "--batch", "8", "--output", dir.resolve("a.mlp").toString());
        assertEquals(0, bar.exitCode(), bar.all());
        assertTrue(bar.out().contains("\repoch 1/2 ["), bar.out());
        assertTrue(bar.out().contains("samples/s  ETA "), bar.out());
        assertTrue(bar.out().contains("  loss "), bar.out());
        assertEquals(2, TrainEvaluatePredictTest.epochLines(bar.out().replace("\r", "\n")).size(), bar.out());

        Cli.Run plain = Cli.run(cli -> Cli.train(cli).interactive = () -> true,
                "train", "--layers", "8", "--epochs", "2", "--batch", "8", "--no-progress",
                "--output", dir.resolve("b.mlp").toString());
        assertEquals(0, plain.exitCode(), plain.all());
        assertFalse(plain.out().contains("\r"), plain.out());
        assertEquals(2, TrainEvaluatePredictTest.epochLines(plain.out()).size(), plain.out());
    }

    @Test
    void theBarIsRedrawnAtMostTenTimesASecondAndClearedBeforeTheEpochLine() {
        AtomicLong now = new AtomicLong();
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), true, now::get, 5, 1000, 10, 80);
        for (int batch = 1; batch <= 100; batch++) {
            now.addAndGet(15_000_000L); // 15 ms per batch: 1.5 s for the epoch
            progress.onBatchEnd(1, batch, 0.5);
        }
        assertTrue(progress.redraws() >= 10 && progress.redraws() <= 15, "redraws " + progress.redraws());
        String beforeEnd = text.toString();
        assertTrue(beforeEnd.contains("]  98/100  667 samples/s  ETA 0:00  loss 0.5000"), beforeEnd);
        for (String frame : beforeEnd.split("\r")) {
            assertTrue(frame.length() < 80, "fits the terminal: '" + frame + "'");
        }
        progress.onEpochEnd(new EpochResult(1, 0.5, 0.4, 0.9, 0.001, 100));
        String after = text.toString().substring(beforeEnd.length());
        assertTrue(after.startsWith("\r" + " ".repeat(10)), "the bar is blanked out first");
        assertTrue(after.contains("\repoch 1/5      0.5000    0.4000   0.9000      1.50 s        667"), after);
    }

    @Test
    void plainModeDrawsNothingBetweenEpochs() {
        AtomicLong now = new AtomicLong();
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), false, now::get, 2, 100, 32, 80);
        for (int batch = 1; batch <= 4; batch++) {
            now.addAndGet(500_000_000L);
            progress.onBatchEnd(1, batch, 1.0);
        }
        assertEquals("", text.toString());
        progress.onEpochEnd(new EpochResult(1, 1.0, Double.NaN, Double.NaN, 0.001, 4));
        assertEquals("epoch 1/2      1.0000         -        -      2.00 s         50" + System.lineSeparator(),
                text.toString());
        assertEquals(List.of(2.0), progress.seconds());
    }

    @Test
    void aRegressionShowsNoAccuracyColumn() {
        AtomicLong now = new AtomicLong();
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), false, now::get, 2, 100, 32, 80, false);
        assertEquals("           train loss  val loss        time  samples/s", progress.header());
        for (int batch = 1; batch <= 4; batch++) {
            now.addAndGet(500_000_000L);
            progress.onBatchEnd(1, batch, 1.0);
        }
        progress.onEpochEnd(new EpochResult(1, 1.0, 0.5, Double.NaN, 0.001, 4));
        assertEquals("epoch 1/2      1.0000    0.5000      2.00 s         50" + System.lineSeparator(), text.toString());
    }

    @Test
    void durationsAndClocks() {
        assertEquals("8 ms", Progress.duration(0.0084));
        assertEquals("0.84 s", Progress.duration(0.8412));
        assertEquals("12.3 s", Progress.duration(12.34));
        assertEquals("2 min 05 s", Progress.duration(125.2));
        assertEquals("1 h 01 min", Progress.duration(3671));
        assertEquals("0:07", Progress.clock(7.4));
        assertEquals("12:30", Progress.clock(750));
        assertEquals("1:02:03", Progress.clock(3723));
    }
}
