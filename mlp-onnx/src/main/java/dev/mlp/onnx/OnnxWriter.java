package dev.mlp.onnx;

import dev.mlp.activation.Activation;
import dev.mlp.activation.GELU;
import dev.mlp.activation.Identity;
import dev.mlp.activation.LeakyReLU;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Softmax;
import dev.mlp.activation.Tanh;
import dev.mlp.io.SavedModel;
import dev.mlp.model.DenseLayer;
import dev.mlp.model.InputScaling;
import dev.mlp.model.Network;
import org.ejml.data.DMatrixRMaj;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.mlp.onnx.OnnxSchema.*;

/**
 * Builds the ONNX graph of a {@link SavedModel} (docs/onnx.md, "Export"): the input scaling as
 * Sub and Div, each layer as one Gemm and its activation, every weight an initializer in
 * little-endian raw data of the chosen precision.
 */
final class OnnxWriter {

    /** 1/√2 as {@link GELU} computes it. */
    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);

    /** Chebyshev coefficients of erf(a)/a in s = a²/2 - 1, a in [0, 2] (tools/erf_coefficients.py). */
    private static final double[] ERF_NEAR = {
        0.7415552820424018, -0.30107107338659495, 0.06899483068983156, -0.013916271264722188,
        0.0024207995224334636, -0.0003658639685848086, 4.862098443231905e-05, -5.749256558035685e-06,
        6.113243578434765e-07, -5.8991015312958435e-08, 5.2070090920686485e-09, -4.2329758799655433e-10,
        3.188113506649175e-11, -2.2361550188326843e-12, 1.467329847991085e-13, -9.044001985381747e-15,
        5.254813715470919e-16, -2.887426122284945e-17, 1.5047851875576326e-18};

    /** Chebyshev coefficients of erfc(a) e^(a²) in s = a/2 - 2, a in [2, 6] (tools/erf_coefficients.py). */
    private static final double[] ERF_FAR = {
        0.15454893254411423, -0.07674006034821483, 0.01849487416970198, -0.004337233595514166,
        0.0009916839077238056, -0.00022144890703087983, 4.836760032122529e-05, -1.034609832664543e-05,
        2.1698719431920526e-06, -4.4664937548784355e-07, 9.031674382673662e-08, -1.7955339488870227e-08,
        3.5120800624763815e-09, -6.763532420163472e-10, 1.2831846446281688e-10, -2.3997023709710498e-11,
        4.425938010116817e-12, -8.054583827182102e-13, 1.446990739131772e-13, -2.5671711791155715e-14,
        4.4996611900036674e-15, -7.794698095368654e-16, 1.3349408666510495e-16, -2.261037766429368e-17,
        3.788509196648799e-18, -6.281565197551316e-19};

    private final Precision precision;
    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    /** The scalar constants written so far, by name. */
    private final Map<String, Double> scalars = new java.util.LinkedHashMap<>();

    private OnnxWriter(Precision precision) {
        this.precision = precision;
    }

    /**
     * The model's ONNX bytes.
     *
     * @throws IllegalArgumentException if a weight, bias, offset or scale is not finite, or a layer
     *                                  has an activation this module cannot write
     */
    static byte[] encode(SavedModel model, Precision precision) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        if (precision == null) {
            throw new IllegalArgumentException("precision must not be null");
        }
        Network network = model.network();
        checkExportable(network);
        OnnxWriter w = new OnnxWriter(precision);
        List<Pending> pending = w.graph(network, model.scaling(), model.targetScaling());
        ProtoWriter graph = new ProtoWriter();
        for (Pending node : pending) {
            graph.message(GRAPH_NODE, node.encode());
        }
        graph.string(GRAPH_NAME, "mlp");
        for (ProtoWriter init : w.initializers) {
            graph.message(GRAPH_INITIALIZER, init);
        }
        graph.message(GRAPH_INPUT, w.valueInfo(Onnx.INPUT_NAME, network.inputSize()));
        graph.message(GRAPH_OUTPUT, w.valueInfo(Onnx.OUTPUT_NAME, network.outputSize()));

        ProtoWriter onnx = new ProtoWriter();
        onnx.varint(MODEL_IR_VERSION, Onnx.IR_VERSION);
        onnx.string(MODEL_PRODUCER_NAME, Onnx.PRODUCER_NAME);
        String version = OnnxWriter.class.getPackage().getImplementationVersion();
        if (version != null) {
            onnx.string(MODEL_PRODUCER_VERSION, version);
        }
        onnx.message(MODEL_GRAPH, graph);
        onnx.message(MODEL_OPSET_IMPORT, new ProtoWriter().string(OPSET_DOMAIN, "").varint(OPSET_VERSION, Onnx.OPSET));
        for (Map.Entry<String, String> e : model.metadata().entrySet()) {
            onnx.message(MODEL_METADATA_PROPS, new ProtoWriter().string(ENTRY_KEY, e.getKey())
                    .string(ENTRY_VALUE, e.getValue()));
        }
        return onnx.toByteArray();
    }

    /**
     * The nodes export writes for GELU (or, with {@code leaky}, for a leaky ReLU of slope NaN: any
     * slope) on a value named {@code z}, with the scalar constants they read, for import to
     * recognise export's own graphs.
     */
    static Template template(boolean leaky, Precision precision) {
        OnnxWriter w = new OnnxWriter(precision);
        List<Pending> nodes = new ArrayList<>();
        if (leaky) {
            w.leakyRelu(nodes, Double.NaN, "t", "z");
        } else {
            w.gelu(nodes, "t", "z");
        }
        return new Template(nodes, w.scalars);
    }

    /** Nodes on the value "z", and the constants they read by name. */
    record Template(List<Pending> nodes, Map<String, Double> scalars) {
    }

    private static void checkExportable(Network network) {
        for (int l = 0; l < network.layers().size(); l++) {
            DenseLayer layer = network.layer(l);
            Activation f = layer.activation();
            if (!(f instanceof ReLU || f instanceof Sigmoid || f instanceof Tanh || f instanceof Softmax
                    || f instanceof LeakyReLU || f instanceof GELU || f instanceof Identity)) {
                throw new IllegalArgumentException("layer " + l + " has the activation " + f.name() + " ("
                        + f.getClass().getName() + "), which has no ONNX form here: export takes relu, sigmoid, "
                        + "tanh, softmax, leaky_relu, gelu and identity");
            }
            requireFinite(layer.weights(), "layer " + l + " weights");
            requireFinite(layer.bias(), "layer " + l + " bias");
        }
    }

    private static void requireFinite(DMatrixRMaj m, String what) {
        for (int i = 0; i < m.getNumElements(); i++) {
            if (!Double.isFinite(m.data[i])) {
                throw new IllegalArgumentException(what + " hold " + m.data[i] + " at index " + i
                        + ": only finite weights can be exported");
            }
        }
    }

    /**
     * The nodes, input to output; initializers are collected on the way. A target scaling (a
     * regression trained on scaled targets) is undone after the last layer, y = a · scale + offset,
     * so the graph gives what {@link SavedModel#predict} gives.
     */
    private List<Pending> graph(Network network, InputScaling scaling, InputScaling targetScaling) {
        List<Pending> out = new ArrayList<>();
        String x = Onnx.INPUT_NAME;
        if (scaling != null) {
            x = node(out, "Sub", "scaling_sub", "scaling.centered", x, vector("scaling.offset", scaling.offset()));
            x = node(out, "Div", "scaling_div", "scaling.scaled", x, vector("scaling.scale", scaling.scale()));
        }
        for (int l = 0; l < network.layers().size(); l++) {
            DenseLayer layer = network.layer(l);
            String p = "layer" + l;
            String w = initializer(p + ".weight", new long[] {layer.inputs(), layer.outputs()}, layer.weights().data,
                    layer.weights().getNumElements());
            String b = initializer(p + ".bias", new long[] {layer.outputs()}, layer.bias().data, layer.outputs());
            String z = node(out, "Gemm", p + "_gemm", p + ".z", x, w, b);
            x = activation(out, layer.activation(), p, z);
        }
        if (targetScaling != null) {
            x = node(out, "Mul", "target_mul", "target.scaled", x, vector("target.scale", targetScaling.scale()));
            x = node(out, "Add", "target_add", "target.value", x, vector("target.offset", targetScaling.offset()));
        }
        // the last node's output is the graph's output
        Pending last = out.get(out.size() - 1);
        last.outputs[0] = Onnx.OUTPUT_NAME;
        return out;
    }

    private String activation(List<Pending> out, Activation f, String p, String z) {
        if (f instanceof ReLU) {
            return node(out, "Relu", p + "_relu", p + ".a", z);
        } else if (f instanceof Sigmoid) {
            return node(out, "Sigmoid", p + "_sigmoid", p + ".a", z);
        } else if (f instanceof Tanh) {
            return node(out, "Tanh", p + "_tanh", p + ".a", z);
        } else if (f instanceof Softmax) {
            Pending softmax = new Pending("Softmax", p + "_softmax", p + ".a", z);
            softmax.intAttribute("axis", 1);
            out.add(softmax);
            return softmax.outputs[0];
        } else if (f instanceof LeakyReLU leaky) {
            return leakyRelu(out, leaky.slope(), p, z);
        } else if (f instanceof GELU) {
            return gelu(out, p, z);
        }
        return z; // Identity: the Gemm's output is the layer's
    }

    /**
     * z Φ(z), Φ(z) = 0.5 (1 + erf(z / √2)), in {@link GELU}'s own order of operations. ONNX Runtime
     * has no float64 Erf, so in float64 erf is built from operators that it has
     * ({@link #erf64}).
     */
    private String gelu(List<Pending> out, String p, String z) {
        String scaled = node(out, "Mul", p + "_gelu_scale", p + ".gelu_scaled", z, scalar("gelu.inv_sqrt2", INV_SQRT2));
        String erf = precision == Precision.FLOAT32 ? node(out, "Erf", p + "_gelu_erf", p + ".gelu_erf", scaled)
                : erf64(out, p + "_erf", scaled);
        String plusOne = node(out, "Add", p + "_gelu_add", p + ".gelu_plus_one", erf, scalar("gelu.one", 1.0));
        String cdf = node(out, "Mul", p + "_gelu_half", p + ".gelu_cdf", plusOne, scalar("gelu.half", 0.5));
        return node(out, "Mul", p + "_gelu", p + ".a", z, cdf);
    }

    /**
     * erf(t) = sign(t) E(|t|) within 3.4e-16 of the true erf everywhere (mlp-onnx/tools/erf_coefficients.py,
     * which derives the coefficients and measures that bound), for a = |t|:
     * E = a A(a²/2 - 1) for a &lt; 2, 1 - e^(-a²) B(a/2 - 2) for 2 ≤ a &lt; 6, and 1 beyond, with A and B
     * Chebyshev series evaluated by Clenshaw's recurrence. About 150 nodes, every one of an
     * operator with float64 kernels in ONNX Runtime (Abs, Sign, Mul, Add, Sub, Neg, Exp, Less, Where).
     */
    private String erf64(List<Pending> out, String p, String t) {
        String a = node(out, "Abs", p + "_abs", p + ".a", t);
        String sign = node(out, "Sign", p + "_sign", p + ".sign", t);
        String square = node(out, "Mul", p + "_square", p + ".square", a, a);
        String half = scalar("gelu.half", 0.5);
        String one = scalar("gelu.one", 1.0);
        String sNear = node(out, "Sub", p + "_near_s", p + ".near_s",
                node(out, "Mul", p + "_near_half", p + ".near_half", square, half), one);
        String near = node(out, "Mul", p + "_near", p + ".near", a, clenshaw(out, p + "_near", sNear, "erf.near.c", ERF_NEAR));
        String sFar = node(out, "Sub", p + "_far_s", p + ".far_s",
                node(out, "Mul", p + "_far_half", p + ".far_half", a, half), scalar("erf.two", 2.0));
        String decay = node(out, "Exp", p + "_exp", p + ".exp", node(out, "Neg", p + "_neg", p + ".neg", square));
        String tail = node(out, "Mul", p + "_tail", p + ".tail", decay, clenshaw(out, p + "_far", sFar, "erf.far.c", ERF_FAR));
        String far = node(out, "Sub", p + "_far", p + ".far", one, tail);
        String isNear = node(out, "Less", p + "_is_near", p + ".is_near", a, scalar("erf.two", 2.0));
        String isFar = node(out, "Less", p + "_is_far", p + ".is_far", a, scalar("erf.six", 6.0));
        String farOrOne = node(out, "Where", p + "_far_or_one", p + ".far_or_one", isFar, far, one);
        String e = node(out, "Where", p + "_pick", p + ".pick", isNear, near, farOrOne);
        return node(out, "Mul", p + "_signed", p + ".erf", sign, e);
    }

    /** Σ c_k T_k(s) by Clenshaw: b_k = c_k + 2s b_(k+1) - b_(k+2), the sum c_0 + s b_1 - b_2. */
    private String clenshaw(List<Pending> out, String p, String s, String constant, double[] c) {
        String twoS = node(out, "Add", p + "_two_s", p + ".two_s", s, s);
        String b1 = scalar(constant + (c.length - 1), c[c.length - 1]);
        String b2 = null;
        for (int k = c.length - 2; k >= 0; k--) {
            String product = node(out, "Mul", p + "_m" + k, p + ".m" + k, k == 0 ? s : twoS, b1);
            String difference = b2 == null ? product : node(out, "Sub", p + "_d" + k, p + ".d" + k, product, b2);
            b2 = b1;
            b1 = node(out, "Add", p + "_b" + k, p + ".b" + k, difference, scalar(constant + k, c[k]));
        }
        return b1;
    }

    /**
     * In float32 the LeakyRelu operator. Its alpha is a float attribute, which would round a
     * double slope such as 0.01; so in float64 it is Where(z &gt; 0, z, z · slope) with the slope
     * as a double, which computes exactly what {@link LeakyReLU} does.
     */
    private String leakyRelu(List<Pending> out, double slope, String p, String z) {
        if (precision == Precision.FLOAT32) {
            Pending node = new Pending("LeakyRelu", p + "_leaky_relu", p + ".a", z);
            node.floatAttribute("alpha", (float) slope);
            out.add(node);
            return node.outputs[0];
        }
        String positive = node(out, "Greater", p + "_leaky_positive", p + ".positive", z, scalar("leaky.zero", 0.0));
        String scaled = node(out, "Mul", p + "_leaky_scale", p + ".leaky_scaled", z, scalar(p + ".slope", slope));
        return node(out, "Where", p + "_leaky_relu", p + ".a", positive, z, scaled);
    }

    private static String node(List<Pending> out, String op, String name, String output, String... inputs) {
        Pending node = new Pending(op, name, output, inputs);
        out.add(node);
        return output;
    }

    private String vector(String name, double[] values) {
        return initializer(name, new long[] {values.length}, values, values.length);
    }

    /** A scalar (rank 0) constant, added once however many layers use it. */
    private String scalar(String name, double value) {
        if (!scalars.containsKey(name)) {
            scalars.put(name, value);
            initializer(name, new long[0], new double[] {value}, 1);
        }
        return name;
    }

    private String initializer(String name, long[] dims, double[] values, int count) {
        ProtoWriter t = new ProtoWriter();
        t.packedVarints(TENSOR_DIMS, dims);
        t.varint(TENSOR_DATA_TYPE, precision.dataType());
        t.string(TENSOR_NAME, name);
        t.bytes(TENSOR_RAW_DATA, littleEndian(values, count));
        initializers.add(t);
        return name;
    }

    private byte[] littleEndian(double[] values, int count) {
        boolean single = precision == Precision.FLOAT32;
        ByteBuffer bytes = ByteBuffer.allocate(count * (single ? Float.BYTES : Double.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            if (single) {
                bytes.putFloat((float) values[i]);
            } else {
                bytes.putDouble(values[i]);
            }
        }
        return bytes.array();
    }

    /** A graph input or output: a tensor of the precision's type, [batch, width]. */
    private ProtoWriter valueInfo(String name, int width) {
        ProtoWriter shape = new ProtoWriter()
                .message(SHAPE_DIM, new ProtoWriter().string(DIM_PARAM, Onnx.BATCH_DIMENSION))
                .message(SHAPE_DIM, new ProtoWriter().varint(DIM_VALUE, width));
        ProtoWriter tensor = new ProtoWriter().varint(TENSOR_TYPE_ELEM_TYPE, precision.dataType())
                .message(TENSOR_TYPE_SHAPE, shape);
        return new ProtoWriter().string(VALUE_INFO_NAME, name)
                .message(VALUE_INFO_TYPE, new ProtoWriter().message(TYPE_TENSOR_TYPE, tensor));
    }

    /** A node being built: its output may still be renamed to the graph's output. */
    static final class Pending {
        final String op;
        final String name;
        final String[] inputs;
        final String[] outputs;
        final List<ProtoWriter> attributes = new ArrayList<>();

        Pending(String op, String name, String output, String... inputs) {
            this.op = op;
            this.name = name;
            this.inputs = inputs;
            this.outputs = new String[] {output};
        }

        void intAttribute(String attribute, long value) {
            attributes.add(new ProtoWriter().string(ATTR_NAME, attribute).varint(ATTR_I, value)
                    .varint(ATTR_TYPE, ATTR_TYPE_INT));
        }

        void floatAttribute(String attribute, float value) {
            attributes.add(new ProtoWriter().string(ATTR_NAME, attribute).float32(ATTR_F, value)
                    .varint(ATTR_TYPE, ATTR_TYPE_FLOAT));
        }

        ProtoWriter encode() {
            ProtoWriter node = new ProtoWriter();
            for (String input : inputs) {
                node.string(NODE_INPUT, input);
            }
            for (String output : outputs) {
                node.string(NODE_OUTPUT, output);
            }
            node.string(NODE_NAME, name).string(NODE_OP_TYPE, op);
            for (ProtoWriter a : attributes) {
                node.message(NODE_ATTRIBUTE, a);
            }
            return node;
        }
    }
}
