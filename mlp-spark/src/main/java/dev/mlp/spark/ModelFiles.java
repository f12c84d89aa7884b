package dev.mlp.spark;

import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import scala.Option;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;

/**
 * A Spark ML model's data is this library's model file: saved as {@code data/model.mlp} beside
 * Spark's parameter metadata, so the file serves with plain mlp-core ({@code ModelIO.load}).
 */
final class ModelFiles {

    /** The model file inside a saved model's directory. */
    static final String DATA = "data/model.mlp";

    private ModelFiles() {
    }

    static byte[] bytes(SavedModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelIO.write(out, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the params' metadata, then the model file. */
    static final class Writer extends MLWriter {
        private final Params instance;
        private final byte[] file;

        Writer(Params instance, byte[] file) {
            this.instance = instance;
            this.file = file;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(instance, path, sc(), Option.empty(), Option.empty());
            Path data = new Path(path, DATA);
            try {
                FileSystem fs = data.getFileSystem(sc().hadoopConfiguration());
                try (FSDataOutputStream out = fs.create(data, true)) {
                    out.write(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + data, e);
            }
        }
    }

    /** Reads the model file and the params' metadata back into a model made by {@code make(uid, file)}. */
    static final class Reader<M extends Params> extends MLReader<M> {
        private final Class<M> type;
        private final BiFunction<String, byte[], M> make;

        Reader(Class<M> type, BiFunction<String, byte[], M> make) {
            this.type = type;
            this.make = make;
        }

        @Override
        public M load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sc(), type.getName());
            Path data = new Path(path, DATA);
            byte[] file;
            try {
                FileSystem fs = data.getFileSystem(sc().hadoopConfiguration());
                try (FSDataInputStream in = fs.open(data)) {
                    file = in.readAllBytes();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + data, e);
            }
            M model = make.apply(metadata.uid(), file);
            metadata.getAndSetParams(model, Option.empty());
            return model;
        }
    }

    /** A uid handed to a Scala base class's constructor before the Java subclass can store it. */
    static final ThreadLocal<String> NEXT_UID = new ThreadLocal<>();

    /** Stashes {@code uid} for {@link #NEXT_UID} and returns it, in a constructor's argument list. */
    static String stash(String uid) {
        NEXT_UID.set(uid);
        return uid;
    }
}
