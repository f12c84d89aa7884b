package dev.mlp.examples;

import dev.mlp.activation.Activations;
import dev.mlp.data.DataSet;
import dev.mlp.data.Split;
import dev.mlp.data.Table;
import dev.mlp.data.Target;
import dev.mlp.examples.Choices.DataKind;
import dev.mlp.io.SavedModel;
import dev.mlp.metrics.Metrics;
import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * What the commands share about regression: rows of features and real-valued targets, their
 * random (not stratified) split, and the scores R², MAE and RMSE.
 */
final class Regression {

    private Regression() {
    }

    /** Whether the model's outputs are values (an identity or other unbounded output layer), not classes. */
    static boolean isRegression(SavedModel model) {
        return Activations.outputs(model.network().outputActivation()) == Activations.Outputs.VALUES;
    }

    /** n rows of features x and targets y. */
    record Rows(DMatrixRMaj x, DMatrixRMaj y) {

        int size() {
            return x.numRows;
        }

        /** The rows at {@code indices}, in that order. */
        Rows subset(int[] indices) {
            return new Rows(rows(x, indices), rows(y, indices));
        }

        private static DMatrixRMaj rows(DMatrixRMaj m, int[] indices) {
            DMatrixRMaj out = new DMatrixRMaj(indices.length, m.numCols);
            for (int i = 0; i < indices.length; i++) {
                System.arraycopy(m.data, indices[i] * m.numCols, out.data, i * m.numCols, m.numCols);
            }
            return out;
        }
    }

    /** A source read for regression: its rows, the names of its columns, the lines it left out. */
    record Loaded(Rows rows, List<String> featureNames, String targetName, int[] droppedLines) {
    }

    /**
     * Reads a CSV file's feature columns and its label column (or an archive's two arrays) as
     * real-valued targets; with a model, the feature columns are matched to the model's inputs as
     * for a classifier.
     *
     * @param model the model, or null for training
     */
    static Loaded load(DataOptions.Spec spec, SavedModel model) throws IOException {
        if (!spec.table()) {
            throw new IllegalArgumentException("regression needs a CSV file with a real-valued target column (--csv) "
                    + "or an .npz archive (--npz), not --data " + spec.kind().cliName());
        }
        Table table = DataOptions.table(spec, model, Target.VALUES);
        return new Loaded(new Rows(table.features(), table.targets()), table.featureNames(),
                table.targetName().orElse("column " + spec.labelColumn()), table.droppedLines());
    }

    /**
     * A random split into {training indices, test indices}: the rows are shuffled and the first
     * round(n · fraction) go to the test part, as {@link Split#shuffled} does.
     */
    static int[][] split(CommandLine cmd, int n, double fraction, NumpyRandom random, String option) {
        try {
            Split split = Split.shuffled(DataSet.of(new DMatrixRMaj(n, 1), new int[n]), fraction, random);
            return new int[][] {split.trainIndices(), split.testIndices()};
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, option + " " + fraction + " cannot split " + n + " rows: "
                    + e.getMessage());
        }
    }

    /** Rows chosen for evaluate, and what to call them. */
    record Chosen(Rows rows, String what) {
    }

    /**
     * The rows evaluate works on: as for a classifier ({@link Models#heldOut}), but a held-out
     * part is split off at random, as train did.
     */
    static Chosen rows(CommandLine cmd, DataOptions.Spec spec, Loaded loaded, SavedModel model, ModelOptions options) {
        Models.HeldOut held = Models.heldOut(cmd, spec, model, options.part, options.testFraction, options.seed,
                Choices.Part.TEST);
        Rows all = loaded.rows();
        if (held.part() == Choices.Part.ALL) {
            return new Chosen(all, held.rowsName());
        }
        int[][] parts = split(cmd, all.size(), held.fraction(), new NumpyRandom(held.seed()), "--test-fraction");
        return new Chosen(all.subset(held.part() == Choices.Part.TEST ? parts[1] : parts[0]), held.what());
    }

    /** The scores of predictions against targets. */
    record Scores(double r2, double mae, double rmse, int rows) {

        static Scores of(DMatrixRMaj y, DMatrixRMaj predicted) {
            return new Scores(y.numRows < 2 ? Double.NaN : Metrics.r2(y, predicted),
                    Metrics.meanAbsoluteError(y, predicted), Math.sqrt(Metrics.meanSquaredError(y, predicted)),
                    y.numRows);
        }

        /** "R^2 0.9921, MAE 0.3981, RMSE 0.5012". */
        String format() {
            return String.format(Locale.ROOT, "R^2 %.4f, MAE %.4g, RMSE %.4g", r2, mae, rmse);
        }
    }
}
