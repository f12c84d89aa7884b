package dev.mlp.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves and loads {@link SavedModel}s in the text format of {@code docs/model-format.md}
 * (version {@value #FORMAT_VERSION}): UTF-8 lines, a magic and version line, a header, one block
 * per layer holding every weight as {@link Double#toString} writes it (so values round-trip bit
 * for bit), and a CRC-32 of everything before the last line.
 *
 * <p>Reading is strict: anything that is not exactly a model of a supported version is refused
 * with a {@link ModelFormatException} naming the source, the line and the problem, never with an
 * unchecked exception, and declared sizes are checked against the input before anything is
 * allocated for them.
 *
 * <p>A loaded network carries no random source: to continue training one, hand the trainer a
 * source of your choice, for example {@code new NumpyRandom(seed)} from the metadata value under
 * {@value #SEED_KEY}.
 *
 * <p>All methods are static and thread-safe as long as nobody trains the network being saved.
 */
public final class ModelIO {

    /** The first word of every model file. */
    public static final String MAGIC = "mlp-model";

    /** The format version this library writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 3;

    /** The metadata key conventionally holding the seed of a training run; the library does not read it. */
    public static final String SEED_KEY = "seed";

    static final String CHECKSUM_KEY = "crc32";

    private static final int MAX_INPUT_BYTES = Integer.MAX_VALUE - 16;

    private ModelIO() {
    }

    /**
     * Writes {@code model} to {@code file} atomically and durably: the bytes go to a new temporary
     * file in the same directory, which is forced to the storage device and then atomically moved
     * over {@code file}. If anything fails the temporary file is deleted and an existing
     * {@code file} is left exactly as it was. The file system must support atomic moves within a
     * directory (local POSIX and NTFS file systems do); otherwise the save fails, leaving
     * {@code file} untouched.
     *
     * @param file  where the model goes; its directory must exist
     * @param model what to write
     * @throws IllegalArgumentException if the model holds a non-finite weight or an activation or
     *                                  loss that the format cannot represent (checked before any
     *                                  file is created)
     * @throws IOException              if writing, forcing or moving fails
     */
    public static void save(Path file, SavedModel model) throws IOException {
        save(file, model, StreamWrapper.IDENTITY);
    }

    /** {@link #save(Path, SavedModel)} writing through {@code wrapper}, so tests can inject failures. */
    static void save(Path file, SavedModel model, StreamWrapper wrapper) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        ModelWriter.checkSavable(model);
        AtomicFiles.write(file, out -> {
            OutputStream wrapped = wrapper.wrap(out);
            ModelWriter.write(wrapped, model);
            wrapped.flush();
        });
    }

    /**
     * Writes {@code model} to {@code out} in the current format version, then flushes {@code out}
     * without closing it.
     *
     * @param out   the stream to write to, not null; left open
     * @param model what to write
     * @throws IllegalArgumentException if the model holds a non-finite weight or an activation or
     *                                  loss that the format cannot represent (before any byte is
     *                                  written)
     * @throws IOException              if writing or flushing fails
     */
    public static void write(OutputStream out, SavedModel model) throws IOException {
        if (out == null) {
            throw new IllegalArgumentException("out must not be null");
        }
        ModelWriter.write(out, model);
        out.flush();
    }

    /**
     * Reads the model file at {@code file}; messages name it by {@code file.toString()}.
     *
     * @param file a model file, as {@link #save} writes it
     * @return the model, with the loss, scaling and metadata the file records
     * @throws ModelFormatException if the content is not a valid model of a supported version
     * @throws IOException          if the file cannot be read
     */
    public static SavedModel load(Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads a whole model from {@code in}, up to its end (which must be the end of the model:
     * trailing bytes are refused). Does not close {@code in}.
     *
     * @param in         the stream to read, not null; left open
     * @param sourceName how messages name the input, for example a file name or URL; null gives
     *                   {@code "<stream>"}
     * @return the model, with the loss, scaling and metadata the input records
     * @throws ModelFormatException if the content is not a valid model of a supported version
     * @throws IOException          if reading fails
     */
    public static SavedModel read(InputStream in, String sourceName) throws IOException {
        if (in == null) {
            throw new IllegalArgumentException("in must not be null");
        }
        String source = sourceName == null ? "<stream>" : sourceName;
        byte[] data = in.readNBytes(MAX_INPUT_BYTES);
        if (data.length == MAX_INPUT_BYTES && in.read() >= 0) {
            throw new ModelFormatException(source, 0, "the input is larger than " + MAX_INPUT_BYTES
                    + " bytes, the most a model file can hold");
        }
        return ModelReader.parse(data, source);
    }
}
