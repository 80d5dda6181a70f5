package io.jtrace.analyzer.trace;

import io.jtrace.format.Codec;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.TraceEvent;
import io.jtrace.format.TraceReader;
import io.jtrace.format.TruncatedTraceException;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Loss;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Trailer;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The files of one recording read one after the other as one stream of records: times count from the start of
 * the stream's first file ({@code baseWallNs}); a file's trailer is passed on only for the last file; before the
 * records of a file that follows missing ones (or a truncated one) comes a loss record of reason FILES_MISSING
 * whose time is the end of what was read and whose {@code gap_ns} reaches the next file's start.
 */
final class RecordingReader implements Closeable {
    private final Recording recording;
    private final List<Path> files;
    private final PidSpace pids;
    /** Nanoseconds from the stream's start to this recording's first file's start. */
    private final long startNs;
    private final boolean single;
    private Supplier<? extends Function<RecordedSyscall, ?>> notes;
    private long sinceNs = Long.MIN_VALUE;
    private long untilNs = Long.MAX_VALUE;
    private boolean skip;

    private int part = -1;
    private TraceReader reader;
    private long offsetNs;
    private long bytesBefore;
    private long framesSkippedBefore;
    private long cutBefore;
    private long lastNs = Long.MIN_VALUE;
    private boolean cutShort;
    private Header opened;
    private Trailer trailer;
    private final List<String> truncations = new ArrayList<>();
    private final List<String> gaps = new ArrayList<>();

    /**
     * @param reader the first file, already open (its header read)
     * @param startNs   this recording's start, in ns after the stream's start
     * @param pids      where the recording's pids are shown
     */
    RecordingReader(Recording recording, TraceReader reader, long startNs, PidSpace pids, boolean single) {
        this.recording = recording;
        this.files = recording.parts().stream().map(Recording.Part::file).toList();
        this.reader = reader;
        this.part = 0;
        this.startNs = startNs;
        this.pids = pids;
        this.single = single;
        this.offsetNs = startNs;
    }

    Recording recording() {
        return recording;
    }

    /** Index in {@link Recording#parts()} of the file being read. */
    int part() {
        return part;
    }

    /** Each file's reader runs a function of its own from {@code notes} (see {@link TraceReader#note}). */
    void note(Supplier<? extends Function<RecordedSyscall, ?>> notes) {
        this.notes = notes;
        reader.note(notes.get());
    }

    void skipFramesOutside(long since, long until) {
        this.sinceNs = since;
        this.untilNs = until;
        this.skip = true;
        reader.skipFramesOutside(shift(since, -offsetNs), shift(until, -offsetNs));
    }

    private static long shift(long t, long by) {
        return t == Long.MIN_VALUE || t == Long.MAX_VALUE ? t : t + by;
    }

    /**
     * The next record, its time moved to the stream's clock and its pids to the recording's {@link PidSpace}, or
     * null after the last file.
     */
    TraceEvent next() throws IOException {
        while (true) {
            try {
                if (reader.hasNext()) {
                    TraceEvent e = reader.next();
                    if (e.kind() == Record.KindCase.TRAILER) {
                        if (part < files.size() - 1) {
                            continue;   // a rotation's trailer: the recording goes on in the next file
                        }
                        trailer = e.record().getTrailer();
                    }
                    long t = e.timeNs() + offsetNs;
                    lastNs = Math.max(lastNs, t);
                    if (pids.offset() != 0) {
                        return pids.shift(e, t);
                    }
                    return offsetNs == 0 ? e : e.at(t);
                }
            } catch (TruncatedTraceException e) {
                truncations.add(single ? e.getMessage() : files.get(part) + ": " + e.getMessage());
                cutShort = true;
            } catch (io.jtrace.format.TraceException e) {
                throw single ? e : Recording.named(files.get(part), e);
            }
            if (part + 1 >= files.size()) {
                return null;
            }
            TraceEvent gap = openNext();
            if (gap != null) {
                return gap;
            }
        }
    }

    /** Opens the next file; returns the loss record of a gap before it, or null. */
    private TraceEvent openNext() throws IOException {
        Header before = recording.parts().get(part).header();
        bytesBefore += reader.bytesRead();
        framesSkippedBefore += reader.framesSkipped();
        cutBefore += reader.cutRecords();
        reader.close();
        reader = null;
        part++;
        try {
            reader = TraceStream.reader(files.get(part));
        } catch (io.jtrace.format.TraceException e) {
            throw Recording.named(files.get(part), e);
        }
        Header h = reader.header();
        opened = pids.shift(h);
        offsetNs = startNs + h.getStartMonotonicNs() - recording.first().getStartMonotonicNs();
        if (notes != null) {
            reader.note(notes.get());
        }
        if (skip) {
            reader.skipFramesOutside(shift(sinceNs, -offsetNs), shift(untilNs, -offsetNs));
        }
        int missing = recording.missingBefore(part);
        boolean wasCut = cutShort;
        cutShort = false;
        if (missing == 0 && !wasCut) {
            return null;
        }
        long from = lastNs == Long.MIN_VALUE ? startNs + before.getStartMonotonicNs()
                - recording.first().getStartMonotonicNs() : lastNs;
        long gapNs = Math.max(0, offsetNs - from);
        gaps.add(describeGap(before, h, missing, wasCut, from, gapNs));
        Record loss = Record.newBuilder().setLoss(Loss.newBuilder().setReason(Loss.Reason.FILES_MISSING)
                .setRecords(missing).setGapNs(gapNs)).build();
        return new TraceEvent(loss, from, 0);
    }

    private String describeGap(Header before, Header after, int missing, boolean wasCut, long from, long gapNs) {
        String what = missing == 0 ? "the end of " + files.get(part - 1) + " is missing (it is truncated)"
                : (missing == 1 ? "file " + (before.getFileIndex() + 1) + " of "
                : "files " + (before.getFileIndex() + 1) + "-" + (after.getFileIndex() - 1) + " of ")
                + recording.describe() + (missing == 1 ? " is" : " are") + " missing";
        return what + String.format(java.util.Locale.ROOT, ": nothing recorded for %.3f s, from %.6f s to %.6f s",
                gapNs / 1e9, from / 1e9, (from + gapNs) / 1e9);
    }

    /** The header of a file opened since the last call, or null: the caller reconciles its state with it. */
    Header takeOpened() {
        Header h = opened;
        opened = null;
        return h;
    }

    Codec codec() {
        return reader.codec();
    }

    long bytesRead() {
        return bytesBefore + (reader == null ? 0 : reader.bytesRead());
    }

    long framesSkipped() {
        return framesSkippedBefore + (reader == null ? 0 : reader.framesSkipped());
    }

    long cutRecords() {
        return cutBefore + (reader == null ? 0 : reader.cutRecords());
    }

    long fileBytes() throws IOException {
        long sum = 0;
        for (Path f : files) {
            sum += !TraceStream.isStdin(f) && Files.isRegularFile(f) ? Files.size(f) : 0;
        }
        return sum;
    }

    /** The last file's trailer, once read. */
    Trailer trailer() {
        return trailer;
    }

    List<String> truncations() {
        return truncations;
    }

    List<String> gaps() {
        return gaps;
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
