package dev.mlp.examples;

import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train} on the three kinds of data writes a model that {@code evaluate} and
 * {@code predict} read back: the digits, a small generated CSV file and small generated gzip IDX
 * files in the Fashion-MNIST layout. Networks and epochs are small, so each run takes a moment.
 */
class TrainEvaluatePredictTest {

    private static final Pattern EPOCH_LINE = Pattern.compile(
            "(?m)^epoch +(\\d+)/(\\d+) +(\\d+\\.\\d{4}) +(\\d+\\.\\d{4}|-) +(\\d\\.\\d{4}|-) +(\\d+\\.\\d+ s|\\d+ ms|\\d+ min \\d+ s) +\\d+$");
    private static final Pattern TEST_ACCURACY = Pattern.compile("Test accuracy: (\\d\\.\\d{4}) \\((\\d+) of (\\d+)");

    @Test
    void digitsModelIsSavedThenEvaluatedAndPredicted(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("digits.mlp");
        Cli.Run train = Cli.run("train", "--layers", "32", "--epochs", "4", "--batch", "16", "--lr", "0.01",
                "--seed", "3", "--early-stopping", "5", "--output", model.toString());
        assertEquals(0, train.exitCode(), train.all());
        // on this JVM (no Vector API) the one line on stderr is the hint, and the header names the backend
        assertEquals(BackendLine.HINT + System.lineSeparator(), train.err());
        assertTrue(train.out().contains("\nBackend: blocked ("), train.out());
        List<String> epochs = epochLines(train.out());
        assertEquals(4, epochs.size(), train.out());
        assertTrue(train.out().contains("Rows: 1294 to train on, 144 to validate on, 359 to test on"), train.out());
        Matcher acc = TEST_ACCURACY.matcher(train.out());
        assertTrue(acc.find(), train.out());
        assertEquals("359", acc.group(3));
        assertTrue(Double.parseDouble(acc.group(1)) > 0.85, acc.group());
        assertTrue(train.out().contains("Saved the model to " + model), train.out());

        SavedModel saved = ModelIO.load(model);
        assertEquals("3", saved.metadata().get("seed"));
        assertEquals("adam", saved.metadata().get("optimizer"));
        assertEquals("32", saved.metadata().get("layers"));
        assertEquals("0.01", saved.metadata().get("lr"));
        assertEquals("16", saved.metadata().get("batch"));
        assertEquals("minmax", saved.metadata().get("scale"));
        assertEquals("5", saved.metadata().get("early-stopping"));
        assertEquals("digits", saved.metadata().get("data"));
        assertEquals(acc.group(1), saved.metadata().get("test-accuracy"));
        assertTrue(saved.metadata().get("command").contains("--layers 32"), saved.metadata().toString());
        assertTrue(saved.metadata().get("backend").startsWith("blocked ("), saved.metadata().toString());
        assertNotNull(saved.scaling());

        // evaluate finds the same held-out rows from the model's metadata and gets the same accuracy
        Cli.Run evaluate = Cli.run("evaluate", "--model", model.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.all());
        assertTrue(evaluate.out().contains("Data: 359 held-out digits"), evaluate.out());
        assertTrue(evaluate.out().contains("Backend: blocked (") && evaluate.out().contains(
                "; the model was trained with " + saved.metadata().get("backend")), evaluate.out());
        assertTrue(evaluate.out().contains("Accuracy: " + acc.group(1) + " (" + acc.group(2) + " of 359)"), evaluate.out());
        assertTrue(evaluate.out().contains("precision    recall  f1-score   support"), evaluate.out());
        assertTrue(evaluate.out().contains("true\\pred"), evaluate.out());
        Cli.Run everything = Cli.run("evaluate", "--model", model.toString(), "--part", "all", "--decimals", "4");
        assertTrue(everything.out().contains("Data: 1797 digits"), everything.all());
        assertTrue(Pattern.compile("accuracy +\\d\\.\\d{4} +1797").matcher(everything.out()).find(), everything.out());

        // predict: every digit to stdout; the held-out ones to a file
        Cli.Run toStdout = Cli.run("predict", "--model", model.toString(), "--data", "digits");
        assertEquals(0, toStdout.exitCode(), toStdout.all());
        List<String> lines = toStdout.out().lines().toList();
        assertEquals(1 + 1797, lines.size());
        checkPredictions(lines, 10);
        Path csv = dir.resolve("out/predictions.csv");
        Cli.Run toFile = Cli.run("predict", "--model", model.toString(), "--part", "test", "--output", csv.toString());
        assertEquals(0, toFile.exitCode(), toFile.all());
        assertTrue(toFile.out().contains("Wrote 359 predictions"), toFile.out());
        List<String> fileLines = Files.readAllLines(csv);
        assertEquals(1 + 359, fileLines.size());
        checkPredictions(fileLines, 10);
        assertEquals(Integer.parseInt(acc.group(2)), heldOutCorrect(fileLines, model), "predict agrees with evaluate");
    }

    /** --schedule reaches the training: same seed, other weights; the model records the option. */
    @Test
    void aLearningRateScheduleChangesTheTrainingAndIsRecorded(@TempDir Path dir) throws Exception {
        String[] common = {"train", "--layers", "8", "--epochs", "3", "--batch", "64", "--seed", "5", "--no-progress"};
        Path constant = dir.resolve("constant.mlp");
        Path decayed = dir.resolve("decayed.mlp");
        Cli.Run a = Cli.run(concat(common, "--output", constant.toString()));
        Cli.Run b = Cli.run(concat(common, "--schedule", "step:1:0.5", "--output", decayed.toString()));
        assertEquals(0, a.exitCode(), a.all());
        assertEquals(0, b.exitCode(), b.all());
        assertTrue(b.out().contains("learning rate 0.001 (step:1:0.5)"), b.out());
        SavedModel first = ModelIO.load(constant);
        SavedModel second = ModelIO.load(decayed);
        assertEquals("constant", first.metadata().get("schedule"));
        assertEquals("step:1:0.5", second.metadata().get("schedule"));
        double[] w1 = first.network().layer(0).weights().data;
        double[] w2 = second.network().layer(0).weights().data;
        assertFalse(java.util.Arrays.equals(w1, w2), "the halved rates must move the weights less");
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void csvWithANamedLabelColumn(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("blobs.csv");
        writeBlobs(data, 240, true, true);
        Path model = dir.resolve("blobs.mlp");
        Cli.Run train = Cli.run("train", "--csv", data.toString(), "--label-column", "kind", "--layers", "16",
                "--epochs", "30", "--batch", "8", "--lr", "0.01", "--validation", "0.2", "--scale", "standard",
                "--output", model.toString());
        assertEquals(0, train.exitCode(), train.all());
        assertTrue(train.out().contains("240 rows of 4 features, 3 classes"), train.out());
        assertEquals(30, epochLines(train.out()).size());
        Matcher acc = TEST_ACCURACY.matcher(train.out());
        assertTrue(acc.find(), train.out());
        assertEquals("48", acc.group(3));
        assertTrue(Double.parseDouble(acc.group(1)) >= 0.9, acc.group());

        Cli.Run evaluate = Cli.run("evaluate", "--model", model.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.all());
        assertTrue(evaluate.out().contains("Accuracy: " + acc.group(1)), evaluate.all());
        Cli.Run all = Cli.run("evaluate", "--model", model.toString(), "--csv", data.toString(), "--label-column", "kind",
                "--part", "all");
        assertTrue(all.out().contains("Data: 240 rows of " + data), all.all());

        // new rows without labels, and the training file with its label column ignored
        Path unlabelled = dir.resolve("new.csv.gz");
        writeBlobs(unlabelled, 30, true, false);
        Cli.Run features = Cli.run("predict", "--model", model.toString(), "--csv", unlabelled.toString());
        assertEquals(0, features.exitCode(), features.all());
        List<String> lines = features.out().lines().toList();
        assertEquals(31, lines.size(), features.out());
        assertEquals("row,predicted,p_0,p_1,p_2", lines.get(0));
        checkPredictions(lines, 3);
        Cli.Run labelled = Cli.run("predict", "--model", model.toString(), "--csv", data.toString());
        assertEquals(0, labelled.exitCode(), labelled.all());
        assertEquals(241, labelled.out().lines().count());

        Path noHeader = dir.resolve("plain.csv");
        writeBlobs(noHeader, 10, false, false);
        Cli.Run plain = Cli.run("predict", "--model", model.toString(), "--csv", noHeader.toString(), "--no-header");
        assertEquals(0, plain.exitCode(), plain.all());
        assertEquals(11, plain.out().lines().count());

        // the model knows its inputs by name: columns it does not know are refused by name
        Path wide = dir.resolve("wide.csv");
        Files.writeString(wide, "a,b,c,d,e\n1,2,3,4,5\n");
        Cli.Run misfit = Cli.run("predict", "--model", model.toString(), "--csv", wide.toString());
        assertEquals(1, misfit.exitCode(), misfit.all());
        assertTrue(misfit.err().contains("missing: 'x1', 'x2', 'x3', 'x4'; not asked for: 'a', 'b', 'c', 'd', 'e'"),
                misfit.all());
        // without a header, the width is checked
        Path widePlain = dir.resolve("wide-plain.csv");
        Files.writeString(widePlain, "1,2,3,4,5,6\n");
        Cli.Run misfitPlain = Cli.run("predict", "--model", model.toString(), "--csv", widePlain.toString(),
                "--no-header");
        assertEquals(1, misfitPlain.exitCode(), misfitPlain.all());
        assertTrue(misfitPlain.err().contains("expected 4 feature columns but the file has 6"), misfitPlain.all());
    }

    @Test
    void idxFilesInTheFashionMnistLayout(@TempDir Path dir) throws Exception {
        Path fashion = dir.resolve("fashion");
        Files.createDirectories(fashion);
        Random random = new Random(11);
        writeIdx(fashion, "train", 200, random);
        writeIdx(fashion, "t10k", 50, random);
        Path model = dir.resolve("f.mlp");
        Path plots = dir.resolve("plots");
        Cli.Run train = Cli.run("train", "--data-dir", fashion.toString(), "--layers", "32", "--epochs", "5",
                "--batch", "16", "--lr", "0.005", "--scale", "none", "--output", model.toString(),
                "--plots", plots.toString());
        assertEquals(0, train.exitCode(), train.all());
        assertTrue(train.out().contains("200 training and 50 test images of 28x28 pixels, 10 classes"), train.out());
        assertEquals(5, epochLines(train.out()).size());
        Matcher acc = TEST_ACCURACY.matcher(train.out());
        assertTrue(acc.find(), train.out());
        assertTrue(acc.group().contains("of 50"), acc.group());
        assertTrue(train.out().contains("the Fashion-MNIST test set"), train.out());
        assertTrue(Double.parseDouble(acc.group(1)) >= 0.8, acc.group());
        assertTrue(Files.isRegularFile(plots.resolve("misclassified.png")));

        SavedModel saved = ModelIO.load(model);
        assertEquals("fashion", saved.metadata().get("data"));
        assertTrue(saved.metadata().get("class-names").startsWith("T-shirt/top,Trouser,"), saved.metadata().toString());
        assertEquals(null, saved.scaling());

        Cli.Run evaluate = Cli.run("evaluate", "--model", model.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.all());
        assertTrue(evaluate.out().contains("Data: 50 Fashion-MNIST test images"), evaluate.out());
        assertTrue(evaluate.out().contains("Accuracy: " + acc.group(1)), evaluate.all());
        assertTrue(evaluate.out().contains("Ankle boot"), evaluate.out());
        Cli.Run trainPart = Cli.run("evaluate", "--model", model.toString(), "--part", "train");
        assertTrue(trainPart.out().contains("Data: 200 Fashion-MNIST training images"), trainPart.all());

        Cli.Run predict = Cli.run("predict", "--model", model.toString());
        assertEquals(0, predict.exitCode(), predict.all());
        List<String> lines = predict.out().lines().toList();
        assertEquals(51, lines.size());
        checkPredictions(lines, dev.mlp.data.FashionMnist.classNames());
        assertEquals(dev.mlp.data.FashionMnist.classNames(), saved.classNames());
    }

    /** Checks the CSV of predict: header, row numbers, probabilities that sum to 1, argmax as the class. */
    private static void checkPredictions(List<String> lines, int k) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            names.add(Integer.toString(c));
        }
        checkPredictions(lines, names);
    }

    /** As {@link #checkPredictions(List, int)} for classes with these names (none holding a comma). */
    private static void checkPredictions(List<String> lines, List<String> names) {
        int k = names.size();
        StringBuilder header = new StringBuilder("row,predicted");
        for (String name : names) {
            header.append(",p_").append(name);
        }
        assertEquals(header.toString(), lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            assertEquals(2 + k, f.length, lines.get(i));
            assertEquals(i - 1, Integer.parseInt(f[0]));
            int predicted = names.indexOf(f[1]);
            double sum = 0;
            int best = 0;
            for (int c = 0; c < k; c++) {
                double p = Double.parseDouble(f[2 + c]);
                assertTrue(p >= 0 && p <= 1, lines.get(i));
                sum += p;
                if (p > Double.parseDouble(f[2 + best])) {
                    best = c;
                }
            }
            assertEquals(1.0, sum, 1e-5, lines.get(i));
            assertEquals(best, predicted, lines.get(i));
        }
    }

    /** The correct predictions in predict's CSV of the held-out digits, against their labels. */
    private static int heldOutCorrect(List<String> lines, Path model) throws IOException {
        SavedModel saved = ModelIO.load(model);
        var split = dev.mlp.data.Split.stratified(dev.mlp.data.Digits.load(),
                Double.parseDouble(saved.metadata().get("test-fraction")),
                new dev.mlp.random.NumpyRandom(Integer.parseInt(saved.metadata().get("seed"))));
        int correct = 0;
        for (int i = 1; i < lines.size(); i++) {
            correct += Integer.parseInt(lines.get(i).split(",")[1]) == split.test().label(i - 1) ? 1 : 0;
        }
        return correct;
    }

    static List<String> epochLines(String out) {
        List<String> lines = new ArrayList<>();
        Matcher m = EPOCH_LINE.matcher(out);
        while (m.find()) {
            lines.add(m.group());
        }
        return lines;
    }

    /**
     * Three well-separated Gaussian blobs in 4 dimensions, the label in the third column ("kind")
     * when {@code labels}; gzip-compressed when the name ends in .gz.
     */
    static void writeBlobs(Path file, int rows, boolean header, boolean labels) throws IOException {
        Random random = new Random(5 + rows);
        double[][] centres = {{0, 0, 0, 0}, {4, 4, 0, 0}, {0, 4, 4, 4}};
        StringBuilder sb = new StringBuilder();
        if (header) {
            sb.append(labels ? "x1,x2,kind,x3,x4\n" : "x1,x2,x3,x4\n");
        }
        for (int r = 0; r < rows; r++) {
            int k = r % 3;
            double[] v = new double[4];
            for (int j = 0; j < 4; j++) {
                v[j] = centres[k][j] + random.nextGaussian();
            }
            List<String> fields = new ArrayList<>();
            for (int j = 0; j < 4; j++) {
                fields.add(String.format(Locale.ROOT, "%.4f", v[j]));
                if (j == 1 && labels) {
                    fields.add(Integer.toString(k));
                }
            }
            sb.append(String.join(",", fields)).append('\n');
        }
        byte[] bytes = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (file.toString().endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(bytes);
            }
        } else {
            Files.write(file, bytes);
        }
    }

    /**
     * {@code prefix-images-idx3-ubyte.gz} and {@code prefix-labels-idx1-ubyte.gz}: n images of
     * 28x28 bytes whose class c shows as a bright 7x7 block at one of 10 places, plus noise.
     */
    static void writeIdx(Path dir, String prefix, int n, Random random) throws IOException {
        int side = 28;
        byte[] labels = new byte[n];
        try (DataOutputStream images = new DataOutputStream(new GZIPOutputStream(
                Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte.gz"))))) {
            images.writeInt(0x00000803);
            images.writeInt(n);
            images.writeInt(side);
            images.writeInt(side);
            for (int i = 0; i < n; i++) {
                int c = i % 10;
                labels[i] = (byte) c;
                int top = (c / 5) * 14 + 3;
                int left = (c % 5) * 5 + 1;
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        boolean block = y >= top && y < top + 7 && x >= left && x < left + 5;
                        int v = block ? 160 + random.nextInt(96) : random.nextInt(90);
                        images.writeByte(v);
                    }
                }
            }
        }
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(
                Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte.gz"))))) {
            out.writeInt(0x00000801);
            out.writeInt(n);
            out.write(labels);
        }
    }
}
