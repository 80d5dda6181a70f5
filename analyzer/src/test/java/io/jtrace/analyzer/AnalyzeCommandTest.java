package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.TraceEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The default view (strace-style lines) and --json on a real recording of the HTTP workload. */
class AnalyzeCommandTest {
    static final String TRACE = Run.trace("http-default.jtr").toString();
    static final Records RECORDS = Records.read(Run.trace("http-default.jtr"));
    static final Pattern REQUEST_WRITE = Pattern.compile(
            "\\[pid (\\d+)] write\\((\\d+), \"POST /orders/(\\d)\\?seq=(\\d) HTTP/1\\.1\\\\r\\\\nH\"\\.\\.\\., (\\d+)\\) = \\5");
    static final Pattern REQUEST_READ = Pattern.compile(
            "\\[pid \\d+] read\\(\\d+, \"POST /orders/\\d\\?seq=\\d HTTP/1\\.1\\\\r\\\\nH\"\\.\\.\\., 8192\\) = \\d+");

    static Run ok(String... args) {
        Run r = Run.of(args);
        assertEquals(0, r.status(), r.show());
        assertEquals("", r.err(), r.show());
        return r;
    }

    /** The requests the workload sent: 2 clients x 5, each request's head in one write. */
    @Test
    void showsEveryRequestTheWorkloadSent() {
        Run r = ok("-r", TRACE);
        Set<String> sent = new TreeSet<>();
        int reads = 0;
        int responses = 0;
        for (String line : r.lines()) {
            Matcher m = REQUEST_WRITE.matcher(line);
            if (m.matches()) {
                assertTrue(sent.add(m.group(3) + "/" + m.group(4)), "request written twice: " + line);
            }
            if (REQUEST_READ.matcher(line).matches()) {
                reads++;
            }
            if (line.matches("\\[pid \\d+] write\\(\\d+, \"HTTP/1\\.1 201 Created\\\\r\\\\nContent-Ty\"\\.\\.\\., \\d+\\) = \\d+")) {
                responses++;
            }
        }
        assertEquals(new TreeSet<>(List.of("0/0", "0/1", "0/2", "0/3", "0/4", "1/0", "1/1", "1/2", "1/3", "1/4")), sent);
        assertEquals(10, reads, "server-side reads of a request head");
        assertEquals(10, responses, "responses written");
        assertEquals(10, r.lines().stream().filter(l -> l.contains("write(") && l.contains("\"POST ")).count());
        // the last task's exit, printed without a [pid N] prefix as strace does once one task is left
        assertTrue(r.out().endsWith("\n+++ exited with 0 +++\n"), r.out().substring(r.out().length() - 200));
        // one line per syscall, signal and exit; thread starts are not printed, as strace does not
        long printed = RECORDS.records().stream().filter(e -> switch (e.kind()) {
            case SYSCALL, SIGNAL -> true;
            case EXIT -> !e.record().getExit().getDetached();
            default -> false;
        }).count();
        assertEquals(printed, r.lines().size());
    }

    @Test
    void stringLimitCutsTheDisplayedBytes() {
        List<String> eight = ok("-r", TRACE, "--grep", "^POST", "-e", "trace=write", "-s", "8").lines();
        assertEquals(10, eight.size(), String.join("\n", eight));
        eight.forEach(l -> assertTrue(l.matches("\\[pid \\d+] write\\(\\d+, \"POST /or\"\\.\\.\\., \\d+\\) += \\d+"), l));
        List<String> none = ok("-r", TRACE, "--grep", "^POST", "-e", "trace=write", "-s", "0").lines();
        none.forEach(l -> assertTrue(l.matches("\\[pid \\d+] write\\(\\d+, \"\"\\.\\.\\., \\d+\\) += \\d+"), l));
        // a request written whole, shown whole: no "..." once -s covers it
        List<String> whole = ok("-r", TRACE, "--grep", "^POST /orders/0\\?seq=0 ", "-e", "trace=write", "-s", "4096").lines();
        assertEquals(1, whole.size(), String.join("\n", whole));
        TraceEvent write = RECORDS.syscalls(e -> RECORDS.name(e).equals("write")
                && Records.captured(e, "POST /orders/0?seq=0 ")).get(0);
        String body = write.record().getSyscall().getBuffers(0).getData().toString(StandardCharsets.ISO_8859_1);
        String quoted = body.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n");
        assertTrue(whole.get(0).contains(", \"" + quoted + "\", " + body.length() + ") = " + body.length()), whole.get(0));
    }

    @Test
    void timestampsInEveryForm() {
        List<TraceEvent> shown = RECORDS.syscalls(e -> Records.starts(e, "POST /orders/") && Records.captured(e, "seq=3 "));
        assertEquals(4, shown.size(), "the two seq=3 requests, written and read");
        String[] filter = {"-r", TRACE, "--grep", "^POST .*seq=3 ", "-e", "trace=read,write"};
        List<String> plain = ok(filter).lines();
        assertEquals(4, plain.size());
        ZoneId zone = ZoneId.systemDefault();
        long start = RECORDS.header().getStartWallNs();
        List<String> t = new ArrayList<>();
        List<String> tt = new ArrayList<>();
        List<String> ttt = new ArrayList<>();
        List<String> rel = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (TraceEvent e : shown) {
            long wall = start + e.timeNs();
            LocalTime local = LocalTime.ofInstant(Instant.ofEpochSecond(0, wall), zone);
            String hms = String.format(Locale.ROOT, "%02d:%02d:%02d", local.getHour(), local.getMinute(), local.getSecond());
            t.add(hms + " ");
            tt.add(hms + String.format(Locale.ROOT, ".%06d ", wall % 1_000_000_000L / 1000));
            ttt.add(String.format(Locale.ROOT, "%d.%06d ", wall / 1_000_000_000L, wall % 1_000_000_000L / 1000));
            // records follow return order, times are entries: a call that entered earlier shows 0, never a negative
            long delta = previous == Long.MIN_VALUE ? 0 : Math.max(0, e.timeNs() - previous);
            previous = e.timeNs();
            rel.add(String.format(Locale.ROOT, "%6d.%06d ", delta / 1_000_000_000L, delta % 1_000_000_000L / 1000));
        }
        assertStamped(plain, t, ok(cat(filter, "-t")).lines());
        assertStamped(plain, tt, ok(cat(filter, "-tt")).lines());
        assertStamped(plain, tt, ok(cat(filter, "-t", "-t")).lines());
        assertStamped(plain, ttt, ok(cat(filter, "-ttt")).lines());
        assertStamped(plain, rel, ok(cat(filter, "--relative-timestamps")).lines());
    }

    /** Each line is the plain line with the stamp after its "[pid N] " prefix. */
    private static void assertStamped(List<String> plain, List<String> stamps, List<String> got) {
        assertEquals(plain.size(), got.size());
        for (int i = 0; i < plain.size(); i++) {
            String p = plain.get(i);
            int cut = p.indexOf("] ") + 2;
            assertEquals(p.substring(0, cut) + stamps.get(i) + p.substring(cut), got.get(i));
        }
    }

    @Test
    void durationsWithT() {
        List<TraceEvent> shown = RECORDS.syscalls(e -> Records.starts(e, "POST /orders/") && Records.captured(e, "seq=3 "));
        String[] filter = {"-r", TRACE, "--grep", "^POST .*seq=3 ", "-e", "trace=read,write"};
        List<String> plain = ok(filter).lines();
        List<String> timed = ok(cat(filter, "-T")).lines();
        for (int i = 0; i < shown.size(); i++) {
            long ns = shown.get(i).record().getSyscall().getDurationNs();
            assertEquals(plain.get(i) + String.format(Locale.ROOT, " <%d.%06d>", ns / 1_000_000_000L, ns % 1_000_000_000L / 1000),
                    timed.get(i));
        }
        // every syscall line of the whole trace ends in its duration
        ok("-r", TRACE, "-T").lines().stream().filter(l -> !l.contains("+++") && !l.contains("---"))
                .forEach(l -> assertTrue(l.matches(".* <\\d+\\.\\d{6}>"), l));
    }

    @Test
    void hexStringsWithXandXX() {
        String[] request = {"-r", TRACE, "--grep", "^POST /orders/0\\?seq=1 ", "-e", "trace=write"};
        String plain = ok(request).lines().get(0);
        // -x: a request is printable text (\r\n are escapes), so it stays as it is
        assertEquals(plain, ok(cat(request, "-x")).lines().get(0));
        String xx = ok(cat(request, "-xx")).lines().get(0);
        assertTrue(xx.contains(", \"\\x50\\x4f\\x53\\x54\\x20\\x2f\\x6f\\x72\\x64\\x65\\x72\\x73\\x2f\\x30\\x3f\\x73"
                + "\\x65\\x71\\x3d\\x31\\x20\\x48\\x54\\x54\\x50\\x2f\\x31\\x2e\\x31\\x0d\\x0a\\x48\"..., "), xx);
        // -x: an ELF header is not text, so it is all hex
        String elf = ok("-r", TRACE, "--grep", "^\\x7fELF", "-e", "trace=read", "-x").lines().get(0);
        assertTrue(elf.matches(".*read\\(\\d+, \"\\\\x7f\\\\x45\\\\x4c\\\\x46(\\\\x[0-9a-f]{2}){28}\"\\.\\.\\., 832\\) = 832"), elf);
    }

    @Test
    void dumpWithCapitalX() {
        TraceEvent write = RECORDS.syscalls(e -> RECORDS.name(e).equals("write")
                && Records.captured(e, "POST /orders/1?seq=3 ")).get(0);
        byte[] data = write.record().getSyscall().getBuffers(0).getData().toByteArray();
        List<String> lines = ok("-r", TRACE, "--grep", "^POST /orders/1\\?seq=3 ", "-e", "trace=write", "-X").lines();
        assertEquals(1 + (data.length + 15) / 16, lines.size(), String.join("\n", lines));
        assertEquals(" | 00000  50 4f 53 54 20 2f 6f 72  64 65 72 73 2f 31 3f 73  POST /orders/1?s |", lines.get(1));
        assertEquals(" | 00010  65 71 3d 33 20 48 54 54  50 2f 31 2e 31 0d 0a 48  eq=3 HTTP/1.1..H |", lines.get(2));
        for (int i = 1; i < lines.size(); i++) {
            StringBuilder hex = new StringBuilder();
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < 16; k++) {
                int at = (i - 1) * 16 + k;
                hex.append(at < data.length ? String.format("%02x ", data[at] & 0xff) : "   ");
                if (k == 7) {
                    hex.append(' ');
                }
                text.append(at >= data.length ? ' ' : data[at] >= 0x20 && data[at] < 0x7f ? (char) data[at] : '.');
            }
            assertEquals(String.format(" | %05x  %s %s |", (i - 1) * 16, hex, text), lines.get(i));
        }
        // a call with no data buffer gets no dump
        assertEquals(List.of(), ok("-r", TRACE, "-e", "trace=close", "-X").lines().stream()
                .filter(l -> l.startsWith(" | ")).toList());
    }

    @Test
    void fdPathsAndSocketEndpoints() {
        String[] writes = {"-r", TRACE, "--grep", "^POST ", "-e", "trace=write,read"};
        List<String> yy = ok(cat(writes, "-yy")).lines();
        assertEquals(20, yy.size());
        Pattern client = Pattern.compile(".* write\\(\\d+<TCPv6:\\[\\[::ffff:127\\.0\\.0\\.1]:(\\d+)->\\[::ffff:127\\.0\\.0\\.1]:(\\d+)]>, \"POST .*");
        Pattern server = Pattern.compile(".* read\\(\\d+<TCPv6:\\[\\[::ffff:127\\.0\\.0\\.1]:(\\d+)->\\[::ffff:127\\.0\\.0\\.1]:(\\d+)]>, \"POST .*");
        Set<String> clientPorts = new TreeSet<>();
        Set<String> serverPorts = new TreeSet<>();
        Set<String> listening = new TreeSet<>();
        for (String l : yy) {
            Matcher c = client.matcher(l);
            Matcher s = server.matcher(l);
            if (c.matches()) {
                clientPorts.add(c.group(1));
                listening.add(c.group(2));
            } else if (s.matches()) {
                listening.add(s.group(1));
                serverPorts.add(s.group(2));
            } else {
                throw new AssertionError("no endpoints: " + l);
            }
        }
        assertEquals(1, listening.size(), "one server port: " + listening);
        assertEquals(2, clientPorts.size(), "two client connections: " + clientPorts);
        assertEquals(clientPorts, serverPorts, "the server's peers are the clients");
        // -y: files by path; the JVM's own reads of /proc files show the path or the fd's kind
        List<String> y = ok(cat(writes, "-y")).lines();
        assertEquals(20, y.size());
        y.forEach(l -> assertTrue(l.matches(".* (write|read)\\(\\d+<TCPv6:\\[.*]>, \"POST .*"), l));
    }

    @Test
    void jsonLinesWithKeysAndWholeBuffers() {
        Run r = ok("-r", TRACE, "--json");
        List<String> lines = r.lines();
        assertEquals(RECORDS.events().size(), lines.size(), "every record, the trailer too");
        int requests = 0;
        for (String line : lines) {
            Map<String, Object> o = Json.object(line);
            assertEquals(List.of("type", "time_ns", "wall", "pid", "tid"), List.copyOf(o.keySet()).subList(0, 5), line);
            // every record names its recording's host and the file as given, last
            List<String> keys = List.copyOf(o.keySet());
            assertEquals(List.of("trace_host", "trace_file"), keys.subList(keys.size() - 2, keys.size()), line);
            assertEquals(RECORDS.header().getHost(), o.get("trace_host"), line);
            assertEquals(TRACE, o.get("trace_file"), line);
            if (o.get("type").equals("syscall")) {
                assertEquals(List.of("type", "time_ns", "wall", "pid", "tid", "syscall", "nr", "args", "raw_args",
                        "unfinished", "ret", "errno", "return", "duration_ns", "injected", "buffers", "trace_host",
                        "trace_file"), List.copyOf(o.keySet()), line);
                for (Object b : (List<?>) o.get("buffers")) {
                    Map<?, ?> buffer = (Map<?, ?>) b;
                    assertEquals(Set.of("arg", "part", "index", "at_exit", "address", "length", "captured", "data"),
                            Set.copyOf(buffer.keySet()), line);
                    if (o.get("syscall").equals("write") && ((String) buffer.get("data")).startsWith("POST /orders/")) {
                        requests++;
                    }
                }
            }
        }
        assertEquals(10, requests);
        Map<String, Object> failed = ok("-r", TRACE, "--json", "-Z", "-e", "trace=openat").lines().stream()
                .map(Json::object).filter(o -> "syscall".equals(o.get("type"))).findFirst().orElseThrow();
        assertEquals("ENOENT", failed.get("errno"));
        assertEquals(-2L, failed.get("ret"));
    }

    @Test
    void base64BuffersAreTheCapturedBytes() {
        List<TraceEvent> writes = RECORDS.syscalls(e -> RECORDS.name(e).equals("write") && Records.starts(e, "POST /orders/"));
        List<String> lines = ok("-r", TRACE, "--json", "--base64", "-e", "trace=write", "--grep", "^POST /orders/").lines();
        assertEquals(writes.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> o = Json.object(lines.get(i));
            Map<?, ?> buffer = (Map<?, ?>) ((List<?>) o.get("buffers")).get(0);
            assertFalse(buffer.containsKey("data"));
            assertEquals(writes.get(i).record().getSyscall().getBuffers(0).getData(),
                    com.google.protobuf.ByteString.copyFrom(Base64.getDecoder().decode((String) buffer.get("base64"))));
            assertEquals(writes.get(i).timeNs(), o.get("time_ns"));
        }
    }

    @Test
    void truncatedTracePrintsWhatItHoldsInEveryView() {
        String killed = Run.trace("http-killed.jtr").toString();
        Records held = Records.read(Run.trace("http-killed.jtr"));
        assertTrue(held.truncated());
        String warning = "jtrace-analyze: warning: truncated in frame \\d+ at byte \\d+ \\(file ends at byte \\d+\\)"
                + " \\(the recorder did not stop cleanly\\); showing the records before it\n";
        Run text = Run.of("-r", killed);
        assertEquals(0, text.status(), text.show());
        assertTrue(text.err().matches(warning), text.err());
        // the same lines as the whole trace's, up to where the cut one stops
        List<String> whole = ok("-r", TRACE).lines();
        assertEquals(whole.subList(0, text.lines().size()), text.lines());
        Run json = Run.of("-r", killed, "--json");
        assertEquals(0, json.status());
        assertTrue(json.err().matches(warning), json.err());
        assertEquals(held.events().size(), json.lines().size());
        json.lines().forEach(Json::parse);
        Run summary = Run.of("summary", "-r", killed);
        assertEquals(0, summary.status());
        assertTrue(summary.err().matches(warning), summary.err());
    }

    static String[] cat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
