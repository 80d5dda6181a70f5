package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records testdata/workload/HttpGapWorkload.java for real at -s 4096: a server write holding a 100 kB response and
 * a whole 404, a client write holding a 100 kB POST and the next request. Every exchange the http view shows, on
 * both sides, carries the status the client itself got, or a note saying what is not known; never a wrong pair.
 */
class HttpGapRecordingTest {
    @TempDir
    static Path tmp;

    static Path trace;
    /** "GET /gone" to the status the client read. */
    static Map<String, Long> got = new HashMap<>();

    @BeforeAll
    static void record() throws Exception {
        LiveRecording.requireRecorder();
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Path log = tmp.resolve("command.log");
        LiveRecording.compile("HttpGapWorkload.java", classes, log);
        trace = tmp.resolve("gap.jtr");
        Path summary = tmp.resolve("summary.txt");
        LiveRecording.run(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q", "-s", "4096",
                "-w", trace.toString(), "--", "java", "-cp", classes.toString(), "HttpGapWorkload", "--summary",
                summary.toString()), 120, log);
        for (String line : Files.readAllLines(summary)) {
            Map<String, Object> x = Json.object(line);
            got.put(x.get("method") + " " + x.get("url"), ((Number) x.get("status")).longValue());
        }
        assertEquals(6, got.size(), "the workload's requests: " + got);
    }

    static List<Map<String, Object>> http() {
        Run run = Run.of("http", "-r", trace.toString(), "--json");
        assertEquals(0, run.status(), run.show());
        return run.lines().stream().map(Json::object).toList();
    }

    @SuppressWarnings("unchecked")
    static List<String> notes(Map<String, Object> x) {
        return (List<String>) x.get("notes");
    }

    static boolean noted(Map<String, Object> x, String prefix) {
        return notes(x).stream().anyMatch(n -> n.startsWith(prefix));
    }

    @Test
    void everyExchangeHasTheStatusTheClientGotOrSaysWhatIsUnknown() {
        List<Map<String, Object>> all = http();
        for (String side : List.of("client", "server")) {
            List<Map<String, Object>> seen = all.stream().filter(x -> side.equals(x.get("side"))).toList();
            Set<String> requestsSeen = seen.stream().filter(x -> x.get("method") != null)
                    .map(x -> x.get("method") + " " + x.get("url")).collect(Collectors.toSet());
            // the statuses of the requests this side did not see: a response with no request can only be one of those
            Set<Long> unseenStatuses = got.entrySet().stream().filter(e -> !requestsSeen.contains(e.getKey()))
                    .map(Map.Entry::getValue).collect(Collectors.toSet());
            for (Map<String, Object> x : seen) {
                String what = side + ": " + x;
                if (noted(x, "pairing unknown after a gap of ")) {
                    continue;   // said plainly
                }
                if (x.get("method") == null) {
                    assertTrue(noted(x, "request not seen"), what);
                    assertTrue(x.get("status") == null || unseenStatuses.contains(x.get("status")), what);
                } else if (x.get("status") == null) {
                    assertTrue(noted(x, "response not seen"), what);
                } else {
                    assertEquals(got.get(x.get("method") + " " + x.get("url")), x.get("status"), what);
                }
            }
        }
    }

    @Test
    void theGapsHappenedAndAreNamed() {
        List<Map<String, Object>> all = http();
        // the server wrote the 100 kB 200 and the 404 in one call: the 404 is in its gap, /small is exact again
        Map<String, Object> gone = find(all, "server", "/gone");
        assertEquals(null, gone.get("status"), gone.toString());
        assertTrue(noted(gone, "response not seen (in a gap of "), gone.toString());
        Map<String, Object> small = find(all, "server", "/small");
        assertEquals(200L, small.get("status"));
        assertEquals(List.of(), notes(small), "exact: only /small was left to answer");
        // the client wrote the POST and GET /next in one call: /next is counted, answered by the 410
        Map<String, Object> next = all.stream().filter(x -> "client".equals(x.get("side")) && x.get("method") == null)
                .findFirst().orElseThrow(() -> new AssertionError("no request counted unseen: " + all));
        assertEquals(410L, next.get("status"), next.toString());
        assertTrue(noted(next, "request not seen (in a gap of "), next.toString());
        Run text = Run.of("http", "-r", trace.toString());
        assertTrue(text.out().contains("(request not seen)  410 Gone"), text.out());
        assertTrue(text.out().contains("[request not seen (in a gap of "), text.out());
    }

    static Map<String, Object> find(List<Map<String, Object>> all, String side, String url) {
        return all.stream().filter(x -> side.equals(x.get("side")) && url.equals(x.get("url"))).findFirst()
                .orElseThrow(() -> new AssertionError(side + " " + url + " not in " + all));
    }
}
