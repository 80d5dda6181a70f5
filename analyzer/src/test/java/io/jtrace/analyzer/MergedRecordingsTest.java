package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.PidSpace;
import io.jtrace.analyzer.trace.TraceStream;
import io.jtrace.format.Codec;
import io.jtrace.format.TraceEvent;
import io.jtrace.format.TraceWriter;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two recordings made at once (two processes of testdata/workload/HttpWorkload.java, two recorder runs) read
 * together: merged by time, each keeping its processes, every exchange and byte each workload counted; and a
 * recording of another host whose pids equal the first's kept apart from it.
 */
class MergedRecordingsTest {
    @TempDir
    static Path tmp;

    static final Path[] traces = new Path[2];
    static final List<Map<String, Object>> summaries = new ArrayList<>();

    @BeforeAll
    static void record() throws Exception {
        LiveRecording.requireRecorder();
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        LiveRecording.compile("HttpWorkload.java", classes, tmp.resolve("javac.log"));
        Process[] recorders = new Process[2];
        for (int i = 0; i < 2; i++) {
            traces[i] = tmp.resolve("run" + i + ".jtr");
            recorders[i] = new ProcessBuilder(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q",
                    "-w", traces[i].toString(), "--", "java", "-cp", classes.toString(), "HttpWorkload", "--clients",
                    String.valueOf(2 + i), "--requests", "300", "--interval-ms", "2", "--summary",
                    tmp.resolve("summary" + i + ".json").toString())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("record" + i + ".log").toFile()).start();
        }
        for (int i = 0; i < 2; i++) {
            if (!recorders[i].waitFor(180, TimeUnit.SECONDS)) {
                recorders[0].destroyForcibly();
                recorders[1].destroyForcibly();
                fail("recorder " + i + " timed out");
            }
            assertEquals(0, recorders[i].exitValue(), Files.readString(tmp.resolve("record" + i + ".log")));
            summaries.add(Json.object(Files.readString(tmp.resolve("summary" + i + ".json"))));
        }
    }

    static long number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    static List<Map<String, Object>> json(String... args) {
        Run run = Run.of(args);
        assertEquals(0, run.status(), run.show());
        assertEquals("", run.err());
        return run.lines().stream().map(Json::object).toList();
    }

    /** The workload (0 or 1) whose server an exchange or fd row belongs to, by its port; -1 for none. */
    static int workload(Map<String, Object> row) {
        for (int i = 0; i < 2; i++) {
            String port = "]:" + number(summaries.get(i), "port");
            if (String.valueOf(row.get("peer")).endsWith(port) || String.valueOf(row.get("local")).endsWith(port)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void twoConcurrentRecordingsAreMergedByTimeEachKeepingItsProcesses() {
        List<Map<String, Object>> all = json("http", "--json", "-r", traces[0].toString(), "-r",
                traces[1].toString()).stream().filter(x -> x.containsKey("side")).toList();
        List<Long> pids = new ArrayList<>();
        int[] firstAndLast = new int[4];
        for (int w = 0; w < 2; w++) {
            int which = w;
            for (String side : List.of("client", "server")) {
                List<Map<String, Object>> seen = all.stream().filter(x -> workload(x) == which
                        && side.equals(x.get("side"))).toList();
                assertEquals(number(summaries.get(w), "requests"), seen.size(), "workload " + w + " " + side);
                assertTrue(seen.stream().allMatch(x -> ((List<?>) x.get("notes")).isEmpty()));
                assertEquals(1, seen.stream().map(x -> x.get("pid")).distinct().count(), "one process");
                pids.add(number(seen.get(0), "pid"));
            }
            firstAndLast[2 * w] = all.indexOf(all.stream().filter(x -> workload(x) == which).findFirst().get());
            firstAndLast[2 * w + 1] = all.lastIndexOf(all.stream().filter(x -> workload(x) == which)
                    .reduce((a, b) -> b).get());
        }
        assertNotEquals(pids.get(0), pids.get(2), "the two processes stay two");
        // the later recording's pids are moved out of the range of real ones; the older one's are as recorded
        assertEquals(1, pids.stream().distinct().filter(p -> p >= PidSpace.SPAN).count(), pids.toString());
        // the recordings ran at once: merged by time, their exchanges interleave
        assertTrue(firstAndLast[0] < firstAndLast[3] && firstAndLast[2] < firstAndLast[1],
                "interleaved: " + java.util.Arrays.toString(firstAndLast));

        long[][] bytes = new long[2][2];
        for (Map<String, Object> row : json("fds", "--json", "-r", traces[0].toString(), "-r", traces[1].toString())) {
            int w = workload(row);
            if (w >= 0 && row.get("peer") != null && String.valueOf(row.get("peer")).endsWith(
                    "]:" + number(summaries.get(w), "port"))) {
                bytes[w][0] += number(row, "bytes_out");
                bytes[w][1] += number(row, "bytes_in");
            }
        }
        for (int w = 0; w < 2; w++) {
            assertEquals(number(summaries.get(w), "client_sent"), bytes[w][0], "workload " + w);
            assertEquals(number(summaries.get(w), "client_received"), bytes[w][1], "workload " + w);
        }

        List<Map<String, Object>> info = json("info", "--json", "-r", traces[0].toString(), "-r", traces[1].toString());
        assertEquals(4, info.size(), "two files, two recordings");
        assertTrue(info.get(2).containsKey("recording") && info.get(3).containsKey("recording"));
    }

    @Test
    void eachEventNamesItsRecordingsFileAndHost() throws Exception {
        try (TraceStream s = TraceStream.open(List.of(traces[0], traces[1]))) {
            Path older = s.recordings().get(0).parts().get(0).file();
            Path later = s.recordings().get(1).parts().get(0).file();
            assertNotEquals(older, later);
            long n = 0;
            for (Event e; (e = s.next()) != null; ) {
                if (e.pid() != 0) {
                    assertEquals(e.pid() >= PidSpace.SPAN ? later : older, s.file(e));
                    n++;
                }
                assertEquals(s.header().getHost(), s.host(e));
            }
            assertTrue(n > 0);
        }
    }

    @Test
    void eachRecordingsReaderRunsANoteFunctionOfItsOwnOnItsOwnThread() throws Exception {
        // the readers of merged recordings decode at once: a function shared by them would be run by two threads
        Map<Object, Set<Thread>> threads = new java.util.concurrent.ConcurrentHashMap<>();
        try (TraceStream s = TraceStream.open(List.of(traces[0], traces[1]))) {
            s.note(() -> new java.util.function.Function<io.jtrace.format.RecordedSyscall, Object>() {
                @Override
                public Object apply(io.jtrace.format.RecordedSyscall r) {
                    threads.computeIfAbsent(this, k -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                            .add(Thread.currentThread());
                    return (Object) r.getNr();
                }
            });
            assertThrows(IllegalStateException.class, () -> s.note(() -> r -> null));
            long noted = 0;
            for (Event e; (e = s.next()) != null; ) {
                if (e.isSyscall()) {
                    assertEquals(e.syscall().getNr(), e.note());
                    noted++;
                }
            }
            assertTrue(noted > 0);
        }
        assertEquals(2, threads.size(), threads.toString());
        threads.values().forEach(t -> assertEquals(1, t.size(), t.toString()));
    }

    @Test
    void grepOverMergedRecordingsFindsWhatItFindsInEach() {
        // each reader searches the bytes with a search of its own (its scratch is not shared between threads)
        long each = 0;
        for (Path t : traces) {
            Run one = Run.of("-r", t.toString(), "--grep", "POST");
            assertEquals(0, one.status(), one.show());
            each += one.lines().size();
        }
        Run both = Run.of("-r", traces[0].toString(), "-r", traces[1].toString(), "--grep", "POST");
        assertEquals(0, both.status(), both.show());
        assertTrue(each > 0);
        assertEquals(each, both.lines().size());
    }

    @Test
    void thePidsACallNamesOrReturnsAreTheProcessesItsLinesShow() throws Exception {
        // two runs of a shell that forks a child, waits for it and signals itself: clone's and wait4's results,
        // SIGCHLD's si_pid and kill's pid name the processes the lines show, in the moved recording too
        Path[] shells = new Path[2];
        for (int i = 0; i < 2; i++) {
            shells[i] = tmp.resolve("shell" + i + ".jtr");
            LiveRecording.run(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q", "-f",
                    "-e", "trace=%process,kill", "-w", shells[i].toString(), "--", "sh", "-c",
                    "sleep 0.1 & wait; kill -0 $$"), 60, tmp.resolve("shell" + i + ".log"));
        }
        Run run = Run.of("-r", shells[0].toString(), "-r", shells[1].toString());
        assertEquals(0, run.status(), run.show());
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("^(?:\\[pid +(\\d+)\\] )?(.*)$");
        Map<String, Set<Long>> seen = new HashMap<>();
        long lastShell = -1;
        Set<Long> shown = new HashSet<>();
        for (String l : run.lines()) {
            java.util.regex.Matcher m = line.matcher(l);
            assertTrue(m.matches());
            String call = m.group(2);
            long pid = m.group(1) != null ? Long.parseLong(m.group(1)) : lastShell;
            if (m.group(1) != null) {
                shown.add(pid);
            }
            java.util.regex.Matcher n;
            if ((n = java.util.regex.Pattern.compile("^(clone|wait4)\\(.*\\) += (\\d+)$").matcher(call)).matches()
                    && !n.group(2).equals("0")) {
                seen.computeIfAbsent(n.group(1), k -> new HashSet<>()).add(Long.parseLong(n.group(2)));
            } else if ((n = java.util.regex.Pattern.compile("si_code=CLD_EXITED, si_pid=(\\d+)").matcher(call)).find()) {
                seen.computeIfAbsent("si_pid", k -> new HashSet<>()).add(Long.parseLong(n.group(1)));
            } else if ((n = java.util.regex.Pattern.compile("^kill\\((\\d+), 0\\)").matcher(call)).find()) {
                seen.computeIfAbsent("kill", k -> new HashSet<>()).add(Long.parseLong(n.group(1)));
            } else if (call.startsWith("clone(")) {
                lastShell = pid;
            }
        }
        Set<Long> children = seen.get("clone");
        assertEquals(2, children.size(), seen.toString());
        assertEquals(1, children.stream().filter(p -> p >= PidSpace.SPAN).count(), "one moved: " + children);
        assertTrue(shown.containsAll(children), "each child's lines show the pid clone returned: " + shown);
        assertEquals(children, seen.get("wait4"));
        assertEquals(children, seen.get("si_pid"));
        Set<Long> killed = seen.get("kill");
        assertEquals(2, killed.size(), seen.toString());
        assertEquals(1, killed.stream().filter(p -> p >= PidSpace.SPAN).count(), "one moved: " + killed);
    }

    @Test
    void anotherHostsRecordingWithTheSamePidsStaysApart() throws Exception {
        // the first recording as a second host would have made it: same pids, fds, ports and times
        Path other = tmp.resolve("other-host.jtr");
        Records original = Records.read(traces[0]);
        try (OutputStream out = Files.newOutputStream(other);
             TraceWriter w = new TraceWriter(out, Codec.ZSTD, original.header().toBuilder().setHost("other-host")
                     .setRunId(ByteString.copyFromUtf8("another run, 16")).build())) {
            for (TraceEvent e : original.events()) {
                w.write(e);
            }
        }
        List<Map<String, Object>> one = json("http", "--json", "-r", traces[0].toString());
        List<Map<String, Object>> both = json("http", "--json", "-r", traces[0].toString(), "-r", other.toString());
        assertEquals(2 * one.size(), both.size());
        Map<String, Integer> count = new HashMap<>();
        for (Map<String, Object> x : both) {
            long pid = number(x, "pid");
            String shown = (pid % PidSpace.SPAN) + " " + x.get("side") + " " + x.get("url") + " " + x.get("status")
                    + " " + x.get("request_body_bytes") + " " + x.get("response_body_bytes") + " " + x.get("notes");
            count.merge(shown + (pid >= PidSpace.SPAN ? " moved" : ""), 1, Integer::sum);
        }
        for (Map<String, Object> x : one) {
            String shown = x.get("pid") + " " + x.get("side") + " " + x.get("url") + " " + x.get("status") + " "
                    + x.get("request_body_bytes") + " " + x.get("response_body_bytes") + " " + x.get("notes");
            assertEquals(1, count.getOrDefault(shown, 0), shown);
            assertEquals(1, count.getOrDefault(shown + " moved", 0), shown + " (the other host's)");
        }
    }
}
