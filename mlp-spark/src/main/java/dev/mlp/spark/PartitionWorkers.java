package dev.mlp.spark;

import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import dev.mlp.linalg.Backend;
import dev.mlp.linalg.Backends;
import dev.mlp.model.Network;
import dev.mlp.train.GradientSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The executor side of a synchronous step: a partition's gradient of its rows of the batch, with
 * mlp-core's own backprop ({@link GradientSource#backprop}) and the backend the driver named.
 *
 * <p>A task is a pure function of the broadcasts and its block, so a retried or speculative task
 * returns the same bits. Workspaces (a network and its backprop buffers) are pooled per fit in each
 * executor JVM, one per concurrently running task, so a step allocates little; the pool keeps the
 * last few fits only.
 */
final class PartitionWorkers {

    /** Fits whose workspaces an executor keeps. */
    private static final int FITS_KEPT = 8;

    private static final Map<String, Deque<Worker>> POOLS = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Worker>> eldest) {
            return size() > FITS_KEPT;
        }
    };

    private PartitionWorkers() {
    }

    /** The gradient of {@code block}'s rows among {@code step.ids}, at {@code step.weights}. */
    static PartitionResult compute(int partition, FitSpec spec, Step step, RowBlock block) {
        int[] local = block.localRows(step.ids);
        if (local.length == 0) {
            return new PartitionResult(partition, 0, 0, null);
        }
        Worker worker = take(spec);
        try {
            Parameters.load(step.weights, worker.source.parameters());
            double loss = worker.source.gradients(block.features(), block.targets(), local, 0, local.length);
            return new PartitionResult(partition, local.length, loss, Parameters.flatten(worker.source.gradientBuffers()));
        } finally {
            give(spec, worker);
        }
    }

    /** A network and its gradient source, as the driver's spec describes them. */
    static final class Worker {
        final Network network;
        final GradientSource source;
        final Backend backend;

        Worker(FitSpec spec) {
            SavedModel model = read(spec.model);
            backend = Backends.byName(spec.backend, spec.threads);
            network = model.network();
            source = GradientSource.backprop(network, spec.maxRows, model.loss(), spec.rule, backend);
        }
    }

    static SavedModel read(byte[] model) {
        try {
            return ModelIO.read(new ByteArrayInputStream(model), "the driver's network");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Worker take(FitSpec spec) {
        synchronized (POOLS) {
            Deque<Worker> pool = POOLS.get(spec.id);
            if (pool != null && !pool.isEmpty()) {
                return pool.pop();
            }
        }
        return new Worker(spec);
    }

    static void give(FitSpec spec, Worker worker) {
        synchronized (POOLS) {
            POOLS.computeIfAbsent(spec.id, k -> new ArrayDeque<>()).push(worker);
        }
    }
}
