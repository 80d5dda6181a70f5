package io.jtrace.analyzer;

import io.jtrace.analyzer.error.UsageException;
import io.jtrace.analyzer.diff.DiffOptions;
import io.jtrace.analyzer.diff.HunkWriter;
import io.jtrace.analyzer.diff.TraceDiff;
import io.jtrace.analyzer.filter.FilterOptions;
import io.jtrace.analyzer.trace.TraceStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code diff A B}: two traces compared after normalising what changes from run to run; exits as diff(1) does. */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compare two traces, as a unified diff, after normalising what changes from run to run: " +
            "pids and tids (threads named by process, name and ordinal), fd numbers and ephemeral ports " +
            "(numbered by first appearance), addresses, times and durations (not shown), and volatile " +
            "headers (Date, Expires, Last-Modified, Age, ETag, Set-Cookie, Cookie, X-Request-Id, " +
            "traceparent, tracestate). Lines are grouped per thread (syscall level) or per connection " +
            "(http, fds), groups in a fixed order, so thread scheduling does not show. How much a read " +
            "returns varies between runs: for network-heavy programs compare --level http (or fds), " +
            "which reassembles the streams. The filters apply to both traces.",
        footer = {"", "Examples:", "  jtrace-analyze diff baseline.jtr run.jtr",
            "  jtrace-analyze diff --level http baseline.jtr run.jtr || exit 1   # in CI",
            "  jtrace-analyze diff --comm 'client-*,server-*' -e 'trace=!futex' a.jtr b.jtr",
            "  jtrace-analyze diff --level http --ignore-header Server a.jtr b.jtr",
            "  jtrace-analyze diff --level fds --json a.jtr b.jtr | jq .lines",
            "", "Exit status (as diff(1)): 0 the traces compare equal, 1 they differ, 2 trouble:",
            "a usage error, an unreadable or corrupt trace, or more lines than --max-lines."})
final class DiffCommand implements Callable<Integer>, AnalyzeCommand.DataErrorStatus {
    @Parameters(index = "0", paramLabel = "A", description = "The baseline trace: a file, a directory or a quoted glob (one recording's rotated files"
                    + " read as one trace); - reads it from standard input.")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "The trace compared with it, as A.")
    Path b;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "syscall",
            description = "What a line is: syscall (default), http (an exchange with headers and bodies), fds.")
    DiffOptions.Level level;

    @Option(names = {"-U", "--unified", "--context"}, paramLabel = "N", defaultValue = "3",
            description = "Lines of context around each change (default: ${DEFAULT-VALUE}).")
    int context;

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = "group",
            description = "group (default): per thread or connection, in a fixed order; time: as recorded.")
    DiffOptions.Order order;

    @Option(names = "--ignore-field", paramLabel = "FIELD", split = ",",
            description = "Leave out of the comparison: data (read/write strings, HTTP bodies), size (byte counts),"
                    + " headers (all HTTP headers).")
    List<DiffOptions.Field> fields = new ArrayList<>();

    @Option(names = "--ignore-header", paramLabel = "NAME", split = ",",
            description = "Also mask this header's value (repeatable); see the list above for the defaults.")
    List<String> ignoreHeaders = new ArrayList<>();

    @Option(names = "--compare-header", paramLabel = "NAME", split = ",",
            description = "Compare a header masked by default (e.g. ETag).")
    List<String> compareHeaders = new ArrayList<>();

    @Option(names = "--ephemeral-ports", paramLabel = "LOW-HIGH", defaultValue = "32768-65535",
            description = "Ports the kernel picks, numbered rather than compared (default: ${DEFAULT-VALUE}).")
    String ephemeral;

    @Option(names = "-s", paramLabel = "STRSIZE", defaultValue = "32",
            description = "Bytes of each string compared at the syscall level (default: ${DEFAULT-VALUE}).")
    int stringLimit;

    @Option(names = "--max-lines", paramLabel = "N", defaultValue = "2000000",
            description = "Lines held per trace at most, which bounds memory (default: ${DEFAULT-VALUE}).")
    long maxLines;

    @Mixin
    OutputFormat output;

    @Mixin
    FilterOptions filters;

    @Override
    public Integer call() throws Exception {
        if (TraceStream.isStdin(a) && TraceStream.isStdin(b)) {
            throw new UsageException("only one of A and B can be - (standard input is read once)");
        }
        DiffOptions o = options();
        // --grep selects exchanges by their text at the http level, not single syscalls
        boolean exchanges = o.level == DiffOptions.Level.HTTP;
        FilterOptions syscalls = exchanges ? filters.withoutGrep() : filters;
        Pattern grep = exchanges ? filters.grepPattern() : null;
        try (HunkWriter out = output.writer(() -> new HunkWriter.Unified(a.toString(), b.toString(), System.out),
                () -> new HunkWriter.Json(a.toString(), b.toString(), System.out))) {
            return TraceDiff.run(a, b, syscalls, grep, o, context, out, System.err) ? 1 : 0;
        }
    }

    /** diff's 1 means "different": a trace it cannot read is trouble, 2, as for diff(1). */
    @Override
    public int dataErrorStatus() {
        return 2;
    }

    private DiffOptions options() {
        DiffOptions o = new DiffOptions();
        o.level = level;
        o.order = order;
        o.ignored.addAll(fields);
        ignoreHeaders.forEach(h -> o.ignoredHeaders.add(h.trim().toLowerCase(Locale.ROOT)));
        compareHeaders.forEach(h -> o.ignoredHeaders.remove(h.trim().toLowerCase(Locale.ROOT)));
        if (context < 0) {
            throw new UsageException("-U must be 0 or more, not " + context);
        }
        if (stringLimit < 0) {
            throw new UsageException("-s must be 0 or more, not " + stringLimit);
        }
        if (maxLines < 1) {
            throw new UsageException("--max-lines must be 1 or more, not " + maxLines);
        }
        o.stringLimit = stringLimit;
        o.maxLines = maxLines;
        String[] range = ephemeral.split("-", -1);
        try {
            o.ephemeralLow = Integer.parseInt(range[0].trim());
            o.ephemeralHigh = range.length == 2 ? Integer.parseInt(range[1].trim()) : -1;
        } catch (NumberFormatException e) {
            o.ephemeralHigh = -1;
        }
        if (range.length != 2 || o.ephemeralLow < 0 || o.ephemeralHigh > 65535 || o.ephemeralLow > o.ephemeralHigh) {
            throw new UsageException("--ephemeral-ports " + ephemeral + ": expected LOW-HIGH within 0-65535");
        }
        return o;
    }
}
