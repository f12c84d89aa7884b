package dev.mlp.examples;

import dev.mlp.train.schedule.CosineDecay;
import dev.mlp.train.schedule.ExponentialDecay;
import dev.mlp.train.schedule.LearningRateSchedule;
import dev.mlp.train.schedule.ReduceOnPlateau;
import dev.mlp.train.schedule.StepDecay;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The value of {@code --schedule}: how the learning rate changes from epoch to epoch, as
 * {@code NAME[:ARG...]}. Checked when parsed; the schedule itself is made once the number of
 * epochs is known (cosine decays over all of them).
 *
 * @param text    what the user typed, for messages and the model's metadata
 * @param minRate the floor of cosine and plateau (0 otherwise): the command requires it at most the
 *                base rate, or the "decay" would raise the rate
 * @param create  the schedule for a run of the given number of epochs
 */
record ScheduleOption(String text, double minRate, IntFunction<LearningRateSchedule> create) {

    /** The forms accepted, for the option's description and for errors. */
    static final String FORMS = "constant, step:EVERY:FACTOR, exponential:GAMMA, cosine[:MIN_RATE], "
            + "plateau:FACTOR:PATIENCE[:MIN_RATE]";

    static ScheduleOption parse(String text) {
        String[] part = text.strip().toLowerCase(Locale.ROOT).split(":", -1);
        try {
            double minRate = 0.0;
            IntFunction<LearningRateSchedule> create = switch (part[0]) {
                case "constant" -> {
                    arguments(part, 0, 0);
                    yield epochs -> LearningRateSchedule.constant();
                }
                case "step" -> {
                    arguments(part, 2, 2);
                    StepDecay step = new StepDecay(whole(part[1], "EVERY"), number(part[2], "FACTOR"));
                    yield epochs -> step;
                }
                case "exponential" -> {
                    arguments(part, 1, 1);
                    ExponentialDecay decay = new ExponentialDecay(number(part[1], "GAMMA"));
                    yield epochs -> decay;
                }
                case "cosine" -> {
                    arguments(part, 0, 1);
                    minRate = part.length > 1 ? number(part[1], "MIN_RATE") : 0.0;
                    double floor = minRate;
                    new CosineDecay(1, floor); // checks the floor now rather than after loading the data
                    yield epochs -> new CosineDecay(epochs, floor);
                }
                case "plateau" -> {
                    arguments(part, 2, 3);
                    minRate = part.length > 3 ? number(part[3], "MIN_RATE") : 0.0;
                    ReduceOnPlateau plateau = new ReduceOnPlateau(number(part[1], "FACTOR"),
                            whole(part[2], "PATIENCE"), 0.0, minRate);
                    yield epochs -> plateau;
                }
                default -> throw new IllegalArgumentException("unknown schedule '" + part[0] + "'");
            };
            return new ScheduleOption(text.strip(), minRate, create);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + text + "': " + e.getMessage() + " (forms: " + FORMS + ")");
        }
    }

    private static void arguments(String[] part, int min, int max) {
        int given = part.length - 1;
        if (given < min || given > max) {
            throw new IllegalArgumentException(part[0] + " takes " + (min == max ? Integer.toString(min)
                    : min + " to " + max) + " argument" + (max == 1 ? "" : "s") + " after ':', got " + given);
        }
    }

    private static double number(String s, String name) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + s + "'");
        }
    }

    private static int whole(String s, String name) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + s + "'");
        }
    }

    /** picocli's converter. */
    static final class Convert implements ITypeConverter<ScheduleOption> {
        @Override
        public ScheduleOption convert(String value) {
            return parse(value);
        }
    }
}
