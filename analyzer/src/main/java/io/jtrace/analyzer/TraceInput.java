package io.jtrace.analyzer;

import io.jtrace.analyzer.error.UsageException;
import io.jtrace.analyzer.filter.FilterOptions;
import io.jtrace.analyzer.filter.Filters;
import io.jtrace.analyzer.render.LineRenderer;
import io.jtrace.analyzer.render.RenderOptions;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.TraceStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import picocli.CommandLine.Option;

/**
 * The trace a view reads (picocli mixin): {@code -r}, the check that an output the view writes is not that trace,
 * and opening it with the filters. The commands declare it once instead of each its own {@code -r}: the views as
 * {@link Required}, the default view, which {@code jtrace-analyze VIEW} runs without, as {@link Optional}.
 */
abstract class TraceInput {
    Path file;

    /** The {@code -r} option; the two kinds differ only in whether it is required. */
    abstract void file(Path file);

    /** Refuses an output ({@code -w}, {@code --har}) that is the trace being read; {@code -} (stdout) never is. */
    void refuseOverwrite(String option, Path out) throws IOException {
        if (out != null && !out.toString().equals("-") && Files.exists(out) && !TraceStream.isStdin(file)
                && Files.isSameFile(file, out)) {
            throw new UsageException(option + " " + out + " would overwrite the trace being read");
        }
    }

    /** The trace, opened. */
    TraceStream open() throws IOException {
        return TraceStream.open(file);
    }

    /** The filters over an opened trace, lines rendered with the default options where --grep needs them. */
    static Predicate<Event> filter(FilterOptions filters, TraceStream stream) {
        return Filters.build(filters, stream, LineRenderer.lines(stream, new RenderOptions()));
    }

    /** {@code -r} of a view: required. */
    static final class Required extends TraceInput {
        @Option(names = "-r", paramLabel = "FILE", required = true,
                description = "The trace to read; - reads it from standard input.")
        @Override
        void file(Path file) {
            this.file = file;
        }
    }

    /** {@code -r} of the default view: optional, as {@code jtrace-analyze VIEW -r FILE} gives it to the view. */
    static final class Optional extends TraceInput {
        @Option(names = "-r", paramLabel = "FILE", description = "The trace to read; - reads it from standard input.")
        @Override
        void file(Path file) {
            this.file = file;
        }
    }
}
