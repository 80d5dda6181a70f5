package io.jtrace.analyzer;

import io.jtrace.analyzer.error.UsageException;
import io.jtrace.analyzer.filter.FilterOptions;
import io.jtrace.analyzer.filter.Filters;
import io.jtrace.analyzer.http.ExchangePrinter;
import io.jtrace.analyzer.http.HarWriter;
import io.jtrace.analyzer.http.HttpConnections;
import io.jtrace.analyzer.output.RecordWriter;
import io.jtrace.analyzer.trace.EventSink;
import io.jtrace.analyzer.trace.Pipeline;
import io.jtrace.analyzer.trace.TraceStream;
import io.jtrace.format.TraceWriter;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code http}: HTTP/1.x exchanges reconstructed from the captured payloads, requests paired with responses. */
@Command(name = "http", mixinStandardHelpOptions = true, sortOptions = false,
        description = "HTTP/1.x exchanges, reconstructed per connection and direction from the bytes the read and " +
            "write calls moved: time, pid, fd, side (client: this process sent the request; server: it " +
            "received it), peer, method, url, host, status, body sizes and latency (request's first " +
            "byte to response's last). The filters select the syscalls the streams are built from; " +
            "--grep selects exchanges by their reassembled request and response text.",
        footer = {"", "Examples:", "  jtrace-analyze http -r app.jtr",
            "  jtrace-analyze http -r app.jtr --grep 'POST /api/orders' --full",
            "  jtrace-analyze http -r app.jtr --json | jq 'select(.status >= 500)'",
            "  jtrace-analyze http -r app.jtr --har app.har   # for browser dev tools"})
final class HttpCommand implements Callable<Integer> {
    @Mixin
    TraceInput input;

    @Option(names = "--json", description = "One JSON object per exchange.")
    boolean json;

    @Option(names = "--full", description = "Headers and bodies too (bodies dechunked; with --json as fields).")
    boolean full;

    @Option(names = "--decode", description = "Show gzip and deflate bodies decoded (with --full, --har).")
    boolean decode;

    @Option(names = "--base64", description = "Bodies in base64 instead of text: --full's body lines, --json --full's "
            + "request_body_base64 and response_body_base64, HAR's text.")
    boolean base64;

    @Option(names = "--har", paramLabel = "FILE", description = "Write HAR 1.2 to FILE (mode 0600; - for stdout).")
    Path har;

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
        boolean harToStdout = har != null && har.toString().equals("-");
        if (harToStdout && json) {
            throw new UsageException("--har - writes HAR to stdout; it does not combine with --json");
        }
        input.refuseOverwrite("--har", har);
        // --grep applies to exchanges here, not to single syscalls
        Pattern grep = filters.grep == null ? null : Filters.pattern(filters.grep, filters.ignoreCase);
        filters.grep = null;
        boolean bodies = full || har != null || grep != null;
        try (TraceStream stream = input.open()) {
            // --grep was taken off: the lines are never rendered here
            var filter = TraceInput.filter(filters, stream);
            long startWall = stream.header().getStartWallNs();
            ExchangePrinter printer = new ExchangePrinter(startWall, ZoneId.systemDefault(), full, decode, base64);
            String version = new AnalyzeCommand.Version().getVersion()[0].replaceFirst("^jtrace-analyze ", "");
            // stdout buffered in large writes, not a write per line
            PrintStream stdout = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false,
                    StandardCharsets.UTF_8);
            OutputStream harOut = har == null ? null : harToStdout ? stdout : TraceWriter.openOwnerOnly(har);
            try (HarWriter harWriter = harOut == null ? null : new HarWriter(harOut, startWall, version, printer);
                 RecordWriter jsonOut = json ? RecordWriter.create(true, stdout) : null) {
                HttpConnections connections = new HttpConnections(stream.state(), bodies ? bodyLimit : 0, x -> {
                    if (grep != null && !grep.matcher(ExchangePrinter.text(x)).find()) {
                        return;
                    }
                    if (harWriter != null) {
                        harWriter.write(x);
                    } else if (jsonOut != null) {
                        printer.json(x, jsonOut);
                    } else {
                        printer.print(x, stdout);
                    }
                });
                // exchanges are printed as they complete, unless they go to a HAR file
                Pipeline.run(stream, filter, harOut != null && !harToStdout ? connections : EventSink.printing(connections),
                        System.err);
                if (jsonOut != null) {
                    stream.losses().write(jsonOut);
                }
            } finally {
                stdout.flush();
                if (harOut != null && harOut != stdout) {
                    harOut.close();
                }
            }
        }
        return 0;
    }
}
