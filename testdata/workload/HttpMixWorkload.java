import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * A bounded loopback workload of the HTTP/1.x cases the {@code http} view must reconstruct, client and server in
 * one process: keep-alive requests with Content-Length, chunked (with extensions and trailers) both ways, HEAD,
 * 204, 304, 404, gzip, {@code Expect: 100-continue}, a body larger than the tests' snap length, two pipelined
 * requests in one write, an HTTP/1.0 body read until close, a request the server drops unanswered, a request
 * over [::1], the JDK's java.net.http client (headers and body written apart), and a connection carrying TLS
 * record bytes that is not HTTP.
 *
 * <pre>java testdata/workload/HttpMixWorkload.java [--summary FILE] [--errors N]</pre>
 *
 * <p>{@code --errors N} adds N requests on one keep-alive connection that the server fails: every third one
 * {@code GET /api/stock} (503), the others {@code POST /api/pay} (500).
 *
 * <p>The summary (JSON) lists every exchange as the client made it (method, url, status or null, request and
 * response body bytes as framed on the wire), the server's port(s), and the bytes the server read and wrote on
 * them, counted by the server itself, in all and per port ({@code by_port}): a test compares the trace with these.
 * Talks to 127.0.0.1 and ::1 only.
 */
public class HttpMixWorkload {
    static final AtomicLong serverRead = new AtomicLong();
    static final AtomicLong serverWritten = new AtomicLong();
    /** Per server port: {bytes read, bytes written}. */
    static final java.util.Map<Integer, AtomicLong[]> byPort = new java.util.concurrent.ConcurrentHashMap<>();
    static final List<String> exchanges = new ArrayList<>();
    static final int BIG = 300_000;

    public static void main(String[] args) throws Exception {
        String summary = null;
        int errors = 0;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--summary")) {
                summary = args[i + 1];
            } else if (args[i].equals("--errors")) {
                errors = Integer.parseInt(args[i + 1]);
            }
        }
        ServerSocket v4 = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        ServerSocket v6 = null;
        try {
            v6 = new ServerSocket(0, 50, InetAddress.getByName("::1"));
        } catch (IOException noIpv6) {
            System.err.println("HttpMixWorkload: no IPv6 loopback; skipping the [::1] request");
        }
        acceptor(v4);
        if (v6 != null) {
            acceptor(v6);
        }
        int port = v4.getLocalPort();

        try (Socket s = connect(port)) {   // keep-alive: one request after the other
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream());
            String json = "{\"order\":1,\"items\":[\"tea\",\"milk\"]}";
            send(out, "POST /orders?id=1 HTTP/1.1\r\nHost: shop.test\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + json.length() + "\r\n\r\n" + json);
            record("POST", "/orders?id=1", response(in, false), json.length());
            send(out, "GET /chunked HTTP/1.1\r\nHost: shop.test\r\n\r\n");
            record("GET", "/chunked", response(in, false), 0);
            send(out, "HEAD /head HTTP/1.1\r\nHost: shop.test\r\n\r\n");
            record("HEAD", "/head", response(in, true), 0);
            send(out, "GET /empty HTTP/1.1\r\nHost: shop.test\r\n\r\n");
            record("GET", "/empty", response(in, false), 0);
            send(out, "GET /cached HTTP/1.1\r\nHost: shop.test\r\nIf-None-Match: \"v1\"\r\n\r\n");
            record("GET", "/cached", response(in, false), 0);
            send(out, "GET /gzip HTTP/1.1\r\nHost: shop.test\r\nAccept-Encoding: gzip\r\n\r\n");
            record("GET", "/gzip", response(in, false), 0);
            String upload = "x".repeat(2000);
            send(out, "POST /continue HTTP/1.1\r\nHost: shop.test\r\nExpect: 100-continue\r\nContent-Length: "
                    + upload.length() + "\r\n\r\n");
            int[] interim = response(in, false);
            if (interim[0] != 100) {
                throw new IOException("expected 100 Continue, got " + interim[0]);
            }
            send(out, upload);
            record("POST", "/continue", response(in, false), upload.length());
            send(out, "GET /missing HTTP/1.1\r\nHost: shop.test\r\n\r\n");
            record("GET", "/missing", response(in, false), 0);
            send(out, "GET /big HTTP/1.1\r\nHost: shop.test\r\n\r\n");
            record("GET", "/big", response(in, false), 0);
            send(out, "POST /upload HTTP/1.1\r\nHost: shop.test\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;name=first\r\nhello\r\n6\r\n world\r\n0\r\nX-Sum: 11\r\n\r\n");
            record("POST", "/upload", response(in, false), 11);
        }
        try (Socket s = connect(port)) {   // two pipelined requests in one write
            send(s.getOutputStream(), "GET /p/1 HTTP/1.1\r\nHost: shop.test\r\n\r\n"
                    + "GET /p/2 HTTP/1.1\r\nHost: shop.test\r\n\r\n");
            InputStream in = new BufferedInputStream(s.getInputStream());
            record("GET", "/p/1", response(in, false), 0);
            record("GET", "/p/2", response(in, false), 0);
        }
        try (Socket s = connect(port)) {   // HTTP/1.0: the body ends with the connection
            send(s.getOutputStream(), "GET /legacy HTTP/1.0\r\nHost: shop.test\r\n\r\n");
            record("GET", "/legacy", response(new BufferedInputStream(s.getInputStream()), false), 0);
        }
        try (Socket s = connect(port)) {   // the server reads the request and closes: no response
            send(s.getOutputStream(), "GET /drop HTTP/1.1\r\nHost: shop.test\r\n\r\n");
            if (s.getInputStream().read() != -1) {
                throw new IOException("/drop was answered");
            }
            exchanges.add(String.format(Locale.ROOT,
                    "{\"method\":\"GET\",\"url\":\"/drop\",\"status\":null,\"request_body_bytes\":0,"
                            + "\"response_body_bytes\":null}"));
        }
        if (v6 != null) {
            try (Socket s = new Socket(InetAddress.getByName("::1"), v6.getLocalPort())) {
                send(s.getOutputStream(), "GET /ipv6 HTTP/1.1\r\nHost: [::1]\r\n\r\n");
                record("GET", "/ipv6", response(new BufferedInputStream(s.getInputStream()), false), 0);
            }
        }
        try (Socket s = connect(port)) {   // TLS record bytes: not HTTP, never parsed as such
            OutputStream out = s.getOutputStream();
            out.write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x08, 0x01, 0x00, 0x00, 0x04, 0x03, 0x03, 0x00, 0x00});
            out.flush();
            s.shutdownOutput();
            s.getInputStream().readAllBytes();
        }
        if (errors > 0) {
            try (Socket s = connect(port)) {   // keep-alive: requests the server fails
                OutputStream out = s.getOutputStream();
                InputStream in = new BufferedInputStream(s.getInputStream());
                for (int i = 0; i < errors; i++) {
                    if (i % 3 == 0) {
                        send(out, "GET /api/stock HTTP/1.1\r\nHost: shop.test\r\n\r\n");
                        record("GET", "/api/stock", response(in, false), 0);
                    } else {
                        String pay = "{\"amount\":" + i + "}";
                        send(out, "POST /api/pay HTTP/1.1\r\nHost: shop.test\r\nContent-Type: application/json\r\n"
                                + "Content-Length: " + pay.length() + "\r\n\r\n" + pay);
                        record("POST", "/api/pay", response(in, false), pay.length());
                    }
                }
            }
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String json = "{\"order\":2,\"via\":\"java.net.http\"}";
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/orders?id=2")).timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        record("POST", "/orders?id=2", new int[] {r.statusCode(), r.body().length()}, json.length());

        // The server counted every byte before it answered, so the totals are final; the java.net.http
        // client's pooled connection and its server thread stay open until the exit below.
        String out = "{\"port\":" + port + ",\"port6\":" + (v6 == null ? 0 : v6.getLocalPort())
                + ",\"server_read\":" + serverRead.get() + ",\"server_written\":" + serverWritten.get()
                + ",\"by_port\":{" + String.join(",", byPort.entrySet().stream().map(e -> "\"" + e.getKey()
                        + "\":{\"read\":" + e.getValue()[0].get() + ",\"written\":" + e.getValue()[1].get() + "}")
                        .toList())
                + "},\"exchanges\":[" + String.join(",", exchanges) + "]}\n";
        if (summary != null) {
            Files.writeString(Path.of(summary), out);
        } else {
            System.out.print(out);
        }
        System.exit(0);   // the java.net.http client's threads do not hold the JVM
    }

    static Socket connect(int port) throws IOException {
        Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port);
        s.setTcpNoDelay(true);
        return s;
    }

    static void send(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    static void record(String method, String url, int[] statusAndBody, int requestBody) {
        exchanges.add(String.format(Locale.ROOT, "{\"method\":\"%s\",\"url\":\"%s\",\"status\":%d,"
                + "\"request_body_bytes\":%d,\"response_body_bytes\":%d}", method, url, statusAndBody[0],
                requestBody, statusAndBody[1]));
    }

    /** Reads one response: {status, body bytes as framed (dechunked)}; a 1xx is returned alone. */
    static int[] response(InputStream in, boolean head) throws IOException {
        List<String> lines = head(in);
        int status = Integer.parseInt(lines.get(0).split(" ")[1]);
        String length = field(lines, "content-length");
        boolean chunked = "chunked".equalsIgnoreCase(field(lines, "transfer-encoding"));
        int body;
        if (head || status / 100 == 1 || status == 204 || status == 304) {
            body = 0;
        } else if (chunked) {
            body = chunked(in, null);
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length)).length;
        } else {
            body = in.readAllBytes().length;
        }
        return new int[] {status, body};
    }

    static List<String> head(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line; !(line = line(in, null)).isEmpty(); ) {
            lines.add(line);
        }
        if (lines.isEmpty()) {
            throw new IOException("empty head");
        }
        return lines;
    }

    static String line(InputStream in, Tally count) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new IOException("end of stream in a line");
            }
            b.write(c);
        }
        if (count != null) {
            count.add(b.size() + 1);
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    static String field(List<String> lines, String name) {
        for (String l : lines.subList(1, lines.size())) {
            int colon = l.indexOf(':');
            if (colon > 0 && l.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return l.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** A chunked body: its data length; counts every byte read (into count, when given). */
    static int chunked(InputStream in, Tally count) throws IOException {
        int total = 0;
        while (true) {
            String size = line(in, count).split(";")[0].trim();
            int n = Integer.parseInt(size, 16);
            if (n == 0) {
                while (!line(in, count).isEmpty()) {
                    // trailer fields
                }
                return total;
            }
            byte[] data = in.readNBytes(n + 2);
            if (count != null) {
                count.add(data.length);
            }
            total += n;
        }
    }

    /** Bytes counted twice over: in all, and for the server port. */
    record Tally(AtomicLong total, AtomicLong port) {
        void add(long n) {
            total.addAndGet(n);
            port.addAndGet(n);
        }
    }

    static void acceptor(ServerSocket server) {
        Thread t = new Thread(() -> {
            int n = 0;
            while (true) {
                Socket s;
                try {
                    s = server.accept();
                } catch (IOException closed) {
                    return;
                }
                Thread h = new Thread(() -> serve(s), "server-" + n++);
                h.setDaemon(true);
                h.start();
            }
        }, "acceptor");
        t.setDaemon(true);
        t.start();
    }

    /** Serves one connection, counting what it reads as it reads it (before answering). */
    static void serve(Socket s) {
        AtomicLong[] mine = byPort.computeIfAbsent(s.getLocalPort(),
                p -> new AtomicLong[] {new AtomicLong(), new AtomicLong()});
        Tally read = new Tally(serverRead, mine[0]);
        Tally written = new Tally(serverWritten, mine[1]);
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            in.mark(1);
            int first = in.read();
            if (first < 0) {
                return;
            }
            if (first == 0x16) {   // not HTTP: read what the client sends, answer nothing
                read.add(1 + in.readAllBytes().length);
                return;
            }
            in.reset();
            while (true) {
                List<String> lines = new ArrayList<>();
                try {
                    for (String line; !(line = line(in, read)).isEmpty(); ) {
                        lines.add(line);
                    }
                } catch (IOException endOfStream) {
                    return;
                }
                String[] start = lines.get(0).split(" ");
                String path = start[1];
                if ("100-continue".equalsIgnoreCase(field(lines, "expect"))) {
                    write(out, "HTTP/1.1 100 Continue\r\n\r\n", written);
                }
                String length = field(lines, "content-length");
                if (length != null) {
                    read.add(in.readNBytes(Integer.parseInt(length)).length);
                } else if ("chunked".equalsIgnoreCase(field(lines, "transfer-encoding"))) {
                    chunked(in, read);
                }
                if (!respond(path, start[2], out, written)) {
                    return;   // /drop and HTTP/1.0 end the connection
                }
            }
        } catch (IOException e) {
            System.err.println("HttpMixWorkload: server: " + e);
        }
    }

    /** Writes the response for a path; false when the connection ends after it. */
    static boolean respond(String path, String version, OutputStream out, Tally written) throws IOException {
        switch (path) {
            case "/chunked" -> write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n"
                    + "6;lang=en\r\nhello \r\n5\r\nworld\r\n0\r\nX-Checksum: abc\r\n\r\n", written);
            case "/head" -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n", written);
            case "/empty" -> write(out, "HTTP/1.1 204 No Content\r\n\r\n", written);
            case "/cached" -> write(out, "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\n\r\n", written);
            case "/gzip" -> {
                ByteArrayOutputStream z = new ByteArrayOutputStream();
                try (GZIPOutputStream g = new GZIPOutputStream(z)) {
                    g.write("compressed hello\n".repeat(50).getBytes(StandardCharsets.US_ASCII));
                }
                byte[] body = z.toByteArray();
                write(out, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n" + new String(body, StandardCharsets.ISO_8859_1),
                        written);
            }
            case "/api/pay" -> write(out, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 15\r\n\r\n"
                    + "payment failed\n", written);
            case "/api/stock" -> write(out, "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n"
                    + "Content-Length: 10\r\n\r\ntry later\n", written);
            case "/missing" -> write(out, "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found", written);
            case "/big" -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + BIG + "\r\n\r\n" + "b".repeat(BIG),
                    written);
            case "/legacy" -> {
                write(out, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the connection closes\n", written);
                return false;
            }
            case "/drop" -> {
                return false;
            }
            default -> {
                String body = "ok " + path + "\n";
                write(out, "HTTP/1.1 " + (path.startsWith("/orders") || path.equals("/upload") ? "201 Created"
                        : "200 OK") + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body, written);
            }
        }
        return !version.equals("HTTP/1.0");
    }

    static void write(OutputStream out, String s, Tally written) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        out.write(b);
        out.flush();
        written.add(b.length);
    }
}
