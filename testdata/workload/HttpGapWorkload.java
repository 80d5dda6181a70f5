import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls that move more than a small snap length (record with -s 4096) and swallow whole messages, for the http
 * view's pairing after a gap. One keep-alive connection each, over 127.0.0.1:
 *
 * <ol>
 * <li>pipelined GETs /big, /gone, /small in one write; the server answers the first two in one write (a 100 kB 200
 *     and a 404) and /small 300 ms later; the client waits before reading, so one read returns both;</li>
 * <li>a 100 kB POST /upload and GET /next in one write (201 and 410), then GET /after (200).</li>
 * </ol>
 *
 * <pre>java testdata/workload/HttpGapWorkload.java [--summary FILE]</pre>
 *
 * The summary has a line per request as the client saw it:
 * {"method":…,"url":…,"status":…,"response_body_bytes":…}.
 */
public class HttpGapWorkload {
    static final int BIG = 100_000;

    public static void main(String[] args) throws Exception {
        String summary = args.length == 2 && args[0].equals("--summary") ? args[1] : null;
        List<String> lines = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> serve(server), "http-server");
            acceptor.setDaemon(true);
            acceptor.start();
            int port = server.getLocalPort();
            try (Socket s = connect(port)) {
                write(s, get("/big", port) + get("/gone", port) + get("/small", port));
                Thread.sleep(150);   // the 200 and the 404 are in the receive queue: one read takes both
                lines.addAll(receive(s, List.of("GET /big", "GET /gone", "GET /small")));
            }
            try (Socket s = connect(port)) {
                String post = "POST /upload HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Length: " + BIG
                        + "\r\n\r\n" + "u".repeat(BIG);
                write(s, post + get("/next", port));
                lines.addAll(receive(s, List.of("POST /upload", "GET /next")));
                write(s, get("/after", port));
                lines.addAll(receive(s, List.of("GET /after")));
            }
        }
        if (summary != null) {
            Files.write(Path.of(summary), lines);
        }
        lines.forEach(System.out::println);
    }

    static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(1 << 20);
        s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    static String get(String path, int port) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n";
    }

    static void write(Socket s, String data) throws IOException {
        s.getOutputStream().write(data.getBytes(StandardCharsets.ISO_8859_1));   // one call: one write(2)
    }

    /** Reads one response per request, in order; a summary line for each. */
    static List<String> receive(Socket s, List<String> requests) throws IOException {
        Reader in = readers.computeIfAbsent(s, k -> new Reader(stream(k)));
        List<String> out = new ArrayList<>();
        for (String r : requests) {
            String head = in.head();
            int status = Integer.parseInt(head.split(" ", 3)[1]);
            int length = contentLength(head);
            in.body(length);
            String[] mu = r.split(" ");
            out.add("{\"method\":\"" + mu[0] + "\",\"url\":\"" + mu[1] + "\",\"status\":" + status
                    + ",\"response_body_bytes\":" + length + "}");
        }
        return out;
    }

    static final java.util.Map<Socket, Reader> readers = new java.util.HashMap<>();

    static InputStream stream(Socket s) {
        try {
            return s.getInputStream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }

    /** Heads and Content-Length bodies from a stream, read in calls of up to 128 kB. */
    static final class Reader {
        final InputStream in;
        final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        final byte[] buf = new byte[128 * 1024];

        Reader(InputStream in) {
            this.in = in;
        }

        /** The next head, without its blank line; null at the end of the stream. */
        String head() throws IOException {
            while (true) {
                String have = pending.toString(StandardCharsets.ISO_8859_1);
                int end = have.indexOf("\r\n\r\n");
                if (end >= 0) {
                    take(end + 4);
                    return have.substring(0, end);
                }
                if (!fill()) {
                    return null;
                }
            }
        }

        void body(int length) throws IOException {
            while (pending.size() < length) {
                if (!fill()) {
                    throw new IOException("stream ended in a body");
                }
            }
            take(length);
        }

        private boolean fill() throws IOException {
            int n = in.read(buf);
            if (n < 0) {
                return false;
            }
            pending.write(buf, 0, n);
            return true;
        }

        private void take(int n) {
            byte[] all = pending.toByteArray();
            pending.reset();
            pending.write(all, n, all.length - n);
        }
    }

    /** One connection at a time: each batch of requests read together is answered in one write. */
    static void serve(ServerSocket server) {
        while (true) {
            try (Socket s = server.accept()) {
                Reader in = new Reader(s.getInputStream());
                OutputStream out = s.getOutputStream();
                String head;
                ByteArrayOutputStream batch = new ByteArrayOutputStream();
                while ((head = in.head()) != null) {
                    in.body(contentLength(head));
                    String target = head.split(" ", 3)[1];
                    if (target.equals("/small")) {
                        flush(out, batch);
                        Thread.sleep(300);
                    }
                    batch.writeBytes(response(target));
                    if (in.pending.size() == 0) {
                        flush(out, batch);   // nothing more read yet: answer what this read brought
                    }
                }
                flush(out, batch);
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static void flush(OutputStream out, ByteArrayOutputStream batch) throws IOException {
        if (batch.size() > 0) {
            out.write(batch.toByteArray());   // one call: one write(2)
            batch.reset();
        }
    }

    static byte[] response(String target) {
        String[] r = switch (target) {
            case "/big" -> new String[] {"200 OK", "b".repeat(BIG)};
            case "/gone" -> new String[] {"404 Not Found", "not found"};
            case "/small" -> new String[] {"200 OK", "small!"};
            case "/upload" -> new String[] {"201 Created", "stored"};
            case "/next" -> new String[] {"410 Gone", "gone"};
            default -> new String[] {"200 OK", "after"};
        };
        return ("HTTP/1.1 " + r[0] + "\r\nContent-Length: " + r[1].length() + "\r\n\r\n" + r[1])
                .getBytes(StandardCharsets.ISO_8859_1);
    }
}
