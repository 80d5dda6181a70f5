package io.jtrace.format;

import io.jtrace.format.internal.DecodeAhead;
import io.jtrace.format.internal.FrameReader;
import io.jtrace.format.internal.RecordDecoder;
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
import java.util.function.Function;

/**
 * Reads a trace as a stream of {@link TraceEvent}s, one frame in memory at a time, whatever the
 * file size. The constructor reads the header and checks magic and version; {@link #hasNext()} and
 * {@link #next()} then walk the records. A file that ends early yields every record of its complete
 * frames, then {@code hasNext()} throws {@link TruncatedTraceException} once; damage throws
 * {@link CorruptTraceException}; both name the frame and its byte offset.
 *
 * <p>Frames are read, decompressed and parsed on a daemon thread, a bounded number of records
 * ahead of the caller (started by the first {@link #hasNext()}), so that on more than one core
 * decoding overlaps with the caller's work; errors still surface in order, after the records
 * before them, and a damaged record is reported again on every later call. {@link #close()}
 * stops that thread.
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
    private final RecordDecoder decoder;
    private final Header header;
    private DecodeAhead ahead;
    private RecordDecoder.Batch batch;
    private int index;
    private RecordDecoder.Position position;
    private TraceEvent pending;
    private Trailer trailer;
    private boolean finished;

    /** Reads from a stream; codec, magic and version are checked before this returns. */
    public TraceReader(InputStream in) throws IOException {
        this.frames = FrameReader.open(in);
        this.decoder = new RecordDecoder(frames);
        try {
            this.header = decoder.header();
        } catch (IOException | RuntimeException e) {
            frames.close();
            throw e;
        }
        this.position = decoder.position();
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

    /**
     * Runs {@code f} on every syscall record where it is decoded, on the decoding thread, and keeps what
     * it returns in {@link TraceEvent#note()}: a record's own work (a search or a parse of its
     * bytes) done beside the caller's, handed over with it. {@code f} must not share mutable state with the
     * caller or another reader, and its results belong to the caller once handed over. Call
     * before the first {@link #hasNext()}.
     *
     * @throws IllegalStateException when records have been read already
     */
    public void note(Function<RecordedSyscall, ?> f) {
        if (ahead != null) {
            throw new IllegalStateException("note() after the records were read");
        }
        decoder.note(f);
    }

    /**
     * Leaves out, unread, the frames whose records all lie outside {@code [sinceNs, untilNs]}
     * (ns from the recording start, as {@link TraceEvent#timeNs()}): frames of format 1.5 and
     * later start with their time range, stored uncompressed, so such a frame is passed over (a
     * seek on a file, a read without decompression on a pipe). Frames holding the trailer, a loss
     * or a task record are always read; frames of older files, which have no index, too. Records of a frame that is
     * read are all returned, including those outside the window: the caller filters them. Call
     * before the first {@link #hasNext()}.
     *
     * @throws IllegalStateException when records have been read already
     */
    public void skipFramesOutside(long sinceNs, long untilNs) {
        if (ahead != null) {
            throw new IllegalStateException("skipFramesOutside() after the records were read");
        }
        frames.skipOutside(sinceNs, untilNs);
    }

    /** Frames left out unread by {@link #skipFramesOutside}; exact once the records have all been read. */
    public long framesSkipped() {
        return frames.framesSkipped();
    }

    /** Frames decompressed so far (the header's included); exact once the records have all been read. */
    public long framesDecompressed() {
        return frames.framesDecompressed();
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

    /** Bytes of the file read so far (compressed), up to the end of the frame being returned. */
    public long bytesRead() {
        return position.bytesRead();
    }

    /** Bytes of records decompressed so far (for the compression ratio). */
    public long rawBytesRead() {
        return position.rawBytes();
    }

    /**
     * Records read so far that were over the format's record limit ({@link TraceWriter#MAX_RECORD_BYTES}),
     * which only recorders before the limit was lowered wrote: their buffers were cut to fit, as a
     * smaller snap length would have cut them ({@code Buffer.length} keeps the original size).
     */
    public long cutRecords() {
        return position.cutRecords();
    }

    /** Index of the frame being read. */
    public long frameIndex() {
        return position.frameIndex();
    }

    /**
     * True when another record follows.
     *
     * @throws TruncatedTraceException once, after the last whole record of a file without trailer
     * @throws CorruptTraceException   when the next frame or record is damaged
     */
    public boolean hasNext() throws IOException {
        while (pending == null && !finished) {
            if (batch != null && index < batch.events().size()) {
                pending = batch.events().get(index++);
                if (pending.kind() == Record.KindCase.TRAILER) {
                    trailer = pending.record().getTrailer();
                }
            } else if (batch != null && batch.error() != null) {
                finished = batch.error() instanceof TruncatedTraceException;
                throw rethrow(batch.error());
            } else if (batch != null && batch.last()) {
                finished = true;
            } else {
                if (ahead == null) {
                    ahead = new DecodeAhead(decoder);
                }
                batch = ahead.take();
                index = 0;
                position = batch.position();
            }
        }
        return pending != null;
    }

    private static IOException rethrow(Throwable t) {
        if (t instanceof IOException e) {
            return e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        throw (Error) t;
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

    @Override
    public void close() throws IOException {
        if (ahead != null) {
            ahead.close();
        }
        frames.close();
    }
}
