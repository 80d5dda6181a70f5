package io.jtrace.analyzer;

import static io.jtrace.analyzer.AnalyzeCommandTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.TraceEvent;
import io.jtrace.format.proto.Record;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Every filter of the common set, checked against the records the trace holds. */
class FiltersTest {
    static final String TRACE = Run.trace("http-default.jtr").toString();
    static final Records RECORDS = Records.read(Run.trace("http-default.jtr"));

    /** The --json lines (every record kind is printed there) as objects. */
    static List<Map<String, Object>> json(String... filters) {
        return ok(AnalyzeCommandTest.cat(new String[] {"-r", TRACE, "--json"}, filters)).lines().stream()
                .map(Json::object).toList();
    }

    static long syscalls(List<Map<String, Object>> lines) {
        return lines.stream().filter(o -> "syscall".equals(o.get("type"))).count();
    }

    @Test
    void grepSearchesTheWholeCapturedBytesBeyondTheDisplayCut() {
        // a body's end sits past byte 77 of it, beyond -s 32, even in a body written on its own
        List<TraceEvent> expected = RECORDS.syscalls(e -> Records.captured(e, "xxxxxxxxxx\"}"));
        assertEquals(20, expected.size(), "the ten request bodies, written and read");
        List<String> lines = ok("-r", TRACE, "--grep", "x{10}\"}").lines();
        assertEquals(expected.size(), lines.size(), String.join("\n", lines));
        lines.forEach(l -> assertFalse(l.contains("\\\"}"), l));
    }

    @Test
    void grepAlsoSearchesTheRenderedLine() {
        long enoent = RECORDS.syscalls(e -> e.record().getSyscall().getRet() == -2).size();
        assertTrue(enoent > 0);
        List<String> lines = ok("-r", TRACE, "--grep", "= -1 ENOENT \\(No such file").lines();
        assertEquals(enoent, lines.size());
        assertEquals(ok("-r", TRACE, "-e", "trace=openat", "-Z").lines().stream().filter(l -> l.contains("ENOENT")).toList(),
                ok("-r", TRACE, "--grep", "O_RDONLY.*ENOENT", "-e", "trace=openat").lines());
    }

    @Test
    void aWordInCapitalsSkipsOnlyLinesThatCannotShowIt() {
        // a word in capitals that the bytes lack is looked for only in lines that print words of
        // their own; the same word as a regex group renders every line: both must keep the same
        for (String trace : List.of(TRACE, Run.trace("http-all.jtr").toString())) {
            for (String word : List.of("POST", "HTTP", "EAGAIN", "ENOENT", "AGAIN", "NULL", "UL", "R", "RDONLY",
                    "STREAM", "AF", "SIGCHLD", "MSG", "TCP", "X")) {
                for (List<String> options : List.of(List.<String>of(), List.of("-yy"), List.of("-xx", "-s", "4"))) {
                    String[] fast = AnalyzeCommandTest.cat(new String[] {"-r", trace, "--grep", word},
                            options.toArray(String[]::new));
                    String[] slow = AnalyzeCommandTest.cat(new String[] {"-r", trace, "--grep", "(?:" + word + ")"},
                            options.toArray(String[]::new));
                    assertEquals(ok(slow).lines(), ok(fast).lines(), word + " " + options + " in " + trace);
                }
            }
        }
    }

    @Test
    void ignoreCase() {
        assertEquals(List.of(), ok("-r", TRACE, "--grep", "post /ORDERS/").lines());
        assertEquals(20, ok("-r", TRACE, "--grep", "^post /ORDERS/", "-i").lines().size());
        assertEquals(20, ok("-r", TRACE, "--grep", "^post /ORDERS/", "--ignore-case").lines().size());
    }

    @Test
    void traceSetKeepsItsSyscallsAndLetsExitsThrough() {
        List<Map<String, Object>> writes = json("-e", "trace=write");
        assertEquals(RECORDS.syscalls(e -> RECORDS.name(e).equals("write")).size(), syscalls(writes));
        writes.stream().filter(o -> "syscall".equals(o.get("type"))).forEach(o -> assertEquals("write", o.get("syscall")));
        assertEquals(RECORDS.events().size() - RECORDS.syscalls().size(), writes.size() - syscalls(writes),
                "records other than syscalls pass a syscall filter, as in strace");
        assertEquals(RECORDS.syscalls(e -> !RECORDS.name(e).equals("write")).size(), syscalls(json("-e", "trace=!write")));
        List<Map<String, Object>> net = json("-e", "trace=%net");
        java.util.Set<Object> names = new java.util.TreeSet<>();
        net.stream().filter(o -> "syscall".equals(o.get("type"))).forEach(o -> names.add(o.get("syscall")));
        assertTrue(names.containsAll(List.of("accept", "connect", "socket")), names.toString());
        assertFalse(names.contains("read") || names.contains("write") || names.contains("close") || names.contains("openat"),
                names.toString());
        assertEquals(RECORDS.events().size(), json("-e", "trace=all").size());
        assertEquals(syscalls(json("-e", "trace=read,write")), syscalls(json("-e", "read,write")));
    }

    @Test
    void pidAndTid() {
        int pid = RECORDS.header().getProcesses(0).getPid();
        assertEquals(RECORDS.records().stream().filter(e -> e.kind() != Record.KindCase.LOSS).count(),
                json("--pid", Integer.toString(pid)).size());
        assertEquals(List.of(), json("--pid", "1"));
        List<String> requests = ok("-r", TRACE, "--grep", "^POST /orders/0\\?seq=0 ", "-e", "trace=write").lines();
        String tid = requests.get(0).replaceAll("^\\[pid (\\d+)].*", "$1");
        List<Map<String, Object>> thread = json("--tid", tid);
        assertFalse(thread.isEmpty());
        thread.forEach(o -> assertEquals(Long.parseLong(tid), o.get("tid")));
        assertEquals(RECORDS.syscalls(e -> e.record().getSyscall().getTid() == Integer.parseInt(tid)).size(), syscalls(thread));
        assertEquals(thread.size() + json("--tid", Integer.toString(pid)).size(), json("--tid", tid + "," + pid).size());
    }

    @Test
    void fdKeepsTheCallsOnThatFd() {
        String line = ok("-r", TRACE, "--grep", "^POST /orders/1\\?seq=0 ", "-e", "trace=write").lines().get(0);
        String fd = line.replaceAll(".* write\\((\\d+),.*", "$1");
        List<String> lines = ok("-r", TRACE, "--fd", fd).lines();
        // five requests of client 1 on this connection, each with its response read
        assertEquals(5, lines.stream().filter(l -> l.matches(".* write\\(" + fd + ", \"POST /orders/1\\?.*")).count());
        for (String l : lines) {
            assertTrue(l.matches(".*\\w+\\(" + fd + "[,)].*") || l.matches(".*\\) += " + fd) || l.matches(".*\\[" + fd + ", \\d+]\\).*")
                    || l.matches(".*\\[\\d+, " + fd + "]\\).*"), l);
        }
        assertFalse(lines.stream().anyMatch(l -> l.contains("+++")), "exits touch no fd");
    }

    @Test
    void commMatchesTheProcessName() {
        String comm = RECORDS.header().getProcesses(0).getComm();
        assertEquals(ok("-r", TRACE).lines(), ok("-r", TRACE, "--comm", comm).lines());
        assertEquals(List.of(), ok("-r", TRACE, "--comm", "nginx").lines());
    }

    @Test
    void sinceAndUntilInEveryForm() {
        List<TraceEvent> all = RECORDS.events();   // the trailer too: --json prints it
        long mid = all.get(all.size() / 2).timeNs();
        long late = all.get(all.size() * 3 / 4).timeNs();
        Predicate<Long> window = t -> t >= mid && t <= late;
        long expected = all.stream().filter(e -> window.test(e.timeNs())).count();
        List<Map<String, Object>> byNs = json("--since", mid + "ns", "--until", late + "ns");
        assertEquals(expected, byNs.size());
        byNs.forEach(o -> assertTrue(window.test((Long) o.get("time_ns")), o.toString()));

        // every accepted form of the same instants selects the same records
        long start = RECORDS.header().getStartWallNs();
        ZoneId zone = ZoneId.systemDefault();
        Instant from = Instant.ofEpochSecond(0, start + mid);
        Instant to = Instant.ofEpochSecond(0, start + late);
        DateTimeFormatter hms = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSSSS");
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS");
        String[][] forms = {
            {String.format("%.9f", mid / 1e9), String.format("%.9f", late / 1e9)},
            {String.format("%.9fs", mid / 1e9), String.format("%.9fs", late / 1e9)},
            {"+" + String.format("%.9f", mid / 1e9), "+" + String.format("%.9f", late / 1e9)},
            {String.format("%.6fms", mid / 1e6), String.format("%.6fms", late / 1e6)},
            {String.format("%.3fus", mid / 1e3), String.format("%.3fus", late / 1e3)},
            {LocalTime.ofInstant(from, zone).format(hms), LocalTime.ofInstant(to, zone).format(hms)},
            {LocalDateTime.ofInstant(from, zone).format(local), LocalDateTime.ofInstant(to, zone).format(local)},
            {LocalDateTime.ofInstant(from, zone).format(local).replace('T', ' '), LocalDateTime.ofInstant(to, zone).format(local).replace('T', ' ')},
            {from.toString(), to.toString()},
            {from.atOffset(ZoneOffset.ofHours(2)).toString(), to.atOffset(ZoneOffset.ofHours(-3)).toString()},
        };
        for (String[] f : forms) {
            assertEquals(byNs, json("--since", f[0], "--until", f[1]), String.join(" .. ", f));
        }
        // whole seconds, minutes and hours; the process started before the recording (a negative time)
        assertEquals(RECORDS.events().stream().filter(e -> e.timeNs() >= 0).count(), json("--since", "0", "--until", "1h").size());
        assertEquals(RECORDS.events().size(), json("--until", "1m").size());
        assertEquals(List.of(), json("--since", "2m"));
        assertEquals(0, json("--since", "1s").stream().filter(o -> (Long) o.get("time_ns") < 1_000_000_000L).count());
        assertEquals(0, json("--until", "500ms").stream().filter(o -> (Long) o.get("time_ns") > 500_000_000L).count());
    }

    @Test
    void successfulOrFailedOnly() {
        List<Map<String, Object>> failed = json("-Z");
        assertEquals(RECORDS.syscalls(Records::failed).size(), syscalls(failed));
        failed.stream().filter(o -> "syscall".equals(o.get("type"))).forEach(o -> assertTrue((Long) o.get("ret") < 0));
        List<Map<String, Object>> good = json("-z");
        assertEquals(RECORDS.syscalls(e -> !Records.failed(e) && !e.record().getSyscall().getUnfinished()).size(), syscalls(good));
        good.stream().filter(o -> "syscall".equals(o.get("type"))).forEach(o -> assertEquals(null, o.get("errno")));
        assertEquals(syscalls(failed), syscalls(json("--failed-only")));
        ok("-r", TRACE, "-Z").lines().stream().filter(l -> !l.contains("+++") && !l.contains("---"))
                .forEach(l -> assertTrue(l.matches(".* = (-1|\\?) E[A-Z0-9]+ \\(.*\\)"), l));
    }

    @Test
    void filtersCombine() {
        List<String> lines = ok("-r", TRACE, "-e", "trace=write", "--grep", "^POST", "-z", "--since", "0").lines();
        assertEquals(10, lines.size());
    }
}
