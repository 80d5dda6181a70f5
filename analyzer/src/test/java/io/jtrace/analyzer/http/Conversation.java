package io.jtrace.analyzer.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A random but valid HTTP/1.1 conversation: both streams serialized, and what a parser must report for each. */
final class Conversation {
    final ByteArrayOutputStream requests = new ByteArrayOutputStream();
    final ByteArrayOutputStream responses = new ByteArrayOutputStream();
    final List<String> expectedRequests = new ArrayList<>();
    final List<String> expectedResponses = new ArrayList<>();
    final List<String> methods = new ArrayList<>();
    boolean endsByClose;

    private static final String[] METHODS = {"GET", "GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"};
    private static final int[] STATUSES = {200, 200, 201, 204, 301, 304, 400, 404, 500};
    private static final String[] NAMES = {"Host", "Accept", "User-Agent", "X-Request-Id", "Cache-Control", "Cookie",
        "Set-Cookie", "Vary", "x-lower", "X-Dup"};

    private final Random rnd;
    private final String eol;

    Conversation(Random rnd) {
        this.rnd = rnd;
        this.eol = rnd.nextInt(5) == 0 ? "\n" : "\r\n";
        int n = 1 + rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            exchange(i == n - 1);
        }
    }

    private void exchange(boolean last) {
        String method = METHODS[rnd.nextInt(METHODS.length)];
        methods.add(method);
        String target = "/" + word(1 + rnd.nextInt(12)) + (rnd.nextBoolean() ? "?q=" + word(rnd.nextInt(8)) + "&x=%20" : "");
        boolean withBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        message(requests, expectedRequests, method + " " + target + " HTTP/1.1", withBody, false, null, false);

        if (withBody && rnd.nextInt(3) == 0) {
            message(responses, expectedResponses, "HTTP/1.1 100 Continue", false, false, null, false);
        }
        int status = STATUSES[rnd.nextInt(STATUSES.length)];
        boolean noBody = method.equals("HEAD") || status == 204 || status == 304;
        boolean close = last && !noBody && rnd.nextInt(3) == 0;
        endsByClose = close;
        message(responses, expectedResponses, "HTTP/1.1 " + status + (rnd.nextInt(6) == 0 ? "" : " Reason " + word(4)),
                !noBody, close, method, method.equals("HEAD"));
    }

    private void message(ByteArrayOutputStream out, List<String> expected, String startLine, boolean body,
            boolean close, String forMethod, boolean headLength) {
        StringBuilder head = new StringBuilder(startLine).append(eol);
        HttpHeaders fields = new HttpHeaders();
        int nh = rnd.nextInt(5);
        for (int i = 0; i < nh; i++) {
            String name = NAMES[rnd.nextInt(NAMES.length)];
            String value = rnd.nextInt(8) == 0 ? "" : word(1 + rnd.nextInt(20)) + (rnd.nextBoolean() ? " " + word(3) : "");
            field(head, fields, name, value);
        }
        byte[] content = body ? randomBody() : new byte[0];
        boolean chunked = body && !close && rnd.nextBoolean();
        byte[] framed = content;
        HttpHeaders trailers = new HttpHeaders();
        if (chunked) {
            field(head, fields, "Transfer-Encoding", "chunked");
            framed = chunk(content, trailers);
        } else if (body && !close) {
            field(head, fields, "Content-Length", Integer.toString(content.length));
        } else if (headLength) {
            field(head, fields, "Content-Length", Integer.toString(rnd.nextInt(5000)));
        }
        head.append(eol);
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(framed);
        String answers = startLine.startsWith("HTTP/1.1 1") ? null : forMethod;
        expected.add(startLine + " | " + fields.fields() + " | body " + content.length + " "
                + new String(content, StandardCharsets.ISO_8859_1)
                + (chunked ? " | chunked " + trailers.fields() : "")
                + (answers != null ? " | for " + answers : "")
                + (close ? " | [ENDED_BY_CLOSE]" : ""));
    }

    // whitespace around values varies on the wire; the parser reports them trimmed
    private void field(StringBuilder head, HttpHeaders fields, String name, String value) {
        String ows = new String[] {"", " ", "  ", "\t"}[rnd.nextInt(4)];
        head.append(name).append(':').append(value.isEmpty() ? "" : ows).append(value)
                .append(rnd.nextInt(4) == 0 ? " " : "").append(eol);
        fields.add(name, value);
    }

    private byte[] chunk(byte[] content, HttpHeaders trailers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < content.length) {
            int n = Math.min(content.length - i, 1 + rnd.nextInt(200));
            String size = rnd.nextBoolean() ? Integer.toHexString(n) : Integer.toHexString(n).toUpperCase();
            String ext = rnd.nextInt(3) == 0 ? ";ext=" + word(3) + (rnd.nextBoolean() ? ";flag" : "") : "";
            out.writeBytes((size + ext + eol).getBytes(StandardCharsets.ISO_8859_1));
            out.write(content, i, n);
            out.writeBytes(eol.getBytes(StandardCharsets.ISO_8859_1));
            i += n;
        }
        out.writeBytes(("0" + eol).getBytes(StandardCharsets.ISO_8859_1));
        int nt = rnd.nextInt(3);
        for (int k = 0; k < nt; k++) {
            String name = "X-Trailer-" + k;
            String value = word(1 + rnd.nextInt(10));
            out.writeBytes((name + ": " + value + eol).getBytes(StandardCharsets.ISO_8859_1));
            trailers.add(name, value);
        }
        out.writeBytes(eol.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    // any bytes at all, often text that looks like HTTP to try the framing
    private byte[] randomBody() {
        int kind = rnd.nextInt(4);
        int len = rnd.nextInt(10) == 0 ? rnd.nextInt(20_000) : rnd.nextInt(300);
        if (kind == 0) {
            byte[] b = new byte[len];
            rnd.nextBytes(b);
            return b;
        }
        if (kind == 1) {
            return ("GET /inside HTTP/1.1" + eol + "HTTP/1.1 200 OK" + eol + eol + "0" + eol + eol)
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
        return word(len).getBytes(StandardCharsets.ISO_8859_1);
    }

    private String word(int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append((char) ('a' + rnd.nextInt(26)));
        }
        return sb.toString();
    }
}
