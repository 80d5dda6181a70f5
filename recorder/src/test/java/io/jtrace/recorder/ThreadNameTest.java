package io.jtrace.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.TraceEvent;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.TaskName;
import io.jtrace.format.syscalls.SyscallTable;
import io.jtrace.recorder.RecordCommandTest.Trace;
import io.jtrace.recorder.trace.Ptraces;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thread names of threads created after the attach (TaskName records), with real ptrace on the
 * HTTP workload: its client threads are "client-N", and each sends "POST /orders/N?seq=I".
 */
@Timeout(180)
@ExtendWith(Ptraces.class)
class ThreadNameTest {
    private static final SyscallTable X86_64 = SyscallTable.forArch("x86_64");
    private static final Pattern REQUEST = Pattern.compile("^POST /orders/(\\d+)\\?seq=(\\d+) ");

    @TempDir
    Path dir;

    /** A request write as the trace tells it: the writing thread and the name it had then. */
    record Request(int tid, String name, int client, int seq) {
    }

    /** Request writes, each with its thread's name from the header and the TaskName records before it. */
    static List<Request> requests(Trace t) {
        Map<Integer, String> names = new HashMap<>();
        t.header().getProcessesList().forEach(p -> p.getThreadsList().forEach(th -> names.put(th.getTid(), th.getComm())));
        List<Request> requests = new ArrayList<>();
        for (TraceEvent e : t.events()) {
            if (e.record().hasTaskName()) {
                names.put(e.record().getTaskName().getTid(), e.record().getTaskName().getComm());
            } else if (e.record().hasSyscall() && e.record().getSyscall().getNr() == X86_64.number("write")) {
                Syscall s = e.record().getSyscall();
                for (Buffer b : s.getBuffersList()) {
                    Matcher m = REQUEST.matcher(b.getData().toString(StandardCharsets.ISO_8859_1));
                    if (m.find()) {
                        requests.add(new Request(s.getTid(), names.get(s.getTid()), Integer.parseInt(m.group(1)),
                                Integer.parseInt(m.group(2))));
                    }
                }
            }
        }
        return requests;
    }

    @Test
    void threadsStartedAfterTheAttachAreNamedBeforeTheirFirstCall() throws Exception {
        Path out = dir.resolve("names.jtr");
        Path summary = dir.resolve("summary.json");
        try (DetachedWorkload w = DetachedWorkload.start(dir, "--clients", "2", "--requests", "3", "--late-clients", "1",
                "--interval-ms", "20", "--wait-for-tracer", "60", "--summary", summary.toString())) {
            RecorderRun r = RecorderRun.run(dir, "-q", "-p", Integer.toString(w.pid), "-w", out.toString());
            assertEquals(0, r.exitValue(), r.stderr());
            assertEquals(0, w.exitStatus(), w.log());
        }
        Trace t = Trace.read(out);
        Set<Integer> atAttach = new HashSet<>();
        t.header().getProcessesList().forEach(p -> p.getThreadsList().forEach(th -> {
            atAttach.add(th.getTid());
            assertFalse(th.getComm().startsWith("client-"), "clients start after the attach: " + th);
        }));

        List<Request> requests = requests(t);
        assertEquals(9, requests.size(), requests.toString());
        for (Request q : requests) {
            assertEquals("client-" + q.client(), q.name(), q.toString());
        }
        assertEquals(3, requests.stream().map(Request::tid).distinct().count(), "three client threads");

        // every thread the header does not list is named before its first syscall, once; only one
        // that was gone before the writer read its name may have none
        Set<Integer> named = new HashSet<>();
        Set<Integer> unnamed = new HashSet<>();
        Set<Integer> exited = new HashSet<>();
        long nameRecords = 0;
        for (TraceEvent e : t.events()) {
            if (e.record().hasTaskName()) {
                TaskName n = e.record().getTaskName();
                assertTrue(named.add(n.getTid()), "named twice: " + n);
                assertFalse(atAttach.contains(n.getTid()), "the header named it already: " + n);
                assertFalse(n.getComm().isEmpty(), n.toString());
                nameRecords++;
            } else if (e.record().hasSyscall()) {
                int tid = e.record().getSyscall().getTid();
                if (!atAttach.contains(tid) && !named.contains(tid)) {
                    unnamed.add(tid);
                }
            } else if (e.record().hasExit()) {
                named.remove(e.record().getExit().getTid());
                exited.add(e.record().getExit().getTid());
            }
        }
        assertTrue(exited.containsAll(unnamed), "unnamed threads that did not exit: " + unnamed);
        assertEquals(t.trailer().getTaskNames(), nameRecords);
        assertTrue(t.events().stream().anyMatch(e -> e.record().hasTaskName()
                && e.record().getTaskName().getComm().startsWith("server-")), "server threads are named too");
    }

    @Test
    void aTracedPrctlRenameIsFollowedByTheNewName() throws Exception {
        Path out = dir.resolve("rename.jtr");
        RecorderRun r = RecorderRun.run(dir, RecordCommandTest.args(List.of("-q", "-e", "trace=write,prctl", "-w",
                out.toString(), "--"), RecorderRun.workload("--clients", "1", "--requests", "4", "--interval-ms", "100",
                "--rename-after", "2")));
        assertEquals(0, r.exitValue(), r.stderr());
        Trace t = Trace.read(out);

        List<Request> requests = requests(t);
        assertEquals(List.of("client-0", "client-0", "renamed-0", "renamed-0"),
                requests.stream().map(Request::name).toList(), requests.toString());
        int tid = requests.get(0).tid();
        // the rename's prctl(PR_SET_NAME, "renamed-0") with its string, and right after it the name
        List<TraceEvent> events = t.events();
        int prctl = -1;
        for (int i = 0; i < events.size(); i++) {
            Syscall s = events.get(i).record().getSyscall();
            if (events.get(i).record().hasSyscall() && s.getTid() == tid && s.getNr() == X86_64.number("prctl")
                    && s.getArgs(0) == 15 && s.getBuffersCount() == 1
                    && s.getBuffers(0).getData().toStringUtf8().equals("renamed-0")) {
                prctl = i;
            }
        }
        assertTrue(prctl >= 0, "no prctl(PR_SET_NAME, \"renamed-0\") of thread " + tid);
        assertEquals(0, events.get(prctl).record().getSyscall().getRet());
        TaskName after = events.get(prctl + 1).record().getTaskName();
        assertEquals(TaskName.newBuilder().setTid(tid).setPid(t.header().getProcesses(0).getPid())
                .setComm("renamed-0").build(), after);
        assertTrue(events.get(prctl + 1).timeNs() >= events.get(prctl).timeNs());
    }
}
