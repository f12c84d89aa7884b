package dev.mlp.optim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad hyper-parameters fail at construction, with a message naming the parameter and the value. */
class HyperParameterValidationTest {

    record Bad(String description, Supplier<Optimizer> construct, String parameter, String value) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Bad> badHyperParameters() {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        return Stream.of(
                new Bad("negative momentum", () -> new Momentum(-0.1), "momentum", "-0.1"),
                new Bad("momentum of one", () -> new Momentum(1.0), "momentum", "1.0"),
                new Bad("NaN momentum", () -> new Momentum(nan), "momentum", "NaN"),
                new Bad("Nesterov without momentum", () -> Momentum.nesterov(0), "momentum", "0.0"),
                new Bad("negative Nesterov momentum", () -> Momentum.nesterov(-0.5), "momentum", "-0.5"),
                new Bad("RMSProp rho of one", () -> new RmsProp(1.0, 1e-8), "rho", "1.0"),
                new Bad("negative RMSProp rho", () -> new RmsProp(-0.1, 1e-8), "rho", "-0.1"),
                new Bad("NaN RMSProp rho", () -> new RmsProp(nan, 1e-8), "rho", "NaN"),
                new Bad("zero RMSProp epsilon", () -> new RmsProp(0.9, 0), "epsilon", "0.0"),
                new Bad("negative RMSProp epsilon", () -> new RmsProp(0.9, -1e-8), "epsilon", "-1.0E-8"),
                new Bad("infinite RMSProp epsilon", () -> new RmsProp(0.9, inf), "epsilon", "Infinity"),
                new Bad("Adam beta1 of one", () -> new Adam(1.0, 0.999, 1e-8), "beta1", "1.0"),
                new Bad("Adam beta1 above one", () -> new Adam(1.5, 0.999, 1e-8), "beta1", "1.5"),
                new Bad("negative Adam beta1", () -> new Adam(-0.9, 0.999, 1e-8), "beta1", "-0.9"),
                new Bad("NaN Adam beta1", () -> new Adam(nan, 0.999, 1e-8), "beta1", "NaN"),
                new Bad("Adam beta2 of one", () -> new Adam(0.9, 1.0, 1e-8), "beta2", "1.0"),
                new Bad("NaN Adam beta2", () -> new Adam(0.9, nan, 1e-8), "beta2", "NaN"),
                new Bad("zero Adam epsilon", () -> new Adam(0.9, 0.999, 0), "epsilon", "0.0"),
                new Bad("NaN Adam epsilon", () -> new Adam(0.9, 0.999, nan), "epsilon", "NaN"),
                new Bad("AdamW beta1 of one", () -> new AdamW(1.0, 0.999, 1e-8, 0.01), "beta1", "1.0"),
                new Bad("AdamW beta2 above one", () -> new AdamW(0.9, 1.001, 1e-8, 0.01), "beta2", "1.001"),
                new Bad("negative AdamW epsilon", () -> new AdamW(0.9, 0.999, -1, 0.01), "epsilon", "-1.0"),
                new Bad("negative weight decay", () -> new AdamW(-0.01), "weightDecay", "-0.01"),
                new Bad("NaN weight decay", () -> new AdamW(nan), "weightDecay", "NaN"),
                new Bad("infinite weight decay", () -> new AdamW(inf), "weightDecay", "Infinity"));
    }

    @ParameterizedTest
    @MethodSource("badHyperParameters")
    void badHyperParameterIsRejectedWithItsNameAndValue(Bad bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad.construct()::get);
        assertTrue(e.getMessage().startsWith(bad.parameter() + " "), e.getMessage());
        assertTrue(e.getMessage().contains(bad.value()), e.getMessage());
    }

    @Test
    void boundaryValuesAreAccepted() {
        assertDoesNotThrow(() -> new Momentum(0));
        assertDoesNotThrow(() -> new Momentum(0.999));
        assertDoesNotThrow(() -> new RmsProp(0, Double.MIN_VALUE));
        assertDoesNotThrow(() -> new Adam(0, 0, 1e-300));
        assertDoesNotThrow(() -> new AdamW(0));
    }
}
