package dev.mlp.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A seeded mutation fuzzer for parsers: it derives mutants from valid inputs (bit flips, bytes
 * set to edge values, truncation, inserted and deleted bytes, duplicated and spliced chunks,
 * repeated and dropped lines, numbers replaced by huge, negative or non-finite ones) and feeds
 * each to the parser, requiring that it either accepts the input or throws the documented
 * exception with a message that names the problem; anything else fails the test with the mutant
 * saved under {@code target/fuzz-findings}. Each parse also must not allocate more than a
 * budget that grows with the input's own length (no allocation decided by a declared size) and
 * must end within {@link #HANG_SECONDS} (no infinite loop).
 *
 * <p>Mutant {@code i} is drawn from its own {@code Random(seed, i)}, so the runs are deterministic
 * and any mutant can be reproduced alone. The number of mutants and the seed come from the system
 * properties {@code fuzz.iterations} and {@code fuzz.seed} (see docs/reliability.md).
 */
public final class MutationFuzzer {

    /** The seed unless {@code -Dfuzz.seed} says otherwise. */
    public static final long DEFAULT_SEED = 20_261_126L;
    /** A parse still running after this long is reported as a hang. */
    public static final long HANG_SECONDS = 60;
    /** The largest mutant: chunk repetition stops growing an input beyond this. */
    public static final int MAX_INPUT = 1 << 20;

    /** Parses one input; returns normally when it accepts it. */
    public interface Parser {
        void parse(byte[] input) throws Exception;
    }

    /** Checks a refusal: true when the exception is the documented one and its message names the problem. */
    public interface RefusalCheck {
        boolean isClean(Throwable t);
    }

    /** A mutation with a name, for the description of a failing mutant. */
    public interface Mutation {
        String apply(byte[][] input, Random r, List<byte[]> seeds);
    }

    /** What a run did. */
    public record Report(int mutants, int accepted, int rejected) {
    }

    private static final byte[] EDGE_BYTES = {0, (byte) 0xff, 0x7f, (byte) 0x80, '\n', '\r', ' ', ',', '-', '.', '9', '"',
            '\\', 'e', 0x1f, (byte) 0x8b};

    private static final String[] EDGE_NUMBERS = {"0", "-0", "1", "-1", "2147483647", "2147483648", "2147483639",
            "-2147483648", "4294967296", "9223372036854775807", "99999999999999999999", "1e308", "1e309", "-1e309",
            "4.9e-324", "1e-400", "NaN", "Infinity", "-Infinity", "0x10", "1d", "1.5", "", "+", "1e", "."};

    public static int iterations(int ciDefault) {
        return Integer.getInteger("fuzz.iterations", ciDefault);
    }

    public static long seed() {
        return Long.getLong("fuzz.seed", DEFAULT_SEED);
    }

    /** The mutations every target gets. */
    public static List<Mutation> generic() {
        List<Mutation> m = new ArrayList<>();
        m.add((in, r, seeds) -> {
            byte[] b = in[0];
            if (b.length == 0) {
                return "flip (empty)";
            }
            int at = r.nextInt(b.length);
            int bit = r.nextInt(8);
            b[at] ^= (byte) (1 << bit);
            return "flip bit " + bit + " of byte " + at;
        });
        m.add((in, r, seeds) -> {
            byte[] b = in[0];
            if (b.length == 0) {
                return "set (empty)";
            }
            int at = r.nextInt(b.length);
            byte v = r.nextBoolean() ? EDGE_BYTES[r.nextInt(EDGE_BYTES.length)] : (byte) r.nextInt(256);
            b[at] = v;
            return "set byte " + at + " to " + (v & 0xff);
        });
        m.add((in, r, seeds) -> {
            int at = in[0].length == 0 ? 0 : r.nextInt(in[0].length);
            in[0] = Arrays.copyOf(in[0], at);
            return "truncate to " + at;
        });
        m.add((in, r, seeds) -> {
            int at = r.nextInt(in[0].length + 1);
            byte[] extra = new byte[1 + r.nextInt(16)];
            for (int k = 0; k < extra.length; k++) {
                extra[k] = r.nextBoolean() ? EDGE_BYTES[r.nextInt(EDGE_BYTES.length)] : (byte) r.nextInt(256);
            }
            in[0] = splice(in[0], at, 0, extra);
            return "insert " + extra.length + " bytes at " + at;
        });
        m.add((in, r, seeds) -> {
            if (in[0].length == 0) {
                return "delete (empty)";
            }
            int at = r.nextInt(in[0].length);
            int len = 1 + r.nextInt(Math.min(64, in[0].length - at));
            in[0] = splice(in[0], at, len, new byte[0]);
            return "delete " + len + " bytes at " + at;
        });
        m.add((in, r, seeds) -> {
            if (in[0].length == 0) {
                return "duplicate (empty)";
            }
            int from = r.nextInt(in[0].length);
            int len = 1 + r.nextInt(Math.min(128, in[0].length - from));
            int to = r.nextInt(in[0].length + 1);
            in[0] = splice(in[0], to, 0, Arrays.copyOfRange(in[0], from, from + len));
            return "copy " + len + " bytes from " + from + " to " + to;
        });
        m.add((in, r, seeds) -> {
            byte[] other = seeds.get(r.nextInt(seeds.size()));
            int cut = r.nextInt(in[0].length + 1);
            int otherCut = r.nextInt(other.length + 1);
            in[0] = concat(Arrays.copyOf(in[0], cut), Arrays.copyOfRange(other, otherCut, other.length));
            return "splice at " + cut + " with another seed from " + otherCut;
        });
        m.add((in, r, seeds) -> {
            if (in[0].length == 0) {
                return "repeat (empty)";
            }
            int from = r.nextInt(in[0].length);
            int len = 1 + r.nextInt(Math.min(256, in[0].length - from));
            int times = 1 + r.nextInt(r.nextInt(8) == 0 ? 2000 : 20);
            byte[] chunk = Arrays.copyOfRange(in[0], from, from + len);
            byte[] repeated = new byte[(int) Math.min(MAX_INPUT, (long) len * times)];
            for (int k = 0; k < repeated.length; k++) {
                repeated[k] = chunk[k % len];
            }
            in[0] = splice(in[0], from, 0, repeated);
            return "repeat " + len + " bytes at " + from + " " + times + " times";
        });
        m.add((in, r, seeds) -> lines(in, r));
        m.add((in, r, seeds) -> number(in, r));
        return m;
    }

    /** Drops, doubles or swaps whole lines. */
    private static String lines(byte[][] in, Random r) {
        String text = new String(in[0], StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (lines.size() < 2) {
            return "lines (one line)";
        }
        int a = r.nextInt(lines.size());
        int b = r.nextInt(lines.size());
        String what;
        switch (r.nextInt(3)) {
            case 0:
                lines.remove(a);
                what = "drop line " + (a + 1);
                break;
            case 1:
                lines.add(a, lines.get(b));
                what = "copy line " + (b + 1) + " before line " + (a + 1);
                break;
            default:
                String t = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, t);
                what = "swap lines " + (a + 1) + " and " + (b + 1);
        }
        in[0] = String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
        return what;
    }

    /** Replaces a run of digits (a count, a size, a value) with an edge-case number. */
    private static String number(byte[][] in, Random r) {
        byte[] b = in[0];
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            if (b[i] >= '0' && b[i] <= '9') {
                int start = i;
                while (i < b.length && (b[i] >= '0' && b[i] <= '9' || b[i] == '.' || b[i] == 'E' || b[i] == '-')) {
                    i++;
                }
                runs.add(new int[] {start, i});
            }
        }
        if (runs.isEmpty()) {
            return "number (none)";
        }
        int[] run = runs.get(r.nextInt(runs.size()));
        String edge = EDGE_NUMBERS[r.nextInt(EDGE_NUMBERS.length)];
        in[0] = splice(b, run[0], run[1] - run[0], edge.getBytes(StandardCharsets.US_ASCII));
        return "replace the number at " + run[0] + " with '" + edge + "'";
    }

    public static byte[] splice(byte[] data, int at, int remove, byte[] insert) {
        byte[] out = new byte[data.length - remove + insert.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(data, at + remove, out, at + insert.length, data.length - at - remove);
        return out;
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private final String target;
    private final List<byte[]> seeds;
    private final List<Mutation> mutations;
    private UnaryOperator<byte[]> repair = UnaryOperator.identity();
    private long baseBudget = 64L << 20;
    private long budgetPerByte = 256;

    public MutationFuzzer(String target, List<byte[]> seeds, List<Mutation> mutations) {
        this.target = target;
        this.seeds = List.copyOf(seeds);
        this.mutations = List.copyOf(mutations);
    }

    /**
     * Applied to half of the mutants after mutating, for example to recompute a checksum so that
     * the mutant gets past it to the parser's deeper checks.
     */
    public MutationFuzzer repairing(UnaryOperator<byte[]> repair) {
        this.repair = repair;
        return this;
    }

    /** The allocation a parse may make: {@code base + perByte × input length} bytes. */
    public MutationFuzzer allocationBudget(long base, long perByte) {
        this.baseBudget = base;
        this.budgetPerByte = perByte;
        return this;
    }

    /** Mutant {@code i} and the description of how it was made. */
    public Object[] mutant(long seed, int i) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + i);
        int from = r.nextInt(seeds.size());
        byte[][] in = {seeds.get(from).clone()};
        StringBuilder how = new StringBuilder("seed input " + from);
        int count = 1 + r.nextInt(r.nextInt(4) == 0 ? 8 : 3);
        for (int k = 0; k < count; k++) {
            how.append("; ").append(mutations.get(r.nextInt(mutations.size())).apply(in, r, seeds));
            if (in[0].length > MAX_INPUT) {
                in[0] = Arrays.copyOf(in[0], MAX_INPUT);
            }
        }
        if (r.nextBoolean()) {
            in[0] = repair.apply(in[0]);
            how.append("; repaired");
        }
        return new Object[] {in[0], how.toString()};
    }

    /** Runs {@code iterations} mutants (plus every seed as it is) through the parser. */
    public Report run(int iterations, Parser parser, RefusalCheck check) {
        long seed = seed();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-" + target);
            t.setDaemon(true);
            return t;
        });
        int accepted = 0;
        int rejected = 0;
        try {
            for (int i = -seeds.size(); i < iterations; i++) {
                byte[] input;
                String how;
                if (i < 0) {
                    input = seeds.get(i + seeds.size());
                    how = "seed input " + (i + seeds.size()) + " unchanged";
                } else {
                    Object[] m = mutant(seed, i);
                    input = (byte[]) m[0];
                    how = (String) m[1];
                }
                byte[] data = input;
                Future<long[]> result = worker.submit(() -> {
                    long before = threads.getCurrentThreadAllocatedBytes();
                    long outcome;
                    try {
                        parser.parse(data);
                        outcome = 1;
                    } catch (Throwable t) {
                        if (!check.isClean(t)) {
                            throw new Failure(t);
                        }
                        outcome = 0;
                    }
                    return new long[] {outcome, threads.getCurrentThreadAllocatedBytes() - before};
                });
                long[] outcome;
                try {
                    outcome = result.get(HANG_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    result.cancel(true);
                    throw failure(seed, i, how, data, "no result after " + HANG_SECONDS + " s: an infinite loop?", null);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() instanceof Failure ? e.getCause().getCause() : e.getCause();
                    throw failure(seed, i, how, data, "threw " + cause, cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                long budget = baseBudget + budgetPerByte * data.length;
                if (outcome[1] > budget) {
                    throw failure(seed, i, how, data, "allocated " + outcome[1] + " bytes for a " + data.length
                            + "-byte input, more than the budget of " + budget, null);
                }
                if (outcome[0] == 1) {
                    accepted++;
                } else {
                    rejected++;
                }
            }
        } finally {
            worker.shutdownNow();
        }
        return new Report(iterations + seeds.size(), accepted, rejected);
    }

    /** Saves the mutant and builds the test failure that describes it. */
    private AssertionError failure(long seed, int i, String how, byte[] data, String what, Throwable cause) {
        String saved;
        try {
            Path dir = Path.of("target", "fuzz-findings");
            Files.createDirectories(dir);
            Path file = dir.resolve(target + "-seed" + seed + "-mutant" + i + ".bin");
            Files.write(file, data);
            saved = file.toAbsolutePath().toString();
        } catch (IOException e) {
            saved = "(not saved: " + e + ")";
        }
        String message = target + ", mutant " + i + " of seed " + seed + " (" + how + "), " + data.length
                + " bytes saved to " + saved + ": " + what;
        try {
            fail(message, cause);
        } catch (AssertionError e) {
            return e;
        }
        return new AssertionError(message, cause);
    }

    /** Carries an undocumented exception out of the worker. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(Throwable cause) {
            super(cause);
        }
    }
}
