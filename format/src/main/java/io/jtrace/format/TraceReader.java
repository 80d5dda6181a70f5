package io.jtrace.format;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.jtrace.format.internal.FrameReader;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Trailer;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a trace as a stream of {@link TraceEvent}s, one frame in memory at a time, whatever the
 * file size. The constructor reads the header and checks magic and version; {@link #hasNext()} and
 * {@link #next()} then walk the records. A file that ends early yields every record of its complete
 * frames, then {@code hasNext()} throws {@link TruncatedTraceException} once; damage throws
 * {@link CorruptTraceException}; both name the frame and its byte offset.
 *
 * <pre>{@code
 * try (TraceReader r = TraceReader.open(path)) {
 *     while (r.hasNext()) {
 *         TraceEvent e = r.next();
 *     }
 * }
 * }</pre>
 */
public final class TraceReader implements Closeable {
    private final FrameReader frames;
    private final Header header;
    private byte[] raw;
    private int rawLength;
    private int pos;
    private long frameTime;
    private TraceEvent pending;
    private Trailer trailer;
    private boolean finished;
    private long rawBytes;

    /** Reads from a stream; codec, magic and version are checked before this returns. */
    public TraceReader(InputStream in) throws IOException {
        this.frames = FrameReader.open(in);
        try {
            this.header = readHeader();
        } catch (IOException | RuntimeException e) {
            frames.close();
            throw e;
        }
    }

    public static TraceReader open(Path path) throws IOException {
        return new TraceReader(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
    }

    /** Every record of a file (the header excluded), for tests and small files. */
    public static List<TraceEvent> readAll(Path path) throws IOException {
        try (TraceReader r = open(path)) {
            List<TraceEvent> all = new ArrayList<>();
            while (r.hasNext()) {
                all.add(r.next());
            }
            return all;
        }
    }

    private Header readHeader() throws IOException {
        if (!nextFrame()) {
            throw new CorruptTraceException("not a jtrace trace (no frames)", 0, 0);
        }
        Record first = parseRecord();
        if (first == null || !first.hasHeader() || !FormatVersion.MAGIC.equals(first.getHeader().getMagic())) {
            throw new CorruptTraceException("not a jtrace trace (no header in frame 0)", 0, 0);
        }
        Header h = first.getHeader();
        if (h.getFormatMajor() > FormatVersion.MAJOR) {
            throw new UnsupportedVersionException("trace format " + h.getFormatMajor() + "." + h.getFormatMinor()
                    + " is newer than this reader's " + FormatVersion.current() + "; upgrade jtrace to read it");
        }
        return h;
    }

    /** The header: recording options, host, processes and their fd tables at attach. */
    public Header header() {
        return header;
    }

    public Codec codec() {
        return frames.codec();
    }

    /** The trailer, once reached; empty before the end or when the recording did not stop cleanly. */
    public Optional<Trailer> trailer() {
        return Optional.ofNullable(trailer);
    }

    /** Bytes of the file read so far (compressed). */
    public long bytesRead() {
        return frames.offset();
    }

    /** Bytes of records decompressed so far (for the compression ratio). */
    public long rawBytesRead() {
        return rawBytes;
    }

    /** Index of the frame being read. */
    public long frameIndex() {
        return frames.frameIndex();
    }

    /**
     * True when another record follows.
     *
     * @throws TruncatedTraceException once, after the last whole record of a file without trailer
     * @throws CorruptTraceException   when the next frame or record is damaged
     */
    public boolean hasNext() throws IOException {
        while (pending == null && !finished) {
            if (pos >= rawLength) {
                if (!nextFrame()) {
                    finished = true;
                    if (trailer == null) {
                        throw new TruncatedTraceException("truncated after frame " + frames.frameIndex()
                                + " at byte " + frames.offset() + ": the recording did not stop cleanly (no trailer)",
                                frames.frameIndex(), frames.offset(), false);
                    }
                    break;
                }
                frameTime = 0;
                continue;
            }
            if (trailer != null) {
                throw corrupt("data after the trailer", null);
            }
            Record r = parseRecord();
            frameTime += r.getTimeDelta();
            switch (r.getKindCase()) {
                case KIND_NOT_SET -> { } // a kind from a newer minor version: skipped
                case HEADER -> throw corrupt("a second header", null);
                default -> {
                    if (r.hasTrailer()) {
                        trailer = r.getTrailer();
                    }
                    pending = new TraceEvent(r, frameTime, frames.frameIndex());
                }
            }
        }
        return pending != null;
    }

    /** The next record; call {@link #hasNext()} first. */
    public TraceEvent next() throws IOException {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException("no more records");
        }
        TraceEvent e = pending;
        pending = null;
        return e;
    }

    private boolean nextFrame() throws IOException {
        int n = frames.next();
        if (n < 0) {
            return false;
        }
        raw = frames.raw();
        rawLength = n;
        rawBytes += n;
        pos = 0;
        return true;
    }

    private Record parseRecord() throws CorruptTraceException {
        int length = 0;
        int shift = 0;
        while (true) {
            if (pos >= rawLength) {
                throw corrupt("record length runs past the end of the frame", null);
            }
            byte b = raw[pos++];
            length |= (b & 0x7f) << shift;
            if (b >= 0) {
                break;
            }
            shift += 7;
            if (shift > 28) {
                throw corrupt("malformed record length", null);
            }
        }
        if (length < 0 || length > rawLength - pos) {
            throw corrupt("record of " + Integer.toUnsignedString(length) + " bytes runs past the end of the frame", null);
        }
        try {
            // byte fields alias the frame array (fresh per frame) instead of copying each payload
            CodedInputStream in = CodedInputStream.newInstance(raw, pos, length);
            in.enableAliasing(true);
            Record r = Record.parser().parseFrom(in);
            pos += length;
            return r;
        } catch (InvalidProtocolBufferException e) {
            throw corrupt("invalid record (" + e.getMessage() + ")", e);
        }
    }

    private CorruptTraceException corrupt(String what, Throwable cause) {
        long index = frames.frameIndex();
        long offset = frames.frameOffset();
        return new CorruptTraceException(what + " in frame " + index + " at byte " + offset, index, offset, cause);
    }

    @Override
    public void close() throws IOException {
        frames.close();
    }
}
