package io.jtrace.analyzer.copy;

import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.EventSink;
import io.jtrace.analyzer.trace.TraceStream;
import io.jtrace.format.TraceWriter;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Trailer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code -w OUT}: the records that passed the filters, written as a trace every view reads (like
 * {@code tcpdump -r in -w out expr}). Same header and codec; mode 0600. The copy gets a trailer
 * with its own totals when the source ended cleanly, and none when the source was truncated. Of a
 * set, one merged trace (as mergecap): the header of its oldest recording with the others' processes,
 * times on its clock, a gap as a FILES_MISSING loss record.
 */
public final class TraceCopy implements EventSink {
    private final TraceStream source;
    private final TraceWriter writer;
    private final Trailer.Builder totals = Trailer.newBuilder();
    private long lastNs;

    public TraceCopy(TraceStream source, Path out) throws IOException {
        this.source = source;
        this.writer = TraceWriter.create(out, source.codec(), source.header());
    }

    /** The copy keeps the loss records that pass the filters. */
    @Override
    public boolean showsLosses() {
        return true;
    }

    @Override
    public void accept(Event e) throws IOException {
        Record r = e.record();
        long t = e.timeNs();
        lastNs = Math.max(lastNs, t);
        switch (r.getKindCase()) {
            case SYSCALL -> {
                writer.write(t, r.getSyscall());
                totals.setSyscalls(totals.getSyscalls() + 1);
                r.getSyscall().getBuffersList().forEach(b -> totals.setCapturedBytes(
                        totals.getCapturedBytes() + b.getData().size()));
            }
            case TASK_START -> {
                writer.write(t, r.getTaskStart());
                totals.setTaskStarts(totals.getTaskStarts() + 1);
            }
            case TASK_NAME -> {
                writer.write(t, r.getTaskName());
                totals.setTaskNames(totals.getTaskNames() + 1);
            }
            case TASK_PIDS -> {
                writer.write(t, r.getTaskPids());
                totals.setTaskPids(totals.getTaskPids() + 1);
            }
            case EXEC -> {
                writer.write(t, r.getExec());
                totals.setExecs(totals.getExecs() + 1);
            }
            case EXIT -> {
                writer.write(t, r.getExit());
                totals.setExits(totals.getExits() + 1);
            }
            case SIGNAL -> {
                writer.write(t, r.getSignal());
                totals.setSignals(totals.getSignals() + 1);
            }
            case LOSS -> {
                writer.write(t, r.getLoss());
                if (r.getLoss().getReason() == io.jtrace.format.proto.Loss.Reason.FILES_MISSING) {
                    totals.setLosses(totals.getLosses() + 1);   // a set's gap: files, not records, are missing
                    return;
                }
                totals.setLosses(totals.getLosses() + 1)
                        .setLostRecords(totals.getLostRecords() + r.getLoss().getRecords())
                        .setLostBytes(totals.getLostBytes() + r.getLoss().getBytes());
            }
            default -> {
            }
        }
    }

    @Override
    public void close() throws IOException {
        try (writer) {
            if (source.truncation() == null) {
                Trailer original = source.trailer().orElse(null);
                if (original != null) {
                    totals.setEndWallNs(original.getEndWallNs())
                            .setStopReason("filtered copy; recording ended by " + original.getStopReason());
                    writer.writeTrailer(lastNs, totals.build());
                }
            }
        }
    }
}
