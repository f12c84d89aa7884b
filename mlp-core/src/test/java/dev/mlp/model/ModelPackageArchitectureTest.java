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
 * included) refers to {@code dev.mlp.train}; and no class of mlp-core names the incubator module. Read from the class files' constant pools, where every
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

    /**
     * mlp-core names no incubator API: the Vector API stays inside mlp-linalg, reached through a
     * {@code Backend}. Every class file of mlp-core is scanned, in either spelling of the module.
     */
    @Test
    void noClassOfMlpCoreRefersToTheIncubatorModule() throws IOException {
        Path root;
        try {
            root = Path.of(Network.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Path> all;
        try (Stream<Path> files = Files.walk(root)) {
            all = files.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertTrue(all.size() > 50, "the scan must see mlp-core's classes: " + all.size());
        List<String> offenders = all.stream()
                .filter(p -> refersTo(p, "jdk/incubator/vector") || refersTo(p, "jdk.incubator.vector"))
                .map(Path::toString).toList();
        assertEquals(List.of(), offenders, "classes of mlp-core that name the incubator module");
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
