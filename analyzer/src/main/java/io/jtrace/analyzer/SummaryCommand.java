package io.jtrace.analyzer;

import io.jtrace.analyzer.filter.FilterOptions;
import io.jtrace.analyzer.summary.SyscallSummary;
import io.jtrace.analyzer.trace.Pipeline;
import io.jtrace.analyzer.trace.TraceStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code summary}: calls, errors and time per syscall, like {@code strace -c}. */
@Command(name = "summary", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Calls, errors and time per syscall, like strace -c -w (time is each call's latency). " +
            "Accepts the same filters as the default view.",
        footer = {"", "Examples:", "  jtrace-analyze summary -r app.jtr", "  jtrace-analyze summary -r app.jtr --pid 3314 -e trace=%%net",
            "  jtrace-analyze summary -r app.jtr --json | jq 'select(.errors > 0)'"})
final class SummaryCommand implements Callable<Integer> {
    @Mixin
    TraceInput.Required input;

    @Mixin
    OutputFormat output;

    @Mixin
    FilterOptions filters;

    @Override
    public Integer call() throws Exception {
        try (TraceStream stream = input.open()) {
            var filter = TraceInput.filter(filters, stream);
            SyscallSummary summary = new SyscallSummary();
            Pipeline.run(stream, filter, summary, System.err);
            output.writer(() -> SyscallSummary.Writer.table(System.out), () -> SyscallSummary.Writer.json(System.out))
                    .write(summary, stream.losses());
        }
        return 0;
    }
}
