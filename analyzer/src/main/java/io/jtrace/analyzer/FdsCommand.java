package io.jtrace.analyzer;

import io.jtrace.analyzer.error.UsageException;
import io.jtrace.analyzer.fds.FdReport;
import io.jtrace.analyzer.fds.FdTable;
import io.jtrace.analyzer.filter.FilterOptions;
import io.jtrace.analyzer.output.ParquetWriter;
import io.jtrace.analyzer.trace.Pipeline;
import io.jtrace.analyzer.trace.TraceStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fds}: one row per connection or fd: endpoints, calls and bytes each way, errors, protocol. */
@Command(name = "fds", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Per connection and fd: kind, endpoints, calls and bytes in and out, errors (EAGAIN apart), " +
            "time in syscalls, first and last seen, protocol (http, h2, grpc, tls, other). A reused fd number " +
            "starts a new row.",
        footer = {"", "Examples:", "  jtrace-analyze fds -r app.jtr --sort bytes --top 10",
            "  jtrace-analyze fds -r app.jtr --json | jq 'select(.protocol == \"http\")'",
            "  jtrace-analyze fds -r app.jtr --parquet fds.parquet   # for SQL engines"})
final class FdsCommand implements Callable<Integer> {
    @Mixin
    TraceInput.Required input;

    @Mixin
    OutputFormat output;

    @Option(names = "--sort", paramLabel = "KEY", defaultValue = "first",
            description = "Order of rows: " + FdReport.SORT_KEYS + " (default: ${DEFAULT-VALUE}).")
    String sort;

    @Option(names = "--top", paramLabel = "N", description = "Only the first N rows after sorting.")
    int top;

    @Option(names = "--parquet", paramLabel = "FILE", description = "Write the rows to FILE as Parquet, --json's fields "
            + "as columns, for SQL engines (mode 0600; - for stdout).")
    Path parquet;

    @Mixin
    FilterOptions filters;

    @Override
    public Integer call() throws Exception {
        if (top < 0) {
            throw new UsageException("--top must be 0 or more, not " + top);
        }
        if (parquet != null && output.json) {
            throw new UsageException("--parquet writes the rows as Parquet; it does not combine with --json");
        }
        input.refuseOverwrite("--parquet", parquet);
        var order = FdReport.order(sort);   // a bad --sort fails before the file is read
        // an output that cannot be created fails before the trace is read
        var parquetOut = parquet == null ? null : ParquetWriter.target(parquet, System.out);
        try (TraceStream stream = input.open()) {
            var filter = TraceInput.filter(filters, stream);
            FdTable table = new FdTable(stream.state());
            Pipeline.run(stream, filter, table, System.err);
            var rows = FdReport.select(table.rows(), order, top);
            FdReport.Writer out = parquet != null ? FdReport.Writer.parquet(parquetOut)
                    : output.writer(() -> FdReport.Writer.table(System.out), () -> FdReport.Writer.json(System.out));
            out.write(rows, stream.header().getStartWallNs(), stream.losses());
        }
        return 0;
    }
}
