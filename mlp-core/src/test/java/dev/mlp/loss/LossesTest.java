package dev.mlp.loss;

import dev.mlp.activation.Activations;
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

class LossesTest {

    @Test
    void everyNameAndAliasFindsItsEntryWhoseInstancesComeBackToIt() {
        List<String> seen = new ArrayList<>();
        for (Losses.Entry e : Losses.registry().all()) {
            List<String> spellings = new ArrayList<>(e.aliases());
            spellings.add(e.name());
            for (String s : spellings) {
                assertSame(e, Losses.registry().entry(s), s);
                assertSame(e, Losses.registry().entry(" " + s.toUpperCase(Locale.ROOT) + " "), s);
                assertFalse(seen.contains(s), "two entries answer " + s);
                seen.add(s);
            }
            assertEquals(Optional.of(e), Losses.registry().named(e.name()));
            Loss created = e.create();
            assertSame(e.type(), created.getClass());
            assertEquals(e.name(), created.name(), "the saved name is the loss' own");
            assertEquals(Optional.of(e), Losses.registry().of(created));
            assertFalse(e.hasOption(created));
        }
        assertEquals(List.of("mse", "softmax-ce", "softmax-cross-entropy", "softmax_cross_entropy", "bce",
                "binary-cross-entropy", "binary_cross_entropy"), seen);
    }

    @Test
    void mseAloneTakesTheAllowSoftmaxOption() {
        Losses.Entry mse = Losses.registry().entry("mse");
        assertEquals("allow_softmax", mse.option());
        Loss allowing = mse.create(true);
        assertTrue(((MeanSquaredError) allowing).allowsSoftmax());
        assertTrue(mse.hasOption(allowing));
        assertFalse(new MeanSquaredError().allowsSoftmax());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.registry().entry("bce").create(true));
        assertTrue(e.getMessage().contains("takes no option"), e.getMessage());
    }

    @Test
    void unknownNamesAreRefusedWithTheKnownList() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.registry().entry("hinge"));
        assertTrue(e.getMessage().contains("unknown loss 'hinge'"), e.getMessage());
        assertTrue(e.getMessage().contains("mse, mse allow_softmax, softmax_cross_entropy, binary_cross_entropy"),
                e.getMessage());
    }

    /** Each loss accepts the output activation it names for classifiers, and only BCE counts labels per entry. */
    @Test
    void eachLossFitsItsClassifierOutputAndOnlyBinaryCrossEntropyIsMultiLabel() {
        for (Losses.Entry e : Losses.registry().all()) {
            e.create().checkOutput(Activations.registry().entry(e.classifierOutput()).create());
            assertEquals(e.name().equals("binary_cross_entropy"), e.multiLabel(), e.name());
            assertEquals(e.multiLabel(), Losses.isMultiLabel(e.create()), e.name());
        }
        assertEquals("softmax", Losses.registry().entry("softmax-ce").classifierOutput());
    }

    @Test
    void aUserClassAnsweringABuiltInNameHasNoEntry() {
        Loss impostor = new Loss() {
            @Override
            public String name() {
                return "mse";
            }

            @Override
            public double loss(DMatrixRMaj a, DMatrixRMaj target) {
                return 0;
            }

            @Override
            public void gradient(DMatrixRMaj a, DMatrixRMaj target, DMatrixRMaj grad) {
            }
        };
        assertEquals(Optional.empty(), Losses.registry().of(impostor));
        assertFalse(Losses.isMultiLabel(impostor));
    }
}
