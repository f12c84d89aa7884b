package dev.mlp.examples;

import dev.mlp.MatrixRows;
import dev.mlp.data.DataSet;
import dev.mlp.data.Split;
import dev.mlp.examples.Choices.DataKind;
import dev.mlp.examples.Choices.Part;
import dev.mlp.io.SavedModel;
import dev.mlp.linalg.Backend;
import dev.mlp.model.DenseLayer;
import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What the commands share about saved models: descriptions, class names, predictions, data parts. */
final class Models {

    static final String KEY_CLASS_NAMES = "class-names";
    static final String KEY_TEST_FRACTION = "test-fraction";
    static final String KEY_SEED = "seed";

    private Models() {
    }

    /** "784-256-128-10 (relu, relu, softmax)", or "784-256-10 (relu dropout 0.2, softmax)" with dropout. */
    static String describe(Network network) {
        StringBuilder sizes = new StringBuilder().append(network.inputSize());
        List<String> activations = new ArrayList<>();
        for (DenseLayer layer : network.layers()) {
            sizes.append('-').append(layer.outputs());
            activations.add(layer.activation().name() + (layer.dropout() > 0 ? " dropout " + layer.dropout() : ""));
        }
        return sizes + " (" + String.join(", ", activations) + ")";
    }

    /** The number of classes a model tells apart: its outputs, or 2 for a single sigmoid output. */
    static int classes(SavedModel model) {
        int k = model.network().outputSize();
        return k == 1 ? 2 : k;
    }

    /** "; trained with vector (512-bit vectors, 2 threads)" from the model's metadata, or "" if it has none. */
    static String trainedWith(SavedModel model) {
        String backend = model.metadata().get(BackendLine.KEY_BACKEND);
        return backend == null ? "" : "; the model was trained with " + backend;
    }

    /**
     * The class names the model records (in the file since format 2, else in the command line's
     * metadata), if they fit, else the data's own names.
     */
    static List<String> classNames(SavedModel model, List<String> fallback) {
        if (!model.classNames().isEmpty()) {
            return model.classNames();
        }
        int k = classes(model);
        String recorded = model.metadata().get(KEY_CLASS_NAMES);
        if (recorded != null) {
            List<String> names = Arrays.asList(recorded.split(",", -1));
            if (names.size() == k) {
                return names;
            }
        }
        List<String> names = new ArrayList<>(fallback.subList(0, Math.min(k, fallback.size())));
        for (int i = names.size(); i < k; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    /** The predicted class and the probability of each class, per row. */
    record Predictions(int[] classes, double[][] probabilities) {

        /** The probability given to the predicted class of each row. */
        double[] confidence() {
            double[] c = new double[classes.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = probabilities[i][classes[i]];
            }
            return c;
        }

        int correct(int[] labels) {
            int n = 0;
            for (int i = 0; i < labels.length; i++) {
                n += labels[i] == classes[i] ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * The model's outputs for raw rows (its saved scaling applied first): the largest output is
     * the class; a single sigmoid output p is read as the two classes (1 − p, p).
     */
    static Predictions predict(SavedModel model, DMatrixRMaj raw, Backend backend) {
        DMatrixRMaj out = model.predict(raw, backend);
        int k = out.numCols;
        int[] classes = new int[out.numRows];
        double[][] probabilities = new double[out.numRows][];
        for (int r = 0; r < out.numRows; r++) {
            if (k == 1) {
                double p = out.get(r, 0);
                probabilities[r] = new double[] {1 - p, p};
                classes[r] = p >= 0.5 ? 1 : 0;
                continue;
            }
            double[] row = new double[k];
            for (int c = 0; c < k; c++) {
                row[c] = out.get(r, c);
            }
            probabilities[r] = row;
            classes[r] = MatrixRows.argmax(out, r);
        }
        return new Predictions(classes, probabilities);
    }

    /** Rows chosen from a loaded source, and what to call them. */
    record Rows(DataSet data, String what) {
    }

    /**
     * The part of a source that {@code evaluate} and {@code predict} work on.
     *
     * @param part         the part asked for, or null for the default
     * @param testFraction the held-out share of digits or CSV data, or null for the model's
     * @param seed         the seed of that split, or null for the model's
     * @param defaultPart  the part used when none is asked for and a test part exists
     */
    static Rows rows(CommandLine cmd, DataOptions.Loaded loaded, SavedModel model, Part part, Double testFraction,
                     Integer seed, Part defaultPart) throws IOException {
        DataOptions.Spec spec = loaded.spec();
        if (spec.kind() == DataKind.FASHION) {
            if (testFraction != null) {
                throw new ParameterException(cmd, "--test-fraction applies to digits and CSV data; "
                        + "Fashion-MNIST has its own test set (--part test)");
            }
            Part p = part != null ? part : defaultPart;
            return switch (p) {
                case TEST -> new Rows(loaded.test(), "Fashion-MNIST test images");
                case TRAIN -> new Rows(loaded.data(), "Fashion-MNIST training images");
                case ALL -> new Rows(DataOptions.concat(loaded.data(), loaded.test()), "Fashion-MNIST images");
            };
        }
        HeldOut held = heldOut(cmd, spec, model, part, testFraction, seed, defaultPart);
        if (held.part() == Part.ALL) {
            return new Rows(loaded.data(), held.rowsName());
        }
        Split split = Split.stratified(loaded.data(), held.fraction(), new NumpyRandom(held.seed()));
        return held.part() == Part.TEST ? new Rows(split.test(), held.what()) : new Rows(split.train(), held.what());
    }

    /**
     * Which rows of digits or CSV data to use: the part, and for a held-out part its share and
     * seed, from the options or (for the data the model was trained on) the model's metadata.
     *
     * @param rowsName "digits", "rows of data.csv"
     */
    record HeldOut(Part part, double fraction, int seed, String rowsName) {

        /** "held-out rows of data.csv (test fraction 0.2, seed 1)". */
        String what() {
            String how = String.format(java.util.Locale.ROOT, "(test fraction %s, seed %d)", fraction, seed);
            return (part == Part.TEST ? "held-out " : "training ") + rowsName + " " + how;
        }
    }

    static HeldOut heldOut(CommandLine cmd, DataOptions.Spec spec, SavedModel model, Part part, Double testFraction,
                           Integer seed, Part defaultPart) {
        Map<String, String> meta = model.metadata();
        boolean sameData = spec.sameAs(meta);
        double f = 0;
        if (testFraction != null) {
            f = testFraction;
        } else if (sameData && meta.containsKey(KEY_TEST_FRACTION)) {
            f = parseDouble(meta.get(KEY_TEST_FRACTION));
        }
        if (!(f >= 0 && f < 1)) {
            throw new ParameterException(cmd, "--test-fraction must be in [0, 1), got " + f);
        }
        String rowsName = spec.kind() == DataKind.DIGITS ? "digits" : "rows of " + spec.describe();
        Part p = part != null ? part : f > 0 ? defaultPart : Part.ALL;
        if (p != Part.ALL && f == 0) {
            throw new ParameterException(cmd, "--part " + p.cliName() + " needs the held-out share: give --test-fraction "
                    + "(the model records none for this data)");
        }
        int s = seed != null ? seed : sameData && meta.containsKey(KEY_SEED) ? (int) parseDouble(meta.get(KEY_SEED)) : 1;
        return new HeldOut(p, f, s, rowsName);
    }

    private static double parseDouble(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
