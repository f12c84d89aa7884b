package dev.mlp.onnx;

/**
 * The field numbers and enum values of the ONNX messages this module writes and reads, from
 * onnx/onnx.proto (github.com/onnx/onnx, Apache License 2.0). Only these fields are used; a
 * reader skips every other field as protocol buffers readers do.
 */
final class OnnxSchema {

    private OnnxSchema() {
    }

    /** ModelProto. */
    static final int MODEL_IR_VERSION = 1;
    static final int MODEL_PRODUCER_NAME = 2;
    static final int MODEL_PRODUCER_VERSION = 3;
    static final int MODEL_DOC_STRING = 6;
    static final int MODEL_GRAPH = 7;
    static final int MODEL_OPSET_IMPORT = 8;
    static final int MODEL_METADATA_PROPS = 14;
    static final int MODEL_FUNCTIONS = 25;

    /** OperatorSetIdProto. */
    static final int OPSET_DOMAIN = 1;
    static final int OPSET_VERSION = 2;

    /** StringStringEntryProto. */
    static final int ENTRY_KEY = 1;
    static final int ENTRY_VALUE = 2;

    /** GraphProto. */
    static final int GRAPH_NODE = 1;
    static final int GRAPH_NAME = 2;
    static final int GRAPH_INITIALIZER = 5;
    static final int GRAPH_INPUT = 11;
    static final int GRAPH_OUTPUT = 12;
    static final int GRAPH_SPARSE_INITIALIZER = 15;

    /** NodeProto. */
    static final int NODE_INPUT = 1;
    static final int NODE_OUTPUT = 2;
    static final int NODE_NAME = 3;
    static final int NODE_OP_TYPE = 4;
    static final int NODE_ATTRIBUTE = 5;
    static final int NODE_DOMAIN = 7;

    /** AttributeProto. */
    static final int ATTR_NAME = 1;
    static final int ATTR_F = 2;
    static final int ATTR_I = 3;
    static final int ATTR_S = 4;
    static final int ATTR_T = 5;
    static final int ATTR_TYPE = 20;
    static final int ATTR_REF_ATTR_NAME = 21;

    /** AttributeProto.AttributeType. */
    static final int ATTR_TYPE_FLOAT = 1;
    static final int ATTR_TYPE_INT = 2;
    static final int ATTR_TYPE_STRING = 3;
    static final int ATTR_TYPE_TENSOR = 4;

    /** ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto and its Dimension. */
    static final int VALUE_INFO_NAME = 1;
    static final int VALUE_INFO_TYPE = 2;
    static final int TYPE_TENSOR_TYPE = 1;
    static final int TENSOR_TYPE_ELEM_TYPE = 1;
    static final int TENSOR_TYPE_SHAPE = 2;
    static final int SHAPE_DIM = 1;
    static final int DIM_VALUE = 1;
    static final int DIM_PARAM = 2;

    /** TensorProto. */
    static final int TENSOR_DIMS = 1;
    static final int TENSOR_DATA_TYPE = 2;
    static final int TENSOR_SEGMENT = 3;
    static final int TENSOR_FLOAT_DATA = 4;
    static final int TENSOR_NAME = 8;
    static final int TENSOR_RAW_DATA = 9;
    static final int TENSOR_DOUBLE_DATA = 10;
    static final int TENSOR_DATA_LOCATION = 14;

    /** TensorProto.DataType. */
    static final int FLOAT = 1;
    static final int DOUBLE = 11;

    /** TensorProto.DataLocation. */
    static final int LOCATION_EXTERNAL = 1;

    /** The names of TensorProto.DataType values, for messages. */
    static String dataTypeName(long type) {
        return switch ((int) type) {
            case 0 -> "undefined";
            case 1 -> "float32";
            case 2 -> "uint8";
            case 3 -> "int8";
            case 4 -> "uint16";
            case 5 -> "int16";
            case 6 -> "int32";
            case 7 -> "int64";
            case 8 -> "string";
            case 9 -> "bool";
            case 10 -> "float16";
            case 11 -> "float64";
            case 12 -> "uint32";
            case 13 -> "uint64";
            case 14 -> "complex64";
            case 15 -> "complex128";
            case 16 -> "bfloat16";
            default -> "data type " + type;
        };
    }
}
