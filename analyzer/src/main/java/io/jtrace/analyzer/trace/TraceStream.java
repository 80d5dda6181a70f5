package io.jtrace.analyzer.trace;

import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.TraceEvent;
import io.jtrace.format.TraceReader;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Trailer;
import io.jtrace.format.syscalls.SyscallTable;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A trace, or a set of trace files, read as one stream of {@link Event}s with the {@link TraceState}
 * kept current: when a view looks at an event, the state reflects every record before it. A
 * truncated file ends the stream (or, in a set, that file) early and leaves the reason in
 * {@link #truncation()}; files missing from a recording are in {@link #gaps()}.
 */
public final class TraceStream implements Closeable {
    private final List<RecordingReader> recordings;
    /** The same, for the path every record takes (no interface call per look-up). */
    private final RecordingReader[] readers;
    /** Each recording's next record, read ahead to merge them by time (one recording: never read ahead). */
    private final TraceEvent[] heads;
    private final boolean[] ended;
    private final Header header;
    private final Arch arch;
    private final SyscallTable table;
    private final TraceState state;
    private final long fileBytes;
    /** Each recording's files' sources, by recording and part. */
    private final Source[][] sources;
    private final Losses losses = new Losses();
    private Event previous;
    /** A note function was given (see {@link #note}). */
    private boolean noted;

    private TraceStream(List<RecordingReader> recordings, Header header, long fileBytes) throws IOException {
        this.recordings = recordings;
        this.readers = recordings.toArray(RecordingReader[]::new);
        this.heads = new TraceEvent[recordings.size()];
        this.ended = new boolean[recordings.size()];
        this.fileBytes = fileBytes;
        this.header = header;
        this.sources = recordings.stream().map(r -> r.recording().parts().stream()
                .map(p -> Source.of(r.recording().first(), p.file())).toArray(Source[]::new)).toArray(Source[][]::new);
        this.arch = Arch.of(header);
        this.table = arch.syscalls();
        this.state = new TraceState(header);
    }

    /** Opens a trace file, or standard input for {@code -} (as tcpdump's {@code -r -}). */
    public static TraceStream open(Path file) throws IOException {
        return open(List.of(file));
    }

    /**
     * Opens a set of trace files (see {@link TraceFiles#expand}) as one stream: the files of one recording one
     * after the other (see {@link RecordingReader}), different recordings merged by time, each in its own
     * {@link PidSpace}. Times count from the start of the oldest recording, whose header {@link #header()} is,
     * with the processes of the others added.
     */
    public static TraceStream open(List<Path> files) throws IOException {
        if (files.size() == 1) {
            Path file = files.get(0);
            TraceReader reader = reader(file);
            try {
                Recording one = Recording.group(List.of(new Recording.Part(file, reader.header()))).get(0);
                RecordingReader r = new RecordingReader(one, reader, 0, new PidSpace(0, Arch.of(reader.header())), true);
                return new TraceStream(List.of(r), reader.header(), r.fileBytes());
            } catch (IOException | RuntimeException e) {
                reader.close();
                throw e;
            }
        }
        List<Recording> groups = Recording.group(Recording.headers(files));
        Header base = groups.get(0).first();
        Header.Builder merged = base.toBuilder();
        List<RecordingReader> readers = new ArrayList<>();
        long bytes = 0;
        Arch arch = Arch.of(base);
        try {
            for (int n = 0; n < groups.size(); n++) {
                Recording g = groups.get(n);
                if (!g.first().getArch().equals(base.getArch())) {
                    throw new io.jtrace.analyzer.error.UsageException("traces of different architectures ("
                            + base.getArch() + ", " + g.first().getArch() + ") cannot be read together");
                }
                PidSpace pids = new PidSpace(n, arch);
                if (n > 0) {
                    merged.addAllProcesses(pids.shift(g.first()).getProcessesList());
                }
                TraceReader reader = reader(g.parts().get(0).file());
                RecordingReader r = new RecordingReader(g, reader, startAfter(base, g.first()), pids, false);
                readers.add(r);
                bytes += r.fileBytes();
            }
            return new TraceStream(readers, merged.build(), bytes);
        } catch (IOException | RuntimeException e) {
            for (RecordingReader r : readers) {
                r.close();
            }
            throw e;
        }
    }

    /**
     * How long after {@code base} started {@code later} did: by the monotonic clock when both come from one boot of
     * one host (ns apart, where the wall clock in a header has ms), else by the wall clocks.
     */
    private static long startAfter(Header base, Header later) {
        long bootBase = base.getStartWallNs() - base.getStartMonotonicNs();
        long bootLater = later.getStartWallNs() - later.getStartMonotonicNs();
        boolean oneBoot = base.getHost().equals(later.getHost()) && Math.abs(bootBase - bootLater) < 1_000_000_000L;
        return oneBoot ? later.getStartMonotonicNs() - base.getStartMonotonicNs()
                : later.getStartWallNs() - base.getStartWallNs();
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

    /** The first file's source: its recording's host and its name. Each event carries its own ({@link Event#source()}). */
    public Source source() {
        return sources[0][0];
    }

    public io.jtrace.format.Codec codec() {
        return recordings.get(0).codec();
    }

    /** The recordings read, oldest first: more than one when files of different recorder runs were given. */
    public List<Recording> recordings() {
        return recordings.stream().map(RecordingReader::recording).toList();
    }

    /** The file an event of this stream was read from ({@code -} for standard input). */
    public Path file(Event e) {
        return Path.of(e.source().file());
    }

    /** The host that recorded an event of this stream (its recording's header's). */
    public String host(Event e) {
        return e.source().host();
    }

    /** The gaps met so far: files of a recording missing between those read, one line each. */
    public List<String> gaps() {
        List<String> all = new ArrayList<>();
        recordings.forEach(r -> all.addAll(r.gaps()));
        return all;
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
     * Has a function from {@code notes} run on each record on the reader's decoding thread, beside this one: a
     * function per reader, as the readers of merged recordings decode at once, so that none is shared between
     * threads. Its result is {@link Event#note()}. Only for work on the record alone (--grep's search of its bytes,
     * the http view's heads); once per stream, before the first {@link #next()}.
     *
     * @throws IllegalStateException when the stream has a note function already
     */
    public void note(Supplier<? extends Function<RecordedSyscall, ?>> notes) {
        if (noted) {
            throw new IllegalStateException("one note function per stream");
        }
        noted = true;
        recordings.forEach(r -> r.note(notes));
    }

    /**
     * Has the reader pass over, unread, the frames whose records all lie outside
     * {@code [sinceNs, untilNs]} (format 1.5 files; see {@link TraceReader#skipFramesOutside}).
     * The state then holds only what the header and the frames read tell. Before the first {@link #next()}.
     */
    public void skipFramesOutside(long sinceNs, long untilNs) {
        recordings.forEach(r -> r.skipFramesOutside(sinceNs, untilNs));
    }

    /** Frames passed over unread by {@link #skipFramesOutside}. */
    public long framesSkipped() {
        return recordings.stream().mapToLong(RecordingReader::framesSkipped).sum();
    }

    /** The file's size, 0 when it has none (a pipe): for the progress line. */
    public long fileBytes() {
        return fileBytes;
    }

    /** Bytes of the file read so far (compressed, whole frames). */
    public long bytesRead() {
        long sum = 0;   // asked after every record (the progress line): no stream pipeline here
        for (RecordingReader r : readers) {
            sum += r.bytesRead();
        }
        return sum;
    }

    /** The next event, or null at the end of the records (or where a truncated file stops). */
    public Event next() throws IOException {
        if (previous != null) {
            state.apply(previous);
            previous = null;
        }
        int from = -1;
        for (int i = 0; i < heads.length; i++) {
            if (heads[i] == null && !ended[i]) {
                heads[i] = readers[i].next();
                ended[i] = heads[i] == null;
                Header opened = readers[i].takeOpened();
                if (opened != null) {
                    state.reconcile(opened);
                }
            }
            if (heads[i] != null && (from < 0 || heads[i].timeNs() < heads[from].timeNs())) {
                from = i;
            }
        }
        if (from < 0) {
            return null;
        }
        TraceEvent raw = heads[from];
        heads[from] = null;
        String name = switch (raw.kind()) {
            case SYSCALL -> table.name(raw.syscall().getNr());
            default -> raw.kind().name().toLowerCase(java.util.Locale.ROOT);
        };
        previous = new Event(raw, name, sources[from][readers[from].part()]);
        losses.add(previous);
        state.preview(previous);
        return previous;
    }

    /** Records read with their buffers cut, being over the format's record limit (older recorders with -s 0). */
    public long cutRecords() {
        return recordings.stream().mapToLong(RecordingReader::cutRecords).sum();
    }

    /** The warning for records read with their buffers cut, or null when there were none. */
    public static String cutWarning(long cutRecords) {
        return cutRecords == 0 ? null : cutRecords + (cutRecords == 1 ? " record was" : " records were")
                + " over the " + (io.jtrace.format.TraceWriter.MAX_RECORD_BYTES >> 20) + " MiB record limit"
                + " (written by an older recorder with -s 0): read with their captured buffers cut to fit";
    }

    /** Why the stream ended early ("truncated after frame 12 at byte 3456"), or null. */
    public String truncation() {
        List<String> all = new ArrayList<>();
        recordings.forEach(r -> all.addAll(r.truncations()));
        return all.isEmpty() ? null : String.join("; ", all);
    }

    /** What the recorder lost, in the records read so far (whatever the filters). */
    public Losses losses() {
        return losses;
    }

    /** The trailer of a cleanly ended recording, once the stream is exhausted. */
    public Optional<Trailer> trailer() {
        Trailer last = null;
        for (RecordingReader r : recordings) {
            if (r.trailer() == null) {
                return Optional.empty();
            }
            last = last == null || r.trailer().getEndWallNs() > last.getEndWallNs() ? r.trailer() : last;
        }
        return Optional.ofNullable(last);
    }

    @Override
    public void close() throws IOException {
        IOException failed = null;
        for (RecordingReader r : recordings) {
            try {
                r.close();
            } catch (IOException e) {
                failed = e;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
