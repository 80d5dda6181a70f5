package io.jtrace.analyzer.render;

import io.jtrace.analyzer.copy.TraceCopy;
import io.jtrace.analyzer.filter.FilterOptions;
import io.jtrace.analyzer.filter.Filters;
import io.jtrace.analyzer.filter.Qualifiers;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.EventSink;
import io.jtrace.analyzer.trace.Pipeline;
import io.jtrace.analyzer.trace.TraceStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Predicate;

/** The default view: strace-style lines, JSON lines, or a filtered copy of the trace. */
public final class PrintView {
    private PrintView() {
    }

    public static void run(Path file, Path copyTo, boolean json, boolean base64, FilterOptions filters,
                           RenderOptions options, PrintStream stdout, PrintStream stderr) throws IOException {
        try (TraceStream stream = TraceStream.open(file)) {
            Qualifiers q = Filters.qualifiers(filters, stream.arch());
            options.reads = q.reads();
            options.writes = q.writes();
            options.abbrev = q.abbrev();
            options.verbose = q.verbose();
            options.kvmVcpu = q.kvmVcpu();
            LineRenderer renderer = new LineRenderer(stream.header(), stream.arch(), stream.state(), options)
                    .argumentCounts(stream.table()::argCount);
            // --grep also looks at the rendered line: rendered with the display options, no -X dump
            Predicate<Event> filter = Filters.build(filters, stream, LineRenderer.lines(stream, options));
            // lines are rendered as bytes (UTF-8) and written straight to the buffer
            OutputStream out = new BufferedOutputStream(stdout, 1 << 16);
            EventSink sink = copyTo != null ? new TraceCopy(stream, copyTo)
                    : json ? new JsonPrinter(renderer, stream.header(), options, base64, out)
                    : new TextPrinter(renderer, out);
            Pipeline.run(stream, filter, sink, stderr);
        }
    }
}
