package dev.mlp.io;

import java.io.IOException;
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
 * Writes a file atomically and durably, as {@link ModelIO#save} does (docs/model-format.md,
 * "Saving"): the bytes go to a new temporary file {@code .<name>.<random>.tmp} in the target's
 * directory, which is forced to the storage device and then moved over the target with
 * {@code ATOMIC_MOVE}; the directory is then forced where the platform allows it. If anything
 * fails the temporary file is deleted and an existing target is left exactly as it was, so
 * readers never see a partial file. Other model writers (the ONNX export) use it too.
 */
public final class AtomicFiles {

    private static final int TEMP_ATTEMPTS = 100;

    private AtomicFiles() {
    }

    /** What goes into the file: writes to {@code out}, which it need neither flush nor close. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the file's bytes.
         *
         * @param out the temporary file's stream
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code content} to {@code file} atomically and durably. The file system must support
     * atomic moves within a directory (local POSIX and NTFS file systems do); otherwise this fails,
     * leaving {@code file} untouched. A symbolic link at {@code file} is replaced, not followed.
     *
     * @param file    the file to create or replace
     * @param content what to write into it
     * @throws IllegalArgumentException if {@code file} or {@code content} is null, or the path has
     *                                  no file name
     * @throws IOException              if writing, forcing or moving fails, or {@code content} throws
     */
    public static void write(Path file, Content content) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        if (content == null) {
            throw new IllegalArgumentException("content must not be null");
        }
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || target.getFileName() == null) {
            throw new IllegalArgumentException("cannot save to " + file + ": not a file path");
        }
        Path temp = createTemp(dir, target.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
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
     * {@link Files#createTempFile}, which makes it owner-only on POSIX), so that the file gets the
     * permissions any new file in that directory would get.
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
}
