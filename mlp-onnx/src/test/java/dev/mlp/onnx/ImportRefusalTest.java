package dev.mlp.onnx;

import dev.mlp.io.SavedModel;
import dev.mlp.testing.MutationFuzzer;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What import accepts besides PyTorch's and export's graphs (MatMul and Add, Gemm's alpha, beta
 * and transposes, float_data, broadcast biases), and what it refuses: every refusal is an
 * {@link OnnxFormatException} whose message names the node, op type and reason, and damaged
 * bytes never end in another exception.
 */
class ImportRefusalTest {

    private static SavedModel read(byte[] bytes) throws Exception {
        return Onnx.read(new ByteArrayInputStream(bytes), "test.onnx");
    }

    private static String refusal(TestGraphs graph) {
        return assertThrows(OnnxFormatException.class, () -> read(graph.bytes())).getMessage();
    }

    @Test
    void matMulAndAddAndGemmOptionsGiveTheSameLayer() throws Exception {
        // Gemm with transB and alpha 2, beta 0.5 and a [1, 2] bias equals MatMul by 2·Wᵀ plus 0.5·b
        TestGraphs gemm = TestGraphs.withInput(3)
                .floats("w", new long[] {2, 3}, 1, 2, 3, 4, 5, 6).floats("b", new long[] {1, 2}, 2, -2)
                .node("Gemm", "g", new String[] {"x", "w", "b"}, "z", "transB", 1L, "alpha", 2f, "beta", 0.5f)
                .node("Relu", "r", new String[] {"z"}, "y").output("y", 2);
        TestGraphs matMul = TestGraphs.withInput(3)
                .floats("w", new long[] {3, 2}, 2, 8, 4, 10, 6, 12).floats("b", new long[] {2}, 1, -1)
                .node("MatMul", "m", new String[] {"x", "w"}, "p").node("Add", "a", new String[] {"b", "p"}, "z")
                .node("Relu", "r", new String[] {"z"}, "y").output("y", 2);
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, -1, 0.5}, {0, 2, -3}});
        DMatrixRMaj a = read(gemm.bytes()).predict(x);
        DMatrixRMaj b = read(matMul.bytes()).predict(x);
        assertArrayEquals(b.data, a.data, 0);
        assertArrayEquals(new double[] {1 * 2 + (-1) * 4 + 0.5 * 6 + 1, 0, 0, 0}, new double[] {a.get(0, 0),
            a.get(1, 0), a.get(1, 1), 0}, 0);
    }

    @Test
    void scalingAtTheInputIsRead() throws Exception {
        SavedModel m = read(TestGraphs.withInput(2).floats("o", new long[] {2}, 1, 2).floats("s", new long[] {}, 4)
                .floats("w", new long[] {2, 1}, 1, 1)
                .node("Sub", "sub", new String[] {"x", "o"}, "c").node("Div", "div", new String[] {"c", "s"}, "d")
                .node("MatMul", "m", new String[] {"d", "w"}, "y").output("y", 1).bytes());
        assertArrayEquals(new double[] {1, 2}, m.scaling().offset(), 0);
        assertArrayEquals(new double[] {4, 4}, m.scaling().scale(), 0);
        assertEquals(2.0, m.predict(new DMatrixRMaj(new double[][] {{5, 6}})).get(0, 0), 0);
    }

    @Test
    void unsupportedNodesAreNamed() {
        assertEquals("test.onnx: node 1 'conv' (Conv) is not supported: mlp imports " + GraphImport.SUPPORTED,
                refusal(TestGraphs.dense(3).node("Conv", "conv", new String[] {"z"}, "y").output("y", 2)));
        assertTrue(refusal(TestGraphs.dense(3).node("Gelu", "gelu", new String[] {"z"}, "y", "approximate", "tanh")
                .output("y", 2)).contains("node 1 'gelu' (Gelu) is not supported: its approximate is 'tanh'"));
        assertTrue(refusal(TestGraphs.dense(3).node("LeakyRelu", "lr", new String[] {"z"}, "y", "alpha", 1.5f)
                .output("y", 2)).contains("node 1 'lr' (LeakyRelu) is not supported: its alpha is 1.5"));
        assertTrue(refusal(TestGraphs.dense(3).node("Softmax", "sm", new String[] {"z"}, "y", "axis", 0L)
                .output("y", 2)).contains("node 1 'sm' (Softmax) is not supported: its axis is 0"));
        assertTrue(refusal(TestGraphs.dense(3).node("Relu", "r1", new String[] {"z"}, "a")
                .node("Relu", "r2", new String[] {"a"}, "y").output("y", 2))
                .contains("node 2 'r2' (Relu) is not supported: it follows another activation"));
        assertTrue(refusal(TestGraphs.withInput(2).node("Relu", "first", new String[] {"x"}, "y").output("y", 2))
                .contains("node 0 'first' (Relu) is not supported: it comes before the first dense layer"));
        assertTrue(refusal(TestGraphs.dense(3).node("Relu", "r", new String[] {"z"}, "a")
                .node("Sigmoid", "s", new String[] {"z"}, "y").output("y", 2))
                .contains("node 1 'r' (Relu) is not supported: the value 'z' it reads is also read by node 2 's'"));
        assertTrue(refusal(TestGraphs.dense(3).node("Relu", "r", new String[] {"z"}, "a", "extra", 1L)
                .output("a", 2)).contains("node 1 'r' (Relu) is not supported: it has the attribute 'extra'"));
        assertTrue(refusal(TestGraphs.withInput(2).floats("w", new long[] {2, 2}, 1, 2, 3, 4)
                .node("Gemm", "g", new String[] {"x", "w"}, "y", "transA", 1L).output("y", 2))
                .contains("node 0 'g' (Gemm) is not supported: its transA is set"));
        // PyTorch's tanh approximation of GELU starts with a Mul that is no pattern's
        assertTrue(refusal(TestGraphs.dense(3).floats("c", new long[] {}, 0.044715f)
                .node("Pow", "pow", new String[] {"z", "c"}, "p").output("p", 2))
                .contains("node 1 'pow' (Pow) is not supported"));
    }

    @Test
    void inputsOutputsAndTensorsOutsideTheSupportedKindsAreRefused() {
        assertTrue(refusal(new TestGraphs().input("x", 7, 2).output("y", 2))
                .contains("the graph's input 'x' is a tensor of int64; mlp imports float32 or float64 tensors"));
        assertTrue(refusal(TestGraphs.withInput(2).input("w", OnnxSchema.FLOAT, 2)
                .node("MatMul", "m", new String[] {"x", "w"}, "y").output("y", 2))
                .contains("the graph has 2 inputs ('x', 'w')"));
        assertTrue(refusal(TestGraphs.withInput(2).external("w", new long[] {2, 2})
                .node("MatMul", "m", new String[] {"x", "w"}, "y").output("y", 2))
                .contains("tensor 'w', the weights of node 0 'm' (MatMul), keeps its data in an external file"));
        assertTrue(refusal(TestGraphs.withInput(3).floats("w", new long[] {2, 2}, 1, 2, 3, 4)
                .node("MatMul", "m", new String[] {"x", "w"}, "y").output("y", 2))
                .contains("the graph's input 'x' has 3 features but its layers take 2"));
        assertTrue(refusal(TestGraphs.withInput(2).floats("w", new long[] {2, 2}, 1, 2, 3)
                .node("MatMul", "m", new String[] {"x", "w"}, "y").output("y", 2))
                .contains("of shape [2, 2] needs 4 values, found 3"));
        assertEquals("test.onnx: not an ONNX model: it holds no graph",
                assertThrows(OnnxFormatException.class, () -> read(new byte[0])).getMessage());
        assertTrue(assertThrows(OnnxFormatException.class,
                () -> read("mlp-model 1\nlayers 2\n".getBytes(StandardCharsets.US_ASCII))).getMessage()
                .startsWith("test.onnx: not a valid ONNX model (protocol buffers): "));
    }

    /** Damaged exports: each mutant is read, or refused with an OnnxFormatException, nothing else. */
    @Test
    void damagedModelsAreReadOrRefusedCleanly() {
        List<byte[]> seeds = List.of(
                Onnx.toBytes(ExportRuntimeTest.model(new dev.mlp.activation.LeakyReLU(), new dev.mlp.activation.Softmax(),
                        true, 5), Precision.FLOAT32),
                Onnx.toBytes(ExportRuntimeTest.model(new dev.mlp.activation.Tanh(), new dev.mlp.activation.Sigmoid(),
                        false, 6), Precision.FLOAT64));
        MutationFuzzer.Report report = new MutationFuzzer("onnx", seeds, MutationFuzzer.generic())
                .run(MutationFuzzer.iterations(400), input -> read(input),
                        t -> t instanceof OnnxFormatException e && e.getMessage().startsWith("test.onnx: ")
                                && !e.problem().isBlank());
        assertTrue(report.rejected() > 0, report.toString());
    }
}
