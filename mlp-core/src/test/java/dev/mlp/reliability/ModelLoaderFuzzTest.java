package dev.mlp.reliability;

import dev.mlp.testing.MutationFuzzer;

import dev.mlp.activation.GELU;
import dev.mlp.activation.Identity;
import dev.mlp.activation.LeakyReLU;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Softmax;
import dev.mlp.activation.Tanh;
import dev.mlp.io.ModelFormatException;
import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import dev.mlp.loss.BinaryCrossEntropy;
import dev.mlp.loss.MeanSquaredError;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.model.InputScaling;
import dev.mlp.model.Network;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the model loader ({@link ModelIO#read}) with {@link MutationFuzzer}: whatever the bytes,
 * it returns a model that predicts, or throws a {@link ModelFormatException} naming the source
 * (and the line); never another exception, an allocation sized by a declared count, or a hang.
 * Half of the mutants get a recomputed checksum so that they reach the checks behind it.
 */
class ModelLoaderFuzzTest {

    /** Mutants per CI run; {@code -Dfuzz.iterations} overrides it. */
    static final int CI_MUTANTS = 4000;

    static final String SOURCE = "fuzz.mlp";

    static byte[] bytes(SavedModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelIO.write(out, model);
        return out.toByteArray();
    }

    /** Valid model files with every section (names and target scaling included) and activation the format knows. */
    static List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        Gen g = new Gen(130_000);
        seeds.add(bytes(SavedModel.of(g.network(new int[] {2, 2}, new ReLU(), 1))));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("seed", "42");
        meta.put("note", "tab\there, \"quoted\", back\\slash, é, \u2028, 😀");
        seeds.add(bytes(new SavedModel(Network.of(new int[] {3, 4, 2}, List.of(new LeakyReLU(0.05), new Softmax()),
                new dev.mlp.random.NumpyRandom(3)), new SoftmaxCrossEntropy(),
                new InputScaling(new double[] {0.5, -1, 1e-300}, new double[] {2, 0.25, 1e300}), meta)
                .withInputNames(List.of("a", "b \"quoted\"", "é\n"))
                .withClassNames(List.of("", "class one"))));
        seeds.add(bytes(new SavedModel(Network.of(new int[] {2, 3, 3, 1}, List.of(new Tanh(), new GELU(), new Sigmoid()),
                new dev.mlp.random.NumpyRandom(4)), new BinaryCrossEntropy(), null, Map.of("optimizer", "adam"))));
        seeds.add(bytes(new SavedModel(Network.of(new int[] {1, 2}, List.of(new Softmax()), new dev.mlp.random.NumpyRandom(5)),
                MeanSquaredError.allowingSoftmax(), null, null)));
        seeds.add(bytes(new SavedModel(Network.of(new int[] {4, 1}, List.of(new Identity()), new dev.mlp.random.NumpyRandom(6)),
                new MeanSquaredError(), new InputScaling(new double[] {0, 0, 0, 0}, new double[] {1, 2, 3, 4}), null)
                .withTargetScaling(new InputScaling(new double[] {22.5}, new double[] {-9.25}))));
        return seeds;
    }

    /** Replaces the checksum line (or adds one) so that it matches the bytes before it. */
    static byte[] withFreshChecksum(byte[] file) {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        int at = text.lastIndexOf("crc32 ");
        byte[] body = at >= 0 && (at == 0 || text.charAt(at - 1) == '\n')
                ? java.util.Arrays.copyOf(file, at) : file;
        CRC32 crc = new CRC32();
        crc.update(body);
        return MutationFuzzer.concat(body, String.format("crc32 %08x\n", crc.getValue()).getBytes(StandardCharsets.US_ASCII));
    }

    static void load(byte[] input) throws IOException {
        SavedModel model = ModelIO.read(new ByteArrayInputStream(input), SOURCE);
        Network net = model.network();
        assertTrue(Gen.allFinite(net), "a loaded model holds only finite weights");
        DMatrixRMaj zeros = new DMatrixRMaj(2, net.inputSize());
        try {
            assertEquals(net.outputSize(), model.predict(zeros).numCols);
        } catch (IllegalArgumentException e) {
            // a valid file may hold a scaling that overflows for some inputs: refused, saying so
            assertTrue(e.getMessage().contains("which the input scaling maps to"), e.getMessage());
        }
    }

    static boolean cleanRefusal(Throwable t) {
        return t instanceof ModelFormatException e && e.getMessage().startsWith(SOURCE) && !e.problem().isBlank()
                && e.lineNumber() >= 0;
    }

    @Test
    void mutatedModelFilesLoadOrFailOnlyWithAModelFormatExceptionNamingTheLine() throws IOException {
        List<byte[]> seeds = seeds();
        MutationFuzzer fuzzer = new MutationFuzzer("model-loader", seeds, MutationFuzzer.generic())
                .repairing(ModelLoaderFuzzTest::withFreshChecksum);
        MutationFuzzer.Report report = fuzzer.run(MutationFuzzer.iterations(CI_MUTANTS), ModelLoaderFuzzTest::load,
                ModelLoaderFuzzTest::cleanRefusal);
        assertEquals(report.mutants(), report.accepted() + report.rejected());
        assertTrue(report.rejected() > report.mutants() / 2, report.toString());
        assertTrue(report.accepted() >= seeds.size(), report.toString());
    }

    /**
     * Headers that declare 2^31 layers, values, metadata entries or scaling columns are refused
     * from the input's own length: nothing of the declared size is allocated.
     */
    @Test
    void headersDeclaringHugeSizesAreRefusedWithoutAllocatingThem() {
        String[] headers = {
                "mlp-model 1\nlayers 2147483647\nloss none\nscaling none\nmetadata 0\n",
                "mlp-model 1\nlayers 1\nloss none\nscaling 2147483639\noffset 1.0\nscale 1.0\n",
                "mlp-model 1\nlayers 1\nloss none\nscaling none\nmetadata 2147483639\nmeta \"a\" \"b\"\n",
                "mlp-model 1\nlayers 1\nloss none\nscaling none\nmetadata 0\nlayer 0 2147483639 1 relu\nweights 1.0\n",
                "mlp-model 1\nlayers 1\nloss none\nscaling none\nmetadata 0\nlayer 0 46341 46341 relu\nweights 1.0\n",
                "mlp-model 1\nlayers 1\nloss none\nscaling none\nmetadata 0\nlayer 0 1 2147483639 relu\nweights 1.0\n",
                "mlp-model 1\nlayers 1\nloss none\nscaling none\nmetadata 0\nlayer 0 1 1 relu\nweights 1.0\nbias "
                        + "1.0 ".repeat(1000) + "\n"};
        List<byte[]> seeds = new ArrayList<>();
        for (String h : headers) {
            seeds.add(withFreshChecksum(h.getBytes(StandardCharsets.US_ASCII)));
        }
        // the seeds alone (no mutants), with a budget far below any declared size
        MutationFuzzer.Report report = new MutationFuzzer("model-huge-header", seeds, MutationFuzzer.generic())
                .allocationBudget(1 << 20, 64)
                .run(0, ModelLoaderFuzzTest::load, ModelLoaderFuzzTest::cleanRefusal);
        assertEquals(headers.length, report.rejected());
    }
}
