package dev.mlp.testing;

import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The assertion of the input-validation tests: a call refused with a message holding given words. */
public final class Refusals {

    private Refusals() {
    }

    /**
     * Asserts that {@code call} throws an {@link IllegalArgumentException} whose message contains
     * every one of {@code words} (the argument's name, the expected and the actual value).
     *
     * @return the exception, for further checks
     */
    public static IllegalArgumentException assertRefused(Executable call, String... words) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), "message '" + e.getMessage() + "' lacks '" + word + "'");
        }
        return e;
    }
}
