package dev.mlp.examples;

import dev.mlp.data.DataSet;
import dev.mlp.examples.Choices.ScaleChoice;
import dev.mlp.tuning.CrossValidation;
import dev.mlp.tuning.CrossValidationResult;
import dev.mlp.tuning.FoldResult;
import dev.mlp.tuning.SearchSpace;
import dev.mlp.tuning.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Stratified k-fold cross-validation of one setting: each fold's held-out accuracy and loss, and
 * their mean and spread.
 */
@Command(name = "cv",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Cross-validate one setting: split the rows into K stratified folds, train one network per fold on the "
                + "other folds (the scaling fitted on those rows only) and score it on the fold. The K networks "
                + "train at once, each on one thread; the results are the same for any --threads.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  mlp cv --folds 5 --layers 128 --epochs 30 --lr 3e-3",
            "  mlp cv --csv iris.csv --label-column species --layers 16 --epochs 100 --batch 8 --scale standard"})
final class CvCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Mixin
    SettingOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        SearchSpace space = options.space(cmd);
        if (space.size() != 1) {
            throw new ParameterException(cmd, "cv scores one setting, and these options give " + space.size()
                    + "; give one value per option, or use 'mlp search' to rank them");
        }
        Setting setting = space.setting(0);
        PrintWriter out = cmd.getOut();
        long started = System.nanoTime();
        DataOptions.Spec source = data.resolve(cmd, Map.of(), false);
        DataOptions.Loaded loaded = DataOptions.load(source);
        DataSet all = loaded.data();
        ScaleChoice scale = options.scaling(source.kind());
        out.println(SettingOptions.dataLine(source, loaded, all));
        CrossValidation cv = options.crossValidation(scale,
                BackendLine.forWork(SearchCommand.work(all, List.of(setting), options.folds)).backend());
        out.printf(Locale.ROOT, "Setting: %s; %s loss, scaling %s fitted inside each fold%n", setting,
                options.loss.cliName(), scale.cliName());
        out.printf(Locale.ROOT, "Cross-validation: %d stratified folds, seed %d; %d networks, %d at a time%n",
                cv.folds(), cv.seed(), cv.folds(), Math.min(cv.threads(), cv.folds()));
        out.println(SearchCommand.backendLine(cv));
        out.println();
        out.flush();
        CrossValidationResult result = cv.validate(setting, all.features(), all.oneHot());
        out.println("fold  train  held-out  accuracy  held-out loss  training loss  seconds");
        for (FoldResult f : result.folds()) {
            out.printf(Locale.ROOT, "%4d  %5d  %8d  %8.4f  %13.4f  %13.4f  %7.1f%n", f.fold() + 1, f.trainingRows(),
                    f.heldOutRows(), f.accuracy(), f.loss(), f.trainingLoss(), f.seconds());
        }
        out.println();
        out.printf(Locale.ROOT, "Accuracy: %.4f ± %.4f (mean ± standard deviation over %d folds)%n",
                result.accuracy().mean(), result.accuracy().std(), cv.folds());
        out.printf(Locale.ROOT, "Held-out loss: %.4f ± %.4f%n", result.loss().mean(), result.loss().std());
        if (result.diverged() > 0) {
            out.printf(Locale.ROOT, "Training diverged on %d of %d folds; try a lower --lr%n", result.diverged(),
                    cv.folds());
        }
        out.printf(Locale.ROOT, "Done in %s%n", Progress.duration((System.nanoTime() - started) / 1e9));
        out.flush();
        return 0;
    }
}
