package dev.mlp.onnx;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Decodes one protocol buffers message of a byte array, field by field: {@link #next()} reads a
 * tag, then one of the value methods reads (or {@link #skip()} passes over) its value. Every length
 * is checked against the bytes that are there, so a damaged or hostile input ends in an
 * {@link OnnxFormatException}, never in an unchecked exception or an allocation larger than the
 * input. Groups (wire types 3 and 4, unused since proto2) are refused.
 */
final class ProtoReader {

    private final byte[] buf;
    private final int end;
    private final String source;
    private final String message;
    private int pos;
    private int field;
    private int wireType;

    /** A reader of the whole array, the message called {@code message} in errors. */
    ProtoReader(byte[] buf, String source, String message) {
        this(buf, 0, buf.length, source, message);
    }

    private ProtoReader(byte[] buf, int start, int end, String source, String message) {
        this.buf = buf;
        this.pos = start;
        this.end = end;
        this.source = source;
        this.message = message;
    }

    /** Reads the next tag; false at the end of the message. */
    boolean next() throws OnnxFormatException {
        if (pos >= end) {
            return false;
        }
        long tag = rawVarint();
        field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        if (tag >>> 3 > Integer.MAX_VALUE || field == 0) {
            throw malformed("field number " + (tag >>> 3));
        }
        if (wireType == 3 || wireType == 4 || wireType > 5) {
            throw malformed("wire type " + wireType + " of field " + field);
        }
        return true;
    }

    int field() {
        return field;
    }

    /** A varint field's value (int32, int64 and enums alike); a varint where none belongs is refused. */
    long varint() throws OnnxFormatException {
        expect(ProtoWriter.VARINT);
        return rawVarint();
    }

    /** A float field's value. */
    float float32() throws OnnxFormatException {
        expect(ProtoWriter.FIXED32);
        return Float.intBitsToFloat((int) rawFixed(4));
    }

    String string() throws OnnxFormatException {
        int length = length();
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(buf, pos, length)).toString();
            pos += length;
            return s;
        } catch (CharacterCodingException e) {
            throw malformed("a string of field " + field + " that is not UTF-8");
        }
    }

    byte[] bytes() throws OnnxFormatException {
        int length = length();
        byte[] b = Arrays.copyOfRange(buf, pos, pos + length);
        pos += length;
        return b;
    }

    /** The nested message of this field, as a reader of its own; {@code name} names it in errors. */
    ProtoReader message(String name) throws OnnxFormatException {
        int length = length();
        ProtoReader r = new ProtoReader(buf, pos, pos + length, source, name);
        pos += length;
        return r;
    }

    /**
     * The values of a repeated int64 field: a packed run, or one value (then the field is read
     * once per value).
     */
    long[] varints() throws OnnxFormatException {
        if (wireType != ProtoWriter.LENGTH_DELIMITED) {
            return new long[] {varint()};
        }
        ProtoReader packed = message(message);
        long[] values = new long[16];
        int n = 0;
        while (packed.pos < packed.end) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = packed.rawVarint();
        }
        return Arrays.copyOf(values, n);
    }

    /** The values of a repeated float (4 bytes) or double (8 bytes) field, packed or one value. */
    double[] fixed(int size) throws OnnxFormatException {
        int wire = size == 4 ? ProtoWriter.FIXED32 : ProtoWriter.FIXED64;
        if (wireType == wire) {
            return new double[] {decode(rawFixed(size), size)};
        }
        int length = length();
        if (length % size != 0) {
            throw malformed("a packed run of " + length + " bytes in field " + field + ", not a whole number of "
                    + size + "-byte values");
        }
        double[] values = new double[length / size];
        for (int i = 0; i < values.length; i++) {
            values[i] = decode(rawFixed(size), size);
        }
        return values;
    }

    private static double decode(long bits, int size) {
        return size == 4 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
    }

    /** Passes over this field's value. */
    void skip() throws OnnxFormatException {
        switch (wireType) {
            case ProtoWriter.VARINT -> rawVarint();
            case ProtoWriter.FIXED64 -> rawFixed(8);
            case ProtoWriter.FIXED32 -> rawFixed(4);
            default -> {
                int length = length(); // before pos is read: length() moves pos past the varint
                pos += length;
            }
        }
    }

    private void expect(int wire) throws OnnxFormatException {
        if (wireType != wire) {
            throw malformed("wire type " + wireType + " for field " + field + ", which takes wire type " + wire);
        }
    }

    private int length() throws OnnxFormatException {
        expect(ProtoWriter.LENGTH_DELIMITED);
        long length = rawVarint();
        if (length < 0 || length > end - pos) {
            throw malformed("field " + field + " declares " + Long.toUnsignedString(length) + " bytes, but "
                    + (end - pos) + " remain");
        }
        return (int) length;
    }

    private long rawVarint() throws OnnxFormatException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw malformed("a varint cut off by the end of the message");
            }
            byte b = buf[pos++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw malformed("a varint longer than ten bytes");
    }

    private long rawFixed(int size) throws OnnxFormatException {
        if (end - pos < size) {
            throw malformed("a " + size + "-byte value cut off by the end of the message");
        }
        long bits = 0;
        for (int i = 0; i < size; i++) {
            bits |= (long) (buf[pos++] & 0xFF) << (8 * i);
        }
        return bits;
    }

    private OnnxFormatException malformed(String what) {
        return new OnnxFormatException(source, "not a valid ONNX model (protocol buffers): " + message + " holds " + what);
    }
}
