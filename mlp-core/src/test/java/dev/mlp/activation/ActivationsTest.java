package dev.mlp.activation;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationsTest {

    @Test
    void everyNameAndAliasFindsItsEntryWhoseInstancesComeBackToIt() {
        List<String> seen = new ArrayList<>();
        for (Activations.Entry e : Activations.registry().all()) {
            List<String> spellings = new ArrayList<>(e.aliases());
            spellings.add(e.name());
            for (String s : spellings) {
                assertSame(e, Activations.registry().entry(s), s);
                assertSame(e, Activations.registry().entry(" " + s.toUpperCase(Locale.ROOT) + " "), s);
                assertFalse(seen.contains(s), "two entries answer " + s);
                seen.add(s);
            }
            assertEquals(Optional.of(e), Activations.registry().named(e.name()));
            Activation created = e.create();
            assertSame(e.type(), created.getClass());
            assertEquals(e.name(), created.name(), "the saved name is the activation's own");
            assertEquals(Optional.of(e), Activations.registry().of(created));
        }
        assertEquals(List.of("relu", "sigmoid", "tanh", "identity", "leaky-relu", "leaky_relu", "softmax", "gelu"), seen);
    }

    @Test
    void onlyExactNamesAreModelFileNames() {
        assertEquals(Optional.empty(), Activations.registry().named("leaky-relu"));
        assertEquals(Optional.empty(), Activations.registry().named("ReLU"));
        assertTrue(Activations.registry().named("leaky_relu").isPresent());
    }

    @Test
    void leakyReluCarriesItsSlopeAndOtherActivationsTakeNoParameter() {
        Activations.Entry leaky = Activations.registry().entry("leaky-relu");
        assertEquals("slope", leaky.parameter());
        assertEquals("leaky_relu <slope>", leaky.usage());
        assertEquals(LeakyReLU.DEFAULT_SLOPE, leaky.parameterOf(leaky.create()), 0.0);
        assertEquals(0.2, leaky.parameterOf(leaky.create(0.2)), 0.0);
        assertThrows(IllegalArgumentException.class, () -> leaky.create(1.5));
        Activations.Entry relu = Activations.registry().entry("relu");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> relu.create(0.1));
        assertTrue(e.getMessage().contains("takes no parameter"), e.getMessage());
    }

    @Test
    void unknownNamesAreRefusedWithTheKnownList() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activations.registry().entry("swish"));
        assertTrue(e.getMessage().contains("unknown activation 'swish'"), e.getMessage());
        assertTrue(e.getMessage().contains("relu, sigmoid, tanh, identity, leaky_relu <slope>, softmax, gelu"),
                e.getMessage());
        assertEquals(Optional.empty(), Activations.registry().find(null));
    }

    @Test
    void sigmoidAndSoftmaxGiveProbabilitiesAndNoOtherDoes() {
        for (Activations.Entry e : Activations.registry().all()) {
            boolean expected = e.name().equals("sigmoid") || e.name().equals("softmax");
            assertEquals(expected, e.givesProbabilities(), e.name());
            assertEquals(expected, Activations.givesProbabilities(e.create()), e.name());
        }
        assertEquals(Activations.Outputs.ROW_DISTRIBUTION, Activations.outputs(new Softmax()));
        assertEquals(Activations.Outputs.PER_ENTRY_PROBABILITIES, Activations.outputs(new Sigmoid()));
    }

    @Test
    void theReluFamilyIsReluLeakyReluAndGelu() {
        List<String> family = Activations.registry().all().stream().filter(Activations.Entry::reluFamily)
                .map(Activations.Entry::name).toList();
        assertEquals(List.of("relu", "leaky_relu", "gelu"), family);
    }

    /** A user-defined class is not a built-in one because it answers a built-in name. */
    @Test
    void aUserClassAnsweringABuiltInNameHasNoEntry() {
        Activation impostor = new Activation() {
            @Override
            public String name() {
                return "sigmoid";
            }

            @Override
            public void forward(DMatrixRMaj z, DMatrixRMaj a, dev.mlp.linalg.Backend backend) {
                a.setTo(z);
            }

            @Override
            public void backward(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj grad) {
            }
        };
        assertEquals(Optional.empty(), Activations.registry().of(impostor));
        assertFalse(Activations.givesProbabilities(impostor));
        assertFalse(Activations.isReluFamily(impostor));
    }
}
