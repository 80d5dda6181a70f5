package io.jtrace.analyzer.output;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Thrift's compact protocol, writing only: what Parquet's page headers and footer are encoded in. Fields are
 * written in increasing id order within a struct, as the protocol's delta encoding of field ids expects.
 */
final class ThriftCompact {
    static final int BOOLEAN_TRUE = 1;
    static final int BOOLEAN_FALSE = 2;
    static final int I32 = 5;
    static final int I64 = 6;
    static final int BINARY = 8;
    static final int LIST = 9;
    static final int STRUCT = 12;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private final ArrayDeque<Integer> lastIds = new ArrayDeque<>();
    private int lastId;

    byte[] toByteArray() {
        return out.toByteArray();
    }

    ThriftCompact i32(int id, int v) {
        field(id, I32);
        return varint(zigzag(v));
    }

    ThriftCompact i64(int id, long v) {
        field(id, I64);
        return varint(zigzag(v));
    }

    ThriftCompact bool(int id, boolean v) {
        return field(id, v ? BOOLEAN_TRUE : BOOLEAN_FALSE);
    }

    ThriftCompact string(int id, String v) {
        field(id, BINARY);
        return bytes(v.getBytes(StandardCharsets.UTF_8));
    }

    /** A struct field; its fields follow, then {@link #end()}. */
    ThriftCompact struct(int id) {
        field(id, STRUCT);
        return begin();
    }

    /** A list field's header; its {@code size} elements follow (structs: {@link #begin()} ... {@link #end()}). */
    ThriftCompact list(int id, int elementType, int size) {
        field(id, LIST);
        if (size < 15) {
            out.write(size << 4 | elementType);
        } else {
            out.write(0xf0 | elementType);
            varint(size);
        }
        return this;
    }

    /** A struct element of a list, or the top-level struct. */
    ThriftCompact begin() {
        lastIds.push(lastId);
        lastId = 0;
        return this;
    }

    ThriftCompact end() {
        out.write(0);   // STOP
        lastId = lastIds.pop();
        return this;
    }

    /** A struct element of a list encoded on its own (fields and stop). */
    ThriftCompact raw(byte[] struct) {
        out.writeBytes(struct);
        return this;
    }

    /** An i32 element of a list. */
    ThriftCompact i32Element(int v) {
        return varint(zigzag(v));
    }

    /** A string element of a list. */
    ThriftCompact stringElement(String v) {
        return bytes(v.getBytes(StandardCharsets.UTF_8));
    }

    private ThriftCompact field(int id, int type) {
        int delta = id - lastId;
        if (delta > 0 && delta <= 15) {
            out.write(delta << 4 | type);
        } else {
            out.write(type);
            varint(zigzag(id));
        }
        lastId = id;
        return this;
    }

    private ThriftCompact bytes(byte[] b) {
        varint(b.length);
        out.writeBytes(b);
        return this;
    }

    private ThriftCompact varint(long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
        return this;
    }

    private static long zigzag(long v) {
        return v << 1 ^ v >> 63;
    }
}
