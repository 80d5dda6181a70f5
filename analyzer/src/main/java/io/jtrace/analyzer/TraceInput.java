package io.jtrace.analyzer;

import io.jtrace.analyzer.error.UsageException;
import io.jtrace.analyzer.filter.FilterOptions;
import io.jtrace.analyzer.filter.Filters;
import io.jtrace.analyzer.render.LineRenderer;
import io.jtrace.analyzer.render.RenderOptions;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.TraceFiles;
import io.jtrace.analyzer.trace.TraceStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.Option;

/**
 * The traces a view reads (picocli mixin): {@code -r}, repeatable, each a file, a directory or a quoted glob; the
 * check that an output the view writes is none of them; and opening them, as one stream, with the filters. The
 * commands declare it once instead of each its own {@code -r}: the views as {@link Required}, the default view,
 * which {@code jtrace-analyze VIEW} runs without, as {@link Optional}.
 */
abstract class TraceInput {
    static final String DESCRIPTION = "The trace to read: a file, a directory (its .jtr files, and -C's .jtr1,"
            + " .jtr2...) or a quoted glob ('app-*.jtr'); repeat for more. The files of one rotated recording are"
            + " read as one trace, other recordings merged by time. - reads standard input.";

    final List<Path> inputs = new ArrayList<>();

    /** The {@code -r} option; the two kinds differ only in whether it is required. */
    abstract void file(List<Path> files);

    /** Whether no {@code -r} was given. */
    boolean none() {
        return inputs.isEmpty();
    }

    /** The files read, globs and directories expanded. */
    List<Path> files() throws IOException {
        return TraceFiles.expand(inputs);
    }

    /** Refuses an output ({@code -w}, {@code --har}) that is one of the traces being read; {@code -} (stdout) never is. */
    void refuseOverwrite(String option, Path out) throws IOException {
        if (out == null || out.toString().equals("-") || !Files.exists(out)) {
            return;
        }
        for (Path file : files()) {
            if (!TraceStream.isStdin(file) && Files.isSameFile(file, out)) {
                throw new UsageException(option + " " + out + " would overwrite the trace being read");
            }
        }
    }

    /** The traces, opened as one stream. */
    TraceStream open() throws IOException {
        return TraceStream.open(files());
    }

    /** The filters over an opened trace, lines rendered with the default options where --grep needs them. */
    static Predicate<Event> filter(FilterOptions filters, TraceStream stream) {
        return Filters.build(filters, stream, LineRenderer.lines(stream, new RenderOptions()));
    }

    /** {@code -r} of a view: required. */
    static final class Required extends TraceInput {
        @Option(names = "-r", paramLabel = "FILE", required = true, description = DESCRIPTION)
        @Override
        void file(List<Path> files) {
            inputs.clear();   // picocli passes the values given so far, each time
            inputs.addAll(files);
        }
    }

    /** {@code -r} of the default view: optional, as {@code jtrace-analyze VIEW -r FILE} gives it to the view. */
    static final class Optional extends TraceInput {
        @Option(names = "-r", paramLabel = "FILE", description = DESCRIPTION)
        @Override
        void file(List<Path> files) {
            inputs.clear();   // picocli passes the values given so far, each time
            inputs.addAll(files);
        }
    }
}
