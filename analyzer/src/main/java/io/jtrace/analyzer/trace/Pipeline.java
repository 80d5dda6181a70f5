package io.jtrace.analyzer.trace;

import io.jtrace.analyzer.output.ProgressLine;
import java.io.IOException;
import java.io.PrintStream;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * reader → filters → sink, streaming; a truncated file is reported once on stderr, not failed, and so are
 * records the recorder lost that the output does not show. A progress line on a terminal's stderr tells
 * how far a long read has come.
 */
public final class Pipeline {
    private Pipeline() {
    }

    /** Runs every event through {@code filter} into {@code sink}; returns the number passed. */
    public static long run(TraceStream stream, Predicate<Event> filter, EventSink sink, PrintStream err)
            throws IOException {
        return run(stream, filter, sink, err, null);
    }

    /**
     * As {@link #run(TraceStream, Predicate, EventSink, PrintStream)}; {@code where} names the trace in the loss
     * warning when a command reads more than one.
     */
    public static long run(TraceStream stream, Predicate<Event> filter, EventSink sink, PrintStream err, String where)
            throws IOException {
        long passed = 0;
        long records = 0;
        // a sink that shows loss records shows those that pass: only the others need the warning
        Losses hidden = sink.showsLosses() ? new Losses() : null;
        try (sink; ProgressLine progress = ProgressLine.start(err, stream.fileBytes(), sink.printsWhileReading())) {
            LongSupplier bytesRead = stream::bytesRead;
            for (Event e; (e = stream.next()) != null; ) {
                progress.update(bytesRead, ++records);
                if (filter.test(e)) {
                    sink.accept(e);
                    passed++;
                } else if (hidden != null) {
                    hidden.add(e);
                }
            }
        }
        warnIfTruncated(stream, err);
        (hidden != null ? hidden : stream.losses()).warn(err, where);
        return passed;
    }

    public static void warnIfTruncated(TraceStream stream, PrintStream err) {
        String cut = TraceStream.cutWarning(stream.cutRecords());
        if (cut != null) {
            err.println("jtrace-analyze: warning: " + cut);
        }
        for (String gap : stream.gaps()) {
            err.println("jtrace-analyze: warning: " + gap + "; the streams after it resume as after a loss");
        }
        if (stream.truncation() != null) {
            err.println("jtrace-analyze: warning: " + stream.truncation()
                    + " (the recorder did not stop cleanly); showing the records before it");
        }
    }
}
