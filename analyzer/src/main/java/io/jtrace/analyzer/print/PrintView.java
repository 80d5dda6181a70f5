package io.jtrace.analyzer.print;

import io.jtrace.analyzer.copy.TraceCopy;
import io.jtrace.analyzer.filter.FilterOptions;
import io.jtrace.analyzer.filter.Filters;
import io.jtrace.analyzer.filter.Qualifiers;
import io.jtrace.analyzer.render.JsonPrinter;
import io.jtrace.analyzer.render.LineRenderer;
import io.jtrace.analyzer.render.RenderOptions;
import io.jtrace.analyzer.render.TextPrinter;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.EventSink;
import io.jtrace.analyzer.trace.Pipeline;
import io.jtrace.analyzer.trace.TraceStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Predicate;

/** The default view: the records that pass the filters, as strace-style lines, JSON lines, or a copy of the trace. */
public final class PrintView {
    private PrintView() {
    }

    /** Where the records go; made once the trace is open, from the renderer with the display options. */
    public interface Output {
        EventSink open(TraceStream stream, LineRenderer renderer, RenderOptions options) throws IOException;

        /** strace's lines; rendered as bytes (UTF-8) and written straight to a large buffer. */
        static Output text(PrintStream stdout) {
            return (stream, renderer, options) -> new TextPrinter(renderer, new BufferedOutputStream(stdout, 1 << 16));
        }

        /** One JSON object per record; buffers C-escaped, or in base64. */
        static Output json(boolean base64, PrintStream stdout) {
            return (stream, renderer, options) -> new JsonPrinter(renderer, stream.header(), options, base64,
                    new BufferedOutputStream(stdout, 1 << 16));
        }

        /** {@code -w}: a trace of the records. */
        static Output copy(Path to) {
            return (stream, renderer, options) -> new TraceCopy(stream, to);
        }
    }

    /** Reads {@code stream} to its end; {@code options} takes what the filters' -e qualifiers say about display. */
    public static void run(TraceStream stream, FilterOptions filters, RenderOptions options, Output output,
                           PrintStream stderr) throws IOException {
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
        if (options.fdDecoration == 0 && options.decodeFds == 0 && !options.pidnsTranslation && !options.pidComm) {
            // lines that need no state from before the window (-y's fds, pid translation, names): the
            // frames wholly outside --since/--until are skipped unread
            Filters.skipFramesOutsideWindow(filters, stream);
        }
        Pipeline.run(stream, filter, output.open(stream, renderer, options), stderr);
    }
}
