package io.jtrace.format.internal;

import io.jtrace.format.Codec;
import io.jtrace.format.CorruptTraceException;
import io.jtrace.format.TraceException;
import io.jtrace.format.TruncatedTraceException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * Reads a trace file frame by frame, checking each frame's metadata, size, checksum and raw length.
 * Nothing is allocated from what a frame claims: its stored bytes are decompressed as they are
 * read, and memory grows only as raw bytes actually come out, up to the claimed raw length.
 *
 * <p>A frame of up to {@link #IN_MEMORY_FRAME_BYTES} raw bytes (every frame a current writer
 * produces) is decompressed whole and fully checked before {@link #next()} returns it. A larger
 * frame (older writers, or a damaged file) is not held: {@link #next()} returns it as a stream,
 * {@link #stream()}, whose checks complete when it has been read to its end.
 */
public final class FrameReader implements Closeable {
    /**
     * Largest raw frame held in memory: a writer's largest frame ({@code TraceWriter.MAX_FRAME_BYTES}
     * of records, then one more record of up to {@code TraceWriter.MAX_RECORD_BYTES}) fits.
     */
    public static final int IN_MEMORY_FRAME_BYTES = 8 << 20;
    /** A frame's raw buffer starts this small and doubles as bytes come out. */
    private static final int FIRST_ALLOCATION = 64 << 10;
    /** A raw buffer larger than this is not kept for the next frame. */
    private static final int KEPT_ALLOCATION = 2 << 20;

    private final InputStream in;
    private final FrameCodec codec;
    private final byte[] prefix;
    private final CRC32C crc = new CRC32C();
    private final byte[] drain = new byte[8192];
    private final byte[] one = new byte[1];
    private final byte[] head = new byte[FrameIndex.HEAD_BYTES];
    private byte[] raw = new byte[0];
    /** A frame's stored bytes, for a codec that decompresses a frame at once. */
    private byte[] stored = new byte[0];
    private long offset;
    private long frameIndex = -1;
    private long frameOffset;
    // the frame being read
    private long index;
    private long start;
    private FrameMeta meta;
    private long storedLeft;
    private boolean storedShort;
    private IOException readError;
    private InputStream decoded;
    private long produced;
    private RawStream stream;
    // the time window outside which indexed frames are skipped unread (format 1.5)
    private long since = Long.MIN_VALUE;
    private long until = Long.MAX_VALUE;
    private boolean windowed;
    private boolean seekable = true;
    private volatile long framesSkipped;
    private volatile long framesDecompressed;

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
     * Skips, from now on, every frame whose {@link FrameIndex} (format 1.5) puts all its records
     * outside {@code [since, until]} (ns from the recording start) and that holds no header,
     * trailer, loss or task record: past the index (the first few stored bytes, {@link
     * FrameCodec#index}), its stored bytes are passed over (a seek on a file) without being
     * decompressed or checked. A frame that is read is decoded from its first stored byte, as
     * without a window. Frames without an index (older writers) are all read.
     */
    public void skipOutside(long since, long until) {
        this.since = since;
        this.until = until;
        this.windowed = since != Long.MIN_VALUE || until != Long.MAX_VALUE;
    }

    /** Frames skipped unread by {@link #skipOutside}. */
    public long framesSkipped() {
        return framesSkipped;
    }

    /** Frames decompressed so far, the header's included. */
    public long framesDecompressed() {
        return framesDecompressed;
    }

    /**
     * The raw bytes of the frame last returned when it is held in memory, valid until the next
     * call of {@link #next()}: the array is reused (records parsed from it copy their byte fields).
     */
    public byte[] raw() {
        return raw;
    }

    /**
     * The raw bytes of the frame last returned when it is too large to be held ({@code null}
     * otherwise). It yields at most the frame's raw length; decompression errors, a file cut short
     * and a checksum mismatch come out of its reads as {@link TraceException}s naming the frame.
     * The checks that need the whole frame run when it has been read to the end, or at the next
     * {@link #next()}.
     */
    public InputStream stream() {
        return stream;
    }

    /**
     * Reads, checks and decompresses the next frame (a frame too large to hold: opens it as a
     * {@link #stream()}), after finishing the checks of a streamed frame before it.
     *
     * @return its raw length, or -1 at the end of the file on a frame boundary
     */
    public int next() throws TraceException {
        if (stream != null) {
            finishStream();
        }
        while (true) {
            index = frameIndex + 1;
            start = offset;
            int n = read(prefix, 0, prefix.length);
            if (n == 0) {
                return -1;
            }
            if (!codec.matchesPrefix(prefix, n)) {
                throw new CorruptTraceException(index == 0
                        ? "not a jtrace trace (" + codec.codec().displayName() + " data without jtrace frame header)"
                        : "bad frame header in frame " + index + " at byte " + start, index, start);
            }
            if (n < prefix.length) {
                throw truncated();
            }
            meta = FrameMeta.readFrom(prefix, codec.metaOffset());
            if (!withinLimit(meta.storedLength()) || !withinLimit(meta.rawLength())) {
                throw new CorruptTraceException("frame " + index + " at byte " + start + " claims "
                        + Math.max(Integer.toUnsignedLong(meta.storedLength()), Integer.toUnsignedLong(meta.rawLength()))
                        + " bytes, over the " + (FrameMeta.MAX_FRAME_BYTES >> 20) + " MiB frame limit", index, start);
            }
            crc.reset();
            storedLeft = meta.storedLength();
            storedShort = false;
            readError = null;
            produced = 0;
            int h = 0;
            if (windowed) {
                // the index (1.5) is the stored bytes' first few bytes, uncompressed
                h = readHead();
                FrameIndex frame = codec.index(head, h);
                if (frame != null && frame.outside(since, until)) {
                    skipStored(storedLeft);
                    framesSkipped++;
                    frameIndex = index;
                    frameOffset = start;
                    continue;
                }
            }
            if (meta.rawLength() <= IN_MEMORY_FRAME_BYTES && codec.decodesWhole()) {
                decodeWhole(h);
                break;
            }
            InputStream bytes = new StoredBytes();
            if (h > 0) {
                bytes = new SequenceInputStream(new ByteArrayInputStream(head, 0, h), bytes);
            }
            try {
                decoded = codec.decoder(prefix, bytes);
            } catch (IOException | RuntimeException e) {
                throw failure("does not decompress: " + e.getMessage(), e);
            }
            if (meta.rawLength() > IN_MEMORY_FRAME_BYTES) {
                stream = new RawStream();
            } else {
                readWhole();
            }
            break;
        }
        framesDecompressed++;
        frameIndex = index;
        frameOffset = start;
        return meta.rawLength();
    }

    /**
     * Reads the first stored bytes of the frame (at most {@link FrameIndex#HEAD_BYTES}, counted
     * into its checksum) into {@link #head}; fewer when the frame is shorter or the file ends.
     */
    private int readHead() throws TraceException {
        int h = 0;
        try {
            while (h < head.length && storedLeft > 0 && !storedShort) {
                int r = readStored(head, h, head.length - h);
                if (r > 0) {
                    h += r;
                }
            }
        } catch (TraceException e) {
            throw e;
        } catch (IOException e) {
            throw readError(e);
        }
        return h;
    }

    /** Passes over a skipped frame's stored bytes: a seek where the stream allows it, reads on a pipe. */
    private void skipStored(long n) throws TraceException {
        try {
            while (n > 0) {
                long s;
                if (seekable) {
                    try {
                        s = in.skip(n);
                    } catch (IOException e) {
                        seekable = false; // a pipe: FileInputStream.skip cannot lseek it
                        continue;
                    }
                } else {
                    s = Math.max(0, in.read(drain, 0, (int) Math.min(n, drain.length)));
                }
                if (s <= 0) {
                    if (in.read() < 0) {
                        throw truncated();
                    }
                    s = 1;
                }
                n -= s;
                offset += s;
            }
        } catch (TraceException e) {
            throw e;
        } catch (IOException e) {
            throw readError(e);
        }
    }

    /** Decompresses the frame into {@link #raw}, growing it as bytes come out, then checks the frame. */
    private void readWhole() throws TraceException {
        int want = meta.rawLength();
        if (raw.length > KEPT_ALLOCATION && want <= KEPT_ALLOCATION) {
            raw = new byte[0];
        }
        int have = 0;
        try {
            while (have < want) {
                if (have == raw.length) {
                    raw = Arrays.copyOf(raw, (int) Math.min(want, Math.max(FIRST_ALLOCATION, 2L * raw.length)));
                }
                int r = decoded.read(raw, have, Math.min(raw.length, want) - have);
                if (r < 0) {
                    break;
                }
                have += r;
            }
            produced = have;
            if (have < want) {
                throw failure("decompresses to fewer than its " + want + " bytes", null);
            }
            if (decoded.read() >= 0) {
                throw failure("decompresses to more than its " + want + " bytes", null);
            }
        } catch (TraceException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw failure("does not decompress: " + e.getMessage(), e);
        }
        checkStored();
    }

    /**
     * Reads the frame's stored bytes whole (after the {@code h} already in {@link #head}), checks them, then
     * decompresses them at once into {@link #raw}. The stored buffer grows as bytes arrive: a frame's claim
     * allocates nothing the file does not hold.
     */
    private void decodeWhole(int h) throws TraceException {
        int storedLength = meta.storedLength();
        if (stored.length > KEPT_ALLOCATION && storedLength <= KEPT_ALLOCATION) {
            stored = new byte[0];
        }
        if (stored.length < h) {
            stored = new byte[Math.max(h, FIRST_ALLOCATION)];
        }
        System.arraycopy(head, 0, stored, 0, h);
        int have = h;
        try {
            while (have < storedLength) {
                if (have == stored.length) {
                    stored = Arrays.copyOf(stored, (int) Math.min(storedLength, Math.max(FIRST_ALLOCATION, 2L * stored.length)));
                }
                int r = readStored(stored, have, Math.min(stored.length, storedLength) - have);
                if (r < 0) {
                    break;
                }
                have += r;
            }
        } catch (TraceException e) {
            throw e;
        } catch (IOException e) {
            throw readError(e);
        }
        checkStored();
        int want = meta.rawLength();
        if (raw.length < want || raw.length > KEPT_ALLOCATION && want <= KEPT_ALLOCATION) {
            raw = new byte[Math.max(want, FIRST_ALLOCATION)];
        }
        int n;
        try {
            n = codec.decodeWhole(stored, storedLength, raw, want);
        } catch (IOException | RuntimeException e) {
            throw failure("does not decompress: " + e.getMessage(), e);
        }
        if (n == FrameCodec.MORE) {
            throw failure("decompresses to more than its " + want + " bytes", null);
        }
        produced = n;
        if (n < want) {
            throw failure("decompresses to fewer than its " + want + " bytes", null);
        }
    }

    /** The checks of a streamed frame that need all of it: nothing more comes out, stored bytes whole and intact. */
    private void finishStream() throws TraceException {
        stream = null;
        try {
            if (produced < meta.rawLength()) {
                throw failure("ends before its " + meta.rawLength() + " bytes were read", null);
            }
            if (decoded.read() >= 0) {
                throw failure("decompresses to more than its " + meta.rawLength() + " bytes", null);
            }
        } catch (TraceException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw failure("does not decompress: " + e.getMessage(), e);
        }
        checkStored();
    }

    /** Reads what the decompressor left of the stored bytes, then checks that they were all there and intact. */
    private void checkStored() throws TraceException {
        drainStored();
        if (readError != null) {
            throw readError(readError);
        }
        if (storedShort) {
            throw truncated();
        }
        if ((int) crc.getValue() != meta.crc32c()) {
            throw new CorruptTraceException("checksum mismatch in frame " + index + " at byte " + start, index, start);
        }
    }

    /**
     * The error for a frame that failed to decompress: a file cut short or a checksum mismatch
     * explains the failure better than the decompressor can, so those are looked for first.
     */
    private TraceException failure(String what, Throwable cause) {
        if (cause instanceof TraceException t) {
            return t;
        }
        drainStored();
        if (readError != null) {
            return readError(readError);
        }
        if (storedShort) {
            return truncated();
        }
        if ((int) crc.getValue() != meta.crc32c()) {
            return new CorruptTraceException("checksum mismatch in frame " + index + " at byte " + start, index, start);
        }
        return new CorruptTraceException("frame " + index + " at byte " + start + " " + what, index, start, cause);
    }

    private void drainStored() {
        try {
            while (storedLeft > 0 && !storedShort && readError == null) {
                readStored(drain, 0, drain.length);
            }
        } catch (IOException e) {
            // kept in readError
        }
    }

    /** Reads up to {@code len} stored bytes of the current frame, counting them into the checksum. */
    private int readStored(byte[] dst, int off, int len) throws IOException {
        if (storedLeft == 0) {
            return -1;
        }
        int n;
        try {
            n = in.read(dst, off, (int) Math.min(len, storedLeft));
        } catch (IOException e) {
            readError = e;
            throw readError(e);
        }
        if (n < 0) {
            storedShort = true;
            return -1;
        }
        crc.update(dst, off, n);
        storedLeft -= n;
        offset += n;
        return n;
    }

    private static boolean withinLimit(int length) {
        return length >= 0 && length <= FrameMeta.MAX_FRAME_BYTES;
    }

    private int read(byte[] dst, int off, int len) throws TraceException {
        try {
            int n = in.readNBytes(dst, off, len);
            offset += n;
            return n;
        } catch (IOException e) {
            throw readError(e);
        }
    }

    private TraceException readError(IOException e) {
        return e instanceof TraceException t ? t
                : new TraceException("read error in frame " + index + " at byte " + start + ": " + e.getMessage(),
                        index, start, e);
    }

    private TruncatedTraceException truncated() {
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

    /** The current frame's stored bytes, as the codec's decompressor reads them. */
    private final class StoredBytes extends InputStream {
        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return len == 0 ? 0 : readStored(b, off, len);
        }
    }

    /** The raw bytes of a frame too large to hold, at most its raw length; failures name the frame. */
    private final class RawStream extends InputStream {
        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            long left = meta.rawLength() - produced;
            if (left == 0) {
                return -1;
            }
            int n;
            try {
                n = decoded.read(b, off, (int) Math.min(len, left));
            } catch (TraceException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw failure("does not decompress: " + e.getMessage(), e);
            }
            if (n < 0) {
                throw failure("decompresses to fewer than its " + meta.rawLength() + " bytes", null);
            }
            produced += n;
            return n;
        }
    }
}
