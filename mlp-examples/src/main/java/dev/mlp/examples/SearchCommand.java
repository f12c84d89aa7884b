package dev.mlp.examples;

import dev.mlp.data.DataSet;
import dev.mlp.data.Split;
import dev.mlp.examples.Choices.DataKind;
import dev.mlp.examples.Choices.ScaleChoice;
import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import dev.mlp.linalg.Backends;
import dev.mlp.random.NumpyRandom;
import dev.mlp.tuning.CrossValidation;
import dev.mlp.tuning.CrossValidationResult;
import dev.mlp.tuning.Refit;
import dev.mlp.tuning.SearchResult;
import dev.mlp.tuning.SearchSpace;
import dev.mlp.tuning.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A search over settings: every combination of the values given (or a random sample of them),
 * each cross-validated on the same stratified folds, ranked by mean held-out accuracy; the best
 * is then trained on all the rows searched on and, if asked, saved.
 */
@Command(name = "search",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Search settings by cross-validation: every combination of the values given (or --sample N of them at "
                + "random) is cross-validated on the same K stratified folds, the scaling fitted inside each fold; "
                + "the settings are ranked by mean held-out accuracy, and the best is trained on all the rows "
                + "searched on. Settings x folds networks train at once, each on one thread; the results are the "
                + "same for any --threads.",
            "",
            "Each option takes one or more values separated by spaces or commas, except --layers, whose commas join "
                + "the widths of one network and whose spaces separate networks.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  mlp search --layers 64 128 128,64 --lr 1e-3 3e-3 --epochs 30",
            "  mlp search --layers 128 256 --activation relu,tanh --lr 1e-3,3e-3 --batch 16,32 --l2 0,1e-4 \\",
            "      --epochs 40 --sample 8 --test-fraction 0.2 --output best.mlp"})
final class SearchCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Mixin
    SettingOptions options;

    @Option(names = "--sample", paramLabel = "N",
            description = "Cross-validate N settings drawn at random (without repeats) from the combinations, "
                    + "instead of all of them.")
    Integer sample;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "Show the N best settings (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--test-fraction", paramLabel = "SHARE", defaultValue = "0",
            description = "Share of each class of digits or CSV data held out before the search, to score the "
                    + "refitted best on (default: ${DEFAULT-VALUE}, search on all rows). Fashion-MNIST: its own "
                    + "test set is always held out.")
    double testFraction;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Save the best setting, trained on all the rows searched on, with its scaling.")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        SearchSpace space = options.space(cmd);
        if (sample != null && sample <= 0) {
            throw new ParameterException(cmd, "--sample must be > 0, got " + sample);
        }
        if (top <= 0) {
            throw new ParameterException(cmd, "--top must be > 0, got " + top);
        }
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new ParameterException(cmd, "--test-fraction must be in [0, 1), got " + testFraction);
        }
        List<Setting> settings = sample == null ? space.grid() : space.sample(sample, new NumpyRandom(options.seed));
        PrintWriter out = cmd.getOut();
        long started = System.nanoTime();
        DataOptions.Spec source = data.resolve(cmd, Map.of(), false);
        if (source.kind() == DataKind.FASHION && testFraction > 0) {
            throw new ParameterException(cmd, "--test-fraction applies to digits and CSV data; "
                    + "Fashion-MNIST has its own test set");
        }
        DataOptions.Loaded loaded = DataOptions.load(source);
        DataSet all = loaded.data();
        out.println(SettingOptions.dataLine(source, loaded, all));
        DataSet searched = all;
        DataSet test = null;
        if (source.kind() == DataKind.FASHION) {
            test = loaded.test();
        } else if (testFraction > 0) {
            Split split = Split.stratified(all, testFraction, new NumpyRandom(options.seed));
            searched = split.train();
            test = split.test();
            out.printf(Locale.ROOT, "Rows: %d to search on, %d held out to test the best on (stratified, seed %d)%n",
                    searched.rows(), test.rows(), options.seed);
        }
        ScaleChoice scale = options.scaling(source.kind());
        CrossValidation cv = options.crossValidation(scale,
                BackendLine.forWork(work(searched, settings, options.folds)).backend());
        int networks = settings.size() * cv.folds();
        out.printf(Locale.ROOT, "Search: %d settings%s x %d stratified folds = %d networks, %d at a time; "
                        + "%s loss, scaling %s fitted inside each fold, seed %d%n", settings.size(),
                sample == null ? "" : " (sampled from " + space.size() + ")", cv.folds(), networks,
                Math.min(cv.threads(), networks), options.loss.cliName(), scale.cliName(), cv.seed());
        out.println(backendLine(cv));
        out.println();
        out.flush();
        long searchStart = System.nanoTime();
        SearchResult result = cv.search(settings, searched.features(), searched.oneHot());
        double searchSeconds = (System.nanoTime() - searchStart) / 1e9;
        List<CrossValidationResult> ranked = result.ranked();
        out.printf(Locale.ROOT, "%4s  %-21s  %13s  %-10s  %-10s  %-9s  %-7s  %5s  %-7s  %-7s  %6s%n", "rank",
                "accuracy (mean ± std)", "held-out loss", "layers", "activation", "optimizer", "lr", "batch", "l2",
                "dropout", "epochs");
        for (int i = 0; i < Math.min(top, ranked.size()); i++) {
            CrossValidationResult r = ranked.get(i);
            Setting s = r.setting();
            out.printf(Locale.ROOT, "%4d  %.4f ± %.4f%-6s  %13.4f  %-10s  %-10s  %-9s  %-7s  %5d  %-7s  %-7s  %6d%n",
                    i + 1, r.accuracy().mean(), r.accuracy().std(), r.diverged() > 0 ? " (nan)" : "", r.loss().mean(),
                    s.layersText(), SettingOptions.activationName(s.activation()), s.optimizer().name(),
                    Setting.plain(s.learningRate()), s.batchSize(), Setting.plain(s.l2()), Setting.plain(s.dropout()),
                    s.epochs());
        }
        if (ranked.size() > top) {
            out.printf(Locale.ROOT, "(%d more; --top %d shows them all)%n", ranked.size() - top, ranked.size());
        }
        out.printf(Locale.ROOT, "Searched in %s%n", Progress.duration(searchSeconds));
        CrossValidationResult best = result.best();
        out.println();
        out.printf(Locale.ROOT, "Best: %s: accuracy %.4f ± %.4f over %d folds%n", best.setting(),
                best.accuracy().mean(), best.accuracy().std(), cv.folds());
        out.printf(Locale.ROOT, "Its cross-validation alone: mlp cv --folds %d %s --scale %s --seed %d%s%n",
                cv.folds(), options.options(best.setting()), scale.cliName(), cv.seed(),
                source.kind() == DataKind.DIGITS && testFraction == 0 ? "" : " (and the same data options)");
        if (Double.isNaN(best.accuracy().mean())) {
            out.println("Every setting diverged on some fold; nothing to refit. Try lower --lr values.");
            out.flush();
            return 1;
        }
        long refitStart = System.nanoTime();
        Refit refit = cv.refit(best.setting(), searched.features(), searched.oneHot());
        out.printf(Locale.ROOT, "Refitted on all %d rows searched on in %s%n", searched.rows(),
                Progress.duration((System.nanoTime() - refitStart) / 1e9));
        Map<String, String> metadata = metadata(cmd, source, best, scale);
        SavedModel model = new SavedModel(refit.network(), best.setting().network(all.columns(), all.numClasses(),
                cv.outputActivation(), cv.base().loss()).loss(), refit.scaling(), metadata)
                .withInputNames(loaded.featureNames()).withClassNames(loaded.classNames());
        if (test != null) {
            Models.Predictions p = Models.predict(model, test.features(), cv.base().backend());
            int correct = p.correct(test.labels());
            double accuracy = (double) correct / test.rows();
            metadata.put("test-accuracy", String.format(Locale.ROOT, "%.4f", accuracy));
            model = model.withMetadata(metadata);
            out.printf(Locale.ROOT, "Test accuracy of the refitted best: %.4f (%d of %d held-out rows)%n", accuracy,
                    correct, test.rows());
        }
        if (output != null) {
            ModelIO.save(output, model);
            out.println("Saved the model to " + output);
        }
        out.printf(Locale.ROOT, "Done in %s%n", Progress.duration((System.nanoTime() - started) / 1e9));
        out.flush();
        return 0;
    }

    /** What the saved model records: the command, the data and split, the best setting and its scores. */
    private Map<String, String> metadata(CommandLine cmd, DataOptions.Spec source, CrossValidationResult best,
                                         ScaleChoice scale) {
        Setting s = best.setting();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("created-by", Main.Version.name());
        m.put("command", "mlp " + String.join(" ", cmd.getParseResult().originalArgs()));
        m.putAll(source.metadata());
        m.put(Models.KEY_TEST_FRACTION, Double.toString(source.kind() == DataKind.FASHION ? 0 : testFraction));
        m.put(Models.KEY_SEED, Integer.toString(options.seed));
        m.put("layers", s.layersText());
        m.put("activation", SettingOptions.activationName(s.activation()));
        m.put("loss", options.loss.cliName());
        m.put("optimizer", s.optimizer().name());
        m.put("lr", Double.toString(s.learningRate()));
        m.put("l2", Double.toString(s.l2()));
        m.put("dropout", Double.toString(s.dropout()));
        m.put("epochs", Integer.toString(s.epochs()));
        m.put("batch", Integer.toString(s.batchSize()));
        m.put("scale", scale.cliName());
        m.put("cv-folds", Integer.toString(options.folds));
        m.put("cv-accuracy", String.format(Locale.ROOT, "%.4f", best.accuracy().mean()));
        m.put("cv-accuracy-std", String.format(Locale.ROOT, "%.4f", best.accuracy().std()));
        return m;
    }

    /** The size of a search for the backend choice: every network's rows × parameters × epochs, summed. */
    static long work(DataSet data, List<Setting> settings, int folds) {
        long rows = (long) data.rows() * (folds - 1) / folds;
        long total = 0;
        for (Setting s : settings) {
            long parameters = 0;
            int in = data.columns();
            for (int units : s.layers()) {
                parameters += (long) (in + 1) * units;
                in = units;
            }
            parameters += (long) (in + 1) * data.numClasses();
            long one = Backends.work(rows, parameters, s.epochs());
            total = one > Long.MAX_VALUE / folds - total ? Long.MAX_VALUE : total + one * folds;
        }
        return total;
    }

    /** "Backend: blocked (scalar Java), one thread per network". */
    static String backendLine(CrossValidation cv) {
        return "Backend: " + cv.base().backend().name() + ", one thread per network";
    }
}
