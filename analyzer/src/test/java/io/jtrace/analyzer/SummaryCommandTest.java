package io.jtrace.analyzer;

import static io.jtrace.analyzer.AnalyzeCommandTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.TraceEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** summary: counts and errors per syscall equal those counted in the file with TraceReader. */
class SummaryCommandTest {
    static final Pattern ROW = Pattern.compile(" *(\\d+\\.\\d\\d) +(\\d+\\.\\d{6}) +(\\d+) +(\\d+) +(\\d*) (\\S+)");

    /** name -> {calls, errors} of the finished syscalls in a trace. */
    static Map<String, List<Long>> counted(Records records) {
        Map<String, List<Long>> m = new TreeMap<>();
        for (TraceEvent e : records.syscalls(e -> !e.record().getSyscall().getUnfinished())) {
            List<Long> c = m.getOrDefault(records.name(e), List.of(0L, 0L));
            m.put(records.name(e), List.of(c.get(0) + 1, c.get(1) + (Records.failed(e) ? 1 : 0)));
        }
        return m;
    }

    static Map<String, List<Long>> table(String out) {
        Map<String, List<Long>> m = new TreeMap<>();
        List<String> lines = out.lines().toList();
        assertEquals("% time     seconds  usecs/call     calls    errors syscall", lines.get(0));
        assertEquals("------ ----------- ----------- --------- --------- ----------------", lines.get(1));
        assertEquals(lines.get(1), lines.get(lines.size() - 2));
        for (String line : lines.subList(2, lines.size() - 2)) {
            Matcher r = ROW.matcher(line);
            assertTrue(r.matches(), line);
            m.put(r.group(6), List.of(Long.parseLong(r.group(4)), r.group(5).isEmpty() ? 0 : Long.parseLong(r.group(5))));
        }
        Matcher total = ROW.matcher(lines.get(lines.size() - 1));
        assertTrue(total.matches() && total.group(6).equals("total"), lines.get(lines.size() - 1));
        assertEquals(m.values().stream().mapToLong(c -> c.get(0)).sum(), Long.parseLong(total.group(4)));
        return m;
    }

    @Test
    void countsEqualTheFile() {
        for (String name : List.of("http-default.jtr", "http-all.jtr")) {
            Records records = Records.read(Run.trace(name));
            assertEquals(counted(records), table(ok("summary", "-r", Run.trace(name).toString()).out()), name);
        }
    }

    @Test
    void jsonHasOneObjectPerSyscall() {
        Records records = Records.read(Run.trace("http-all.jtr"));
        Map<String, List<Long>> json = new TreeMap<>();
        for (String line : ok("summary", "--json", "-r", Run.trace("http-all.jtr").toString()).lines()) {
            Map<String, Object> o = Json.object(line);
            assertEquals(List.of("syscall", "calls", "errors", "total_us", "mean_us", "max_us", "percent_time",
                    "trace_host", "trace_file"), List.copyOf(o.keySet()), line);
            assertEquals(records.header().getHost(), o.get("trace_host"), line);
            assertEquals(Run.trace("http-all.jtr").toString(), o.get("trace_file"), line);
            json.put((String) o.get("syscall"), List.of((Long) o.get("calls"), (Long) o.get("errors")));
        }
        assertEquals(counted(records), json);
    }

    @Test
    void filtersApply() {
        Map<String, List<Long>> writes = table(ok("summary", "-r", Run.trace("http-default.jtr").toString(),
                "-e", "trace=write,read", "--grep", "^POST ").out());
        assertEquals(Map.of("read", List.of(10L, 0L), "write", List.of(10L, 0L)), writes);
        Map<String, List<Long>> failed = table(ok("summary", "-r", Run.trace("http-default.jtr").toString(), "-Z").out());
        failed.values().forEach(c -> assertEquals(c.get(0), c.get(1)));
    }

    @Test
    void truncatedTraceCountsWhatItHolds() {
        Run r = Run.of("summary", "-r", Run.trace("http-killed.jtr").toString());
        assertEquals(0, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("jtrace-analyze: warning: truncated in frame "), r.err());
        assertEquals(counted(Records.read(Run.trace("http-killed.jtr"))), table(r.out()));
    }
}
