package io.jtrace.analyzer;

import io.jtrace.analyzer.error.UsageException;
import io.jtrace.analyzer.filter.FilterOptions;
import io.jtrace.analyzer.http.ExchangeWriter;
import io.jtrace.analyzer.http.GrpcSchema;
import io.jtrace.analyzer.http.HttpView;
import io.jtrace.analyzer.output.ParquetWriter;
import io.jtrace.analyzer.trace.TraceStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code http}: HTTP/1.x exchanges and HTTP/2 streams reconstructed from the captured payloads. */
@Command(name = "http", mixinStandardHelpOptions = true, sortOptions = false,
        description = "HTTP/1.x exchanges and HTTP/2 (h2c) streams, reconstructed per connection and direction " +
            "from the bytes the read and write calls moved: time, pid, fd, side (client: this process sent the request; server: it " +
            "received it), peer, method, url, host, status, body sizes and latency (request's first " +
            "byte to response's last). The filters select the syscalls the streams are built from; " +
            "--grep selects exchanges by their reassembled request and response text.",
        footer = {"", "Examples:", "  jtrace-analyze http -r app.jtr",
            "  jtrace-analyze http -r app.jtr --grep 'POST /api/orders' --full",
            "  jtrace-analyze http -r app.jtr --json | jq 'select(.status >= 500)'",
            "  jtrace-analyze http -r app.jtr --full --proto api.desc   # gRPC as JSON",
            "  jtrace-analyze http -r app.jtr --har app.har   # for browser dev tools",
            "  jtrace-analyze http -r app.jtr --parquet http.parquet   # for SQL engines"})
final class HttpCommand implements Callable<Integer> {
    @Mixin
    TraceInput.Required input;

    @Mixin
    OutputFormat output;

    @Option(names = "--full", description = "Headers and bodies too (bodies dechunked; with --json as fields).")
    boolean full;

    @Option(names = "--decode", description = "Show gzip and deflate bodies decoded (with --full, --har).")
    boolean decode;

    @Option(names = "--base64", description = "Bodies in base64 instead of text: --full's body lines, --json --full's "
            + "request_body_base64 and response_body_base64, HAR's text.")
    boolean base64;

    @Option(names = "--har", paramLabel = "FILE", description = "Write HAR 1.2 to FILE (mode 0600; - for stdout).")
    Path har;

    @Option(names = "--parquet", paramLabel = "FILE", description = "Write the exchanges to FILE as Parquet, --json's "
            + "fields as columns, for SQL engines (mode 0600; - for stdout).")
    Path parquet;

    @Option(names = "--proto", paramLabel = "FILE.desc", description = "gRPC messages as JSON (with --full), parsed "
            + "with the types of this descriptor set (protoc --descriptor_set_out=FILE.desc --include_imports).")
    Path proto;

    @Option(names = "--body-limit", paramLabel = "BYTES", defaultValue = "1048576",
            description = "Body bytes kept per message for --full, --har and --grep (default: ${DEFAULT-VALUE}).")
    int bodyLimit;

    @Mixin
    FilterOptions filters;

    @Override
    public Integer call() throws Exception {
        if (bodyLimit < 0) {
            throw new UsageException("--body-limit must be 0 or more, not " + bodyLimit);
        }
        if (base64 && !full && har == null) {
            throw new UsageException("--base64 encodes bodies: give --full or --har too");
        }
        if (har != null && har.toString().equals("-") && output.json) {
            throw new UsageException("--har - writes HAR to stdout; it does not combine with --json");
        }
        if (parquet != null && (output.json || har != null)) {
            throw new UsageException("--parquet writes the exchanges as Parquet; it does not combine with "
                    + (output.json ? "--json" : "--har"));
        }
        if (proto != null && !full) {
            throw new UsageException("--proto shows gRPC messages as JSON: give --full too");
        }
        input.refuseOverwrite("--har", har);
        input.refuseOverwrite("--parquet", parquet);
        // --grep applies to exchanges here, not to single syscalls
        HttpView view = new HttpView(full, decode, base64, bodyLimit, filters.grepPattern());
        if (proto != null) {
            view.proto(GrpcSchema.load(proto));
        }
        if (har != null) {
            view.har(har, new AnalyzeCommand.Version().getVersion()[0].replaceFirst("^jtrace-analyze ", ""));
        }
        HttpView.Output out = parquet != null
                ? (printer, stdout) -> ExchangeWriter.parquet(printer, ParquetWriter.target(parquet, stdout), full)
                : output.writer(() -> ExchangeWriter::text, () -> ExchangeWriter::json);
        try (TraceStream stream = input.open()) {
            view.run(stream, TraceInput.filter(filters.withoutGrep(), stream), out, System.out, System.err);
        }
        return 0;
    }
}
