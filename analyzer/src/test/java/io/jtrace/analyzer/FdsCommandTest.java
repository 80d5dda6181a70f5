package io.jtrace.analyzer;

import static io.jtrace.analyzer.AnalyzeCommandTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** fds on the checked-in HttpWorkload recording: both ends of each connection agree, sorting, top-N, errors. */
class FdsCommandTest {
    static final String TRACE = Run.trace("http-default.jtr").toString();

    static List<Map<String, Object>> rows(String... more) {
        String[] args = new String[more.length + 4];
        System.arraycopy(new String[] {"fds", "-r", TRACE, "--json"}, 0, args, 0, 4);
        System.arraycopy(more, 0, args, 4, more.length);
        return ok(args).out().lines().map(Json::object).toList();
    }

    static long num(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).longValue();
    }

    @Test
    void bothEndsOfEachConnectionAgree() {
        List<Map<String, Object>> http = rows().stream().filter(r -> "http".equals(r.get("protocol"))).toList();
        assertEquals(4, http.size(), "two client and two server sockets: " + http);
        for (Map<String, Object> r : http) {
            assertTrue(List.of("tcp", "tcp6").contains(r.get("kind")), r.toString());
            Map<String, Object> other = http.stream().filter(o -> r.get("local").equals(o.get("peer"))
                    && r.get("peer").equals(o.get("local"))).findFirst().orElseThrow(() -> new AssertionError(r));
            assertEquals(num(r, "bytes_out"), num(other, "bytes_in"), r + " vs " + other);
            assertEquals(num(r, "bytes_in"), num(other, "bytes_out"), r + " vs " + other);
            assertEquals(0, num(r, "errors"), r.toString());
        }
        // what HttpWorkload wrote: 10 requests, head and body, and 10 responses of the same size
        String port = portOf(http);
        long requests = 0;
        long responses = 0;
        for (int id = 0; id < 2; id++) {
            for (int seq = 0; seq < 5; seq++) {
                int body = HttpCommandTest.requestBody(id, seq);
                String target = "/orders/" + id + "?seq=" + seq;
                requests += ("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1" + port + "\r\nContent-Type: "
                        + "application/json\r\nContent-Length: " + body + "\r\n\r\n").length() + body;
                String answer = "accepted POST " + target + " HTTP/1.1\n";
                responses += ("HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nContent-Length: " + answer.length()
                        + "\r\n\r\n").length() + answer.length();
            }
        }
        List<Map<String, Object>> clients = http.stream().filter(r -> ((String) r.get("peer")).endsWith(port)).toList();
        assertEquals(2, clients.size());
        assertEquals(requests, clients.stream().mapToLong(r -> num(r, "bytes_out")).sum(), "bytes the clients sent");
        assertEquals(responses, clients.stream().mapToLong(r -> num(r, "bytes_in")).sum(), "bytes the clients read");
    }

    /** The listening port: the port every client socket's peer has. */
    static String portOf(List<Map<String, Object>> http) {
        for (Map<String, Object> r : http) {
            String peer = (String) r.get("peer");
            String port = peer.substring(peer.lastIndexOf(':'));
            if (http.stream().filter(o -> ((String) o.get("local")).endsWith(port)).count() == 2) {
                return port;
            }
        }
        throw new AssertionError("no listening port in " + http);
    }

    @Test
    void jsonHasTheDocumentedKeys() {
        for (Map<String, Object> r : rows()) {
            for (String key : List.of("pid", "fd", "kind", "local", "peer", "bytes_in", "bytes_out", "calls_in",
                    "calls_out", "errors", "eagain", "time_us", "protocol", "first", "last", "closed")) {
                assertTrue(r.containsKey(key), key + " in " + r);
            }
        }
    }

    @Test
    void sortAndTop() {
        List<Map<String, Object>> byBytes = rows("--sort", "bytes");
        for (int i = 1; i < byBytes.size(); i++) {
            long before = num(byBytes.get(i - 1), "bytes_in") + num(byBytes.get(i - 1), "bytes_out");
            long after = num(byBytes.get(i), "bytes_in") + num(byBytes.get(i), "bytes_out");
            assertTrue(before >= after, "sorted by bytes: " + byBytes);
        }
        assertEquals(byBytes.subList(0, 3), rows("--sort", "bytes", "--top", "3"));
        List<String> text = ok("fds", "-r", TRACE, "--sort", "bytes", "--top", "2").lines();
        assertEquals(3, text.size(), "a header and two rows: " + text);
        assertTrue(text.get(0).trim().startsWith("PID  FD  KIND"), text.get(0));
    }

    @Test
    void badOptionsAreUsageErrors() {
        for (String[] args : List.of(new String[] {"fds", "-r", TRACE, "--sort", "nonsense"},
                new String[] {"fds", "-r", TRACE, "--top", "-1"})) {
            Run run = Run.of(args);
            assertEquals(2, run.status(), run.show());
            assertEquals(1, run.err().lines().count(), run.err());
        }
    }
}
