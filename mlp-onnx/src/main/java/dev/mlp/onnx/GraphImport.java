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
import dev.mlp.onnx.OnnxReader.Attribute;
import dev.mlp.onnx.OnnxReader.Graph;
import dev.mlp.onnx.OnnxReader.Model;
import dev.mlp.onnx.OnnxReader.Node;
import dev.mlp.onnx.OnnxReader.Tensor;
import dev.mlp.onnx.OnnxReader.ValueInfo;
import dev.mlp.onnx.OnnxWriter.Pending;
import dev.mlp.onnx.OnnxWriter.Template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.mlp.onnx.OnnxSchema.DOUBLE;
import static dev.mlp.onnx.OnnxSchema.FLOAT;
import static dev.mlp.onnx.OnnxSchema.dataTypeName;

/**
 * Reads a graph of dense layers into a {@link SavedModel} (docs/onnx.md, "Import"). It follows
 * the one path from the graph's input to its output, node by node: an optional input scaling
 * (Sub, then Div, by constants), then layers, each a Gemm (or a MatMul and an Add) of constant
 * weights followed by at most one activation; Identity and Flatten pass their input on. An
 * activation is one node (Relu, Sigmoid, Tanh, Softmax, LeakyRelu, Gelu) or one of the
 * decompositions of GELU and leaky ReLU that PyTorch and this module's export write. Any other
 * node, a branch, or a second input or output is refused, naming the node.
 */
final class GraphImport {

    /** The ops an import reads, for messages. */
    static final String SUPPORTED = "Gemm, MatMul and Add, Relu, Sigmoid, Tanh, Softmax, LeakyRelu, Gelu (or "
            + "GELU as x·0.5·(1 + Erf(x/√2))), Identity, Flatten, and Sub and Div at the input";

    private static final double SQRT2 = Math.sqrt(2.0);

    private final String source;
    private final Graph graph;
    private final long opset;
    private final Map<String, Node> constantNodes = new HashMap<>();
    private final Map<String, Tensor> constants = new HashMap<>();
    private final Map<String, List<Node>> consumers = new HashMap<>();
    private final Set<Node> used = new HashSet<>();

    private double[] offset;
    private double[] scale;
    private final List<DenseLayer> layers = new ArrayList<>();
    /** The layer read last, while its activation may still follow. */
    private Layer open;

    private record Layer(int inputs, int outputs, double[] weights, double[] bias, Node node) {
    }

    private GraphImport(String source, Graph graph, long opset) {
        this.source = source;
        this.graph = graph;
        this.opset = opset;
    }

    static SavedModel toModel(Model model, String source) throws OnnxFormatException {
        Long opset = model.opsets().get("");
        if (opset == null) {
            opset = model.opsets().get("ai.onnx");
        }
        if (opset == null || opset < 1) {
            throw new OnnxFormatException(source, "the model imports no opset of the default ONNX domain "
                    + "(opset_import), so its operators have no defined meaning");
        }
        Graph graph = model.graph();
        if (graph.hasSparseInitializers()) {
            throw new OnnxFormatException(source, "the graph has sparse initializers, which this module does not read");
        }
        GraphImport g = new GraphImport(source, graph, opset);
        Network network = g.read();
        InputScaling scaling = g.scaling(network.inputSize());
        return new SavedModel(network, null, scaling, model.metadata());
    }

    private Network read() throws OnnxFormatException {
        for (Tensor t : graph.initializers()) {
            constants.put(t.name(), t);
        }
        for (Node n : graph.nodes()) {
            if (n.opType().equals("Constant") && isDefaultDomain(n)) {
                constantNode(n);
            }
        }
        for (Node n : graph.nodes()) {
            if (constantNodes.containsValue(n)) {
                continue;
            }
            for (String input : n.inputs()) {
                if (!constants.containsKey(input)) {
                    consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(n);
                }
            }
        }
        ValueInfo input = theInput();
        ValueInfo output = theOutput();
        String value = input.name();
        while (true) {
            List<Node> next = unused(consumers.getOrDefault(value, List.of()));
            if (value.equals(output.name())) {
                if (!next.isEmpty()) {
                    throw refuse(next.get(0), "it reads the graph's output '" + value
                            + "'; mlp imports a chain of layers whose last value is the output");
                }
                break;
            }
            if (next.isEmpty()) {
                throw new OnnxFormatException(source, "the value '" + value + "' is read by no node and is not the "
                        + "graph's output '" + output.name() + "'");
            }
            value = step(value, next);
        }
        close(new Identity());
        for (Node n : graph.nodes()) {
            if (!used.contains(n) && !constantNodes.containsValue(n)) {
                throw refuse(n, "it is not on the path from the graph's input to its output");
            }
        }
        if (layers.isEmpty()) {
            throw new OnnxFormatException(source, "the graph has no dense layer (Gemm, or MatMul and Add)");
        }
        Network network = Network.fromLayers(layers);
        checkWidth(input, network.inputSize(), "input");
        checkWidth(output, network.outputSize(), "output");
        return network;
    }

    /** Reads the node(s) that take {@code value}; returns the value they give. */
    private String step(String value, List<Node> next) throws OnnxFormatException {
        if (open != null) {
            Match m = activationPattern(value);
            if (m != null) {
                used.addAll(m.nodes());
                close(m.activation());
                return m.output();
            }
        }
        Node n = next.get(0);
        if (next.size() > 1) {
            throw refuse(n, "the value '" + value + "' it reads is also read by " + next.get(1).describe()
                    + "; mlp imports a chain of layers without branches");
        }
        if (!isDefaultDomain(n)) {
            throw refuse(n, "its domain '" + n.domain() + "' is not the default ONNX domain");
        }
        if (n.outputs().size() != 1) {
            throw refuse(n, "it has " + n.outputs().size() + " outputs; mlp reads nodes of one output");
        }
        used.add(n);
        String out = n.outputs().get(0);
        switch (n.opType()) {
            case "Identity" -> attributes(n);
            case "Flatten" -> {
                attributes(n, "axis");
                long axis = intAttribute(n, "axis", 1);
                if (axis != 1 && axis != -1) {
                    throw refuse(n, "its axis is " + axis + "; only Flatten of axis 1 leaves a [batch, features] "
                            + "tensor as it is");
                }
            }
            case "Sub", "Div" -> scalingStep(n, value);
            case "Gemm" -> gemm(n, value);
            case "MatMul" -> {
                return matMul(n, value);
            }
            case "Relu" -> activation(n, new ReLU());
            case "Sigmoid" -> activation(n, new Sigmoid());
            case "Tanh" -> activation(n, new Tanh());
            case "Softmax" -> {
                attributes(n, "axis");
                long axis = intAttribute(n, "axis", opset >= 13 ? -1 : 1);
                if (axis != 1 && axis != -1) {
                    throw refuse(n, "its axis is " + axis + "; mlp's softmax is over the features (axis 1 or -1)");
                }
                activation(n, new Softmax());
            }
            case "LeakyRelu" -> {
                attributes(n, "alpha");
                // ONNX keeps alpha as a float, rounding the slope the model was made with (PyTorch's
                // 0.1 becomes 0.100000001490116); the float's shortest decimal gives that slope back
                double alpha = Double.parseDouble(Float.toString((float) floatAttribute(n, "alpha", 0.01f)));
                if (!(alpha >= 0 && alpha < 1)) {
                    throw refuse(n, "its alpha is " + alpha + "; mlp's leaky ReLU takes a slope in [0, 1)");
                }
                activation(n, new LeakyReLU(alpha));
            }
            case "Gelu" -> {
                attributes(n, "approximate");
                String approximate = stringAttribute(n, "approximate", "none");
                if (!approximate.equals("none")) {
                    throw refuse(n, "its approximate is '" + approximate + "'; mlp's GELU is the exact (erf) form");
                }
                activation(n, new GELU());
            }
            default -> throw refuse(n, "mlp imports " + SUPPORTED);
        }
        return out;
    }

    private void activation(Node n, Activation f) throws OnnxFormatException {
        if (open == null) {
            throw refuse(n, layers.isEmpty() ? "it comes before the first dense layer"
                    : "it follows another activation; a layer takes at most one");
        }
        if (!n.opType().equals("LeakyRelu") && !n.opType().equals("Softmax") && !n.opType().equals("Gelu")) {
            attributes(n);
        }
        close(f);
    }

    /** Ends the open layer, if any, with its activation. */
    private void close(Activation f) {
        if (open == null) {
            return;
        }
        DenseLayer layer = new DenseLayer(open.inputs(), open.outputs(), f);
        System.arraycopy(open.weights(), 0, layer.weights().data, 0, open.weights().length);
        System.arraycopy(open.bias(), 0, layer.bias().data, 0, open.bias().length);
        layers.add(layer);
        open = null;
    }

    /** Sub (the offset) then Div (the scale) by constants, before any layer. */
    private void scalingStep(Node n, String value) throws OnnxFormatException {
        attributes(n);
        if (open != null || !layers.isEmpty()) {
            throw refuse(n, "mlp reads Sub and Div only as the input scaling, before the first layer");
        }
        if (n.inputs().size() != 2 || !n.inputs().get(0).equals(value) || !constants.containsKey(n.inputs().get(1))) {
            throw refuse(n, "the input scaling is (x - offset) / scale: x first, then a constant");
        }
        double[] c = vector(n, n.inputs().get(1), n.opType().equals("Sub") ? "offset" : "scale");
        if (n.opType().equals("Sub")) {
            if (offset != null || scale != null) {
                throw refuse(n, "the input scaling is one Sub, then one Div");
            }
            offset = c;
        } else {
            if (scale != null) {
                throw refuse(n, "the input scaling is one Sub, then one Div");
            }
            for (int i = 0; i < c.length; i++) {
                if (c[i] == 0) {
                    throw refuse(n, "it divides by zero (entry " + i + " of '" + n.inputs().get(1) + "')");
                }
            }
            scale = c;
        }
    }

    private InputScaling scaling(int width) throws OnnxFormatException {
        if (offset == null && scale == null) {
            return null;
        }
        return new InputScaling(fit(offset == null ? new double[] {0} : offset, width, "offset"),
                fit(scale == null ? new double[] {1} : scale, width, "scale"));
    }

    private double[] fit(double[] v, int width, String what) throws OnnxFormatException {
        if (v.length == width) {
            return v;
        }
        if (v.length == 1) {
            double[] full = new double[width];
            Arrays.fill(full, v[0]);
            return full;
        }
        throw new OnnxFormatException(source, "the input scaling's " + what + " has " + v.length
                + " values but the first layer takes " + width + " inputs");
    }

    /** Gemm: Y = alpha · A · B' + beta · C, B' = B or Bᵀ. */
    private void gemm(Node n, String value) throws OnnxFormatException {
        attributes(n, "alpha", "beta", "transA", "transB");
        if (n.inputs().size() < 2 || n.inputs().size() > 3 || !n.inputs().get(0).equals(value)) {
            throw refuse(n, "mlp reads Gemm(x, weights[, bias]) with x the previous layer's output");
        }
        if (intAttribute(n, "transA", 0) != 0) {
            throw refuse(n, "its transA is set; mlp reads Gemm on untransposed rows");
        }
        boolean transB = intAttribute(n, "transB", 0) != 0;
        double alpha = floatAttribute(n, "alpha", 1f);
        double beta = floatAttribute(n, "beta", 1f);
        Layer layer = denseLayer(n, n.inputs().get(1), transB);
        if (alpha != 1) {
            for (int i = 0; i < layer.weights().length; i++) {
                layer.weights()[i] *= alpha;
            }
        }
        if (n.inputs().size() == 3 && !n.inputs().get(2).isEmpty()) {
            double[] bias = bias(n, n.inputs().get(2), layer.outputs());
            for (int i = 0; i < bias.length; i++) {
                layer.bias()[i] = beta * bias[i];
            }
        }
        open(layer);
    }

    /** MatMul by constant weights, and the Add of a constant bias if one follows. */
    private String matMul(Node n, String value) throws OnnxFormatException {
        attributes(n);
        if (n.inputs().size() != 2 || !n.inputs().get(0).equals(value)) {
            throw refuse(n, "mlp reads MatMul(x, weights) with x the previous layer's output");
        }
        Layer layer = denseLayer(n, n.inputs().get(1), false);
        String out = n.outputs().get(0);
        List<Node> next = unused(consumers.getOrDefault(out, List.of()));
        if (next.size() == 1 && next.get(0).opType().equals("Add") && isDefaultDomain(next.get(0))) {
            Node add = next.get(0);
            List<String> in = add.inputs();
            int other = in.size() == 2 && in.get(0).equals(out) ? 1 : in.size() == 2 && in.get(1).equals(out) ? 0 : -1;
            if (other >= 0 && constants.containsKey(in.get(other)) && add.outputs().size() == 1) {
                attributes(add);
                double[] bias = bias(add, in.get(other), layer.outputs());
                System.arraycopy(bias, 0, layer.bias(), 0, bias.length);
                used.add(add);
                out = add.outputs().get(0);
            }
        }
        open(layer);
        return out;
    }

    private void open(Layer layer) throws OnnxFormatException {
        close(new Identity());
        if (!layers.isEmpty() && layers.get(layers.size() - 1).outputs() != layer.inputs()) {
            throw refuse(layer.node(), "its weights take " + layer.inputs() + " inputs but the layer before gives "
                    + layers.get(layers.size() - 1).outputs());
        }
        if (layers.isEmpty() && offset != null && scale != null && offset.length != scale.length
                && offset.length != 1 && scale.length != 1) {
            throw refuse(layer.node(), "the input scaling's offset and scale differ in width");
        }
        open = layer;
    }

    /** The weights as mlp's inputs × outputs, from a constant of shape [in, out] (or [out, in] transposed). */
    private Layer denseLayer(Node n, String name, boolean transposed) throws OnnxFormatException {
        Tensor t = constant(n, name, "weights");
        if (t.dims().length != 2 || t.dims()[0] < 1 || t.dims()[1] < 1) {
            throw refuse(n, "its weights '" + name + "' have the shape " + Arrays.toString(t.dims())
                    + "; a dense layer's are a matrix");
        }
        double[] w = t.values(source, "the weights of " + n.describe());
        int rows = (int) t.dims()[0];
        int cols = (int) t.dims()[1];
        if (!transposed) {
            return new Layer(rows, cols, w, new double[cols], n);
        }
        double[] wt = new double[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                wt[c * rows + r] = w[r * cols + c];
            }
        }
        return new Layer(cols, rows, wt, new double[rows], n);
    }

    /** A bias of shape [out], [1, out], [1] or [] (one value for all). */
    private double[] bias(Node n, String name, int outputs) throws OnnxFormatException {
        Tensor t = constant(n, name, "bias");
        long[] d = t.dims();
        boolean row = d.length == 1 && d[0] == outputs || d.length == 2 && d[0] == 1 && d[1] == outputs;
        boolean single = t.count() == 1 && d.length <= 2;
        if (!row && !single) {
            throw refuse(n, "its bias '" + name + "' has the shape " + Arrays.toString(d) + "; a layer of "
                    + outputs + " outputs takes [" + outputs + "], [1, " + outputs + "] or one value");
        }
        double[] v = t.values(source, "the bias of " + n.describe());
        if (single && outputs != 1) {
            double[] full = new double[outputs];
            Arrays.fill(full, v[0]);
            return full;
        }
        return v;
    }

    /** A per-feature constant: shape [n], [1, n], [1] or []. */
    private double[] vector(Node n, String name, String what) throws OnnxFormatException {
        Tensor t = constant(n, name, what);
        long[] d = t.dims();
        if (!(d.length == 0 || d.length == 1 || d.length == 2 && d[0] == 1)) {
            throw refuse(n, "its " + what + " '" + name + "' has the shape " + Arrays.toString(d)
                    + "; the input scaling takes one value per feature");
        }
        return t.values(source, "the " + what + " of " + n.describe());
    }

    private Tensor constant(Node n, String name, String what) throws OnnxFormatException {
        Tensor t = constants.get(name);
        if (t == null) {
            throw refuse(n, "its " + what + " '" + name + "' is not a constant (an initializer or a Constant node)");
        }
        return t;
    }

    private void constantNode(Node n) throws OnnxFormatException {
        Attribute value = n.attributes().get("value");
        if (n.attributes().size() != 1 || value == null || value.t() == null || n.outputs().size() != 1) {
            throw refuse(n, "mlp reads Constant nodes that hold a tensor in their 'value' attribute");
        }
        constantNodes.put(n.outputs().get(0), n);
        constants.put(n.outputs().get(0), value.t());
        used.add(n);
    }

    // -- activations of several nodes

    private record Match(List<Node> nodes, String output, Activation activation) {
    }

    /**
     * GELU or leaky ReLU written as several nodes on {@code z}: export's float32 and float64 forms,
     * and PyTorch's Div, Erf, Add, Mul, Mul; or null.
     */
    private Match activationPattern(String z) throws OnnxFormatException {
        for (Template t : GELU_TEMPLATES) {
            Match m = match(t, z, new GELU());
            if (m != null) {
                return m;
            }
        }
        return match(LEAKY_TEMPLATE, z, null);
    }

    /** The GELU patterns: export's float32 and float64 ones, and PyTorch's; made once, never changed. */
    private static final List<Template> GELU_TEMPLATES = List.of(OnnxWriter.template(false, Precision.FLOAT32),
            OnnxWriter.template(false, Precision.FLOAT64), torchGelu());

    /** Export's float64 leaky ReLU, of any slope. */
    private static final Template LEAKY_TEMPLATE = OnnxWriter.template(true, Precision.FLOAT64);

    /** torch.onnx.export's GELU (PyTorch 1.13 to 2.x, opsets below 20): x · (1 + erf(x / √2)) · 0.5. */
    private static Template torchGelu() {
        List<Pending> nodes = List.of(
                new Pending("Div", "", "t1", "z", "sqrt2"),
                new Pending("Erf", "", "t2", "t1"),
                new Pending("Add", "", "t3", "t2", "one"),
                new Pending("Mul", "", "t4", "z", "t3"),
                new Pending("Mul", "", "t5", "t4", "half"));
        Map<String, Double> scalars = new LinkedHashMap<>();
        scalars.put("sqrt2", SQRT2);
        scalars.put("one", 1.0);
        scalars.put("half", 0.5);
        return new Template(nodes, scalars);
    }

    /**
     * The nodes of {@code t}, in order, each found among the readers of a value already matched,
     * with its constants (a NaN constant matches any scalar: the leaky ReLU's slope); null unless
     * all are found and no other node reads a value inside the pattern.
     */
    private Match match(Template t, String z, Activation f) throws OnnxFormatException {
        Map<String, String> bound = new HashMap<>();
        bound.put("z", z);
        List<Node> matched = new ArrayList<>();
        double[] captured = {Double.NaN};
        for (Pending step : t.nodes()) {
            String anchor = null;
            for (String in : step.inputs) {
                if (!t.scalars().containsKey(in)) {
                    anchor = bound.get(in);
                    break;
                }
            }
            Node found = null;
            for (Node candidate : unused(consumers.getOrDefault(anchor, List.of()))) {
                if (!matched.contains(candidate) && candidate.opType().equals(step.op) && isDefaultDomain(candidate)
                        && candidate.outputs().size() == 1 && candidate.attributes().isEmpty()
                        && binds(step, candidate, t.scalars(), bound, captured)) {
                    found = candidate;
                    break;
                }
            }
            if (found == null) {
                return null;
            }
            matched.add(found);
            bound.put(step.outputs[0], found.outputs().get(0));
        }
        String output = bound.get(t.nodes().get(t.nodes().size() - 1).outputs[0]);
        // closed: nothing outside the pattern reads z or a value inside it
        for (Node n : matched) {
            for (String in : n.inputs()) {
                for (Node reader : constants.containsKey(in) ? List.<Node>of() : consumers.getOrDefault(in, List.of())) {
                    if (!matched.contains(reader)) {
                        return null;
                    }
                }
            }
        }
        Activation activation = f;
        if (activation == null) {
            double slope = captured[0];
            if (!(slope >= 0 && slope < 1)) {
                throw refuse(matched.get(matched.size() - 1), "its leaky ReLU slope is " + slope
                        + "; mlp's takes a slope in [0, 1)");
            }
            activation = new LeakyReLU(slope);
        }
        return new Match(matched, output, activation);
    }

    /** Whether the candidate's inputs are the step's, in order or (Add, Mul) swapped. */
    private boolean binds(Pending step, Node candidate, Map<String, Double> scalars, Map<String, String> bound,
                          double[] captured) throws OnnxFormatException {
        List<String> in = candidate.inputs();
        if (in.size() != step.inputs.length) {
            return false;
        }
        if (inputsMatch(step.inputs, in, scalars, bound, captured)) {
            return true;
        }
        boolean commutative = step.op.equals("Add") || step.op.equals("Mul");
        return commutative && in.size() == 2
                && inputsMatch(step.inputs, List.of(in.get(1), in.get(0)), scalars, bound, captured);
    }

    private boolean inputsMatch(String[] expected, List<String> actual, Map<String, Double> scalars,
                                Map<String, String> bound, double[] captured) throws OnnxFormatException {
        for (int i = 0; i < expected.length; i++) {
            Double value = scalars.get(expected[i]);
            if (value == null) {
                if (!actual.get(i).equals(bound.get(expected[i]))) {
                    return false;
                }
                continue;
            }
            Tensor c = constants.get(actual.get(i));
            if (c == null || c.count() != 1 || c.dims().length > 2 || (c.dataType() != FLOAT && c.dataType() != DOUBLE)) {
                return false;
            }
            double v = c.values(source, "a constant")[0];
            if (Double.isNaN(value)) {
                if (!Double.isNaN(captured[0]) && captured[0] != v) {
                    return false;
                }
                captured[0] = v;
            } else if (v != value && v != (double) (float) value.doubleValue()) {
                return false;
            }
        }
        return true;
    }

    // -- inputs, outputs, attributes

    private ValueInfo theInput() throws OnnxFormatException {
        List<ValueInfo> inputs = new ArrayList<>();
        for (ValueInfo v : graph.inputs()) {
            if (!constants.containsKey(v.name())) {
                inputs.add(v);
            }
        }
        if (inputs.size() != 1) {
            throw new OnnxFormatException(source, "the graph has " + inputs.size() + " inputs ("
                    + names(inputs) + "); mlp imports a graph of one input");
        }
        return checkTensor(inputs.get(0), "input");
    }

    private ValueInfo theOutput() throws OnnxFormatException {
        if (graph.outputs().size() != 1) {
            throw new OnnxFormatException(source, "the graph has " + graph.outputs().size() + " outputs ("
                    + names(graph.outputs()) + "); mlp imports a graph of one output");
        }
        return checkTensor(graph.outputs().get(0), "output");
    }

    private ValueInfo checkTensor(ValueInfo v, String what) throws OnnxFormatException {
        if (v.elemType() != FLOAT && v.elemType() != DOUBLE) {
            throw new OnnxFormatException(source, "the graph's " + what + " '" + v.name() + "' is "
                    + (v.elemType() < 0 ? "not a tensor" : "a tensor of " + dataTypeName(v.elemType()))
                    + "; mlp imports float32 or float64 tensors");
        }
        if (v.dims() != null && v.dims().length != 2) {
            throw new OnnxFormatException(source, "the graph's " + what + " '" + v.name() + "' has "
                    + v.dims().length + " dimensions; mlp imports [batch, features]");
        }
        return v;
    }

    private void checkWidth(ValueInfo v, int width, String what) throws OnnxFormatException {
        if (v.dims() != null && v.dims()[1] >= 0 && v.dims()[1] != width) {
            throw new OnnxFormatException(source, "the graph's " + what + " '" + v.name() + "' has "
                    + v.dims()[1] + " features but its layers " + (what.equals("input") ? "take " : "give ") + width);
        }
    }

    private static String names(List<ValueInfo> values) {
        List<String> names = new ArrayList<>();
        for (ValueInfo v : values) {
            names.add("'" + v.name() + "'");
        }
        return String.join(", ", names);
    }

    private List<Node> unused(List<Node> nodes) {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes) {
            if (!used.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    private static boolean isDefaultDomain(Node n) {
        return n.domain().isEmpty() || n.domain().equals("ai.onnx");
    }

    /** Refuses an attribute other than those named. */
    private void attributes(Node n, String... known) throws OnnxFormatException {
        for (Attribute a : n.attributes().values()) {
            if (!Arrays.asList(known).contains(a.name())) {
                throw refuse(n, "it has the attribute '" + a.name() + "', which mlp does not read");
            }
            if (a.refersToFunction()) {
                throw refuse(n, "its attribute '" + a.name() + "' refers to a function's attribute");
            }
        }
    }

    private long intAttribute(Node n, String name, long fallback) throws OnnxFormatException {
        return attribute(n, name, fallback, Attribute::i, "integer");
    }

    private double floatAttribute(Node n, String name, float fallback) throws OnnxFormatException {
        return attribute(n, name, fallback, Attribute::f, "float");
    }

    private String stringAttribute(Node n, String name, String fallback) throws OnnxFormatException {
        return attribute(n, name, fallback, Attribute::s, "string");
    }

    /** The attribute's value of one kind, {@code fallback} when the node has no such attribute. */
    private <T> T attribute(Node n, String name, T fallback, java.util.function.Function<Attribute, T> value,
                            String kind) throws OnnxFormatException {
        Attribute a = n.attributes().get(name);
        if (a == null) {
            return fallback;
        }
        T v = value.apply(a);
        if (v == null) {
            throw refuse(n, "its attribute '" + name + "' holds no " + kind);
        }
        return v;
    }

    private OnnxFormatException refuse(Node n, String why) {
        return new OnnxFormatException(source, n.describe() + " is not supported: " + why);
    }
}
