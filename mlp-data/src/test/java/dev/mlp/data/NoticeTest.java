package dev.mlp.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What ships with the digits data: mlp-data's own build output (its jar's content) holds the
 * project's licence and notice and the data's CC BY 4.0 attribution, under META-INF.
 */
class NoticeTest {

    /** A file under META-INF of the directory or jar Digits was loaded from. */
    private static String metaInf(String name) throws IOException, URISyntaxException {
        Path root = Path.of(Digits.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path file = root.resolve("META-INF").resolve(name);
        assertTrue(Files.isRegularFile(file), "mlp-data has no META-INF/" + name + " in " + root);
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theDigitsAttributionTheLicenceAndTheNoticeShipWithTheData() throws Exception {
        String data = metaInf("NOTICE-data");
        assertTrue(data.contains("Alpaydin") && data.contains("CC BY 4.0"), data);
        assertTrue(metaInf("LICENSE").contains("Apache License"));
        assertTrue(metaInf("NOTICE").contains("NOTICE-data"));
    }
}
