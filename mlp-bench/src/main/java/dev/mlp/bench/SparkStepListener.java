package dev.mlp.bench;

import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.scheduler.TaskInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records the Spark jobs of synchronous training steps (those whose stages were submitted from
 * mlp-spark's {@code SparkGradients}) with the timing of each of their tasks. Spark delivers events
 * on its listener-bus thread, after the fact and with millisecond clocks; {@link #stepJobs} waits
 * until the expected number of jobs has ended.
 */
final class SparkStepListener extends SparkListener {

    /** Where the step's job is submitted: Spark names a stage by its call site, "collect at SparkGradients.java:…". */
    private static final String STEP_CALL_SITE = "SparkGradients";

    /**
     * One task as the driver's scheduler saw it, ms.
     *
     * @param launch      when the scheduler launched it (driver clock)
     * @param finish      when the scheduler marked it finished
     * @param deserialize the executor deserializing the task (its closure and the RDD)
     * @param run         the executor running it: here, reading the broadcasts and the backprop
     * @param serialize   the executor serializing the result
     * @param fetch       the driver fetching the result through the block manager (results above
     *                    spark.task.maxDirectResultSize), 0 for a direct result
     */
    record Task(long launch, long finish, long deserialize, long run, long serialize, long fetch) {

        long span() {
            return finish - launch;
        }

        /** Spark UI's scheduler delay: the span less what the executor and the result fetch account for. */
        long schedulerDelay() {
            return Math.max(0, span() - deserialize - run - serialize - fetch);
        }
    }

    /** One step's job: submitted and ended on the driver's clock, ms, and its tasks. */
    record Job(long submitted, long ended, List<Task> tasks) {

        long span() {
            return ended - submitted;
        }

        /** The task that finished last, which the job waited for. */
        Task last() {
            Task last = tasks.get(0);
            for (Task t : tasks) {
                if (t.finish() > last.finish()) {
                    last = t;
                }
            }
            return last;
        }
    }

    private final Map<Integer, Long> submitted = new HashMap<>();
    private final Map<Integer, Integer> jobOfStage = new HashMap<>();
    private final Map<Integer, List<Task>> tasks = new HashMap<>();
    /** Ended step jobs by id: ids grow in submission order, which is the order of the steps. */
    private final TreeMap<Integer, Job> ended = new TreeMap<>();

    @Override
    public synchronized void onJobStart(SparkListenerJobStart start) {
        boolean step = false;
        for (var it = start.stageInfos().iterator(); it.hasNext(); ) {
            StageInfo stage = it.next();
            step |= stage.name().contains(STEP_CALL_SITE);
            jobOfStage.put(stage.stageId(), start.jobId());
        }
        if (step) {
            submitted.put(start.jobId(), start.time());
            tasks.put(start.jobId(), new ArrayList<>());
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        Integer job = jobOfStage.get(end.stageId());
        List<Task> list = job == null ? null : tasks.get(job);
        TaskMetrics m = end.taskMetrics();
        if (list == null || m == null) {
            return;
        }
        TaskInfo info = end.taskInfo();
        long fetch = info.gettingResultTime() > 0 ? info.finishTime() - info.gettingResultTime() : 0;
        list.add(new Task(info.launchTime(), info.finishTime(), m.executorDeserializeTime(), m.executorRunTime(),
                m.resultSerializationTime(), fetch));
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd end) {
        Long start = submitted.remove(end.jobId());
        if (start != null) {
            ended.put(end.jobId(), new Job(start, end.time(), List.copyOf(tasks.remove(end.jobId()))));
            notifyAll();
        }
    }

    /**
     * Waits for, and removes, the next {@code count} step jobs to end, in submission order.
     *
     * @throws IllegalStateException if they have not all ended within a minute
     */
    synchronized List<Job> stepJobs(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (ended.size() < count) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new IllegalStateException("expected " + count + " step jobs, Spark reported " + ended.size());
            }
            wait(left);
        }
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobs.add(ended.pollFirstEntry().getValue());
        }
        return jobs;
    }
}
