package io.jtrace.analyzer.filter;

import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The array a ByteString's bytes lie in, without a copy, when they lie whole in one: what protobuf's
 * {@link UnsafeByteOperations#unsafeWriteTo} hands over as the ByteString's own (every ByteString the reader makes
 * is one), for a search over the bytes where they lie. The array must not be changed. One per thread: {@link #of}
 * fills it.
 */
final class ByteStringView extends ByteOutput {
    private byte[] array;
    private int offset;
    private int pieces;

    /** Whether {@code data} lies whole in one array: then {@link #array()} and {@link #offset()} say where. */
    boolean of(ByteString data) {
        array = null;
        pieces = 0;
        try {
            UnsafeByteOperations.unsafeWriteTo(data, this);
        } catch (IOException e) {
            pieces = 2;   // not thrown by this output
        }
        if (pieces != 1) {
            array = null;
        }
        return array != null;
    }

    /** The array the last ByteString {@link #of} accepted lies in; the caller must not change it nor keep it. */
    byte[] array() {
        return array;
    }

    /** Where in {@link #array()} its first byte is. */
    int offset() {
        return offset;
    }

    /** Forgets the array (so that it is not kept alive by this view). */
    void clear() {
        array = null;
    }

    @Override
    public void writeLazy(byte[] value, int offset, int length) {
        if (pieces++ == 0) {
            this.array = value;
            this.offset = offset;
        }
    }

    // anything else is not the ByteString's own array (or not one piece): copied by the caller instead
    @Override
    public void write(byte value) {
        pieces += 2;
    }

    @Override
    public void write(byte[] value, int offset, int length) {
        pieces += 2;
    }

    @Override
    public void write(ByteBuffer value) {
        pieces += 2;
    }

    @Override
    public void writeLazy(ByteBuffer value) {
        pieces += 2;
    }
}
