package io.jtrace.analyzer.diff;

import io.jtrace.analyzer.http.Exchange;
import io.jtrace.analyzer.http.ExchangePrinter;
import io.jtrace.analyzer.http.HttpHeaders;
import io.jtrace.analyzer.http.HttpMessage;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The http level: each exchange as a block of lines, grouped per connection, in the words of the {@code http} view
 * without its times, pids, tids, fds and latency: the process, side, the service's endpoint, request line, host,
 * status, body sizes, notes, then the headers ({@code > } request, {@code < } response) and the bodies. The client's
 * port is masked: it names nothing the grouping per connection does not already say.
 */
final class HttpLines {
    private static final Pattern PORT = Pattern.compile(":(\\d+)$");

    private final DiffOptions options;
    private final Groups groups;
    private final ThreadNames names;
    private final Pattern grep;

    HttpLines(DiffOptions options, Groups groups, ThreadNames names, Pattern grep) {
        this.options = options;
        this.groups = groups;
        this.names = names;
        this.grep = grep;
    }

    void exchange(Exchange x) throws IOException {
        if (grep != null && !grep.matcher(ExchangePrinter.text(x)).find()) {
            return;
        }
        boolean client = x.side() == Exchange.Side.CLIENT;
        String peer = x.peer() == null ? "?" : client ? x.peer() : clientPort(x.peer());
        HttpMessage req = x.request();
        HttpMessage resp = x.response();
        StringBuilder b = new StringBuilder(160);
        b.append('[').append(names.process(x.pid())).append("] ").append(x.side().label())
                .append(client ? " -> " : " <- ").append(peer);
        if (req != null) {
            b.append("  ").append(ExchangePrinter.printable(req.method())).append(' ')
                    .append(ExchangePrinter.printable(req.target()));
            if (x.host() != null) {
                b.append("  host ").append(ExchangePrinter.printable(x.host()));
            }
        } else {
            b.append("  (request not seen)");
        }
        if (resp != null) {
            b.append("  ").append(resp.status());
            if (!resp.reason().isEmpty()) {
                b.append(' ').append(ExchangePrinter.printable(resp.reason()));
            }
        } else {
            b.append("  (no response)");
        }
        boolean sizes = !options.ignores(DiffOptions.Field.SIZE);
        b.append("  req ").append(req == null ? "-" : sizes ? req.bodyLength() + " B" : "* B");
        b.append("  resp ").append(resp == null ? "-" : sizes ? resp.bodyLength() + " B" : "* B");
        if (!x.notes().isEmpty()) {
            b.append("  [").append(String.join(", ", x.notes())).append(']');
        }
        Object connection = x.connection();
        add(connection, b.toString());
        message(connection, "> ", req);
        for (HttpMessage m : x.interim()) {
            message(connection, "< ", m);
        }
        message(connection, "< ", resp);
    }

    private void message(Object connection, String prefix, HttpMessage m) throws IOException {
        if (m == null || options.ignores(DiffOptions.Field.HEADERS) && options.ignores(DiffOptions.Field.DATA)) {
            return;
        }
        if (!options.ignores(DiffOptions.Field.HEADERS)) {
            add(connection, prefix + ExchangePrinter.printable(m.startLine()));
            fields(connection, prefix, m.headers().fields());
        }
        if (!options.ignores(DiffOptions.Field.DATA) && m.body().length > 0) {
            String text = ExchangePrinter.printableBody(m.body());
            if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            for (String line : text.split("\n", -1)) {
                add(connection, prefix + "| " + line);
            }
            if (m.body().length < m.bodyLength()) {
                add(connection, prefix + "[body compared up to " + m.body().length + " bytes]");
            }
        }
        if (!options.ignores(DiffOptions.Field.HEADERS)) {
            fields(connection, prefix, m.trailers().fields());
        }
    }

    private void fields(Object connection, String prefix, List<HttpHeaders.Field> fields) throws IOException {
        for (HttpHeaders.Field f : fields) {
            boolean masked = options.ignoredHeaders.contains(f.name().toLowerCase(Locale.ROOT));
            add(connection, prefix + ExchangePrinter.printable(f.name()) + ": "
                    + (masked ? "*" : ExchangePrinter.printable(f.value())));
        }
    }

    private void add(Object connection, String line) throws IOException {
        groups.add(connection, null, line);
    }

    /** The client's end of a connection a server accepted: its port is the kernel's choice. */
    private String clientPort(String endpoint) {
        var m = PORT.matcher(endpoint);
        return m.find() && options.ephemeral(Integer.parseInt(m.group(1)))
                ? endpoint.substring(0, m.start()) + ":*" : endpoint;
    }
}
