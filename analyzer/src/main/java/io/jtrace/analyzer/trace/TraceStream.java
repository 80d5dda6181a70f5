package io.jtrace.analyzer.trace;

import io.jtrace.format.TraceReader;
import io.jtrace.format.TruncatedTraceException;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Trailer;
import io.jtrace.format.syscalls.SyscallTable;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A trace read as a stream of {@link Event}s with the {@link TraceState} kept current: when a
 * view looks at an event, the state reflects every record before it. A truncated file ends the
 * stream early and leaves the reason in {@link #truncation()}.
 */
public final class TraceStream implements Closeable {
    private final TraceReader reader;
    private final Header header;
    private final Arch arch;
    private final SyscallTable table;
    private final TraceState state;
    private final long fileBytes;
    private final Source source;
    private final Losses losses = new Losses();
    private Event previous;
    private String truncation;

    private TraceStream(TraceReader reader, long fileBytes, Path file) throws IOException {
        this.reader = reader;
        this.fileBytes = fileBytes;
        this.header = reader.header();
        this.source = Source.of(header, file);
        this.arch = Arch.of(header);
        this.table = arch.syscalls();
        this.state = new TraceState(header);
    }

    /** Opens a trace file, or standard input for {@code -} (as tcpdump's {@code -r -}). */
    public static TraceStream open(Path file) throws IOException {
        TraceReader reader = reader(file);
        try {
            return new TraceStream(reader, !isStdin(file) && Files.isRegularFile(file) ? Files.size(file) : 0, file);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * Opens a trace with the format's reader; a directory is refused by name here, since reading
     * one fails later with an IOException that names no file. {@code -} is standard input.
     */
    public static TraceReader reader(Path file) throws IOException {
        if (isStdin(file)) {
            // System.in as it is now (tests replace it); the reader's close leaves it open
            return new TraceReader(new BufferedInputStream(new FilterInputStream(System.in) {
                @Override
                public void close() {
                }
            }, 1 << 16));
        }
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "Is a directory");
        }
        return TraceReader.open(file);
    }

    /** Whether a trace argument names standard input: {@code -}, as for tcpdump (a file named - is {@code ./-}). */
    public static boolean isStdin(Path file) {
        return file.toString().equals("-");
    }

    public Header header() {
        return header;
    }

    /** The recording's host and the input's name, which every event of this stream carries. */
    public Source source() {
        return source;
    }

    public io.jtrace.format.Codec codec() {
        return reader.codec();
    }

    /** The architecture the header names: what the stream's records are decoded by. */
    public Arch arch() {
        return arch;
    }

    /** The architecture's syscall table. */
    public SyscallTable table() {
        return table;
    }

    public TraceState state() {
        return state;
    }

    /**
     * Has {@code test} run on each record on the reader's decoding thread, beside this one; its
     * result is {@link Event#marked()}. Only for tests of the record alone; before the first
     * {@link #next()}.
     */
    public void mark(Predicate<Record> test) {
        reader.mark(test);
    }

    /**
     * Has {@code f} run on each record on the reader's decoding thread, beside this one; its result
     * is {@link Event#note()}. Only for work on the record alone; before the first {@link #next()}.
     */
    public void annotate(java.util.function.Function<Record, Object> f) {
        reader.annotate(f);
    }

    /**
     * Has the reader pass over, unread, the frames whose records all lie outside
     * {@code [sinceNs, untilNs]} (format 1.5 files; see {@link TraceReader#skipFramesOutside}).
     * The state then holds only what the header and the frames read tell. Before the first {@link #next()}.
     */
    public void skipFramesOutside(long sinceNs, long untilNs) {
        reader.skipFramesOutside(sinceNs, untilNs);
    }

    /** Frames passed over unread by {@link #skipFramesOutside}. */
    public long framesSkipped() {
        return reader.framesSkipped();
    }

    /** The file's size, 0 when it has none (a pipe): for the progress line. */
    public long fileBytes() {
        return fileBytes;
    }

    /** Bytes of the file read so far (compressed, whole frames). */
    public long bytesRead() {
        return reader.bytesRead();
    }

    /** The next event, or null at the end of the records (or where a truncated file stops). */
    public Event next() throws IOException {
        if (previous != null) {
            state.apply(previous);
            previous = null;
        }
        try {
            while (reader.hasNext()) {
                var raw = reader.next();
                String name = switch (raw.kind()) {
                    case SYSCALL -> table.name(raw.record().getSyscall().getNr());
                    default -> raw.kind().name().toLowerCase(java.util.Locale.ROOT);
                };
                previous = new Event(raw, name, source);
                losses.add(previous);
                state.preview(previous);
                return previous;
            }
        } catch (TruncatedTraceException e) {
            truncation = e.getMessage();
        }
        return null;
    }

    /** Records read with their buffers cut, being over the format's record limit (older recorders with -s 0). */
    public long cutRecords() {
        return reader.cutRecords();
    }

    /** The warning for records read with their buffers cut, or null when there were none. */
    public static String cutWarning(long cutRecords) {
        return cutRecords == 0 ? null : cutRecords + (cutRecords == 1 ? " record was" : " records were")
                + " over the " + (io.jtrace.format.TraceWriter.MAX_RECORD_BYTES >> 20) + " MiB record limit"
                + " (written by an older recorder with -s 0): read with their captured buffers cut to fit";
    }

    /** Why the stream ended early ("truncated after frame 12 at byte 3456"), or null. */
    public String truncation() {
        return truncation;
    }

    /** What the recorder lost, in the records read so far (whatever the filters). */
    public Losses losses() {
        return losses;
    }

    /** The trailer of a cleanly ended recording, once the stream is exhausted. */
    public Optional<Trailer> trailer() {
        return reader.trailer();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
