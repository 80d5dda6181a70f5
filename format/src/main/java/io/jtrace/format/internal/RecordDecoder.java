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
import io.jtrace.format.TraceWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
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
    /** A batch ends once its records hold this many bytes, so that batches waiting stay small whatever the records. */
    static final int BATCH_BYTES = 1 << 20;
    /**
     * A record this large travels in a batch of its own, decoded only when the reader holds no
     * other batch ({@link Gate}): at most one or two of them are in memory at a time.
     */
    static final int LARGE_RECORD = 256 << 10;
    private final FrameReader frames;
    private final RecordCutter cutter = new RecordCutter(TraceWriter.MAX_RECORD_BYTES);
    private byte[] raw;
    private InputStream stream;
    private byte[] scratch = new byte[0];
    private int rawLength;
    private int pos;
    private int pendingLength = -1;
    private long cutRecords;
    private Gate gate;
    /** Whether the next piece starts a frame (slicing thread). */
    private boolean frameStart;
    /** Time of the last record finished, and whether the trailer came (finishing thread). */
    private long frameTime;
    private boolean trailerSeen;
    private boolean detach;
    private long rawBytes;
    private Predicate<Record> mark;
    private Function<Record, Object> annotate;

    public RecordDecoder(FrameReader frames) {
        this.frames = frames;
    }

    /** A test run on every record as it is decoded, its result kept in {@link TraceEvent#marked()}. */
    public void mark(Predicate<Record> test) {
        this.mark = test;
    }

    /**
     * Has each frame's bytes left to the pieces {@link #slice()} cuts from it, rather than reused
     * for the next frame: for parsing pieces on other threads while slicing goes on.
     */
    public void detach() {
        this.detach = true;
    }

    /** A function run on every record as it is decoded, its result kept in {@link TraceEvent#note()}. */
    public void annotate(Function<Record, Object> f) {
        this.annotate = f;
    }

    /** What decoding waits on before a large record (DecodeAhead: until the reader has released every batch). */
    public void gate(Gate gate) {
        this.gate = gate;
    }

    /** Reads the header frame and checks magic and version. */
    public Header header() throws IOException {
        if (!nextFrame()) {
            throw new CorruptTraceException("not a jtrace trace (no frames)", 0, 0);
        }
        Record first = parseRecord(readLength());
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
        return new Position(frames.frameIndex(), frames.offset(), rawBytes, cutRecords);
    }

    /**
     * The next records, decoded on this thread: up to {@link #BATCH} of the current frame or, when
     * it is used up, of the next frame. A damaged record ends the batch with the error after the
     * records before it; the end of the file gives a last batch, with a
     * {@link TruncatedTraceException} when no trailer came. The same as {@link #slice()}, then
     * {@link #parse}, then {@link #finish}, which {@link DecodeAhead} runs on several threads.
     */
    public Batch next() {
        return finish(parse(slice()));
    }

    /**
     * Reads on to the next records (up to {@link #BATCH} of the current frame or, when it is used
     * up, of the next frame) and marks where each lies, to be parsed by {@link #parse} on any
     * thread. Records of a frame too large to hold, and a record over {@link #LARGE_RECORD}, are
     * parsed here. Call on one thread, in order; when {@code detach}ed, a frame's bytes stay with
     * the pieces that point into them.
     */
    public Piece slice() {
        Piece p = null;
        try {
            if (pos >= rawLength) {
                if (!nextFrame()) {
                    p = new Piece(null, false, frames.frameIndex(), frames.offset(), true);
                    p.position = position();
                    return p;
                }
                frameStart = true;
            }
            p = new Piece(stream == null ? raw : null, frameStart, frames.frameIndex(), frames.frameOffset(), false);
            frameStart = false;
            while (pos < rawLength && p.count < BATCH && p.bytes < BATCH_BYTES) {
                int length = pendingLength >= 0 ? pendingLength : readLength();
                pendingLength = -1;
                boolean large = length > LARGE_RECORD;
                if (large && p.count > 0) {
                    pendingLength = length;   // decoded first in the next batch
                    break;
                }
                if (large && gate != null) {
                    gate.awaitIdle();
                }
                if (stream != null || large) {
                    p.addParsed(parseRecord(length), length);
                } else {
                    p.addSlice(pos, length);
                    pos += length;
                }
                if (large) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            if (p == null) {
                p = new Piece(null, false, frames.frameIndex(), frames.frameOffset(), false);
            }
            p.error = e;
        }
        p.position = position();
        return p;
    }

    /**
     * Parses the records {@link #slice()} marked, and runs the mark test and the annotation on
     * each. Safe on any thread, several pieces at once (as long as the test and the annotation
     * are); a damaged record ends the piece with the error.
     */
    public Piece parse(Piece p) {
        if (p.records == null) {
            p.records = new Record[p.count];
            for (int i = 0; i < p.count; i++) {
                try {
                    p.records[i] = Record.parser().parseFrom(CodedInputStream.newInstance(p.raw, p.offsets[i], p.lengths[i]));
                } catch (InvalidProtocolBufferException e) {
                    p.count = i;
                    p.error = new CorruptTraceException("invalid record (" + e.getMessage() + ") in frame " + p.frameIndex
                            + " at byte " + p.frameOffset, p.frameIndex, p.frameOffset, e);
                    break;
                }
            }
            p.raw = null;
        }
        if (mark != null || annotate != null) {
            p.marks = new boolean[p.count];
            p.notes = annotate == null ? null : new Object[p.count];
            for (int i = 0; i < p.count; i++) {
                p.marks[i] = mark != null && mark.test(p.records[i]);
                if (annotate != null) {
                    p.notes[i] = annotate.apply(p.records[i]);
                }
            }
        }
        return p;
    }

    /**
     * The records of a parsed piece as events, in the file's order: undoes the time deltas, and
     * checks that no second header comes and nothing follows the trailer. Call on one thread, for
     * the pieces in the order {@link #slice()} gave them.
     */
    public Batch finish(Piece p) {
        if (p.frameStart) {
            frameTime = 0;
        }
        List<TraceEvent> events = new ArrayList<>(p.count);
        Throwable error = p.error;
        for (int i = 0; i < p.count; i++) {
            Record r = p.records[i];
            if (trailerSeen) {
                error = corrupt("data after the trailer", null, p.frameIndex, p.frameOffset);
                break;
            }
            frameTime += r.getTimeDelta();
            switch (r.getKindCase()) {
                case KIND_NOT_SET -> { } // a kind from a newer minor version: skipped
                case FRAME_INDEX -> { } // the frame's index (1.5), read before decompressing when at all
                case HEADER -> error = corrupt("a second header", null, p.frameIndex, p.frameOffset);
                default -> {
                    trailerSeen |= r.hasTrailer();
                    events.add(new TraceEvent(r, frameTime, p.frameIndex, p.marks != null && p.marks[i],
                            p.notes == null ? null : p.notes[i]));
                }
            }
            if (error != null) {
                break;
            }
        }
        if (error == null && p.end && !trailerSeen) {
            error = new TruncatedTraceException("truncated after frame " + p.frameIndex + " at byte " + p.frameOffset
                    + ": the recording did not stop cleanly (no trailer)", p.frameIndex, p.frameOffset, false);
        }
        return new Batch(events, error, error != null || p.end, p.position, p.bytes);
    }

    private boolean nextFrame() throws IOException {
        int n = frames.next();
        if (n < 0) {
            return false;
        }
        raw = frames.raw();
        if (detach && raw != null) {
            frames.detachRaw();
        }
        stream = frames.stream();
        rawLength = n;
        rawBytes += n;
        pos = 0;
        return true;
    }

    /** The varint length before a record. */
    private int readLength() throws IOException {
        int length = 0;
        int shift = 0;
        while (true) {
            if (pos >= rawLength) {
                throw corrupt("record length runs past the end of the frame", null);
            }
            int b = stream != null ? stream.read() : raw[pos] & 0xff;
            pos++;
            length |= (b & 0x7f) << shift;
            if (b < 0x80) {
                break;
            }
            shift += 7;
            if (shift > 28) {
                throw corrupt("malformed record length", null);
            }
        }
        if (length == 0) {
            // every record has a kind, a newer one too; zero bytes (a frame of zeros) would be
            // millions of records to skip for each kilobyte of a compressed file
            throw corrupt("empty record", null);
        }
        if (length < 0 || length > rawLength - pos) {
            throw corrupt("record of " + Integer.toUnsignedString(length) + " bytes runs past the end of the frame", null);
        }
        return length;
    }

    /**
     * The record of {@code length} bytes at {@code pos}. One over the record limit (written before
     * the limit was lowered) is read with its buffers cut to fit ({@link RecordCutter}).
     */
    private Record parseRecord(int length) throws IOException {
        try {
            Record r;
            if (length > TraceWriter.MAX_RECORD_BYTES) {
                CodedInputStream in = stream != null
                        ? CodedInputStream.newInstance(new BoundedInput(stream, length))
                        : CodedInputStream.newInstance(raw, pos, length);
                r = cutter.cut(in);
                cutRecords++;
            } else if (stream != null) {
                if (scratch.length < length) {
                    scratch = new byte[Math.max(length, Math.min(2 * scratch.length, TraceWriter.MAX_RECORD_BYTES))];
                }
                if (stream.readNBytes(scratch, 0, length) < length) {
                    throw corrupt("record runs past the end of the frame", null);
                }
                r = Record.parser().parseFrom(CodedInputStream.newInstance(scratch, 0, length));
                if (scratch.length > LARGE_RECORD) {
                    scratch = new byte[0];   // not kept between large records
                }
            } else {
                // Byte fields are copied out of the frame: protobuf aliases only input marked immutable
                // (UnsafeByteOperations), and aliasing would let one small buffer a view keeps pin a
                // whole frame, and break readers that index asReadOnlyByteBuffer() from 0.
                r = Record.parser().parseFrom(CodedInputStream.newInstance(raw, pos, length));
            }
            pos += length;
            return r;
        } catch (InvalidProtocolBufferException e) {
            throw corrupt("invalid record (" + e.getMessage() + ")", e);
        }
    }

    private CorruptTraceException corrupt(String what, Throwable cause) {
        return corrupt(what, cause, frames.frameIndex(), frames.frameOffset());
    }

    private static CorruptTraceException corrupt(String what, Throwable cause, long index, long offset) {
        return new CorruptTraceException(what + " in frame " + index + " at byte " + offset, index, offset, cause);
    }

    /**
     * The reader's counters after a batch: frame index, file bytes and raw bytes read, and records
     * read with their buffers cut because they were over the record limit.
     */
    public record Position(long frameIndex, long bytesRead, long rawBytes, long cutRecords) {
    }

    /**
     * Records decoded together, then possibly the error that stopped decoding; {@code last} when
     * nothing follows (the end of the file, or an error).
     */
    public record Batch(List<TraceEvent> events, Throwable error, boolean last, Position position, long bytes) {
    }

    /**
     * Records between {@link #slice()} and {@link #finish}: where they lie in their frame's bytes
     * until {@link #parse} parses them (records parsed while slicing come parsed), then the
     * records, and what the mark test and the annotation said of each. An error comes after the
     * records; {@code end} when the file ended on a frame boundary.
     */
    public static final class Piece {
        private byte[] raw;
        private int[] offsets = new int[0];
        private int[] lengths = new int[0];
        private Record[] records;
        private boolean[] marks;
        private Object[] notes;
        private int count;
        private long bytes;
        private Throwable error;
        private Position position;
        private final boolean frameStart;
        private final long frameIndex;
        private final long frameOffset;
        private final boolean end;

        Piece(byte[] raw, boolean frameStart, long frameIndex, long frameOffset, boolean end) {
            this.raw = raw;
            this.frameStart = frameStart;
            this.frameIndex = frameIndex;
            this.frameOffset = frameOffset;
            this.end = end;
            if (raw == null) {
                records = new Record[0];
            }
        }

        void addSlice(int offset, int length) {
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, Math.max(16, 2 * count));
                lengths = Arrays.copyOf(lengths, offsets.length);
            }
            offsets[count] = offset;
            lengths[count++] = length;
            bytes += length;
        }

        void addParsed(Record r, int length) {
            if (records == null) {
                records = new Record[1];   // a large record: a piece of its own
                raw = null;                // which does not hold on to the frame
            }
            if (count == records.length) {
                records = Arrays.copyOf(records, Math.max(16, 2 * count));
            }
            records[count++] = r;
            bytes += length;
        }

        /** A piece that holds only an error thrown while slicing (out of memory). */
        static Piece failed(Throwable t, Position position) {
            Piece p = new Piece(null, false, position.frameIndex(), position.bytesRead(), false);
            p.error = t;
            p.position = position;
            return p;
        }

        /** The reader's counters after this piece's records. */
        public Position position() {
            return position;
        }

        /** Bytes of the records: what memory accounting counts. */
        public long bytes() {
            return bytes;
        }

        /** Whether nothing follows this piece: the end of the file, or an error in slicing. */
        public boolean last() {
            return end || error != null;
        }
    }

    /** Holds decoding back before a large record. */
    public interface Gate {
        void awaitIdle() throws InterruptedIOException;
    }

    /** The next {@code length} bytes of a stream, for parsing a record straight from a frame too large to hold. */
    private static final class BoundedInput extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInput(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
