package dev.mlp.spark;

import dev.mlp.activation.ReLU;
import dev.mlp.activation.Softmax;
import dev.mlp.io.SavedModel;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.TrainingConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The persisted row blocks' lineage is serialized into the task binary of every training step,
 * so it must hold a handle to the fit's spec, never the spec with its model file (which made every
 * step of a Fashion-sized network ship 4.7 MiB).
 */
class RowBlocksLineageTest {

    @Test
    void theCachedBlocksLineageCarriesNoModelFile() throws IOException {
        Dataset<Row> frame = new Digits64().frame(LocalSpark.session(), 0, 200);
        Network network = Network.of(new int[] {64, 512, 10}, List.of(new ReLU(), new Softmax()), new NumpyRandom(1));
        TrainingConfig config = TrainingConfig.builder().loss(new SoftmaxCrossEntropy()).batchSize(32).build();
        FitSpec spec = new FitSpec(new SavedModel(network, config.loss(), null, null), config, 32);
        RowBlocks.Held held = RowBlocks.blocks(frame, new RowBlocks.Columns("features", "label", 64, 10), 2, spec);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                // what a job on the blocks serializes into its task binary: the RDD and its parents
                out.writeObject(held.blocks().rdd());
            }
            assertTrue(bytes.size() < spec.model.length / 4, "the blocks' lineage is " + bytes.size()
                    + " bytes, the model file " + spec.model.length);
        } finally {
            held.blocks().unpersist(false);
        }
    }
}
