package io.jtrace.analyzer.http;

import io.jtrace.analyzer.output.JsonWriter;
import io.jtrace.analyzer.output.LineBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HAR 1.2 (the HTTP Archive format browsers' developer tools read), written entry by entry as exchanges
 * complete, so memory stays flat. Timings: {@code send} from the request's first byte to its last, {@code wait}
 * to the response's first byte, {@code receive} to its last; steps the trace cannot see are -1. Custom fields
 * start with an underscore, as the format asks: {@code _pid}, {@code _tid}, {@code _comm}, {@code _fd}, {@code _side},
 * {@code _notes}.
 */
public final class HarWriter implements ExchangeWriter {
    private final OutputStream out;
    /** The entry being written, as UTF-8 bytes. */
    private final LineBuffer b = new LineBuffer(1024);
    private final long startWallNs;
    private final ExchangePrinter bodies;
    private boolean first = true;

    public HarWriter(OutputStream stream, long startWallNs, String creatorVersion, ExchangePrinter bodies)
            throws IOException {
        this.out = stream;
        this.startWallNs = startWallNs;
        this.bodies = bodies;
        Map<String, Object> creator = new LinkedHashMap<>();
        creator.put("name", "jtrace-analyze");
        creator.put("version", creatorVersion);
        b.append("{\"log\":{\"version\":\"1.2\",\"creator\":");
        JsonWriter.value(b, creator);
        b.append(",\"pages\":[],\"entries\":[\n").writeTo(out);
    }

    @Override
    public void write(Exchange x) throws IOException {
        b.clear();
        if (!first) {
            b.append(",\n");
        }
        first = false;
        JsonWriter.value(b, entry(x));
        b.writeTo(out);
    }

    /** Ends the document and flushes; the stream stays open (it may be stdout). */
    @Override
    public void close() throws IOException {
        b.clear().append("\n]}}\n").writeTo(out);
        out.flush();
    }

    private Map<String, Object> entry(Exchange x) {
        HttpMessage req = x.request();
        HttpMessage resp = x.response();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("startedDateTime", Instant.ofEpochSecond(0, startWallNs + x.startNs()).toString());
        long send = req == null ? -1 : Math.max(0, req.endNs() - req.startNs());
        long wait = req == null || resp == null ? -1 : Math.max(0, resp.startNs() - req.endNs());
        long receive = resp == null ? -1 : Math.max(0, resp.endNs() - resp.startNs());
        e.put("time", ms(Math.max(0, send) + Math.max(0, wait) + Math.max(0, receive)));
        e.put("request", request(x, req));
        e.put("response", response(resp));
        e.put("cache", Map.of());
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("blocked", -1);
        timings.put("dns", -1);
        timings.put("connect", -1);
        timings.put("send", send < 0 ? -1 : ms(send));
        timings.put("wait", wait < 0 ? -1 : ms(wait));
        timings.put("receive", receive < 0 ? -1 : ms(receive));
        timings.put("ssl", -1);
        e.put("timings", timings);
        String server = x.side() == Exchange.Side.CLIENT ? x.peer() : x.local();
        if (server != null) {
            e.put("serverIPAddress", host(server));
        }
        e.put("connection", x.connection());
        e.put("_pid", x.pid());
        e.put("_tid", x.tid());
        e.put("_comm", x.comm());
        e.put("_fd", x.fd());
        e.put("_side", x.side().label());
        e.put("_notes", x.notes());
        return e;
    }

    private Map<String, Object> request(Exchange x, HttpMessage req) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (req == null) {
            // the request predates the recording: HAR still wants the object
            r.put("method", "");
            r.put("url", "");
            r.put("httpVersion", "");
            r.put("cookies", List.of());
            r.put("headers", List.of());
            r.put("queryString", List.of());
            r.put("headersSize", -1);
            r.put("bodySize", -1);
            return r;
        }
        r.put("method", req.method());
        r.put("url", url(x, req));
        r.put("httpVersion", req.version());
        r.put("cookies", cookies(req.headers().all("Cookie")));
        r.put("headers", ExchangePrinter.headers(req.headers()));
        r.put("queryString", query(req.target()));
        if (req.bodyLength() > 0) {
            ExchangePrinter.Body body = bodies.body(req);
            Map<String, Object> post = new LinkedHashMap<>();
            post.put("mimeType", orEmpty(req.headers().get("Content-Type")));
            String text = bodies.text(body);
            post.put("text", text != null ? text : Base64.getEncoder().encodeToString(body.bytes()));
            if (text == null) {
                post.put("_encoding", "base64");
            }
            r.put("postData", post);
        }
        r.put("headersSize", headersSize(req));
        r.put("bodySize", bodySize(req));
        return r;
    }

    private Map<String, Object> response(HttpMessage resp) {
        Map<String, Object> r = new LinkedHashMap<>();
        Map<String, Object> content = new LinkedHashMap<>();
        if (resp == null) {
            r.put("status", 0);
            r.put("statusText", "");
            r.put("httpVersion", "");
            r.put("cookies", List.of());
            r.put("headers", List.of());
            content.put("size", 0);
            content.put("mimeType", "");
            r.put("content", content);
            r.put("redirectURL", "");
            r.put("headersSize", -1);
            r.put("bodySize", -1);
            r.put("_error", "no response in the recording");
            return r;
        }
        r.put("status", resp.status());
        r.put("statusText", resp.reason());
        r.put("httpVersion", resp.version());
        List<Object> cookies = new ArrayList<>();
        for (String c : resp.headers().all("Set-Cookie")) {
            cookies.addAll(cookies(List.of(c.split(";", 2)[0])));
        }
        r.put("cookies", cookies);
        r.put("headers", ExchangePrinter.headers(resp.headers()));
        ExchangePrinter.Body body = bodies.body(resp);
        content.put("size", body.decoded() ? body.bytes().length : resp.bodyLength());
        if (body.decoded()) {
            content.put("compression", body.bytes().length - resp.bodyLength());
        }
        content.put("mimeType", orEmpty(resp.headers().get("Content-Type")));
        if (resp.has(HttpMessage.Flag.SIZE_AT_LEAST)) {
            content.put("comment", "size is a lower bound: the body's chunk framing fell in a gap");
        }
        if (body.bytes().length > 0) {
            String text = bodies.text(body);
            content.put("text", text != null ? text : Base64.getEncoder().encodeToString(body.bytes()));
            if (text == null) {
                content.put("encoding", "base64");
            }
        }
        r.put("content", content);
        r.put("redirectURL", orEmpty(resp.headers().get("Location")));
        r.put("headersSize", headersSize(resp));
        r.put("bodySize", bodySize(resp));
        return r;
    }

    /** HAR wants an absolute URL: the target if it is one, else http:// with the host (Host, or the server). */
    private static String url(Exchange x, HttpMessage req) {
        String target = req.target();
        if (target.contains("://")) {
            return target;
        }
        String host = x.host();
        if (host == null) {
            String server = x.side() == Exchange.Side.CLIENT ? x.peer() : x.local();
            host = server == null ? "unknown" : server;
        }
        return "http://" + host + (target.startsWith("/") ? target : "/" + target);
    }

    private static List<Object> query(String target) {
        List<Object> list = new ArrayList<>();
        int q = target.indexOf('?');
        if (q < 0) {
            return list;
        }
        int hash = target.indexOf('#', q);
        for (String pair : target.substring(q + 1, hash < 0 ? target.length() : hash).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            list.add(nameValue(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1)));
        }
        return list;
    }

    /** name=value pairs of Cookie values ("a=b; c=d"), or of Set-Cookie's first pair. */
    private static List<Object> cookies(List<String> headers) {
        List<Object> list = new ArrayList<>();
        for (String h : headers) {
            for (String c : h.split(";")) {
                String s = c.trim();
                int eq = s.indexOf('=');
                if (eq > 0) {
                    list.add(nameValue(s.substring(0, eq), s.substring(eq + 1)));
                }
            }
        }
        return list;
    }

    private static Map<String, Object> nameValue(String name, String value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("value", value);
        return m;
    }

    /** Start line, fields and the empty line, as sent with CRLF line ends. */
    /** HAR's "-1 if the info is not available" when only a lower bound is known. */
    private static long bodySize(HttpMessage m) {
        return m.has(HttpMessage.Flag.SIZE_AT_LEAST) ? -1 : m.bodyLength();
    }

    private static long headersSize(HttpMessage m) {
        long n = m.startLine().length() + 2 + 2;
        for (HttpHeaders.Field f : m.headers().fields()) {
            n += f.name().length() + 2 + f.value().length() + 2;
        }
        return n;
    }

    private static String host(String endpoint) {
        if (endpoint.startsWith("[")) {
            int end = endpoint.indexOf(']');
            return end > 0 ? endpoint.substring(1, end) : endpoint;
        }
        int colon = endpoint.lastIndexOf(':');
        return colon > 0 ? endpoint.substring(0, colon) : endpoint;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static double ms(long ns) {
        return Math.round(ns / 1000.0) / 1000.0;
    }
}
