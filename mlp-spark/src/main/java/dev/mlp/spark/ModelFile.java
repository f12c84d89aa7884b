package dev.mlp.spark;

import dev.mlp.io.SavedModel;

import java.io.Serializable;

/**
 * A Spark ML model's data: the bytes of this library's model file, read into a {@link SavedModel}
 * on first use in each JVM (networks are not serializable; the bytes travel to the executors).
 */
final class ModelFile implements Serializable {

    private static final long serialVersionUID = 1L;

    private final byte[] bytes;
    private transient SavedModel model;

    ModelFile(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    byte[] bytes() {
        return bytes.clone();
    }

    synchronized SavedModel savedModel() {
        if (model == null) {
            model = PartitionWorkers.read(bytes);
        }
        return model;
    }
}
