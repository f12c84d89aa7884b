package dev.mlp.io;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Wraps the stream {@link ModelIO} writes a temporary file through. The production wrapper is the
 * identity; tests pass one that fails after some bytes to simulate a crash in the middle of a save.
 */
@FunctionalInterface
interface StreamWrapper {

    StreamWrapper IDENTITY = out -> out;

    OutputStream wrap(OutputStream out) throws IOException;
}
