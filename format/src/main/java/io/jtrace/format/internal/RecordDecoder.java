package io.jtrace.format.internal;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.jtrace.format.CorruptTraceException;
import io.jtrace.format.FormatVersion;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.TraceEvent;
import io.jtrace.format.TraceWriter;
import io.jtrace.format.TruncatedTraceException;
import io.jtrace.format.UnsupportedVersionException;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Record;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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
    private long frameTime;
    private boolean trailerSeen;
    private long rawBytes;
    private Function<RecordedSyscall, ?> note;
    /** Syscall records, nearly all of a trace, without the generated parser's builders (which reads the rest). */
    private final SyscallParser syscalls = new SyscallParser();

    public RecordDecoder(FrameReader frames) {
        this.frames = frames;
    }

    /** A function run on every syscall record as it is decoded, its result kept in {@link TraceEvent#note()}. */
    public void note(Function<RecordedSyscall, ?> f) {
        this.note = f;
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
        if (!(parseRecord(readLength()) instanceof Record first) || !first.hasHeader()
                || !FormatVersion.MAGIC.equals(first.getHeader().getMagic())) {
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
     * The next records: up to {@link #BATCH} of the current frame or, when it is used up, of the
     * next frame. A
     * damaged record ends the batch with the error after the records before it; the end of the
     * file gives a last batch, with a {@link TruncatedTraceException} when no trailer came.
     */
    public Batch next() {
        List<TraceEvent> events = new ArrayList<>();
        long bytes = 0;
        try {
            if (pos >= rawLength) {
                if (!nextFrame()) {
                    if (!trailerSeen) {
                        throw new TruncatedTraceException("truncated after frame " + frames.frameIndex()
                                + " at byte " + frames.offset() + ": the recording did not stop cleanly (no trailer)",
                                frames.frameIndex(), frames.offset(), false);
                    }
                    return new Batch(events, null, true, position(), 0);
                }
                frameTime = 0;
            }
            while (pos < rawLength && events.size() < BATCH && bytes < BATCH_BYTES) {
                if (trailerSeen) {
                    throw corrupt("data after the trailer", null);
                }
                int length = pendingLength >= 0 ? pendingLength : readLength();
                pendingLength = -1;
                boolean large = length > LARGE_RECORD;
                if (large && !events.isEmpty()) {
                    pendingLength = length;   // decoded first in the next batch
                    break;
                }
                if (large && gate != null) {
                    gate.awaitIdle();
                }
                Object parsed = parseRecord(length);
                bytes += length;
                if (parsed instanceof RecordedSyscall s) {
                    long delta = syscalls.timeDelta();
                    frameTime += delta;
                    events.add(new TraceEvent(s, delta, frameTime, frames.frameIndex(),
                            note == null ? null : note.apply(s)));
                } else {
                    Record r = (Record) parsed;
                    frameTime += r.getTimeDelta();
                    switch (r.getKindCase()) {
                        case KIND_NOT_SET -> { } // a kind from a newer minor version: skipped
                        case FRAME_INDEX -> { } // the frame's index (1.5), read before decompressing when at all
                        case HEADER -> throw corrupt("a second header", null);
                        default -> {
                            trailerSeen |= r.hasTrailer();
                            TraceEvent e = new TraceEvent(r, frameTime, frames.frameIndex());
                            Object n = note != null && e.kind() == Record.KindCase.SYSCALL ? note.apply(e.syscall()) : null;
                            events.add(n == null ? e : new TraceEvent(r, frameTime, frames.frameIndex(), n));
                        }
                    }
                }
                if (large) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Batch(events, e, true, position(), bytes);
        }
        return new Batch(events, null, false, position(), bytes);
    }

    private boolean nextFrame() throws IOException {
        int n = frames.next();
        if (n < 0) {
            return false;
        }
        raw = frames.raw();
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
     * The record of {@code length} bytes at {@code pos}: a {@link RecordedSyscall}, or the generated parser's
     * {@link Record} (another kind, or a syscall record that {@link SyscallParser} leaves to it). One over the record
     * limit (written before the limit was lowered) is read with its buffers cut to fit ({@link RecordCutter}).
     */
    private Object parseRecord(int length) throws IOException {
        try {
            Object r;
            if (length > TraceWriter.MAX_RECORD_BYTES) {
                CodedInputStream in = stream != null
                        ? CodedInputStream.newInstance(new BoundedInput(stream, length))
                        : CodedInputStream.newInstance(raw, pos, length);
                r = cutter.cut(in);
                cutRecords++;
            } else {
                byte[] bytes = raw;
                int off = pos;
                if (stream != null) {
                    if (scratch.length < length) {
                        scratch = new byte[Math.max(length, Math.min(2 * scratch.length, TraceWriter.MAX_RECORD_BYTES))];
                    }
                    if (stream.readNBytes(scratch, 0, length) < length) {
                        throw corrupt("record runs past the end of the frame", null);
                    }
                    bytes = scratch;
                    off = 0;
                }
                // Byte fields are copied out of the frame: protobuf aliases only input marked immutable
                // (UnsafeByteOperations), and aliasing would let one small buffer a view keeps pin a
                // whole frame, and break readers that index asReadOnlyByteBuffer() from 0.
                RecordedSyscall s = syscalls.parse(bytes, off, length);
                r = s != null ? s : Record.parser().parseFrom(CodedInputStream.newInstance(bytes, off, length));
                if (stream != null && scratch.length > LARGE_RECORD) {
                    scratch = new byte[0];   // not kept between large records
                }
            }
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
