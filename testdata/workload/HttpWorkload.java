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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded loopback HTTP/1.1 workload for jtrace's tests and demo: one server thread per
 * connection, and client threads on keep-alive connections, half sending each request in one
 * write, half writing headers and body apart. Run with the JDK's source launcher:
 *
 * <pre>java testdata/workload/HttpWorkload.java [--clients N] [--requests M] [--interval-ms T]
 *      [--wait-for-tracer S] [--late-clients N] [--summary FILE] [--exit-code C] [--stat-every K]
 *      [--nodelay] [--early-sockets] [--read-file FILE] [--rename-after K]</pre>
 *
 * <p>--stat-every K makes each client stat a temp file (Files.getLastModifiedTime) every K requests,
 * a syscall outside a network/read-write trace set (0, the default, never). The summary's
 * elapsed_ms is the traffic phase alone, from just before the client threads start until all are
 * joined, so benchmarks can compare it without JVM or tracer start-up. --nodelay sets TCP_NODELAY
 * on both ends: without it, a split request's body waits for the delayed ACK of its headers (about
 * 40 ms on Linux loopback), so the run is bound by that timer rather than by syscall cost.
 *
 * <p>--wait-for-tracer S polls for a tracer for up to S seconds before the traffic, after printing
 * "HttpWorkload: waiting for a tracer" on stderr.
 *
 * <p>--early-sockets opens the listening socket and client 0's connection before waiting for the
 * tracer, so a recorder attaching then finds them already open (its fd table snapshot); client 0
 * then sends its requests on that connection. It prints "HttpWorkload: listening on port N" once
 * both are open; the summary's "port" is the listening port too.
 * --read-file FILE reads FILE whole (open, read, close) before the traffic; "file_bytes" is its size.
 *
 * <p>Threads are named "client-N" (clients), "server-N" (one per accepted connection) and
 * "http-acceptor"; the JVM gives the kernel these names (/proc/PID/task/TID/comm) as each thread
 * starts. --rename-after K makes client N rename itself "renamed-N" after its K-th request
 * (Thread.setName on the current thread: prctl(PR_SET_NAME)).
 *
 * It counts what it sends and receives, byte for byte, and writes that to --summary as JSON so a
 * test can compare it with a trace. Talks to 127.0.0.1 only and stops by itself.
 */
public class HttpWorkload {
    static final AtomicLong clientSent = new AtomicLong();
    static final AtomicLong clientReceived = new AtomicLong();
    static final AtomicLong serverSent = new AtomicLong();
    static final AtomicLong serverReceived = new AtomicLong();
    static final AtomicLong requests = new AtomicLong();
    static final AtomicLong splitRequests = new AtomicLong();
    static final AtomicLong responses = new AtomicLong();
    static final AtomicLong stats = new AtomicLong();
    static int statEvery;
    static int renameAfter;
    static boolean noDelay;
    static Path statFile;

    public static void main(String[] args) throws Exception {
        int clients = intArg(args, "--clients", 4);
        int perClient = intArg(args, "--requests", 20);
        int interval = intArg(args, "--interval-ms", 0);
        int waitForTracer = intArg(args, "--wait-for-tracer", 0);
        int lateClients = intArg(args, "--late-clients", 0);
        int exitCode = intArg(args, "--exit-code", 0);
        String summary = stringArg(args, "--summary", null);
        statEvery = intArg(args, "--stat-every", 0);
        renameAfter = intArg(args, "--rename-after", 0);
        noDelay = List.of(args).contains("--nodelay");
        if (statEvery > 0) {
            statFile = Files.createTempFile("http-workload", ".stat");
            statFile.toFile().deleteOnExit();
        }
        boolean earlySockets = List.of(args).contains("--early-sockets");
        String readFile = stringArg(args, "--read-file", null);
        long elapsedNanos;
        long fileBytes = 0;
        int port;

        ServerSocket early = earlySockets ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress()) : null;
        Socket earlyClient = earlySockets ? new Socket(InetAddress.getLoopbackAddress(), early.getLocalPort()) : null;
        if (earlySockets) {
            System.out.println("HttpWorkload: listening on port " + early.getLocalPort()); // a test waits for this
            System.out.flush();
        }
        if (waitForTracer > 0) {
            awaitTracer(waitForTracer);
        }
        if (readFile != null) {
            fileBytes = Files.readAllBytes(Path.of(readFile)).length;
        }
        try (ServerSocket server = early != null ? early : new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
            Thread acceptor = new Thread(() -> serve(server), "http-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                threads.add(client(i == 0 ? earlyClient : null, server.getLocalPort(), i, perClient, interval));
            }
            long started = System.nanoTime();
            threads.forEach(Thread::start);
            if (lateClients > 0) {
                // threads created while the first ones run, i.e. after any tracer attached
                Thread.sleep(Math.max(50, interval * 2L));
                for (int i = 0; i < lateClients; i++) {
                    Thread t = client(null, server.getLocalPort(), clients + i, perClient, interval);
                    threads.add(t);
                    t.start();
                }
            }
            for (Thread t : threads) {
                t.join();
            }
            elapsedNanos = System.nanoTime() - started;
        }
        String json = String.format(java.util.Locale.ROOT, "{\"requests\":%d,\"split_requests\":%d,\"responses\":%d,"
                + "\"client_sent\":%d,\"client_received\":%d,\"server_sent\":%d,\"server_received\":%d,"
                + "\"exit_code\":%d,\"elapsed_ms\":%.3f,\"stats\":%d,\"port\":%d,\"file_bytes\":%d}%n", requests.get(),
                splitRequests.get(), responses.get(), clientSent.get(), clientReceived.get(), serverSent.get(),
                serverReceived.get(), exitCode, elapsedNanos / 1e6, stats.get(), port, fileBytes);
        if (summary != null) {
            Path tmp = Path.of(summary + ".tmp");
            Files.writeString(tmp, json);
            Files.move(tmp, Path.of(summary), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } else {
            System.out.print(json);
        }
        System.exit(exitCode);
    }

    /**
     * Waits until /proc/self/status shows a tracer, so a test sees the whole traffic. A tracer that
     * came and went before the first look is missed: a test attaches only after the line on stderr.
     */
    static void awaitTracer(int seconds) throws Exception {
        System.err.println("HttpWorkload: waiting for a tracer"); // a test waits for this before attaching
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("TracerPid:") && !line.endsWith("\t0")) {
                    Thread.sleep(200); // let the tracer seize every thread
                    return;
                }
            }
            Thread.sleep(20);
        }
        System.err.println("HttpWorkload: no tracer after " + seconds + " s; running untraced");
    }

    /** A client thread on {@code connected}, or on a new connection when that is null. */
    static Thread client(Socket connected, int port, int id, int count, int interval) {
        return new Thread(() -> {
            try (Socket s = connected != null ? connected : new Socket(InetAddress.getLoopbackAddress(), port)) {
                if (noDelay) {
                    s.setTcpNoDelay(true);
                }
                OutputStream out = s.getOutputStream();
                InputStream in = new java.io.BufferedInputStream(s.getInputStream());
                for (int i = 0; i < count; i++) {
                    boolean split = (id + i) % 2 == 1;
                    byte[] body = ("{\"client\":" + id + ",\"seq\":" + i + ",\"pad\":\"" + "x".repeat(50 + 37 * i % 400)
                            + "\"}").getBytes(StandardCharsets.US_ASCII);
                    byte[] head = ("POST /orders/" + id + "?seq=" + i + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    if (split) {
                        out.write(head);
                        out.write(body);
                        splitRequests.incrementAndGet();
                    } else {
                        byte[] whole = new byte[head.length + body.length];
                        System.arraycopy(head, 0, whole, 0, head.length);
                        System.arraycopy(body, 0, whole, head.length, body.length);
                        out.write(whole);
                    }
                    out.flush();
                    requests.incrementAndGet();
                    clientSent.addAndGet(head.length + body.length);
                    clientReceived.addAndGet(readMessage(in));
                    responses.incrementAndGet();
                    if (statEvery > 0 && (i + 1) % statEvery == 0) {
                        Files.getLastModifiedTime(statFile); // a stat-family syscall, untraced by default
                        stats.incrementAndGet();
                    }
                    if (i + 1 == renameAfter) {
                        Thread.currentThread().setName("renamed-" + id);
                    }
                    if (interval > 0) {
                        Thread.sleep(interval);
                    }
                }
            } catch (IOException | InterruptedException e) {
                throw new RuntimeException("client " + id + ": " + e, e);
            }
        }, "client-" + id);
    }

    static void serve(ServerSocket server) {
        int n = 0;
        while (true) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException closed) {
                return;
            }
            Thread t = new Thread(() -> handle(s), "server-" + n++);
            t.setDaemon(true);
            t.start();
        }
    }

    static void handle(Socket s) {
        if (noDelay) {
            try {
                s.setTcpNoDelay(true);
            } catch (IOException e) {
                return;
            }
        }
        try (s; InputStream in = new java.io.BufferedInputStream(s.getInputStream());
             OutputStream out = s.getOutputStream()) {
            while (true) {
                ByteArrayOutputStream request = new ByteArrayOutputStream();
                long got = readMessage(in, request);
                if (got < 0) {
                    return;
                }
                serverReceived.addAndGet(got);
                String first = request.toString(StandardCharsets.US_ASCII).split("\r\n", 2)[0];
                byte[] body = ("accepted " + first + "\n").getBytes(StandardCharsets.US_ASCII);
                byte[] response = ("HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nContent-Length: "
                        + body.length + "\r\n\r\n" + new String(body, StandardCharsets.US_ASCII))
                        .getBytes(StandardCharsets.US_ASCII);
                serverSent.addAndGet(response.length); // counted first: the client's reply implies it
                out.write(response);
                out.flush();
            }
        } catch (IOException e) {
            // client went away
        }
    }

    static long readMessage(InputStream in) throws IOException {
        long n = readMessage(in, new ByteArrayOutputStream());
        if (n < 0) {
            throw new IOException("connection closed before the response");
        }
        return n;
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
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        into.write(body);
        return count + body.length;
    }

    static int intArg(String[] args, String name, int def) {
        String v = stringArg(args, name, null);
        return v == null ? def : Integer.parseInt(v);
    }

    static String stringArg(String[] args, String name, String def) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return def;
    }
}
