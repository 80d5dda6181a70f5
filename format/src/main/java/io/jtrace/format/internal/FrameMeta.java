package io.jtrace.format.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bytes that describe every frame, whatever the codec, little-endian: the tag "JTRF", the
 * stored (compressed) length, the raw length and a CRC32C of the stored bytes (16 bytes); or,
 * since format 1.5, the tag "JTRT", the same three fields and a {@link FrameIndex} (40 bytes).
 */
public record FrameMeta(int storedLength, int rawLength, int crc32c, FrameIndex index) {
    public static final int SIZE = 16;
    /** Size of the metadata with its time index (tag "JTRT"). */
    public static final int INDEXED_SIZE = SIZE + FrameIndex.SIZE;
    static final int TAG = 0x4652544a; // "JTRF" read little-endian
    static final int INDEXED_TAG = 0x5452544a; // "JTRT"

    /**
     * Frames, stored or raw, larger than this are refused. Current writers stay far below it
     * ({@code TraceWriter.MAX_FRAME_BYTES}); older ones wrote frames up to about 33 MiB, which a
     * reader streams rather than holds ({@link FrameReader#IN_MEMORY_FRAME_BYTES}).
     */
    public static final int MAX_FRAME_BYTES = 64 << 20;

    FrameMeta(int storedLength, int rawLength, int crc32c) {
        this(storedLength, rawLength, crc32c, null);
    }

    static int size(boolean indexed) {
        return indexed ? INDEXED_SIZE : SIZE;
    }

    int size() {
        return size(index != null);
    }

    void writeTo(byte[] dst, int off) {
        ByteBuffer b = ByteBuffer.wrap(dst, off, size()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(index == null ? TAG : INDEXED_TAG).putInt(storedLength).putInt(rawLength).putInt(crc32c);
        if (index != null) {
            b.putLong(index.firstNs()).putLong(index.lastNs()).putInt(index.records()).putInt(index.flags());
        }
    }

    /** Reads metadata at {@code off}; the caller has checked the tag, which says whether an index follows. */
    static FrameMeta readFrom(byte[] src, int off, boolean indexed) {
        ByteBuffer b = ByteBuffer.wrap(src, off + 4, size(indexed) - 4).order(ByteOrder.LITTLE_ENDIAN);
        int stored = b.getInt();
        int raw = b.getInt();
        int crc = b.getInt();
        FrameIndex index = indexed ? new FrameIndex(b.getLong(), b.getLong(), b.getInt(), b.getInt()) : null;
        return new FrameMeta(stored, raw, crc, index);
    }
}
