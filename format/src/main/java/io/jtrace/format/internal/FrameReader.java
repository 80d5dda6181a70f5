package io.jtrace.format.internal;

import io.jtrace.format.Codec;
import io.jtrace.format.CorruptTraceException;
import io.jtrace.format.TraceException;
import io.jtrace.format.TruncatedTraceException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * Reads a trace file frame by frame, checking each frame's metadata, checksum and size before
 * decompressing it. Holds one frame in memory at a time.
 */
public final class FrameReader implements Closeable {
    private final InputStream in;
    private final FrameCodec codec;
    private final byte[] prefix;
    private byte[] stored = new byte[0];
    private byte[] raw = new byte[0];
    private long offset;
    private long frameIndex = -1;
    private long frameOffset;

    private FrameReader(InputStream in, FrameCodec codec) {
        this.in = in;
        this.codec = codec;
        this.prefix = new byte[codec.prefixLength()];
    }

    /** Detects the codec from the first bytes of {@code in}. */
    public static FrameReader open(InputStream in) throws IOException {
        InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in, 1 << 16);
        buffered.mark(16);
        byte[] head = buffered.readNBytes(4);
        buffered.reset();
        if (head.length == 0) {
            throw new CorruptTraceException("empty file, not a jtrace trace", 0, 0);
        }
        for (Codec c : Codec.values()) {
            FrameCodec codec = FrameCodec.of(c);
            // gzip is recognised by its two magic bytes; the frame header check then says more
            if (codec.matchesPrefix(head, Math.min(head.length, c == Codec.GZIP ? 2 : 4))) {
                return new FrameReader(buffered, codec);
            }
        }
        String detected;
        try {
            detected = CompressorStreamFactory.detect(buffered) + "-compressed data";
        } catch (CompressorException | IllegalArgumentException e) {
            detected = "unknown magic " + hex(head);
        }
        throw new CorruptTraceException("not a jtrace trace (" + detected + ")", 0, 0);
    }

    public Codec codec() {
        return codec.codec();
    }

    /** Index of the frame last returned by {@link #next()}, counting from 0. */
    public long frameIndex() {
        return frameIndex;
    }

    /** File offset at which the frame last returned starts. */
    public long frameOffset() {
        return frameOffset;
    }

    /** Bytes of the file consumed so far. */
    public long offset() {
        return offset;
    }

    /**
     * The raw bytes of the frame last returned, valid until the next call of {@link #next()}: the
     * array is reused (records parsed from it copy their byte fields).
     */
    public byte[] raw() {
        return raw;
    }

    /**
     * Reads, checks and decompresses the next frame.
     *
     * @return its raw length, or -1 at the end of the file on a frame boundary
     */
    public int next() throws TraceException {
        long index = frameIndex + 1;
        long start = offset;
        int n = read(prefix, 0, prefix.length, index, start);
        if (n == 0) {
            return -1;
        }
        if (!codec.matchesPrefix(prefix, n)) {
            throw new CorruptTraceException(index == 0
                    ? "not a jtrace trace (" + codec.codec().displayName() + " data without jtrace frame header)"
                    : "bad frame header in frame " + index + " at byte " + start, index, start);
        }
        if (n < prefix.length) {
            throw truncated(index, start);
        }
        FrameMeta meta = FrameMeta.readFrom(prefix, codec.metaOffset());
        if (!withinLimit(meta.storedLength()) || !withinLimit(meta.rawLength())) {
            throw new CorruptTraceException("frame " + index + " at byte " + start + " claims "
                    + Math.max(Integer.toUnsignedLong(meta.storedLength()), Integer.toUnsignedLong(meta.rawLength()))
                    + " bytes, over the " + (FrameMeta.MAX_FRAME_BYTES >> 20) + " MiB frame limit", index, start);
        }
        int frameLength = prefix.length + meta.storedLength();
        if (stored.length < frameLength) {
            stored = new byte[frameLength];
        }
        System.arraycopy(prefix, 0, stored, 0, prefix.length);
        if (read(stored, prefix.length, meta.storedLength(), index, start) < meta.storedLength()) {
            throw truncated(index, start);
        }
        CRC32C crc = new CRC32C();
        crc.update(stored, prefix.length, meta.storedLength());
        if ((int) crc.getValue() != meta.crc32c()) {
            throw new CorruptTraceException("checksum mismatch in frame " + index + " at byte " + start, index, start);
        }
        if (raw.length < meta.rawLength()) {
            raw = new byte[meta.rawLength()];
        }
        int produced;
        try {
            produced = codec.decode(stored, frameLength, raw, meta.rawLength());
        } catch (IOException | RuntimeException e) {
            throw new CorruptTraceException("frame " + index + " at byte " + start + " does not decompress: "
                    + e.getMessage(), index, start, e);
        }
        if (produced != meta.rawLength()) {
            throw new CorruptTraceException("frame " + index + " at byte " + start + " decompresses to "
                    + (produced > meta.rawLength() ? "more" : "fewer") + " than its " + meta.rawLength()
                    + " bytes", index, start);
        }
        frameIndex = index;
        frameOffset = start;
        return meta.rawLength();
    }

    private static boolean withinLimit(int length) {
        return length >= 0 && length <= FrameMeta.MAX_FRAME_BYTES;
    }

    private int read(byte[] dst, int off, int len, long index, long start) throws TraceException {
        try {
            int n = in.readNBytes(dst, off, len);
            offset += n;
            return n;
        } catch (IOException e) {
            throw new TraceException("read error in frame " + index + " at byte " + start + ": " + e.getMessage(),
                    index, start, e);
        }
    }

    private TruncatedTraceException truncated(long index, long start) {
        return new TruncatedTraceException("truncated in frame " + index + " at byte " + start
                + " (file ends at byte " + offset + ")", index, start, true);
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x & 0xff));
        }
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
