package dev.mlp.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static dev.mlp.onnx.OnnxSchema.*;

/** Builds small ONNX models node by node, for the tests of what import accepts and refuses. */
final class TestGraphs {

    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private int opset = 13;

    /** A float32 [batch, width] input named "x". */
    static TestGraphs withInput(int width) {
        return new TestGraphs().input("x", FLOAT, width);
    }

    TestGraphs opset(int version) {
        opset = version;
        return this;
    }

    TestGraphs input(String name, int type, int width) {
        inputs.add(valueInfo(name, type, width));
        return this;
    }

    TestGraphs output(String name, int width) {
        outputs.add(valueInfo(name, FLOAT, width));
        return this;
    }

    /** A node; attributes as name, value pairs (Long: int, Float: float, String: string). */
    TestGraphs node(String op, String name, String[] in, String out, Object... attributes) {
        ProtoWriter n = new ProtoWriter();
        for (String i : in) {
            n.string(NODE_INPUT, i);
        }
        n.string(NODE_OUTPUT, out).string(NODE_NAME, name).string(NODE_OP_TYPE, op);
        for (int i = 0; i < attributes.length; i += 2) {
            ProtoWriter a = new ProtoWriter().string(ATTR_NAME, (String) attributes[i]);
            Object v = attributes[i + 1];
            if (v instanceof Long l) {
                a.varint(ATTR_I, l).varint(ATTR_TYPE, ATTR_TYPE_INT);
            } else if (v instanceof Float f) {
                a.float32(ATTR_F, f).varint(ATTR_TYPE, ATTR_TYPE_FLOAT);
            } else {
                a.string(ATTR_S, (String) v).varint(ATTR_TYPE, ATTR_TYPE_STRING);
            }
            n.message(NODE_ATTRIBUTE, a);
        }
        nodes.add(n);
        return this;
    }

    /** A float32 initializer of the given shape, its values in float_data (not raw). */
    TestGraphs floats(String name, long[] dims, float... values) {
        ProtoWriter t = new ProtoWriter().packedVarints(TENSOR_DIMS, dims).varint(TENSOR_DATA_TYPE, FLOAT)
                .string(TENSOR_NAME, name);
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        t.bytes(TENSOR_FLOAT_DATA, b.array());
        initializers.add(t);
        return this;
    }

    /** A tensor whose data is in an external file. */
    TestGraphs external(String name, long[] dims) {
        initializers.add(new ProtoWriter().packedVarints(TENSOR_DIMS, dims).varint(TENSOR_DATA_TYPE, FLOAT)
                .string(TENSOR_NAME, name).varint(TENSOR_DATA_LOCATION, LOCATION_EXTERNAL));
        return this;
    }

    /** x -> Gemm(w [width, 2], b [2]) -> z: a first layer for the tests to go on from. */
    static TestGraphs dense(int width) {
        float[] w = new float[width * 2];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.25f * (i + 1);
        }
        return withInput(width).floats("w", new long[] {width, 2}, w).floats("b", new long[] {2}, 0.5f, -0.5f)
                .node("Gemm", "gemm", new String[] {"x", "w", "b"}, "z");
    }

    byte[] bytes() {
        ProtoWriter graph = new ProtoWriter();
        nodes.forEach(n -> graph.message(GRAPH_NODE, n));
        graph.string(GRAPH_NAME, "test");
        initializers.forEach(t -> graph.message(GRAPH_INITIALIZER, t));
        inputs.forEach(i -> graph.message(GRAPH_INPUT, i));
        outputs.forEach(o -> graph.message(GRAPH_OUTPUT, o));
        return new ProtoWriter().varint(MODEL_IR_VERSION, 7).message(MODEL_GRAPH, graph)
                .message(MODEL_OPSET_IMPORT, new ProtoWriter().string(OPSET_DOMAIN, "").varint(OPSET_VERSION, opset))
                .toByteArray();
    }

    private static ProtoWriter valueInfo(String name, int type, int width) {
        ProtoWriter shape = new ProtoWriter().message(SHAPE_DIM, new ProtoWriter().string(DIM_PARAM, "batch"))
                .message(SHAPE_DIM, new ProtoWriter().varint(DIM_VALUE, width));
        return new ProtoWriter().string(VALUE_INFO_NAME, name).message(VALUE_INFO_TYPE, new ProtoWriter()
                .message(TYPE_TENSOR_TYPE, new ProtoWriter().varint(TENSOR_TYPE_ELEM_TYPE, type)
                        .message(TENSOR_TYPE_SHAPE, shape)));
    }
}
