package dev.mlp.reliability;

import org.junit.jupiter.api.function.Executable;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One generated bad call: what it does, the exception it must end with, and the words its message
 * must hold (the argument's name, the expected and the actual value).
 */
record Refusal(String description, Executable call, Class<? extends Throwable> expected, List<String> words) {

    static Refusal of(String description, Executable call, String... words) {
        return new Refusal(description, call, IllegalArgumentException.class, Arrays.asList(words));
    }

    static Refusal of(String description, Executable call, Class<? extends Throwable> expected, String... words) {
        return new Refusal(description, call, expected, Arrays.asList(words));
    }

    /** Runs the call and checks the exception type and message. */
    void assertRefused() {
        Throwable t = assertThrows(expected, call, description);
        String message = t.getMessage();
        assertNotNull(message, description + ": " + t.getClass().getName() + " without a message");
        for (String word : words) {
            assertTrue(message.contains(word),
                    description + ": message '" + message + "' does not mention '" + word + "'");
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
