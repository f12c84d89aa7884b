package dev.mlp.bench;

import dev.mlp.activation.ReLU;
import dev.mlp.activation.Softmax;
import dev.mlp.linalg.Backends;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.model.Network;
import dev.mlp.optim.Adam;
import dev.mlp.random.NumpyRandom;
import dev.mlp.spark.SparkTrainer;
import dev.mlp.spark.SparkTraining;
import dev.mlp.train.EpochResult;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;
import dev.mlp.train.TrainingListener;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times synchronous Spark training ({@link SparkTrainer}) step by step against the single-machine
 * {@link Trainer} on the same network, rows, batch and seed, splits each Spark step into its parts
 * with a {@link SparkStepListener}, fits the {@link StepCostModel} to them, and prints Markdown
 * tables: the breakdown, the fitted model, and the speedup the model predicts for a cluster.
 *
 * <p>Network: the Fashion-sized 784-256-128-10 ReLU/softmax, Adam 1e-3, on {@link BenchData}'s
 * synthetic rows; the blocked kernel on one thread everywhere (Trainer, driver and each task).
 * Each (B, P) is run {@code --repeats} times, repeats interleaved; a run's first epoch is warm-up
 * (caching the rows, compiling the code), and the first step of every epoch is left out (it also
 * carries the epoch's end and the next shuffle). Values are means over a run's measured steps, then
 * medians over the repeats.
 *
 * <p>Run it with {@code mlp-bench/spark-bench.sh} (Spark is not in benchmarks.jar). Options:
 * {@code --master} (local[2]), {@code --batches} (128,512,1024,2048), {@code --partitions} (1,2),
 * {@code --rows} (8192), {@code --steps} (the least number of measured steps per run, 12),
 * {@code --repeats} (3), {@code --source} (parquet or memory, see {@link #frame}).
 */
public final class SparkStepBench {

    /** What a run measures, ms (the epoch in s); Spark's parts are those of the step's last task. */
    enum Part {
        STEP, EPOCH, PRE_JOB, JOB_REST, SCHEDULER_DELAY, DESERIALIZE, RUN, SERIALIZE, FETCH, POST_JOB
    }

    private final Map<String, String> options;
    private final DMatrixRMaj x;
    private final DMatrixRMaj y;
    /** Where the Parquet copy of the rows goes; deleted at the end. */
    private Path scratch;

    private SparkStepBench(Map<String, String> options) {
        this.options = options;
        DMatrixRMaj[] data = BenchData.fashionSized(Integer.parseInt(options.get("rows")));
        x = data[0];
        y = data[1];
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("master", "local[2]", "batches", "128,512,1024,2048",
                "partitions", "1,2", "rows", "8192", "steps", "12", "repeats", "3", "source", "parquet"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--") || !options.containsKey(args[i].substring(2))) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + options.keySet());
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        new SparkStepBench(options).run();
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private TrainingConfig config(int batch, int epochs) {
        return TrainingConfig.builder().epochs(epochs).batchSize(batch).learningRate(1e-3).optimizer(new Adam())
                .loss(new SoftmaxCrossEntropy()).backend(Backends.byName("blocked", 1)).build();
    }

    private static Network network(NumpyRandom random) {
        return Network.of(new int[] {784, 256, 128, 10}, List.of(new ReLU(), new ReLU(), new Softmax()), random);
    }

    private void run() throws Exception {
        String master = options.get("master");
        int[] batches = ints(options.get("batches"));
        int[] partitions = ints(options.get("partitions"));
        int repeats = Integer.parseInt(options.get("repeats"));
        System.out.printf("# SparkStepBench %s, %d rows, java %s, %d CPUs, load %s%n", options, x.numRows,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), load());

        SparkSession.Builder builder = SparkSession.builder().master(master).appName("mlp SparkStepBench")
                .config("spark.ui.enabled", "false");
        if (master.startsWith("local-cluster")) {
            // the executors are JVMs of their own: give them this program's class path
            builder.config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                    .config("spark.executor.memory", "768m");
            Files.createDirectories(Path.of(System.getenv("SPARK_HOME"), "jars"));
        }
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        SparkStepListener listener = new SparkStepListener();
        spark.sparkContext().addSparkListener(listener);
        System.out.println("# Spark " + spark.version());
        Dataset<Row> frame = frame(spark, options.get("source"));

        Map<String, List<Map<Part, Double>>> runs = new LinkedHashMap<>();
        for (int r = 0; r < repeats; r++) {
            for (int batch : batches) {
                int epochs = epochs(batch);
                runs.computeIfAbsent(key(batch, 0), k -> new ArrayList<>()).add(single(batch, epochs));
                for (int p : partitions) {
                    Map<Part, Double> m = spark(frame, listener, batch, p, epochs);
                    runs.computeIfAbsent(key(batch, p), k -> new ArrayList<>()).add(m);
                    System.out.printf("# repeat %d B=%d P=%d: step %.1f ms (Trainer %.2f ms)%n", r + 1, batch, p,
                            m.get(Part.STEP), runs.get(key(batch, 0)).get(r).get(Part.STEP));
                }
            }
        }
        spark.stop();
        if (scratch != null) {
            try (var files = Files.walk(scratch)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
        System.out.println("# load after: " + load());
        report(master, batches, partitions, runs);
    }

    private static String key(int batch, int partitions) {
        return batch + "/" + partitions;
    }

    /** Enough epochs that a run measures at least --steps steps after its warm-up epoch. */
    private int epochs(int batch) {
        int perEpoch = (x.numRows + batch - 1) / batch;
        if (perEpoch < 2) {
            throw new IllegalArgumentException("--rows " + x.numRows + " gives batch " + batch + " fewer than two steps an epoch");
        }
        int steps = Integer.parseInt(options.get("steps"));
        return 1 + (steps + perEpoch - 2) / (perEpoch - 1);
    }

    /**
     * The training rows as (features vector, label) in the matrix's order: read from a Parquet file
     * written here ({@code parquet}), as a cluster's data would be, or the driver's list itself
     * ({@code memory}), whose rows then travel in every job's task binary (the lineage of the
     * persisted blocks holds the local relation).
     */
    private Dataset<Row> frame(SparkSession spark, String source) throws IOException {
        Dataset<Row> local = localFrame(spark);
        switch (source) {
            case "memory":
                return local;
            case "parquet":
                scratch = Files.createTempDirectory("spark-step-bench");
                String file = scratch.resolve("rows.parquet").toString();
                // one file, so reading it back keeps the rows in order
                local.coalesce(1).write().parquet(file);
                return spark.read().parquet(file);
            default:
                throw new IllegalArgumentException("--source must be parquet or memory, got " + source);
        }
    }

    private Dataset<Row> localFrame(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < x.numRows; r++) {
            int label = 0;
            for (int j = 1; j < y.numCols; j++) {
                label = y.get(r, j) > y.get(r, label) ? j : label;
            }
            rows.add(RowFactory.create(Vectors.dense(Arrays.copyOfRange(x.data, r * x.numCols, (r + 1) * x.numCols)),
                    (double) label));
        }
        return spark.createDataFrame(rows, new StructType(new StructField[] {
            new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty()),
            new StructField("label", DataTypes.DoubleType, false, Metadata.empty())}));
    }

    /** The driver's clocks at the end of every step and epoch. */
    private static final class Clock implements TrainingListener {
        final List<Long> stepNanos = new ArrayList<>();
        final List<Long> stepMillis = new ArrayList<>();
        final List<Integer> batchInEpoch = new ArrayList<>();
        final List<Long> epochNanos = new ArrayList<>();

        Clock() {
            epochNanos.add(System.nanoTime());
        }

        @Override
        public Action onBatchEnd(int epoch, int batch, double batchLoss) {
            stepNanos.add(System.nanoTime());
            stepMillis.add(System.currentTimeMillis());
            batchInEpoch.add(batch);
            return Action.CONTINUE;
        }

        @Override
        public Action onEpochEnd(EpochResult result) {
            epochNanos.add(System.nanoTime());
            return Action.CONTINUE;
        }

        /** The steps measured: after the first epoch, not the first of an epoch. */
        List<Integer> measured(int stepsPerEpoch) {
            List<Integer> steps = new ArrayList<>();
            for (int k = stepsPerEpoch; k < stepNanos.size(); k++) {
                if (batchInEpoch.get(k) > 1) {
                    steps.add(k);
                }
            }
            return steps;
        }

        double stepMs(int k) {
            return (stepNanos.get(k) - stepNanos.get(k - 1)) / 1e6;
        }

        /** The median epoch after the first, s. */
        double epochSeconds() {
            double[] e = new double[epochNanos.size() - 2];
            for (int i = 0; i < e.length; i++) {
                e[i] = (epochNanos.get(i + 2) - epochNanos.get(i + 1)) / 1e9;
            }
            return median(e);
        }
    }

    private Map<Part, Double> single(int batch, int epochs) {
        NumpyRandom random = new NumpyRandom(7);
        Clock clock = new Clock();
        new Trainer(config(batch, epochs)).fit(network(random), random, x, y, clock);
        Map<Part, Double> m = new EnumMap<>(Part.class);
        List<Integer> steps = clock.measured(clock.stepNanos.size() / epochs);
        m.put(Part.STEP, steps.stream().mapToDouble(clock::stepMs).average().orElseThrow());
        m.put(Part.EPOCH, clock.epochSeconds());
        return m;
    }

    private Map<Part, Double> spark(Dataset<Row> frame, SparkStepListener listener, int batch, int partitions,
                                    int epochs) throws InterruptedException {
        NumpyRandom random = new NumpyRandom(7);
        Clock clock = new Clock();
        new SparkTrainer(config(batch, epochs), SparkTraining.synchronous(partitions))
                .fit(network(random), random, frame, "features", "label", clock);
        List<SparkStepListener.Job> jobs = listener.stepJobs(clock.stepNanos.size());
        Map<Part, double[]> sums = new EnumMap<>(Part.class);
        List<Integer> steps = clock.measured(clock.stepNanos.size() / epochs);
        for (Part part : Part.values()) {
            sums.put(part, new double[steps.size()]);
        }
        for (int i = 0; i < steps.size(); i++) {
            int k = steps.get(i);
            SparkStepListener.Job job = jobs.get(k);
            SparkStepListener.Task last = job.last();
            sums.get(Part.STEP)[i] = clock.stepMs(k);
            sums.get(Part.PRE_JOB)[i] = job.submitted() - clock.stepMillis.get(k - 1);
            sums.get(Part.JOB_REST)[i] = job.span() - last.span();
            sums.get(Part.SCHEDULER_DELAY)[i] = last.schedulerDelay();
            sums.get(Part.DESERIALIZE)[i] = last.deserialize();
            sums.get(Part.RUN)[i] = last.run();
            sums.get(Part.SERIALIZE)[i] = last.serialize();
            sums.get(Part.FETCH)[i] = last.fetch();
            sums.get(Part.POST_JOB)[i] = clock.stepMillis.get(k) - job.ended();
        }
        Map<Part, Double> m = new EnumMap<>(Part.class);
        sums.forEach((part, v) -> m.put(part, Arrays.stream(v).average().orElse(Double.NaN)));
        m.put(Part.EPOCH, clock.epochSeconds());
        return m;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double median(List<Map<Part, Double>> runs, Part part) {
        return median(runs.stream().mapToDouble(m -> m.get(part)).toArray());
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void report(String master, int[] batches, int[] partitions, Map<String, List<Map<Part, Double>>> runs) {
        System.out.printf("%n### Step breakdown, %s (ms; medians over %s runs of each run's mean)%n%n", master,
                options.get("repeats"));
        System.out.println("| B | P | Trainer step | Spark step | Spark / Trainer | epoch of " + x.numRows
                + " rows: Trainer / Spark (s) | before job | job rest | sched. delay | deserialize | task run"
                + " | result ser. | result fetch | after job |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        List<StepCostModel.Sample> samples = new ArrayList<>();
        double[] singleB = new double[batches.length];
        double[] singleStep = new double[batches.length];
        for (int b = 0; b < batches.length; b++) {
            List<Map<Part, Double>> one = runs.get(key(batches[b], 0));
            singleB[b] = batches[b];
            singleStep[b] = median(one, Part.STEP);
            for (int p : partitions) {
                List<Map<Part, Double>> s = runs.get(key(batches[b], p));
                Map<Part, Double> med = new EnumMap<>(Part.class);
                for (Part part : Part.values()) {
                    med.put(part, median(s, part));
                }
                System.out.printf("| %d | %d | %.2f | %.1f | %.1f× | %.2f / %.2f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
                        batches[b], p, singleStep[b], med.get(Part.STEP), med.get(Part.STEP) / singleStep[b],
                        median(one, Part.EPOCH), med.get(Part.EPOCH), med.get(Part.PRE_JOB), med.get(Part.JOB_REST),
                        med.get(Part.SCHEDULER_DELAY), med.get(Part.DESERIALIZE), med.get(Part.RUN),
                        med.get(Part.SERIALIZE), med.get(Part.FETCH), med.get(Part.POST_JOB));
                samples.add(new StepCostModel.Sample(batches[b], p,
                        med.get(Part.JOB_REST) + med.get(Part.SCHEDULER_DELAY) + med.get(Part.DESERIALIZE),
                        med.get(Part.PRE_JOB), med.get(Part.RUN),
                        med.get(Part.SERIALIZE) + med.get(Part.FETCH) + med.get(Part.POST_JOB), med.get(Part.STEP)));
            }
        }
        StepCostModel model = StepCostModel.fit(samples);
        StepCostModel.Line single = StepCostModel.Line.fit(singleB, singleStep);
        if (model.job().slope() < 0 || model.collect().slope() < 0 || model.task().slope() < 0 || model.broadcast() < 0) {
            System.out.println("\n**A fitted cost is negative: the measurements are too noisy for this model; repeat"
                    + " them on a quieter machine before reading the predictions.**");
        }
        System.out.printf("%n### Cost model fitted on %s (least squares over the %d (B, P) rows above, ms)%n%n",
                master, samples.size());
        System.out.println("| term | fitted | from |");
        System.out.println("|---|---|---|");
        System.out.printf("| T_job(P) | %.2f + %.2f·P | job rest + scheduler delay + deserialize |%n",
                model.job().intercept(), model.job().slope());
        System.out.printf("| T_broadcast | %.2f = %.2f driver + %.2f task | before job; intercept of task run vs B/P |%n",
                model.broadcast(), model.driverBroadcast(), model.task().intercept());
        System.out.printf("| T_collect(P) | %.2f + %.2f·P | result ser. + fetch + after job (sum, Adam update) |%n",
                model.collect().intercept(), model.collect().slope());
        System.out.printf("| T_grad(B/P) | %.4f·B/P | slope of task run vs B/P |%n", model.task().slope());
        System.out.printf("| Trainer T_1(B) | %.3f + %.4f·B | Trainer step vs B (same kernel, one thread) |%n",
                single.intercept(), single.slope());

        System.out.printf("%n### Measured against modelled step (ms)%n%n| B | P | measured | model |%n|---|---|---|---|%n");
        for (StepCostModel.Sample s : samples) {
            System.out.printf("| %d | %d | %.1f | %.1f |%n", s.batch(), s.partitions(), s.step(),
                    model.step(s.batch(), s.partitions()));
        }

        int[] clusterBatches = {128, 1024, 8192, 65536};
        int[] executors = {1, 2, 4, 8, 16, 32, 64};
        System.out.printf("%n### Speedup over one machine PREDICTED by the model fitted on %s (not measured)%n%n", master);
        System.out.print("| B \\ executors (P = E) |");
        for (int e : executors) {
            System.out.print(" " + e + " |");
        }
        System.out.println(" Trainer step (model) |");
        System.out.println("|---".repeat(executors.length + 2) + "|");
        for (int b : clusterBatches) {
            System.out.print("| " + b + " |");
            for (int e : executors) {
                double step = model.step(b, e);
                System.out.print(step > 0 ? String.format(" %.2f× |", single.at(b) / step) : " — |");
            }
            System.out.printf(" %.0f ms |%n", single.at(b));
        }
    }
}
