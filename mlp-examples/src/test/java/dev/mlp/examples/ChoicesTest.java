package dev.mlp.examples;

import dev.mlp.activation.Activations;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Softmax;
import dev.mlp.examples.Choices.ClassificationLosses;
import dev.mlp.examples.Choices.HiddenActivations;
import dev.mlp.loss.Losses;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line knows activations and losses by the registries' names and aliases. */
class ChoicesTest {

    @Test
    void hiddenActivationsAcceptEveryRegistrySpellingButNoSoftmax() {
        HiddenActivations.Convert convert = new HiddenActivations.Convert();
        assertSame(Activations.registry().entry("leaky_relu"), convert.convert("leaky-relu"));
        assertSame(Activations.registry().entry("leaky_relu"), convert.convert("Leaky_ReLU"));
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> convert.convert("softmax"));
        assertEquals("'softmax' is not one of relu, sigmoid, tanh, identity, leaky-relu, gelu", e.getMessage());
        List<String> names = new ArrayList<>();
        new HiddenActivations.Names().forEach(names::add);
        assertEquals(List.of("relu", "sigmoid", "tanh", "identity", "leaky-relu", "gelu"), names);
    }

    @Test
    void lossesAcceptEveryRegistrySpellingAndPairTheirClassifierOutput() {
        ClassificationLosses.Convert convert = new ClassificationLosses.Convert();
        assertSame(Losses.registry().entry("softmax-ce"), convert.convert("softmax_cross_entropy"));
        assertSame(Losses.registry().entry("binary_cross_entropy"), convert.convert("bce"));
        assertTrue(ClassificationLosses.outputActivation(convert.convert("softmax-ce")) instanceof Softmax);
        assertTrue(ClassificationLosses.outputActivation(convert.convert("mse")) instanceof Sigmoid);
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> convert.convert("hinge"));
        assertEquals("'hinge' is not one of mse, softmax-ce, bce", e.getMessage());
    }
}
