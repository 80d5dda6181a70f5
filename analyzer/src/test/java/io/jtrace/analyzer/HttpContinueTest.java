package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Expect: 100-continue} as a real client sends it: curl, recorded by the recorder, uploads a body to a small
 * server in this JVM (not traced), which answers the head with 100 Continue before curl sends the body. {@code http
 * --full} shows the messages in the order they crossed the wire: the request's head, the 100, the request's body,
 * the final response. Without curl or the recorder it fails when CI=true and is skipped otherwise.
 */
class HttpContinueTest {
    static final String BODY = "line of the uploaded body\n".repeat(80);

    @TempDir
    Path dir;

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** One exchange on one connection: 100 Continue after the head when asked for, 201 after the body. */
    static void serve(ServerSocket server, AtomicReference<String> received) {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    return;
                }
                head.write(c);
            }
            String h = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            if (h.contains("\r\nexpect: 100-continue\r\n")) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            int length = Integer.parseInt(h.replaceAll("(?s).*\r\ncontent-length: *(\\d+)\r\n.*", "$1"));
            byte[] body = in.readNBytes(length);
            received.set(new String(body, StandardCharsets.UTF_8));
            String answer = "stored " + body.length + " bytes\n";
            out.write(("HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nContent-Length: " + answer.length()
                    + "\r\nConnection: close\r\n\r\n" + answer).getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            received.set("server failed: " + e);
        }
    }

    @Test
    void fullShowsTheInterimResponseBetweenTheRequestsHeadAndBody() throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(onPath("curl"), "curl not installed (apt-get install curl)");
        Path upload = Files.writeString(dir.resolve("upload.txt"), BODY);
        Path trace = dir.resolve("continue.jtr");
        AtomicReference<String> received = new AtomicReference<>();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> serve(server, received), "continue-server");
            t.start();
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/upload";
            // curl waits for the 100 (up to --expect100-timeout) before it sends the body; -T uploads the file
            // (with PUT), --data-binary @FILE would not reach curl: the recorder's command line expands @FILE
            LiveRecording.run(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q", "-w",
                    trace.toString(), "--", "curl", "-sS", "-o", "/dev/null", "--expect100-timeout", "30", "-H",
                    "Expect: 100-continue", "-H", "Content-Type: text/plain", "-T", upload.toString(), url),
                    120, dir.resolve("record.log"));
            t.join(10_000);
        }
        assertEquals(BODY, received.get(), "what the server read");

        Run json = Run.of("http", "-r", trace.toString(), "--json");
        assertEquals(0, json.status(), json.show());
        assertEquals(1, json.lines().size(), json.show());
        Map<String, Object> x = Json.object(json.lines().get(0));
        assertEquals(List.of("client", "PUT", "/upload", 201L, List.of(100L), (long) BODY.length()),
                List.of(x.get("side"), x.get("method"), x.get("url"), x.get("status"), x.get("interim"),
                        x.get("request_body_bytes")), x.toString());

        Run full = Run.of("http", "-r", trace.toString(), "--full");
        assertEquals(0, full.status(), full.show());
        assertEquals("", full.err());
        // the start lines and the body's first line, in the order they were printed
        List<String> order = full.lines().stream().filter(l -> l.matches("[<>] (PUT|HTTP/1\\.1|line of).*"))
                .map(l -> l.replaceAll("^([<>] \\S+ \\S+).*", "$1")).distinct().toList();
        assertEquals(List.of("> PUT /upload", "< HTTP/1.1 100", "> line of", "< HTTP/1.1 201"), order,
                full.out());
        int head = full.out().indexOf("> Expect: 100-continue\n");
        int interim = full.out().indexOf("< HTTP/1.1 100 Continue\n");
        int body = full.out().indexOf("> line of the uploaded body\n");
        assertTrue(head > 0 && head < interim && interim < body, full.out());
    }
}
