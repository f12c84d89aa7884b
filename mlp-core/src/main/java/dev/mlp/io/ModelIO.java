package dev.mlp.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

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
    public static final int FORMAT_VERSION = 2;

    /** The metadata key conventionally holding the seed of a training run; the library does not read it. */
    public static final String SEED_KEY = "seed";

    static final String CHECKSUM_KEY = "crc32";

    private static final int MAX_INPUT_BYTES = Integer.MAX_VALUE - 16;
    private static final int TEMP_ATTEMPTS = 100;

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
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || target.getFileName() == null) {
            throw new IllegalArgumentException("cannot save a model to " + file + ": not a file path");
        }
        Path temp = createTemp(dir, target.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = wrapper.wrap(Channels.newOutputStream(channel));
                ModelWriter.write(out, model);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException | RuntimeException cleanup) {
                t.addSuppressed(cleanup);
            }
            throw t;
        }
        forceDirectory(dir);
    }

    /**
     * A new empty file next to the target. Created with default attributes (unlike
     * {@link Files#createTempFile}, which makes it owner-only on POSIX), so that the saved model
     * gets the permissions any new file in that directory would get.
     */
    private static Path createTemp(Path dir, String targetName) throws IOException {
        String stem = targetName.length() > 64 ? targetName.substring(0, 64) : targetName;
        FileAlreadyExistsException last = null;
        for (int attempt = 0; attempt < TEMP_ATTEMPTS; attempt++) {
            Path temp = dir.resolve("." + stem + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + ".tmp");
            try {
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Makes the rename itself durable where the platform allows opening a directory (best effort). */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException notSupported) {
            // Some platforms (Windows) cannot open a directory; the data itself was forced already.
        }
    }

    /**
     * Writes {@code model} to {@code out} in the current format version, then flushes {@code out}
     * without closing it.
     *
     * @throws IllegalArgumentException if the model holds a non-finite weight or an activation or
     *                                  loss that the format cannot represent (before any byte is
     *                                  written)
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
     * @param sourceName how messages name the input, for example a file name or URL
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
