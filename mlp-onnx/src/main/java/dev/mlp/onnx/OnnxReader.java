package dev.mlp.onnx;

import dev.mlp.io.SavedModel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.mlp.onnx.OnnxSchema.*;

/**
 * Decodes the ONNX messages an import needs (ModelProto and what it holds) into plain records,
 * skipping every field the import does not use, then hands the graph to {@link GraphImport}.
 */
final class OnnxReader {

    private final String source;

    private OnnxReader(String source) {
        this.source = source;
    }

    static SavedModel parse(byte[] data, String source) throws OnnxFormatException {
        OnnxReader reader = new OnnxReader(source);
        return GraphImport.toModel(reader.model(data), source);
    }

    /** ModelProto: the parts an import reads. */
    record Model(long irVersion, Map<String, Long> opsets, Graph graph, Map<String, String> metadata,
                 boolean hasFunctions) {
    }

    record Graph(List<Node> nodes, List<Tensor> initializers, List<ValueInfo> inputs, List<ValueInfo> outputs,
                 boolean hasSparseInitializers) {
    }

    record Node(int index, String name, String opType, String domain, List<String> inputs, List<String> outputs,
                Map<String, Attribute> attributes) {

        /** "node 3 'Gemm_0' (Gemm)", as messages name it. */
        String describe() {
            return "node " + index + (name.isEmpty() ? "" : " '" + name + "'") + " (" + opType + ")";
        }
    }

    /** AttributeProto: its name, type and whichever single value it holds. */
    record Attribute(String name, long type, Float f, Long i, String s, Tensor t, boolean refersToFunction) {
    }

    /** TensorProto, its values still encoded. */
    record Tensor(String name, long[] dims, long dataType, double[] floatData, double[] doubleData, byte[] raw,
                  boolean external, boolean segmented) {

        long count() {
            long n = 1;
            for (long d : dims) {
                if (d < 0 || (d > 0 && n > Integer.MAX_VALUE / d)) {
                    return -1;
                }
                n *= d;
            }
            return n;
        }

        /**
         * The values as doubles, row-major.
         *
         * @param what how messages name the tensor ("the weights of node 2 'Gemm_0' (Gemm)")
         */
        double[] values(String source, String what) throws OnnxFormatException {
            String tensor = "tensor" + (name.isEmpty() ? "" : " '" + name + "'") + ", " + what + ",";
            if (external) {
                throw new OnnxFormatException(source, tensor + " keeps its data in an external file, which this "
                        + "module does not read (save the model with its weights inside it)");
            }
            if (segmented) {
                throw new OnnxFormatException(source, tensor + " is split into segments, which this module does not read");
            }
            if (dataType != FLOAT && dataType != DOUBLE) {
                throw new OnnxFormatException(source, tensor + " holds " + dataTypeName(dataType)
                        + " values; weights must be float32 or float64");
            }
            long count = count();
            if (count < 0) {
                throw new OnnxFormatException(source, tensor + " has the shape " + java.util.Arrays.toString(dims)
                        + ", which is negative or too large");
            }
            int size = dataType == FLOAT ? Float.BYTES : Double.BYTES;
            double[] values;
            if (raw != null) {
                if (raw.length != count * size) {
                    throw new OnnxFormatException(source, tensor + " of shape " + java.util.Arrays.toString(dims)
                            + " needs " + count * size + " bytes of raw data, found " + raw.length);
                }
                ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
                values = new double[(int) count];
                for (int i = 0; i < values.length; i++) {
                    values[i] = size == Float.BYTES ? b.getFloat() : b.getDouble();
                }
            } else {
                values = dataType == FLOAT ? floatData : doubleData;
                if (values.length != count) {
                    throw new OnnxFormatException(source, tensor + " of shape " + java.util.Arrays.toString(dims)
                            + " needs " + count + " values, found " + values.length);
                }
            }
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new OnnxFormatException(source, tensor + " holds " + values[i] + " at index " + i
                            + "; only finite weights can be imported");
                }
            }
            return values;
        }
    }

    /** ValueInfoProto of a tensor: its element type and dimensions (-1 for a symbolic or missing one). */
    record ValueInfo(String name, long elemType, long[] dims) {
    }

    private Model model(byte[] data) throws OnnxFormatException {
        ProtoReader r = new ProtoReader(data, source, "the model");
        long ir = -1;
        Map<String, Long> opsets = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        List<byte[]> graphs = new ArrayList<>();
        boolean functions = false;
        while (r.next()) {
            switch (r.field()) {
                case MODEL_IR_VERSION -> ir = r.varint();
                case MODEL_GRAPH -> graphs.add(r.bytes());
                case MODEL_OPSET_IMPORT -> {
                    ProtoReader o = r.message("an opset import");
                    String domain = "";
                    long version = -1;
                    while (o.next()) {
                        switch (o.field()) {
                            case OPSET_DOMAIN -> domain = o.string();
                            case OPSET_VERSION -> version = o.varint();
                            default -> o.skip();
                        }
                    }
                    opsets.put(domain, version);
                }
                case MODEL_METADATA_PROPS -> {
                    ProtoReader e = r.message("a metadata entry");
                    String key = "";
                    String value = "";
                    while (e.next()) {
                        switch (e.field()) {
                            case ENTRY_KEY -> key = e.string();
                            case ENTRY_VALUE -> value = e.string();
                            default -> e.skip();
                        }
                    }
                    metadata.put(key, value);
                }
                case MODEL_FUNCTIONS -> {
                    functions = true;
                    r.skip();
                }
                default -> r.skip();
            }
        }
        if (graphs.isEmpty()) {
            throw new OnnxFormatException(source, "not an ONNX model: it holds no graph");
        }
        // a message field given more than once is the merge of its parts, which is their concatenation
        int total = 0;
        for (byte[] g : graphs) {
            total += g.length;
        }
        ByteBuffer merged = ByteBuffer.allocate(total);
        graphs.forEach(merged::put);
        return new Model(ir, opsets, graph(merged.array()), metadata, functions);
    }

    private Graph graph(byte[] data) throws OnnxFormatException {
        ProtoReader r = new ProtoReader(data, source, "the graph");
        List<Node> nodes = new ArrayList<>();
        List<Tensor> initializers = new ArrayList<>();
        List<ValueInfo> inputs = new ArrayList<>();
        List<ValueInfo> outputs = new ArrayList<>();
        boolean sparse = false;
        while (r.next()) {
            switch (r.field()) {
                case GRAPH_NODE -> nodes.add(node(r.message("node " + nodes.size()), nodes.size()));
                case GRAPH_INITIALIZER -> initializers.add(tensor(r.message("an initializer")));
                case GRAPH_INPUT -> inputs.add(valueInfo(r.message("a graph input")));
                case GRAPH_OUTPUT -> outputs.add(valueInfo(r.message("a graph output")));
                case GRAPH_SPARSE_INITIALIZER -> {
                    sparse = true;
                    r.skip();
                }
                default -> r.skip();
            }
        }
        return new Graph(nodes, initializers, inputs, outputs, sparse);
    }

    private Node node(ProtoReader r, int index) throws OnnxFormatException {
        String name = "";
        String op = "";
        String domain = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        while (r.next()) {
            switch (r.field()) {
                case NODE_INPUT -> inputs.add(r.string());
                case NODE_OUTPUT -> outputs.add(r.string());
                case NODE_NAME -> name = r.string();
                case NODE_OP_TYPE -> op = r.string();
                case NODE_DOMAIN -> domain = r.string();
                case NODE_ATTRIBUTE -> {
                    Attribute a = attribute(r.message("an attribute of node " + index));
                    attributes.put(a.name(), a);
                }
                default -> r.skip();
            }
        }
        return new Node(index, name, op, domain, inputs, outputs, attributes);
    }

    private Attribute attribute(ProtoReader r) throws OnnxFormatException {
        String name = "";
        long type = 0;
        Float f = null;
        Long i = null;
        String s = null;
        Tensor t = null;
        boolean ref = false;
        while (r.next()) {
            switch (r.field()) {
                case ATTR_NAME -> name = r.string();
                case ATTR_TYPE -> type = r.varint();
                case ATTR_F -> f = r.float32();
                case ATTR_I -> i = r.varint();
                case ATTR_S -> s = new String(r.bytes(), java.nio.charset.StandardCharsets.UTF_8);
                case ATTR_T -> t = tensor(r.message("the tensor of attribute '" + name + "'"));
                case ATTR_REF_ATTR_NAME -> {
                    ref = true;
                    r.skip();
                }
                default -> r.skip();
            }
        }
        return new Attribute(name, type, f, i, s, t, ref);
    }

    private Tensor tensor(ProtoReader r) throws OnnxFormatException {
        String name = "";
        List<long[]> dims = new ArrayList<>();
        long type = 0;
        List<double[]> floats = new ArrayList<>();
        List<double[]> doubles = new ArrayList<>();
        byte[] raw = null;
        boolean external = false;
        boolean segmented = false;
        while (r.next()) {
            switch (r.field()) {
                case TENSOR_DIMS -> dims.add(r.varints());
                case TENSOR_DATA_TYPE -> type = r.varint();
                case TENSOR_NAME -> name = r.string();
                case TENSOR_FLOAT_DATA -> floats.add(r.fixed(Float.BYTES));
                case TENSOR_DOUBLE_DATA -> doubles.add(r.fixed(Double.BYTES));
                case TENSOR_RAW_DATA -> raw = r.bytes();
                case TENSOR_DATA_LOCATION -> external = r.varint() == LOCATION_EXTERNAL;
                case TENSOR_SEGMENT -> {
                    segmented = true;
                    r.skip();
                }
                default -> r.skip();
            }
        }
        return new Tensor(name, concat(dims), type, concatDoubles(floats), concatDoubles(doubles), raw, external,
                segmented);
    }

    private ValueInfo valueInfo(ProtoReader r) throws OnnxFormatException {
        String name = "";
        long elemType = -1;
        List<Long> dims = null;
        while (r.next()) {
            if (r.field() == VALUE_INFO_NAME) {
                name = r.string();
            } else if (r.field() == VALUE_INFO_TYPE) {
                ProtoReader type = r.message("the type of '" + name + "'");
                while (type.next()) {
                    if (type.field() != TYPE_TENSOR_TYPE) {
                        type.skip();
                        continue;
                    }
                    ProtoReader tensor = type.message("the tensor type of '" + name + "'");
                    while (tensor.next()) {
                        if (tensor.field() == TENSOR_TYPE_ELEM_TYPE) {
                            elemType = tensor.varint();
                        } else if (tensor.field() == TENSOR_TYPE_SHAPE) {
                            dims = new ArrayList<>();
                            ProtoReader shape = tensor.message("the shape of '" + name + "'");
                            while (shape.next()) {
                                if (shape.field() != SHAPE_DIM) {
                                    shape.skip();
                                    continue;
                                }
                                ProtoReader dim = shape.message("a dimension of '" + name + "'");
                                long value = -1;
                                while (dim.next()) {
                                    if (dim.field() == DIM_VALUE) {
                                        value = dim.varint();
                                    } else {
                                        dim.skip();
                                    }
                                }
                                dims.add(value);
                            }
                        } else {
                            tensor.skip();
                        }
                    }
                }
            } else {
                r.skip();
            }
        }
        long[] d = dims == null ? null : dims.stream().mapToLong(Long::longValue).toArray();
        return new ValueInfo(name, elemType, d);
    }

    private static long[] concat(List<long[]> parts) {
        return parts.stream().flatMapToLong(java.util.Arrays::stream).toArray();
    }

    private static double[] concatDoubles(List<double[]> parts) {
        return parts.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
