package io.jtrace.analyzer.diff;

import io.jtrace.analyzer.fds.FdTable;
import io.jtrace.analyzer.filter.FilterOptions;
import io.jtrace.analyzer.filter.Filters;
import io.jtrace.analyzer.http.HttpConnections;
import io.jtrace.analyzer.render.LineRenderer;
import io.jtrace.analyzer.render.RenderOptions;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.Pipeline;
import io.jtrace.analyzer.trace.Source;
import io.jtrace.analyzer.trace.TraceStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** One trace read as a stream into the lines the diff compares: collected at a level, ordered, normalised. */
final class TraceLines {
    private TraceLines() {
    }

    /**
     * @param filters the common filters; at the http level without --grep, which {@code grep} carries instead
     *                (it selects exchanges there, as in the http view)
     */
    /** A trace's normalised lines, and where they come from. */
    record Read(Source source, List<String> lines) {
    }

    static Read read(Path file, FilterOptions filters, Pattern grep, DiffOptions options, PrintStream err)
            throws IOException {
        // A or B may be a set (a directory, a quoted glob): read as one trace, as the views read it
        try (TraceStream stream = TraceStream.open(io.jtrace.analyzer.trace.TraceFiles.expand(List.of(file)))) {
            Predicate<Event> filter = Filters.build(filters, stream, LineRenderer.lines(stream, new RenderOptions()));
            Groups groups = new Groups(file.toString(), options);
            ThreadNames names = new ThreadNames(stream.state());
            switch (options.level) {
                case SYSCALL -> Pipeline.run(stream, filter, new SyscallLines(stream, options, groups, names), err,
                        file.toString());
                case HTTP -> {
                    HttpLines lines = new HttpLines(options, groups, names, grep);
                    int bodies = options.ignores(DiffOptions.Field.DATA) && grep == null ? 0 : options.bodyLimit;
                    Pipeline.run(stream, filter, new HttpConnections(stream.state(), bodies, lines::exchange), err,
                            file.toString());
                }
                case FDS -> {
                    FdTable table = new FdTable(stream.state());
                    Pipeline.run(stream, filter, table, err, file.toString());
                    FdLines.add(table.rows(), names, options, groups);
                }
                default -> throw new IllegalStateException(options.level.toString());
            }
            return new Read(stream.source(),
                    groups.ordered(new Normaliser(options, options.level == DiffOptions.Level.SYSCALL)));
        }
    }
}
