package dev.mlp.spark;

import dev.mlp.io.SavedModel;
import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.GradientSource;
import dev.mlp.train.History;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * The synchronous mode without Spark: the same partition function ({@link PartitionWorkers}) on the
 * same blocks, run in a loop on this thread, and the same ordered sums. What Spark must equal bit
 * for bit, on any cluster layout.
 */
final class Oracle {

    private Oracle() {
    }

    /** Trains a fresh digits network on x, y split into P blocks as {@link RowBlocks} splits them. */
    static Network train(TrainingConfig config, SparkTraining distribution, DMatrixRMaj x, DMatrixRMaj y) {
        NumpyRandom random = Digits64.random();
        Network network = Digits64.network(random);
        FitSpec spec = new FitSpec(new SavedModel(network, config.loss(), null, null), config, config.batchSize());
        int p = distribution.numPartitions();
        RowBlocks.IdRanges ranges = new RowBlocks.IdRanges(x.numRows, p);
        List<RowBlock> blocks = new ArrayList<>();
        for (int part = 0, r = 0; part < p; part++) {
            int first = r;
            while (r < x.numRows && ranges.getPartition((long) r) == part) {
                r++;
            }
            blocks.add(new RowBlock(first, r - first, x.numCols, y.numCols,
                    java.util.Arrays.copyOfRange(x.data, first * x.numCols, r * x.numCols),
                    java.util.Arrays.copyOfRange(y.data, first * y.numCols, r * y.numCols)));
        }
        History unused = new Trainer(config).session(network, random, maxRows -> new Source(network, spec, blocks,
                distribution.reduceFanout())).fitHeldRows(x.numRows);
        return network;
    }

    private static final class Source implements GradientSource {
        private final FitSpec spec;
        private final List<RowBlock> blocks;
        private final int fanout;
        private final GradientSource shapes;

        Source(Network network, FitSpec spec, List<RowBlock> blocks, int fanout) {
            this.spec = spec;
            this.blocks = blocks;
            this.fanout = fanout;
            this.shapes = GradientSource.backprop(network, 1, new dev.mlp.loss.SoftmaxCrossEntropy(),
                    dev.mlp.train.GradientRule.EXACT, dev.mlp.linalg.Backends.byName("blocked", 1));
        }

        @Override
        public DMatrixRMaj[] parameters() {
            return shapes.parameters();
        }

        @Override
        public boolean[] weightDecayMask() {
            return shapes.weightDecayMask();
        }

        @Override
        public DMatrixRMaj[] gradientBuffers() {
            return shapes.gradientBuffers();
        }

        @Override
        public double gradients(DMatrixRMaj x, DMatrixRMaj y, int[] order, int from, int to) {
            Step step = new Step(Parameters.flatten(parameters()), java.util.Arrays.copyOfRange(order, from, to));
            List<PartitionResult> parts = new ArrayList<>();
            for (int p = 0; p < blocks.size(); p++) {
                parts.add(PartitionWorkers.compute(p, spec, step, blocks.get(p)));
            }
            WeightedSum total = new WeightedSum();
            if (blocks.size() <= fanout) {
                parts.forEach(part -> total.add(part, to - from));
            } else {
                for (int g = 0; g * fanout < parts.size(); g++) {
                    total.add(SparkGradients.groupSum(parts.subList(g * fanout, Math.min(parts.size(), (g + 1) * fanout)),
                            to - from));
                }
            }
            Parameters.load(total.gradient, gradientBuffers());
            return total.loss;
        }

        @Override
        public boolean gradientsFinite() {
            return true;
        }
    }
}
