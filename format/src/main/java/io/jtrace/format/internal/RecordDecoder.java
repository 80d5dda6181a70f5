package io.jtrace.format.internal;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.jtrace.format.CorruptTraceException;
import io.jtrace.format.FormatVersion;
import io.jtrace.format.TraceEvent;
import io.jtrace.format.TruncatedTraceException;
import io.jtrace.format.UnsupportedVersionException;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Record;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Turns frames into records, a frame at a time: undoes the per-frame time deltas and checks that
 * the header comes first and nothing follows the trailer. Not thread-safe: the reader's thread
 * uses it for the header, then the decoding thread ({@link DecodeAhead}) for everything after.
 */
public final class RecordDecoder {
    /**
     * Records per batch. Small enough that the records waiting between two threads stay in the
     * young generation of a 64 MiB heap (whole frames of parsed records did not: they were
     * promoted and cost full collections), large enough that the hand-off costs nothing.
     */
    static final int BATCH = 256;
    private final FrameReader frames;
    private byte[] raw;
    private int rawLength;
    private int pos;
    private long frameTime;
    private boolean trailerSeen;
    private long rawBytes;
    private Predicate<Record> mark;

    public RecordDecoder(FrameReader frames) {
        this.frames = frames;
    }

    /** A test run on every record as it is decoded, its result kept in {@link TraceEvent#marked()}. */
    public void mark(Predicate<Record> test) {
        this.mark = test;
    }

    /** Reads the header frame and checks magic and version. */
    public Header header() throws IOException {
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

    /** Where the decoder stands: what {@code TraceReader}'s counters report. */
    public Position position() {
        return new Position(frames.frameIndex(), frames.offset(), rawBytes);
    }

    /**
     * The next records: up to {@link #BATCH} of the current frame or, when it is used up, of the
     * next frame. A
     * damaged record ends the batch with the error after the records before it; the end of the
     * file gives a last batch, with a {@link TruncatedTraceException} when no trailer came.
     */
    public Batch next() {
        List<TraceEvent> events = new ArrayList<>();
        try {
            if (pos >= rawLength) {
                if (!nextFrame()) {
                    if (!trailerSeen) {
                        throw new TruncatedTraceException("truncated after frame " + frames.frameIndex()
                                + " at byte " + frames.offset() + ": the recording did not stop cleanly (no trailer)",
                                frames.frameIndex(), frames.offset(), false);
                    }
                    return new Batch(events, null, true, position());
                }
                frameTime = 0;
            }
            while (pos < rawLength && events.size() < BATCH) {
                if (trailerSeen) {
                    throw corrupt("data after the trailer", null);
                }
                Record r = parseRecord();
                frameTime += r.getTimeDelta();
                switch (r.getKindCase()) {
                    case KIND_NOT_SET -> { } // a kind from a newer minor version: skipped
                    case HEADER -> throw corrupt("a second header", null);
                    default -> {
                        trailerSeen |= r.hasTrailer();
                        events.add(new TraceEvent(r, frameTime, frames.frameIndex(), mark != null && mark.test(r)));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Batch(events, e, true, position());
        }
        return new Batch(events, null, false, position());
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
            // Byte fields are copied out of the frame: protobuf aliases only input marked immutable
            // (UnsafeByteOperations), and aliasing would let one small buffer a view keeps pin a
            // whole frame, and break readers that index asReadOnlyByteBuffer() from 0.
            CodedInputStream in = CodedInputStream.newInstance(raw, pos, length);
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

    /** The reader's counters after a batch: frame index, file bytes and raw bytes read. */
    public record Position(long frameIndex, long bytesRead, long rawBytes) {
    }

    /**
     * Records decoded together, then possibly the error that stopped decoding; {@code last} when
     * nothing follows (the end of the file, or an error).
     */
    public record Batch(List<TraceEvent> events, Throwable error, boolean last, Position position) {
    }
}
