package io.jtrace.analyzer.http;

import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.EventSink;
import io.jtrace.analyzer.trace.Pipeline;
import io.jtrace.analyzer.trace.TraceStream;
import io.jtrace.format.TraceWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The http view: the exchanges of the connections whose syscalls pass the filters, those {@code --grep} selects by
 * their request and response text, written as text or JSON to stdout, or as HAR.
 */
public final class HttpView {
    /** The writer of the exchanges (text or JSON); made once the trace is open, its start being the printer's. */
    public interface Output {
        ExchangeWriter open(ExchangePrinter printer, PrintStream stdout) throws IOException;
    }

    private final boolean full;
    private final boolean decode;
    private final boolean base64;
    private final int bodyLimit;
    private final Pattern grep;
    private GrpcSchema proto;
    private Path har;
    private String harVersion;

    /**
     * @param bodyLimit body bytes kept per message for --full, HAR and --grep
     * @param grep      selects exchanges by their text; null: all
     */
    public HttpView(boolean full, boolean decode, boolean base64, int bodyLimit, Pattern grep) {
        this.full = full;
        this.decode = decode;
        this.base64 = base64;
        this.bodyLimit = bodyLimit;
        this.grep = grep;
    }

    /** gRPC messages are parsed with this descriptor set's types and shown as JSON (--proto). */
    public HttpView proto(GrpcSchema schema) {
        this.proto = schema;
        return this;
    }

    /** The exchanges go to a HAR file ({@code -}: stdout) instead; the output keeps the losses. */
    public HttpView har(Path file, String creatorVersion) {
        this.har = file;
        this.harVersion = creatorVersion;
        return this;
    }

    /** Reads {@code stream} to its end, writing each exchange as it completes (to a HAR file, at the end). */
    public void run(TraceStream stream, Predicate<Event> filter, Output output, PrintStream out, PrintStream err)
            throws IOException {
        long startWall = stream.header().getStartWallNs();
        ExchangePrinter printer = new ExchangePrinter(startWall, ZoneId.systemDefault(), full, decode, base64)
                .proto(proto);
        boolean harToStdout = har != null && har.toString().equals("-");
        // stdout buffered in large writes, not a write per line
        PrintStream stdout = new PrintStream(new BufferedOutputStream(out, 1 << 16), false, StandardCharsets.UTF_8);
        OutputStream harOut = har == null ? null : harToStdout ? stdout : TraceWriter.openOwnerOnly(har);
        try (HarWriter harWriter = harOut == null ? null : new HarWriter(harOut, startWall, harVersion, printer);
             ExchangeWriter records = output.open(printer, stdout)) {
            ExchangeWriter exchanges = harWriter != null ? harWriter : records;
            int kept = full || har != null || grep != null ? bodyLimit : 0;
            // heads are parsed where the records are decoded, beside this thread
            stream.note(() -> new HeadScan(stream.table(), kept));
            HttpConnections connections = new HttpConnections(stream.state(), kept, x -> {
                if (grep == null || grep.matcher(ExchangePrinter.text(x)).find()) {
                    exchanges.write(x);
                }
            });
            // exchanges are printed as they complete, unless they go to a HAR file
            Pipeline.run(stream, filter, harOut != null && !harToStdout ? connections : EventSink.printing(connections),
                    err);
            records.losses(stream.losses());
        } finally {
            stdout.flush();
            if (harOut != null && harOut != stdout) {
                harOut.close();
            }
        }
    }
}
