package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.TraceStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real rotated recording (-C 1 and -G 1) of testdata/workload/HttpWorkload.java read as one trace: the exchanges
 * and bytes the workload counted, those split across files included; the same set without a middle file: every
 * exchange away from the gap as before, the gap reported; a merged copy (-w) reads as the set does.
 */
class RotatedSetTest {
    @TempDir
    static Path tmp;

    static Path dir;
    static List<Path> files;
    static Map<String, Object> summary;

    @BeforeAll
    static void record() throws Exception {
        LiveRecording.requireRecorder();
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Path log = tmp.resolve("command.log");
        LiveRecording.compile("HttpWorkload.java", classes, log);
        dir = Files.createDirectories(tmp.resolve("set"));
        Path summaryFile = tmp.resolve("summary.json");
        // about 5 s of keep-alive traffic without pause: files rotate every second (-G 1 with -W) or at 1 MB (-C 1),
        // while exchanges are under way
        LiveRecording.run(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q", "-C", "1",
                "-G", "1", "-W", "1000", "-w", dir.resolve("app-%H%M%S.jtr").toString(), "--", "java", "-cp",
                classes.toString(), "HttpWorkload", "--clients", "2", "--requests", "15000",
                "--nodelay", "--summary", summaryFile.toString()), 180, log);
        summary = Json.object(Files.readString(summaryFile));
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        assertTrue(files.size() >= 3, "a set of at least three files: " + files);
    }

    static long number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    static List<Map<String, Object>> json(String... args) {
        Run run = Run.of(args);
        assertEquals(0, run.status(), run.show());
        return run.lines().stream().map(Json::object).toList();
    }

    /** Exchanges (no losses object) of the http view over {@code inputs}. */
    static List<Map<String, Object>> exchanges(List<Path> inputs) {
        List<String> args = new ArrayList<>(List.of("http", "--json"));
        inputs.forEach(f -> args.addAll(List.of("-r", f.toString())));
        return json(args.toArray(String[]::new)).stream().filter(x -> x.containsKey("side")).toList();
    }

    /** The exchanges without the name of the input each was read from. */
    static List<Map<String, Object>> withoutFile(List<Map<String, Object>> exchanges) {
        return exchanges.stream().map(x -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>(x);
            m.remove(io.jtrace.analyzer.trace.Source.FILE_FIELD);
            return (Map<String, Object>) m;
        }).toList();
    }

    /** Equal lists, or a failure naming the first difference (not the whole lists: 60,000 exchanges). */
    static void assertSame(List<Map<String, Object>> expected, List<Map<String, Object>> actual, String what) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), what + ": exchange " + i);
        }
        assertEquals(expected.size(), actual.size(), what + ": exchanges");
    }

    static String key(Map<String, Object> x) {
        return x.get("pid") + " " + x.get("side") + " " + x.get("url");
    }

    static String describe(Map<String, Object> x) {
        return x.get("method") + " " + x.get("url") + " " + x.get("status") + " req " + x.get("request_body_bytes")
                + " resp " + x.get("response_body_bytes") + " notes " + x.get("notes");
    }

    @Test
    void theSetReadsAsOneTraceWithEveryExchangeAndByteTheWorkloadCounted() {
        long requests = number(summary, "requests");
        // the directory, as a glob, and as files named one by one: the same trace
        List<Map<String, Object>> all = exchanges(List.of(dir));
        // (a name used twice in a second gets a counter, app-001502.jtr1, as -C names its files: hence app-*)
        assertSame(all, exchanges(List.of(dir.resolve("app-*"))), "the glob");
        assertSame(all, exchanges(files), "the files");
        for (String side : List.of("client", "server")) {
            List<Map<String, Object>> seen = all.stream().filter(x -> side.equals(x.get("side"))).toList();
            assertEquals(requests, seen.size(), side);
            assertTrue(seen.stream().allMatch(x -> ((List<?>) x.get("notes")).isEmpty() && x.get("status")
                    .equals(201L)), side + ": every exchange whole: " + seen.stream().filter(x ->
                    !((List<?>) x.get("notes")).isEmpty()).map(RotatedSetTest::describe).limit(5).toList());
        }
        // bytes per side of the workload's connections, across the files
        long port = number(summary, "port");
        long clientOut = 0, clientIn = 0, serverOut = 0, serverIn = 0;
        int clientRows = 0, serverRows = 0;
        List<String> args = new ArrayList<>(List.of("fds", "--json", "-r", dir.toString()));
        for (Map<String, Object> row : json(args.toArray(String[]::new))) {
            if (String.valueOf(row.get("peer")).endsWith("]:" + port)) {
                clientOut += number(row, "bytes_out");
                clientIn += number(row, "bytes_in");
                clientRows++;
            } else if (String.valueOf(row.get("local")).endsWith("]:" + port) && row.get("peer") != null) {
                serverOut += number(row, "bytes_out");
                serverIn += number(row, "bytes_in");
                serverRows++;
            }
        }
        // each keep-alive connection is one row from its first file to its last
        assertEquals(2, clientRows);
        assertEquals(2, serverRows);
        assertEquals(number(summary, "client_sent"), clientOut);
        assertEquals(number(summary, "client_received"), clientIn);
        assertEquals(number(summary, "server_sent"), serverOut);
        assertEquals(number(summary, "server_received"), serverIn);
    }

    @Test
    void everyRecordOfEveryFileComesOnceInFileOrderNamingItsFile() throws Exception {
        Map<Path, Long> perFile = new HashMap<>();
        int lastFile = -1;
        try (TraceStream set = TraceStream.open(files)) {
            for (Event e; (e = set.next()) != null; ) {
                Path f = set.file(e);
                int i = files.indexOf(f);
                assertTrue(i >= lastFile, "file order: " + f);
                lastFile = i;
                perFile.merge(f, 1L, Long::sum);
            }
        }
        for (int i = 0; i < files.size(); i++) {
            long alone = 0;
            try (TraceStream one = TraceStream.open(files.get(i))) {
                for (Event e; (e = one.next()) != null; ) {
                    alone++;
                }
            }
            // a rotation's trailer is left out: the recording goes on
            assertEquals(alone - (i < files.size() - 1 ? 1 : 0), perFile.get(files.get(i)), files.get(i).toString());
        }
    }

    @Test
    void exchangesSplitAcrossFilesAreWholeInTheSet() {
        // read alone, a file shows the exchanges cut at its ends as halves; in the set each is whole
        Map<String, Map<String, Object>> set = new HashMap<>();
        exchanges(List.of(dir)).forEach(x -> set.put(key(x), x));
        int halves = 0;
        for (Path f : files) {
            for (Map<String, Object> x : exchanges(List.of(f))) {
                if (!((List<?>) x.get("notes")).isEmpty() && x.get("url") != null) {
                    Map<String, Object> whole = set.get(key(x));
                    assertNotNull(whole, "the set has " + key(x));
                    assertTrue(((List<?>) whole.get("notes")).isEmpty(), describe(whole));
                    halves++;
                }
            }
        }
        assertTrue(halves > 0, "no exchange was split across files: rotate with more traffic");
    }

    @Test
    void aMissingMiddleFileIsAReportedGapAndEveryExchangeAwayFromItIsExact() {
        int middle = files.size() / 2;
        List<Path> withGap = new ArrayList<>(files);
        Path removed = withGap.remove(middle);
        List<String> args = new ArrayList<>(List.of("http", "--json"));
        withGap.forEach(f -> args.addAll(List.of("-r", f.toString())));
        Run run = Run.of(args.toArray(String[]::new));
        assertEquals(0, run.status(), run.show());
        Matcher gap = Pattern.compile("jtrace-analyze: warning: file " + middle + " of host \\S+, run [0-9a-f]{8} is"
                + " missing: nothing recorded for [0-9.]+ s, from ([0-9.]+) s to ([0-9.]+) s; the streams after it"
                + " resume as after a loss\n").matcher(run.err());
        assertTrue(gap.find(), run.err());
        List<Map<String, Object>> seen = run.lines().stream().map(Json::object).filter(x -> x.containsKey("side"))
                .toList();

        // the gap's ends on the wall clock: the set starts with the first file
        Map<String, Object> first = json("info", "--json", "-r", files.get(0).toString()).get(0);
        long startNs = nanos((String) first.get("start"));
        long fromNs = startNs + (long) (Double.parseDouble(gap.group(1)) * 1e9);
        long toNs = startNs + (long) (Double.parseDouble(gap.group(2)) * 1e9);
        long margin = 2_000_000;   // the header's wall clock has milliseconds

        Map<String, Map<String, Object>> got = new HashMap<>();
        seen.forEach(x -> got.put(key(x), x));
        int checked = 0;
        for (Map<String, Object> x : exchanges(List.of(dir))) {
            long t = nanos((String) x.get("time"));
            long end = t + number(x, "latency_us") * 1000;
            if (end < fromNs - margin || t > toNs + margin) {
                Map<String, Object> same = got.get(key(x));
                assertNotNull(same, "outside the gap, yet missing: " + describe(x));
                assertEquals(describe(x), describe(same));
                checked++;
            }
        }
        assertTrue(checked > 0);
        // the others are halves at the gap's ends, none made up: each names an exchange of the whole set
        Map<String, Map<String, Object>> whole = new HashMap<>();
        exchanges(List.of(dir)).forEach(x -> whole.put(key(x), x));
        long cut = 0;
        for (Map<String, Object> x : seen) {
            if (!((List<?>) x.get("notes")).isEmpty()) {
                cut++;
                long t = nanos((String) x.get("time"));
                // a reply to a request the missing file held comes after the gap by the exchange's latency,
                // which a busy machine stretches: a second bounds it; a request seen starts before the gap ends
                long slack = x.get("method") == null ? 1_000_000_000L : margin;
                assertTrue(t < toNs + slack, "a half after the gap's end: " + describe(x));
            } else {
                assertEquals(describe(whole.get(key(x))), describe(x));
            }
        }
        assertTrue(cut <= 8, "halves: " + cut);
        assertTrue(seen.size() < 2 * number(summary, "requests"), "the missing file held exchanges: " + removed);

        // info describes the set: its files, the gap, totals
        List<String> info = new ArrayList<>(List.of("info", "--json"));
        withGap.forEach(f -> info.addAll(List.of("-r", f.toString())));
        List<Map<String, Object>> objects = json(info.toArray(String[]::new));
        assertEquals(withGap.size() + 1, objects.size());
        Map<String, Object> recording = objects.get(objects.size() - 1);
        assertEquals(withGap.stream().map(Path::toString).toList(), recording.get("files"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> gaps = (List<Map<String, Object>>) recording.get("gaps");
        assertEquals(1, gaps.size());
        assertEquals(String.valueOf(middle), gaps.get(0).get("missing_file_indexes"));
        long syscalls = objects.subList(0, withGap.size()).stream().mapToLong(o -> number(
                (Map<String, Object>) o.get("records"), "syscall")).sum();
        assertEquals(syscalls, number(recording, "syscalls"));
    }

    @Test
    void aMergedCopyOfTheSetReadsAsTheSet() throws Exception {
        Path merged = tmp.resolve("merged.jtr");
        Run copy = Run.of("-r", dir.toString(), "-w", merged.toString());
        assertEquals(0, copy.status(), copy.show());
        // the same exchanges, each naming its own input (trace_file): a file of the set, or the copy
        assertSame(withoutFile(exchanges(List.of(dir))), withoutFile(exchanges(List.of(merged))), "the merged copy");
        Run diff = Run.of("diff", "--level", "http", dir.toString(), merged.toString());
        assertEquals(0, diff.status(), diff.show());
        Run refused = Run.of("-r", dir.toString(), "-w", files.get(1).toString());
        assertEquals(2, refused.status(), refused.show());
        assertTrue(refused.err().contains("would overwrite the trace being read"), refused.err());
    }

    static long nanos(String iso) {
        Instant i = Instant.parse(iso);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
