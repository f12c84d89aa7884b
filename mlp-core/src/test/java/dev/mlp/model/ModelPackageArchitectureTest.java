package dev.mlp.model;

import dev.mlp.train.Trainer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model knows nothing of training: no compiled class of {@code dev.mlp.model} (nested ones
 * included) refers to {@code dev.mlp.train}. Read from the class files' constant pools, where every
 * class a class uses appears by its internal name ({@code dev/mlp/train/Trainer}), so a fully
 * qualified name in the source counts as much as an import.
 */
class ModelPackageArchitectureTest {

    private static final String TRAIN = "dev/mlp/train/";

    @Test
    void noModelClassRefersToTheTrainingPackage() {
        List<Path> model = classFiles(Network.class);
        assertTrue(model.stream().anyMatch(p -> p.getFileName().toString().equals("Network.class")),
                "the scan must see Network itself: " + model);
        List<String> offenders = model.stream().filter(p -> refersTo(p, TRAIN)).map(Path::toString).toList();
        assertEquals(List.of(), offenders, "classes of dev.mlp.model that use dev.mlp.train");
    }

    /** The scan is not vacuous: it does find the model in the trainer, which uses it. */
    @Test
    void theScanFindsAReferenceWhereThereIsOne() {
        List<Path> train = classFiles(Trainer.class);
        assertTrue(train.stream().anyMatch(p -> refersTo(p, "dev/mlp/model/Network")));
        assertFalse(refersTo(classFiles(Network.class).get(0), "dev/mlp/no/such/package/"));
    }

    /** The class files of the package of {@code type}, from the directory it was loaded from. */
    private static List<Path> classFiles(Class<?> type) {
        try {
            Path root = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = root.resolve(type.getPackageName().replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the class file's bytes hold {@code internalName}, as its constant pool writes class names. */
    private static boolean refersTo(Path classFile, String internalName) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains(internalName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
