package io.jtrace.format.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 16 bytes that describe every frame, whatever the codec: the tag "JTRF", the stored
 * (compressed) length, the raw length and a CRC32C of the stored bytes, little-endian.
 */
public record FrameMeta(int storedLength, int rawLength, int crc32c) {
    public static final int SIZE = 16;
    static final int TAG = 0x4652544a; // "JTRF" read little-endian

    /**
     * Frames, stored or raw, larger than this are refused. Current writers stay far below it
     * ({@code TraceWriter.MAX_FRAME_BYTES}); older ones wrote frames up to about 33 MiB, which a
     * reader streams rather than holds ({@link FrameReader#IN_MEMORY_FRAME_BYTES}).
     */
    public static final int MAX_FRAME_BYTES = 64 << 20;

    void writeTo(byte[] dst, int off) {
        ByteBuffer b = ByteBuffer.wrap(dst, off, SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(TAG).putInt(storedLength).putInt(rawLength).putInt(crc32c);
    }

    /** Reads metadata at {@code off}; the caller has checked the tag. */
    static FrameMeta readFrom(byte[] src, int off) {
        ByteBuffer b = ByteBuffer.wrap(src, off + 4, SIZE - 4).order(ByteOrder.LITTLE_ENDIAN);
        return new FrameMeta(b.getInt(), b.getInt(), b.getInt());
    }
}
