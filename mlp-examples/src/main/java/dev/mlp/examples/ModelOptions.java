package dev.mlp.examples;

import dev.mlp.examples.Choices.Part;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options of the commands that read a saved model ({@code evaluate}, {@code predict}): the
 * model file, and which rows of a data set with a held-out part to use.
 */
final class ModelOptions {

    @Option(names = {"-m", "--model"}, paramLabel = "FILE", required = true,
            description = "A model file, as train (or the library's ModelIO) writes it.")
    Path modelFile;

    @Option(names = "--part", paramLabel = "PART", converter = Part.Convert.class,
            completionCandidates = Part.Names.class,
            description = "Which rows: ${COMPLETION-CANDIDATES} (default: test when the data has a test part, "
                    + "else all; for predict on the digits, all).")
    Part part;

    @Option(names = "--test-fraction", paramLabel = "SHARE",
            description = "The held-out share of digits or CSV data that --part test and train refer to "
                    + "(default: the model's, when it was trained on the same data).")
    Double testFraction;

    @Option(names = "--seed", paramLabel = "N", description = "The seed of that split (default: the model's).")
    Integer seed;

    /** True when any of the row-choosing options was given. */
    boolean choosesRows() {
        return part != null || testFraction != null || seed != null;
    }
}
