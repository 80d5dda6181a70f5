import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A deterministic loopback HTTP/1.1 workload for {@code jtrace-analyze diff}: one client thread ("client") sends a
 * fixed list of requests over two keep-alive connections, one after the other, each message in one write and only
 * after the previous response arrived; one server thread ("server") accepts the connections in turn and answers
 * each request in one write, with a {@code Date} header (volatile: the diff masks it) and a body naming the
 * request. So every read returns one whole message and two runs make the same calls in the same order, apart from
 * what the diff normalises (pids, fds, ports, times, dates). The main thread runs one exchange by itself first, so
 * the classes both threads need are loaded by it, not by whichever of the two threads gets there first (class loading
 * reads the JDK's modules file: those reads would move between the threads from run to run).
 *
 * <pre>java testdata/workload/DiffWorkload.java [--change]</pre>
 *
 * <p>--change alters one request, the third: {@code GET /items/3?colour=blue} becomes {@code ?colour=pink}
 * (same length). Talks to 127.0.0.1 only and stops by itself.
 */
public class DiffWorkload {
    public static void main(String[] args) throws Exception {
        boolean change = java.util.List.of(args).contains("--change");
        String[][] connections = {
            {"GET /items/1?colour=red", "GET /items/2?colour=green", "GET /items/3?colour=" + (change ? "pink" : "blue")},
            {"POST /orders", "GET /orders/1"},
        };
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            warmUp(server);
            Thread serverThread = new Thread(() -> serve(server, connections.length), "server");
            serverThread.start();
            Thread client = new Thread(() -> {
                try {
                    for (String[] requests : connections) {
                        talk(server.getLocalPort(), requests);
                    }
                } catch (IOException e) {
                    throw new RuntimeException("client: " + e, e);
                }
            }, "client");
            client.start();
            client.join();
            serverThread.join();
        }
    }

    /** One exchange on one thread: the client's request fits the socket buffer, so nothing waits for the other end. */
    static void warmUp(ServerSocket server) throws IOException {
        try (Socket c = new Socket(InetAddress.getByName("127.0.0.1"), server.getLocalPort()); Socket s = server.accept()) {
            InputStream clientIn = new BufferedInputStream(c.getInputStream());
            InputStream serverIn = new BufferedInputStream(s.getInputStream());
            send(c.getOutputStream(), request("POST /warm-up", server.getLocalPort()));
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            readMessage(serverIn, request);
            send(s.getOutputStream(), response(request));
            readMessage(clientIn, new ByteArrayOutputStream());
        }
    }

    static void talk(int port, String[] requests) throws IOException {
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream());
            for (String r : requests) {
                send(out, request(r, port));
                if (readMessage(in, new ByteArrayOutputStream()) < 0) {
                    throw new IOException("connection closed before the response to " + r);
                }
            }
        }
    }

    static String request(String r, int port) {
        String body = r.startsWith("POST") ? "{\"item\":1,\"count\":2}" : "";
        return r + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    static String response(ByteArrayOutputStream request) {
        String first = request.toString(StandardCharsets.US_ASCII).split("\r\n", 2)[0];
        String body = "you asked for " + first + "\n";
        return "HTTP/1.1 200 OK\r\nDate: "
                + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(java.time.ZoneOffset.UTC))
                + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    static void send(OutputStream out, String message) throws IOException {
        out.write(message.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    static void serve(ServerSocket server, int connections) {
        for (int c = 0; c < connections; c++) {
            try (Socket s = server.accept(); InputStream in = new BufferedInputStream(s.getInputStream());
                 OutputStream out = s.getOutputStream()) {
                while (true) {
                    ByteArrayOutputStream request = new ByteArrayOutputStream();
                    if (readMessage(in, request) < 0) {
                        break;
                    }
                    send(out, response(request));
                }
            } catch (IOException e) {
                throw new RuntimeException("server: " + e, e);
            }
        }
    }

    /** Reads one HTTP message (headers and Content-Length body); -1 at a clean end of stream. */
    static long readMessage(InputStream in, ByteArrayOutputStream into) throws IOException {
        int state = 0;
        long count = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                if (count == 0) {
                    return -1;
                }
                throw new IOException("truncated message");
            }
            into.write(b);
            count++;
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1 : (b == '\r' ? 1 : 0);
        }
        int length = 0;
        for (String line : into.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        into.write(body);
        return count + body.length;
    }
}
