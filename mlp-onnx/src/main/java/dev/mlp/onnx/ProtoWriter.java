package dev.mlp.onnx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes one protocol buffers message, field by field, in the wire format of
 * protobuf.dev/programming-guides/encoding: a tag (field number and wire type) as a varint, then
 * a varint, a length-delimited run of bytes, or four or eight little-endian bytes. Fields are
 * written in the order they are added; a nested message is encoded on its own writer and added
 * as bytes. Only what the ONNX messages of {@link OnnxWriter} need is here.
 */
final class ProtoWriter {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private byte[] buf = new byte[64];
    private int size;

    /** An int32, int64 or enum field; negative values take ten bytes, as protobuf writes them. */
    ProtoWriter varint(int field, long value) {
        tag(field, VARINT);
        rawVarint(value);
        return this;
    }

    /** A float field (wire type 5). */
    ProtoWriter float32(int field, float value) {
        tag(field, FIXED32);
        int bits = Float.floatToIntBits(value);
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[size++] = (byte) (bits >>> (8 * i));
        }
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter bytes(int field, byte[] value) {
        return bytes(field, value, value.length);
    }

    /** The first {@code length} bytes of {@code value} as a length-delimited field. */
    ProtoWriter bytes(int field, byte[] value, int length) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(length);
        ensure(length);
        System.arraycopy(value, 0, buf, size, length);
        size += length;
        return this;
    }

    /** A nested message. */
    ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.buf, message.size);
    }

    /** A repeated int64 field, packed (proto3's default encoding). */
    ProtoWriter packedVarints(int field, long[] values) {
        ProtoWriter packed = new ProtoWriter();
        for (long v : values) {
            packed.rawVarint(v);
        }
        return bytes(field, packed.buf, packed.size);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void tag(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    private void rawVarint(long value) {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                if ((long) size + more > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("the ONNX model would be larger than 2 GB, the most a "
                            + "protocol buffers message can hold");
                }
                wanted = Integer.MAX_VALUE - 8;
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }
}
