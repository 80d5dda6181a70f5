package io.jtrace.analyzer.http;

import static io.jtrace.analyzer.output.ParquetWriter.Type.BOOLEAN;
import static io.jtrace.analyzer.output.ParquetWriter.Type.INT64;
import static io.jtrace.analyzer.output.ParquetWriter.Type.JSON;
import static io.jtrace.analyzer.output.ParquetWriter.Type.STRING;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.output.ParquetWriter;
import io.jtrace.analyzer.output.RecordWriter;
import io.jtrace.analyzer.trace.Source;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code http} view's output: a line per exchange ({@code --full}: with headers and bodies, as {@code curl -v}
 * shows them), or a JSON object per exchange.
 */
public final class ExchangePrinter {
    /** Decoded body bytes shown at most, per body, with --decode. */
    static final int DECODED_LIMIT = 1 << 20;

    private final long startWallNs;
    private final ZoneId zone;
    private final boolean full;
    private final boolean decode;
    private final boolean base64;
    /** The text of one exchange, reused. */
    private final LineBuffer buffer = new LineBuffer(512);
    /** A String's characters, for {@link #printable(LineBuffer, String)}. */
    private char[] chars = new char[256];
    /** The exchanges' " [pid ... peer" parts by connection and thread (see {@link #who}). */
    private final Who[] whos = new Who[1 << WHO_BITS];
    /** Where {@link #who} makes its text. */
    private final LineBuffer scratch = new LineBuffer(128);
    /** Shared Strings found to need no escaping (see {@link #printableShared}). */
    private final String[] clean = new String[64];
    /** A gRPC stream's messages, parsed with --proto's types when given. */
    private GrpcPrinter grpcMessages;
    private long isoSecond;
    private byte[] isoSeconds;
    private long clockSecond;
    private String clockText;

    public ExchangePrinter(long startWallNs, ZoneId zone, boolean full, boolean decode) {
        this(startWallNs, zone, full, decode, false);
    }

    /** @param base64 bodies in base64 (--full's lines, JSON fields, HAR text), not as text */
    public ExchangePrinter(long startWallNs, ZoneId zone, boolean full, boolean decode, boolean base64) {
        this.startWallNs = startWallNs;
        this.zone = zone;
        this.full = full;
        this.decode = decode;
        this.base64 = base64;
        this.grpcMessages = new GrpcPrinter(null, base64);
    }

    /** gRPC messages are parsed with the types of this descriptor set (--proto). */
    public ExchangePrinter proto(GrpcSchema schema) {
        grpcMessages = new GrpcPrinter(schema, base64);
        return this;
    }

    /**
     * {@code 10:15:02.123456 [pid 3314 tid 3320] fd 57 client -> 127.0.0.1:8080  POST /orders?x=1  host h:8080
     * 201 Created  req 87 B  resp 40 B  1.234 ms}; the arrow points from the side that sent the request.
     */
    public String line(Exchange x) {
        return line(x, new LineBuffer(160)).toString();
    }

    private LineBuffer line(Exchange x, LineBuffer b) {
        time(b, startWallNs + x.startNs());
        who(b, x);
        if (x.stream() >= 0) {
            b.append("  HTTP/2 stream ").append(x.stream());
        }
        HttpMessage req = x.request();
        HttpMessage resp = x.response();
        if (req != null) {
            printableShared(b.append("  "), req.method());
            printableTarget(b.append(' '), req);
            HttpHeaders h = req.headers();
            int at = h.parsedIndex(HttpHeaders.Name.HOST);
            if (at >= 0 && isAsciiText(h.head(), h.valueFrom(at), h.valueTo(at))) {
                // the Host field is the host (Exchange.host), copied from the head
                b.append("  host ").appendAscii(h.head(), h.valueFrom(at), h.valueTo(at) - h.valueFrom(at));
            } else {
                String host = x.host();
                if (host != null) {
                    printable(b.append("  host "), host);
                }
            }
        } else {
            b.append("  (request not seen)");
        }
        if (resp != null) {
            b.append("  ").append(resp.status());
            if (!resp.reason().isEmpty()) {
                printableShared(b.append(' '), resp.reason());
            }
        } else {
            b.append("  (no response)");
        }
        GrpcCall grpc = x.grpc();
        if (grpc != null) {
            b.append("  grpc ");
            if (grpc.status() != null) {
                b.append(grpc.statusName());
                if (grpc.message() != null) {
                    printable(b.append(" \""), grpc.message()).append('"');
                }
            } else {
                b.append("(no status)");
            }
            messages(b.append("  msgs "), grpc.requests());
            messages(b.append('/'), grpc.responses());
        }
        size(b.append("  req "), req);
        size(b.append("  resp "), resp);
        long latency = x.latencyNs();
        b.append("  ");
        if (latency < 0) {
            b.append('-');
        } else {
            long micros = (latency + 500) / 1000;
            b.append(micros / 1000).append('.').appendPadded(micros % 1000, 3, '0').append(" ms");
        }
        List<String> notes = x.notes();
        if (!notes.isEmpty()) {
            b.append("  [");
            for (int i = 0; i < notes.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(notes.get(i));
            }
            b.append(']');
        }
        return b;
    }

    /**
     * Appends " [pid P tid T] fd F client -> PEER": the same for every exchange of a connection and thread, so made
     * once for them while no other connection and thread take its slot.
     */
    private void who(LineBuffer b, Exchange x) {
        String connection = x.connection();
        int slot = ((connection.hashCode() * 31 + x.tid()) * 0x9E3779B9) >>> (32 - WHO_BITS);   // Fibonacci hashing
        Who w = whos[slot];
        if (w == null || w.connection != connection || w.tid != x.tid() || w.pid != x.pid() || w.fd != x.fd()
                || w.side != x.side() || !Objects.equals(w.peer, x.peer())) {
            LineBuffer text = scratch.clear();
            text.append(" [pid ").append(x.pid()).append(" tid ").append(x.tid()).append("] fd ").append(x.fd())
                    .append(x.side() == Exchange.Side.CLIENT ? " client -> " : " server <- ")
                    .append(x.peer() == null ? "?" : x.peer());
            if (!text.isBytes()) {
                b.append(text);
                return;
            }
            byte[] bytes = java.util.Arrays.copyOf(text.array(), text.length());
            boolean ascii = true;
            for (byte c : bytes) {
                ascii &= c >= 0;
            }
            w = new Who(connection, x.tid(), x.pid(), x.fd(), x.side(), x.peer(), bytes, ascii);
            whos[slot] = w;
        }
        if (w.ascii) {
            b.appendAscii(w.text, 0, w.text.length);
        } else {
            b.appendLatin1(w.text, 0, w.text.length);
        }
    }

    private static final int WHO_BITS = 8;

    /** The text {@link #who} made, and what it was made of. */
    private record Who(String connection, int tid, int pid, int fd, Exchange.Side side, String peer, byte[] text,
            boolean ascii) {}

    /** "HH:MM:SS.micros" in the zone; the part up to the seconds is made once a second. */
    private void time(LineBuffer b, long wallNs) {
        long second = Math.floorDiv(wallNs, 1_000_000_000L);
        if (second != clockSecond || clockText == null) {
            LocalTime t = LocalTime.ofInstant(Instant.ofEpochSecond(second), zone);
            clockSecond = second;
            clockText = String.format(Locale.ROOT, "%02d:%02d:%02d.", t.getHour(), t.getMinute(), t.getSecond());
        }
        b.append(clockText).appendPadded(Math.floorMod(wallNs, 1_000_000_000L) / 1000, 6, '0');
    }

    /**
     * {@code Instant.toString()} of the time: the part up to the seconds is made once a second, the fraction is
     * written as Instant writes it (none, or 3, 6 or 9 digits, as few as hold it).
     */
    String instant(long wallNs) {
        long second = Math.floorDiv(wallNs, 1_000_000_000L);
        int nano = (int) Math.floorMod(wallNs, 1_000_000_000L);
        if (second != isoSecond || isoSeconds == null) {
            String whole = Instant.ofEpochSecond(second).toString();   // "...:SSZ"
            isoSecond = second;
            isoSeconds = whole.substring(0, whole.length() - 1).getBytes(StandardCharsets.ISO_8859_1);
        }
        int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1000 == 0 ? 6 : 9;
        int n = isoSeconds.length;
        byte[] text = java.util.Arrays.copyOf(isoSeconds, n + (digits == 0 ? 1 : digits + 2));
        if (digits > 0) {
            text[n] = '.';
            int v = digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1000 : nano;
            for (int i = n + digits; i > n; i--, v /= 10) {
                text[i] = (byte) ('0' + v % 10);
            }
        }
        text[text.length - 1] = 'Z';
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    /** The statuses of interim responses. */
    private static List<Integer> statuses(List<HttpMessage> interim) {
        if (interim.isEmpty()) {
            return List.of();
        }
        List<Integer> statuses = new ArrayList<>(interim.size());
        for (HttpMessage m : interim) {
            statuses.add(m.status());
        }
        return statuses;
    }

    /** A direction's gRPC message count, ">=" when a gap hid a prefix. */
    private static void messages(LineBuffer b, GrpcCall.Messages m) {
        b.append(m.lost() ? ">=" : "").append(m.count());
    }

    /** "1234 B", or ">=1234 B" when the body's end fell in a gap; "-" without a message. */
    private static void size(LineBuffer b, HttpMessage m) {
        if (m == null) {
            b.append('-');
            return;
        }
        if (m.has(HttpMessage.Flag.SIZE_AT_LEAST)) {
            b.append(">=");
        }
        b.append(m.bodyLength()).append(" B");
    }

    /**
     * The line, and with --full the messages below it in the order they crossed the wire: an interim response
     * (100 Continue) that came before the request's body had ended goes between the request's head and its body.
     * Written as UTF-8.
     */
    public void print(Exchange x, OutputStream out) throws IOException {
        LineBuffer b = line(x, buffer.clear()).append('\n');
        if (full) {
            HttpMessage req = x.request();
            List<HttpMessage> later = x.interim();
            if (req != null) {
                head(b, "> ", req);
                if (req.bodyLength() > 0) {
                    // a client that sent Expect: 100-continue waited for it before sending the body
                    later = new ArrayList<>();
                    for (HttpMessage m : x.interim()) {
                        if (m.startNs() < req.endNs()) {
                            message(b, "< ", m, null);
                        } else {
                            later.add(m);
                        }
                    }
                }
                body(b, "> ", req, x.grpc());
            }
            for (HttpMessage m : later) {
                message(b, "< ", m, null);
            }
            if (x.response() != null) {
                message(b, "< ", x.response(), x.grpc());
            }
            b.append('\n');
        }
        b.writeTo(out);
    }

    private void message(LineBuffer b, String prefix, HttpMessage m, GrpcCall grpc) {
        head(b, prefix, m);
        body(b, prefix, m, grpc);
    }

    private void head(LineBuffer b, String prefix, HttpMessage m) {
        printable(b.append(prefix), m.startLine()).append('\n');
        fields(b, prefix, m.headers());
        b.append(prefix).append('\n');
    }

    private void fields(LineBuffer b, String prefix, HttpHeaders h) {
        for (HttpHeaders.Field f : h.fields()) {
            printable(b.append(prefix), f.name()).append(": ");
            printable(b, f.value()).append('\n');
        }
    }

    private void body(LineBuffer b, String prefix, HttpMessage m, GrpcCall grpc) {
        if (grpc != null) {
            grpcMessages.print(b, prefix, m, grpc);
            fields(b, prefix, m.trailers());
            return;
        }
        Body body = body(m);
        if (body.bytes.length > 0 && base64) {
            for (String line : Base64.getMimeEncoder().encodeToString(body.bytes).split("\r\n")) {
                b.append(prefix).append(line).append('\n');
            }
        } else if (body.bytes.length > 0) {
            String text = printableBody(body.bytes);
            if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);   // a final line feed ends the last line
            }
            for (String line : text.split("\n", -1)) {
                b.append(prefix).append(line).append('\n');
            }
        }
        if (!body.complete) {
            b.append(prefix).append("[").append(body.note).append("]\n");
        }
        fields(b, prefix, m.trailers());
    }

    /** A body as shown: kept bytes, decoded with --decode, and why it may be partial. */
    record Body(byte[] bytes, boolean complete, String note, boolean decoded) {}

    Body body(HttpMessage m) {
        byte[] kept = m.body();
        String missing = m.has(HttpMessage.Flag.TRUNCATED) ? "body not captured beyond here (snap length or loss)"
                : "body kept up to " + kept.length + " of " + m.bodyLength() + " bytes";
        boolean whole = kept.length == m.bodyLength() && !m.has(HttpMessage.Flag.TRUNCATED);
        if (decode && !m.headers().tokens("Content-Encoding").isEmpty()) {
            HttpBodies.Decoded d = HttpBodies.decode(m, DECODED_LIMIT);
            if (d != null) {
                return new Body(d.bytes(), d.complete(), d.complete() ? "" : "decoded body incomplete: "
                        + (whole ? "over " + DECODED_LIMIT + " bytes or corrupt" : missing), true);
            }
        }
        return new Body(kept, whole, missing, false);
    }

    /** One JSON object per exchange. */
    /** The columns of {@link #json}'s fields, for a Parquet file: ANALYZER.md "JSON output" has their meaning. */
    static final List<ParquetWriter.Column> COLUMNS = columns("time", STRING, "pid", INT64, "tid", INT64,
            "comm", STRING, "fd", INT64, "connection", STRING, "side", STRING, "local", STRING, "peer", STRING,
            "method", STRING, "url", STRING, "host", STRING, "version", STRING, "status", INT64, "reason", STRING,
            "interim", JSON, "request_body_bytes", INT64, "response_body_bytes", INT64, "latency_us", INT64,
            "notes", JSON, "stream", INT64, "grpc_service", STRING, "grpc_method", STRING, "grpc_status", INT64,
            "grpc_status_name", STRING, "grpc_message", STRING, "grpc_request_messages", INT64,
            "grpc_request_message_bytes", INT64, "grpc_response_messages", INT64, "grpc_response_message_bytes", INT64,
            Source.HOST_FIELD, STRING, Source.FILE_FIELD, STRING);
    /** What --full adds. */
    static final List<ParquetWriter.Column> FULL_COLUMNS = columns("request_headers", JSON, "response_headers", JSON,
            "request_body", STRING, "request_body_base64", STRING, "request_body_complete", BOOLEAN,
            "response_body", STRING, "response_body_base64", STRING, "response_body_complete", BOOLEAN,
            "request_trailers", JSON, "response_trailers", JSON, "grpc_requests", JSON, "grpc_responses", JSON);

    /** Name, type pairs as columns. */
    static List<ParquetWriter.Column> columns(Object... pairs) {
        List<ParquetWriter.Column> list = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            list.add(new ParquetWriter.Column((String) pairs[i], (ParquetWriter.Type) pairs[i + 1]));
        }
        return List.copyOf(list);
    }

    public void json(Exchange x, RecordWriter out) {
        HttpMessage req = x.request();
        HttpMessage resp = x.response();
        List<Object> fields = new ArrayList<>(List.of(
                "time", instant(startWallNs + x.startNs()),
                "pid", x.pid(), "tid", x.tid(), "comm", x.comm(), "fd", x.fd(), "connection", x.connection(),
                "side", x.side().label()));
        fields.add("local");
        fields.add(x.local());
        fields.add("peer");
        fields.add(x.peer());
        fields.addAll(java.util.Arrays.asList(
                "method", req == null ? null : req.method(),
                "url", req == null ? null : req.target(),
                "host", x.host(),
                "version", x.version(),
                "status", resp == null ? null : resp.status(),
                "reason", resp == null ? null : resp.reason(),
                "interim", statuses(x.interim()),
                "request_body_bytes", req == null ? null : req.bodyLength(),
                "response_body_bytes", resp == null ? null : resp.bodyLength(),
                "latency_us", x.latencyNs() < 0 ? null : x.latencyNs() / 1000,
                "notes", x.notes()));
        if (x.stream() >= 0) {
            fields.addAll(java.util.Arrays.asList("stream", x.stream()));
        }
        GrpcCall grpc = x.grpc();
        if (grpc != null) {
            fields.addAll(java.util.Arrays.asList("grpc_service", grpc.service(), "grpc_method", grpc.method(),
                    "grpc_status", grpc.status(), "grpc_status_name", grpc.statusName(), "grpc_message",
                    grpc.message(), "grpc_request_messages", grpc.requests().count(), "grpc_request_message_bytes",
                    grpc.requests().bytes(), "grpc_response_messages", grpc.responses().count(),
                    "grpc_response_message_bytes", grpc.responses().bytes()));
        }
        if (full) {
            fields.addAll(java.util.Arrays.asList(
                    "request_headers", req == null ? null : headers(req.headers()),
                    "response_headers", resp == null ? null : headers(resp.headers())));
            if (x.stream() >= 0) {
                fields.addAll(java.util.Arrays.asList(
                        "request_trailers", req == null ? null : headers(req.trailers()),
                        "response_trailers", resp == null ? null : headers(resp.trailers())));
            }
            bodyFields(fields, "request_body", req);
            bodyFields(fields, "response_body", resp);
            if (grpc != null) {
                fields.addAll(java.util.Arrays.asList(
                        "grpc_requests", req == null ? null : grpcMessages.json(req, grpc),
                        "grpc_responses", resp == null ? null : grpcMessages.json(resp, grpc)));
            }
        }
        out.write(x.source().append(fields.toArray()));
    }

    private void bodyFields(List<Object> fields, String key, HttpMessage m) {
        if (m == null) {
            fields.addAll(java.util.Arrays.asList(key, null));
            return;
        }
        Body body = body(m);
        String text = text(body);
        if (text != null) {
            fields.addAll(java.util.Arrays.asList(key, text));
        } else {
            fields.addAll(java.util.Arrays.asList(key + "_base64", Base64.getEncoder().encodeToString(body.bytes)));
        }
        fields.addAll(java.util.Arrays.asList(key + "_complete", body.complete));
    }

    static List<Map<String, String>> headers(HttpHeaders h) {
        List<Map<String, String>> list = new ArrayList<>(h.size());
        for (HttpHeaders.Field f : h.fields()) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("value", f.value());
            list.add(m);
        }
        return list;
    }

    /** A body as JSON or HAR text, or null when it goes as base64: with --base64, or when it is not UTF-8. */
    String text(Body body) {
        return base64 ? null : utf8(body.bytes);
    }

    /** The bytes as UTF-8 text, or null when they are not valid UTF-8. */
    static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * {@link #printable(String)} appended to b. Header text is ASCII nearly always: its characters are copied from an
     * array in one pass (String.charAt costs a call per character in C1-compiled code), the rest goes the long way.
     */
    private LineBuffer printable(LineBuffer b, String s) {
        int n = s.length();
        if (b.isBytes()) {
            if (chars.length < n) {
                chars = new char[Math.max(n, 2 * chars.length)];
            }
            s.getChars(0, n, chars, 0);
            byte[] a = b.reserve(n);
            int at = b.length();
            int i = 0;
            while (i < n && chars[i] < 0x7f && chars[i] >= 0x20) {
                a[at + i] = (byte) chars[i];
                i++;
            }
            if (i == n) {
                b.advance(n);
                return b;
            }
        }
        return b.append(printable(s));
    }

    /**
     * {@link #printable(LineBuffer, String)} for text that is nearly always one of a few shared Strings (methods,
     * reason phrases): each is checked once, then appended as it is.
     */
    private LineBuffer printableShared(LineBuffer b, String s) {
        int slot = s.hashCode() & (clean.length - 1);
        if (clean[slot] == s) {
            return b.append(s);
        }
        if (printable(s) != s) {
            return printable(b, s);
        }
        clean[slot] = s;
        return b.append(s);
    }

    /** {@link #printable(LineBuffer, String)} of a request's target: straight from its head when it is ASCII text. */
    private LineBuffer printableTarget(LineBuffer b, HttpMessage m) {
        byte[] head = m.targetHead();
        if (head != null && isAsciiText(head, m.targetFrom(), m.targetTo())) {
            return b.appendAscii(head, m.targetFrom(), m.targetTo() - m.targetFrom());
        }
        return printable(b, m.target());
    }

    /** Whether b[from, to) is printable ASCII, which {@link #printable(String)} leaves as it is. */
    private static boolean isAsciiText(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0x20 || b[i] == 0x7f) {   // a byte from 0x80 up is negative
                return false;
            }
        }
        return true;
    }

    private static boolean escaped(char c) {
        return c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0;
    }

    /** Header text with control characters escaped, so a hostile header cannot drive the terminal. */
    public static String printable(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (escaped(c)) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                b.append(String.format("\\x%02x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /** A body for the terminal: UTF-8 text as is (line feeds and tabs kept), anything else escaped. */
    public static String printableBody(byte[] bytes) {
        String text = utf8(bytes);
        if (text == null) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\t') {
                b.append(c);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue;   // CRLF shows as a line break
            } else if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** What --grep searches: both messages' heads and kept bodies, as ISO-8859-1 text. */
    public static String text(Exchange x) {
        StringBuilder b = new StringBuilder(256);
        for (HttpMessage m : new HttpMessage[] {x.request(), x.response()}) {
            if (m == null) {
                continue;
            }
            b.append(m.startLine()).append("\r\n").append(m.headers()).append("\r\n");
            b.append(new String(m.body(), StandardCharsets.ISO_8859_1));
            if (!m.trailers().isEmpty()) {
                b.append(m.trailers());
            }
        }
        return b.toString();
    }
}
