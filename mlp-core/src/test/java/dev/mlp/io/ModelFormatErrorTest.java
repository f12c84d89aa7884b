package dev.mlp.io;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static dev.mlp.io.ModelFixtures.body;
import static dev.mlp.io.ModelFixtures.bytes;
import static dev.mlp.io.ModelFixtures.lineOf;
import static dev.mlp.io.ModelFixtures.read;
import static dev.mlp.io.ModelFixtures.withChecksum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class ModelFormatErrorTest {

    private static String smallFile() throws IOException {
        return ModelFixtures.text(ModelFixtures.smallModel());
    }

    /** Edits the body of the small model file and gives it a valid checksum again. */
    private static String edited(String from, String to) throws IOException {
        String body = body(smallFile());
        assertTrue(body.contains(from), "fixture contains " + from);
        return withChecksum(body.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));
    }

    private static ModelFormatException rejected(String file) {
        return rejected(file.getBytes(StandardCharsets.UTF_8));
    }

    private static ModelFormatException rejected(byte[] file) {
        return assertThrows(ModelFormatException.class, () -> read(file));
    }

    private static void assertProblem(ModelFormatException e, int line, String... fragments) {
        assertEquals("test.mlp", e.sourceName());
        assertEquals(line, e.lineNumber(), e.getMessage());
        assertTrue(e.getMessage().startsWith("test.mlp, line " + line + ": "), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should mention '" + fragment + "'");
        }
    }

    @Test
    void wrongMagicIsRejectedOnLineOne() throws IOException {
        assertProblem(rejected(edited("mlp-model 3", "mlp-modle 3")), 1, "not an mlp model file", "mlp-modle 3");
        assertProblem(rejected(new byte[] {(byte) 0xac, (byte) 0xed, 0, 5}), 1, "not an mlp model file", "\\xAC\\xED");
        assertProblem(rejected(new byte[0]), 1, "empty");
    }

    @Test
    void dropoutRatesOutsideTheirRangeOrOnTheOutputLayerAreRejected() throws IOException {
        String high = edited("dropout 0.0\nweights", "dropout 1.0\nweights");
        assertProblem(rejected(high), lineOf(high, "dropout 1.0"), "dropout rate of layer 0 is 1.0", "[0, 1)");
        String[] lines = edited("mlp-model 3", "mlp-model 3").split("\n");
        int lastDropout = 0;
        for (int i = 0; i < lines.length; i++) {
            lastDropout = lines[i].startsWith("dropout ") ? i : lastDropout;
        }
        lines[lastDropout] = "dropout 0.5";
        String output = withChecksum(String.join("\n", java.util.Arrays.copyOf(lines, lines.length - 1)) + "\n");
        assertProblem(rejected(output), lastDropout + 1, "the output layer", "must be 0");
        String missing = edited("dropout 0.0\nweights", "weights");
        assertProblem(rejected(missing), lineOf(missing, "weights "), "expected 'dropout <rate>' of layer 0");
    }

    @Test
    void newerVersionIsRejectedNamingFoundAndSupportedVersions() throws IOException {
        assertProblem(rejected(edited("mlp-model 3", "mlp-model 4")), 1,
                "format version 4 is newer", "supported versions: 1 to 3");
        assertProblem(rejected(edited("mlp-model 3", "mlp-model 123456789012345")), 1,
                "format version 123456789012345 is newer");
        // The version is checked before anything else of the file, whose layout may have changed.
        assertProblem(rejected("mlp-model 7\nsomething entirely different\n"), 1, "version 7 is newer");
    }

    @Test
    void invalidVersionIsRejected() throws IOException {
        assertProblem(rejected(edited("mlp-model 3", "mlp-model 0")), 1, "invalid format version '0'");
        assertProblem(rejected(edited("mlp-model 3", "mlp-model one")), 1, "invalid format version 'one'");
    }

    @Test
    void unknownActivationIsRejectedOnItsLayerLine() throws IOException {
        String file = edited("3 2 softmax", "3 2 swish");
        assertProblem(rejected(file), lineOf(file, "layer 1 "), "unknown activation 'swish'", "layer 1");
    }

    @Test
    void badActivationParametersAreRejected() throws IOException {
        String file = edited("leaky_relu 0.05", "leaky_relu 1.5");
        assertProblem(rejected(file), lineOf(file, "layer 0 "), "slope", "[0, 1)");
        file = edited("leaky_relu 0.05", "leaky_relu");
        assertProblem(rejected(file), lineOf(file, "layer 0 "), "needs its slope");
        file = edited("3 2 softmax", "3 2 softmax 2");
        assertProblem(rejected(file), lineOf(file, "layer 1 "), "takes no parameter");
    }

    @Test
    void unknownLossIsRejected() throws IOException {
        String file = edited("loss softmax_cross_entropy", "loss hinge");
        assertProblem(rejected(file), lineOf(file, "loss "), "unknown loss 'hinge'");
        file = edited("loss softmax_cross_entropy", "loss softmax_cross_entropy allow_softmax");
        assertProblem(rejected(file), lineOf(file, "loss "), "unknown option");
    }

    @Test
    void lossThatDoesNotFitTheOutputIsRejected() throws IOException {
        String file = edited("loss softmax_cross_entropy", "loss binary_cross_entropy");
        assertProblem(rejected(file), lineOf(file, "loss "), "does not fit the output activation 'softmax'");
    }

    @Test
    void countsThatDoNotMatchTheShapesAreRejected() throws IOException {
        String file = smallFile();
        int weightsLine = lineOf(file, "weights ");
        String weights = file.split("\n")[weightsLine - 1];
        String fewer = weights.substring(0, weights.lastIndexOf(' '));
        String missing = edited(weights, fewer);
        assertProblem(rejected(missing), weightsLine, "layer 0 is 2 x 3", "must hold 6 values, found 5");
        String extra = edited(weights, weights + " 1.0");
        assertProblem(rejected(extra), weightsLine, "found 7");

        String chain = edited("layer 1 3 2", "layer 1 4 2");
        assertProblem(rejected(chain), lineOf(chain, "layer 1 "), "layer 1 takes 4 inputs but layer 0 gives 3");
        String index = edited("layer 1 3 2", "layer 2 3 2");
        assertProblem(rejected(index), lineOf(index, "layer 2 "), "expected layer 1, found layer 2");
        String scaling = edited("scaling 2", "scaling 3");
        assertProblem(rejected(scaling), lineOf(scaling, "offset "), "must hold 3 values, found 2");
        String metadata = edited("metadata 2", "metadata 3");
        assertProblem(rejected(metadata), lineOf(metadata, "layer 0 "), "metadata entry 3 of 3");
        String fewerLayers = edited("layers 2", "layers 1");
        assertProblem(rejected(fewerLayers), lineOf(fewerLayers, "layer 1 "), "found a layer after the 1 declared");
        String moreLayers = edited("layers 2", "layers 3");
        assertProblem(rejected(moreLayers), lineOf(moreLayers, "crc32 "), "expected 'layer 2");
    }

    @Test
    void scalingThatDoesNotFitTheNetworkIsRejected() throws IOException {
        String file = edited("scaling 2\noffset 0.5 -1.0\nscale 2.0 0.25", "scaling 1\noffset 0.5\nscale 2.0");
        assertProblem(rejected(file), lineOf(file, "scaling "), "1 columns but layer 0 takes 2 inputs");
        file = edited("scale 2.0 0.25", "scale 2.0 0.0");
        assertProblem(rejected(file), lineOf(file, "scale "), "scale 2 of the input scaling is 0");
    }

    @Test
    void nonNumbersAreRejectedWithTheirPosition() throws IOException {
        String file = smallFile();
        String weights = file.split("\n")[lineOf(file, "weights ") - 1];
        String[] values = weights.split(" ");
        for (String bad : new String[] {"abc", "1.0.0", "0x1p3", "1.0d", "+1.0", "1,5", ".5", "1.", "--1", "1e", "١"}) {
            values[5] = bad;
            String edited = edited(weights, String.join(" ", values));
            ModelFormatException e = rejected(edited);
            assertProblem(e, lineOf(edited, "weights "), "not a number", "layer 0 at row 1, column 1");
        }
        values[5] = "";
        String trailingSpace = edited(weights, String.join(" ", values));
        assertProblem(rejected(trailingSpace), lineOf(trailingSpace, "weights "), "row 1, column 1", "is empty");
        String layersWord = edited("layers 2", "layers two");
        assertProblem(rejected(layersWord), 2, "number of layers must be a whole number, found 'two'");
    }

    @Test
    void nonFiniteWeightsAreRejected() throws IOException {
        String file = smallFile();
        String bias = file.split("\n")[lineOf(file, "bias ") - 1];
        for (String bad : new String[] {"NaN", "Infinity", "-Infinity"}) {
            String edited = edited(bias, "bias 0.0 " + bad + " 1.0");
            assertProblem(rejected(edited), lineOf(edited, "bias "), "is " + bad, "only finite numbers");
        }
        String huge = edited(bias, "bias 0.0 1.0E309 1.0");
        assertProblem(rejected(huge), lineOf(huge, "bias "), "beyond the range of a double");
    }

    @Test
    void truncatedFileIsRejectedAsTruncated() throws IOException {
        String file = smallFile();
        String[] lines = file.split("\n");
        String withoutChecksum = body(file);
        assertProblem(rejected(withoutChecksum), lines.length, "unexpected end of file", "checksum line", "truncated");
        String cutInLine = file.substring(0, file.indexOf("weights ") + 20);
        assertProblem(rejected(cutInLine), lineOf(file, "weights "), "does not end with a newline", "truncated");
        String withoutLastNewline = file.substring(0, file.length() - 1);
        assertProblem(rejected(withoutLastNewline), lines.length, "truncated");
    }

    @Test
    void everyTruncationLengthIsRejected() throws IOException {
        byte[] file = bytes(ModelFixtures.smallModel());
        for (int length = 0; length < file.length; length++) {
            assertOnlyFormatException(Arrays.copyOf(file, length), "truncated to " + length + " bytes");
        }
    }

    @Test
    void checksumMismatchIsRejectedOnTheChecksumLine() throws IOException {
        String file = smallFile();
        String bias = file.split("\n")[lineOf(file, "bias ") - 1];
        String tampered = file.replace(bias, bias.replaceFirst("[1-8]", "9"));
        assertProblem(rejected(tampered), lineOf(file, "crc32 "), "checksum mismatch");
        String uppercase = file.substring(0, file.length() - 9) + file.substring(file.length() - 9).toUpperCase();
        if (!uppercase.equals(file)) {
            assertProblem(rejected(uppercase), lineOf(file, "crc32 "), "expected the checksum line");
        }
    }

    @Test
    void parseErrorInACorruptedFileAlsoReportsTheChecksum() throws IOException {
        String file = smallFile();
        String corrupted = file.replace("3 2 softmax", "3 2 softmix");
        assertProblem(rejected(corrupted), lineOf(file, "layer 1 "), "unknown activation 'softmix'",
                "checksum does not match");
    }

    @Test
    void trailingGarbageIsRejected() throws IOException {
        String file = smallFile();
        int after = file.split("\n").length + 1;
        assertProblem(rejected(file + "x"), after, "unexpected data after the checksum line");
        assertProblem(rejected(file + "\n"), after, "unexpected data after the checksum line");
        assertProblem(rejected(file + file), after, "unexpected data after the checksum line");
    }

    @Test
    void crlfLineEndingsAreRejectedWithAnExplanation() throws IOException {
        assertProblem(rejected(smallFile().replace("\n", "\r\n")), 1, "carriage return", "CRLF");
    }

    @Test
    void malformedMetadataIsRejected() throws IOException {
        String file = edited("meta \"seed\" \"3\"", "meta \"seed\" \"3\" extra");
        int line = lineOf(file, "meta \"seed\"");
        assertProblem(rejected(file), line, "unexpected text after the value");
        assertProblem(rejected(edited("meta \"seed\" \"3\"", "meta \"seed\" \"3")), line, "no closing quote");
        assertProblem(rejected(edited("meta \"seed\" \"3\"", "meta \"seed\" \"\\q\"")), line, "unknown escape '\\q'");
        assertProblem(rejected(edited("meta \"seed\" \"3\"", "meta \"seed\" \"\\u12g4\"")), line, "four hex digits");
        assertProblem(rejected(edited("meta \"seed\" \"3\"", "meta seed 3")), line, "expected metadata entry 1 of 2");
        assertProblem(rejected(edited("meta \"seed\" \"3\"", "meta \"seed\"  \"3\"")), line, "quoted string");
        assertProblem(rejected(edited("meta \"seed\" \"3\"", "meta \"note\" \"3\"")), line + 1,
                "duplicate metadata key \"note\"");
        assertProblem(rejected(edited("meta \"seed\" \"3\"", "meta \"seed\" \"3\tx\"")), line, "raw control character");

        byte[] body = body(smallFile()).getBytes(StandardCharsets.UTF_8);
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int e = text.indexOf("\u00c3\u00a9"); // é in UTF-8, seen as Latin-1
        body[e + 1] = (byte) 0x28; // continuation byte replaced: malformed UTF-8
        assertProblem(rejected(withChecksum(body)), lineOf(smallFile(), "meta \"note\""), "not valid UTF-8");
    }

    @Test
    void hugeDeclaredSizesAreRejectedWithoutAllocating() {
        String[][] cases = {
                {"layer 0 65536 65536 relu\nweights 1.0\nbias 1.0\n", "6", "4294967296 weights, more than one layer can hold"},
                {"layer 0 2147483639 2147483639 relu\nweights 1.0\nbias 1.0\n", "6", "more than one layer can hold"},
                {"layer 0 40000 50000 relu\nweights 1.0\nbias 1.0\n", "7", "must hold 2000000000 values, found 1"},
                {"layer 0 1 2147483639 relu\nweights 1.0\nbias 1.0\n", "7", "must hold 2147483639 values, found 1"},
                {"layer 0 99999999999999999999 1 relu\nweights 1.0\nbias 1.0\n", "6", "must be at most"},
                {"layer 0 2147483648 1 relu\nweights 1.0\nbias 1.0\n", "6", "must be between 1 and 2147483639"},
        };
        for (String[] c : cases) {
            String file = withChecksum("mlp-model 1\nlayers 1\nloss none\nscaling none\nmetadata 0\n" + c[0]);
            assertProblem(rejected(file), Integer.parseInt(c[1]), c[2]);
        }
        String scaling = withChecksum("mlp-model 1\nlayers 1\nloss none\nscaling 2147483639\noffset 1.0\n");
        assertProblem(rejected(scaling), 5, "must hold 2147483639 values, found 1");
        String metadata = withChecksum("mlp-model 1\nlayers 1\nloss none\nscaling none\nmetadata 2147483639\n");
        assertProblem(rejected(metadata), 6, "expected metadata entry 1 of 2147483639");
        String layers = withChecksum("mlp-model 1\nlayers 2147483639\nloss none\nscaling none\nmetadata 0\n"
                + "layer 0 1 1 relu\nweights 1.0\nbias 1.0\n");
        assertProblem(rejected(layers), 9, "found 'crc32");
    }

    @Test
    void everySingleBitFlipIsRejectedWithAModelFormatException() throws IOException {
        byte[] file = bytes(ModelFixtures.smallModel());
        for (int i = 0; i < file.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = file.clone();
                flipped[i] ^= (byte) (1 << bit);
                assertOnlyFormatException(flipped, "bit " + bit + " of byte " + i + " flipped");
            }
        }
    }

    /**
     * Random edits that keep the checksum valid reach every corner of the parser: whatever the
     * result, it is a model or a ModelFormatException, never another exception.
     */
    @Test
    void randomlyEditedFilesWithValidChecksumsFailOnlyWithModelFormatException() throws IOException {
        byte[] body = body(smallFile()).getBytes(StandardCharsets.UTF_8);
        byte[] alphabet = " \n\"\\-+.0123456789eEaxnu_lyrm\t\r\u007f".getBytes(StandardCharsets.ISO_8859_1);
        Random random = new Random(2024);
        for (int trial = 0; trial < 3000; trial++) {
            byte[] mutated = body.clone();
            int edits = 1 + random.nextInt(3);
            for (int k = 0; k < edits; k++) {
                int at = random.nextInt(mutated.length);
                int kind = random.nextInt(4);
                byte b = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
                if (kind == 0) {
                    mutated[at] = b;
                } else if (kind == 1) {
                    mutated = splice(mutated, at, 0, new byte[] {b});
                } else if (kind == 2) {
                    mutated = splice(mutated, at, 1, new byte[0]);
                } else {
                    int len = Math.min(1 + random.nextInt(30), mutated.length - at);
                    int to = random.nextInt(mutated.length);
                    mutated = splice(mutated, to, 0, Arrays.copyOfRange(mutated, at, at + len));
                }
            }
            byte[] file = withChecksum(mutated);
            try {
                read(file);
            } catch (ModelFormatException expected) {
                assertTrue(expected.lineNumber() >= 0);
            } catch (Throwable t) {
                fail("trial " + trial + ": " + t + " for\n" + new String(file, StandardCharsets.UTF_8), t);
            }
        }
    }

    private static byte[] splice(byte[] data, int at, int remove, byte[] insert) {
        byte[] out = new byte[data.length - remove + insert.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(data, at + remove, out, at + insert.length, data.length - at - remove);
        return out;
    }

    private static void assertOnlyFormatException(byte[] file, String what) {
        try {
            read(file);
            fail(what + ": the corrupted file was accepted");
        } catch (ModelFormatException expected) {
            assertEquals("test.mlp", expected.sourceName());
        } catch (Throwable t) {
            fail(what + ": expected a ModelFormatException, got " + t, t);
        }
    }
}
