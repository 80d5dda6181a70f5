package io.jtrace.analyzer;

import static io.jtrace.analyzer.AnalyzeCommandTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.TraceEvent;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.TaskName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --comm on thread names: the recorded workload's threads were all created after the recording
 * started, and the JVM named them client-N, server-N and so on; TaskName records tell the names.
 */
class CommFilterTest {
    static final String TRACE = Run.trace("http-default.jtr").toString();
    static final Records RECORDS = Records.read(Run.trace("http-default.jtr"));

    @TempDir
    Path dir;

    /** The threads that wrote, or read, "POST /orders/{client}?...": found from the bytes, not from names. */
    static Set<Integer> tids(String prefix, String syscall) {
        return RECORDS.syscalls(e -> RECORDS.name(e).equals(syscall) && Records.starts(e, prefix)).stream()
                .map(e -> e.record().getSyscall().getTid()).collect(Collectors.toCollection(TreeSet::new));
    }

    static String list(Set<Integer> tids) {
        return tids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static List<String> lines(String... args) {
        return ok(AnalyzeCommandTest.cat(new String[] {"-r", TRACE}, args)).lines();
    }

    @Test
    void aThreadNameSelectsExactlyThatThreadsCalls() {
        Set<Integer> client0 = tids("POST /orders/0?", "write");
        assertEquals(1, client0.size(), client0.toString());
        List<String> byName = lines("--comm", "client-0");
        assertEquals(lines("--tid", list(client0)), byName);
        // every syscall of the thread: the five requests, their responses, connect, close...
        long calls = RECORDS.syscalls(e -> client0.contains(e.record().getSyscall().getTid())).size();
        assertEquals(calls + 1, byName.size(), "its calls and its exit");
        assertEquals(5, byName.stream().filter(l -> l.contains("write(") && l.contains("POST /orders/0?")).count());
        assertTrue(byName.get(byName.size() - 1).endsWith("+++ exited with 0 +++"), byName.get(byName.size() - 1));
    }

    @Test
    void globsAndListsSelectSeveralThreads() {
        Set<Integer> clients = new TreeSet<>(tids("POST /orders/0?", "write"));
        clients.addAll(tids("POST /orders/1?", "write"));
        Set<Integer> servers = new TreeSet<>(tids("POST /orders/", "read"));
        assertEquals(2, clients.size());
        assertEquals(2, servers.size());
        assertEquals(lines("--tid", list(clients)), lines("--comm", "client-*"));
        assertEquals(lines("--tid", list(clients)), lines("--comm", "client-[0-9]"));
        assertEquals(lines("--tid", list(servers)), lines("--comm", "server-?"));
        Set<Integer> both = new TreeSet<>(tids("POST /orders/0?", "write"));
        both.addAll(servers);
        assertEquals(lines("--tid", list(both)), lines("--comm", "server-*,client-0"));
        assertEquals(List.of(), lines("--comm", "client"), "a name is whole, not a prefix");
        assertEquals(List.of(), lines("--comm", "Client-0"), "names are case-sensitive, as ps shows them");
    }

    @Test
    void theProcessNameStillSelectsAllItsThreads() {
        assertEquals(lines(), lines("--comm", "java"));
    }

    @Test
    void aNameLongerThanTheKernelKeepsSelectsTheCutNameWithAWarning() {
        int compiler = RECORDS.events().stream().filter(e -> e.kind() == Record.KindCase.TASK_NAME)
                .map(e -> e.record().getTaskName()).filter(n -> n.getComm().equals("C1 CompilerThre"))
                .findFirst().map(TaskName::getTid).orElseThrow(() -> new AssertionError("no C1 compiler thread named"));
        Run r = Run.of("-r", TRACE, "--comm", "C1 CompilerThread0");
        assertEquals(0, r.status());
        assertEquals("jtrace-analyze: warning: --comm C1 CompilerThread0: the kernel keeps 15 bytes of a thread's name,"
                + " so this selects the threads named C1 CompilerThre\n", r.err());
        assertEquals(lines("--tid", Integer.toString(compiler)), r.lines());
        assertFalse(r.lines().isEmpty());
        Run glob = Run.of("-r", TRACE, "--comm", "C1 Compiler*Thread*");
        assertEquals(r.lines(), glob.lines(), "a glob longer than 15 bytes too");
        assertTrue(glob.err().startsWith("jtrace-analyze: warning: --comm C1 Compiler*Thread*: the kernel keeps 15 bytes"
                + " of a thread's name, so this selects the threads whose name, cut there, begins a match"), glob.err());
        assertEquals(r.lines(), lines("--comm", "C1 CompilerThr?"), "a glob that fits is matched whole");
        assertEquals(List.of(), lines("--comm", "C1 CompilerTh?"));
    }

    @Test
    void theTextViewPrintsNothingForANameAndJsonPrintsIt() {
        Set<Integer> client0 = tids("POST /orders/0?", "write");
        List<Map<String, Object>> json = ok("-r", TRACE, "--json", "--comm", "client-0").lines().stream()
                .map(Json::object).toList();
        List<Map<String, Object>> names = json.stream().filter(o -> "task_name".equals(o.get("type"))).toList();
        assertEquals(1, names.size(), json.toString());
        assertEquals("client-0", names.get(0).get("comm"));
        assertEquals((long) client0.iterator().next(), names.get(0).get("tid"));
        assertEquals(json.indexOf(names.get(0)), 0, "the name comes before the thread's first call");
        assertEquals(json.size() - 1, lines("--comm", "client-0").size(), "one line per record but the name");
    }

    @Test
    void aFilteredCopyKeepsTheNamesItsRecordsNeed() {
        Path copy = dir.resolve("client-0.jtr");
        ok("-r", TRACE, "--comm", "client-0", "-w", copy.toString());
        Records copied = Records.read(copy);
        List<TraceEvent> names = copied.events().stream().filter(e -> e.kind() == Record.KindCase.TASK_NAME).toList();
        assertEquals(1, names.size());
        assertEquals("client-0", names.get(0).record().getTaskName().getComm());
        assertEquals(1, copied.events().get(copied.events().size() - 1).record().getTrailer().getTaskNames());
        // one thread lives in the copy: strace prints no [pid N] prefixes then
        List<String> original = lines("--comm", "client-0").stream().map(l -> l.replaceFirst("^\\[pid +\\d+\\] ", "")
                .replaceFirst("\\) +=", ") =")).toList();
        List<String> fromCopy = ok("-r", copy.toString(), "--comm", "client-0").lines();
        assertEquals(ok("-r", copy.toString()).lines(), fromCopy, "the copy still names its thread");
        assertEquals(original, fromCopy.stream().map(l -> l.replaceFirst("\\) +=", ") =")).toList());
    }

    @Test
    void infoListsTheThreadNames() {
        Run r = ok("info", "-r", TRACE);
        for (String name : List.of("client-0", "client-1", "server-0", "server-1", "http-acceptor")) {
            assertTrue(r.out().contains("\n  " + name + ": "), name + " in\n" + r.out());
        }
        long names = RECORDS.events().stream().filter(e -> e.kind() == Record.KindCase.TASK_NAME).count();
        assertTrue(r.out().contains("  task_name:  " + names + "\n"), r.out());
        String json = ok("info", "--json", "-r", TRACE).out();
        assertTrue(json.contains("\"client-0\":1"), json);
    }
}
