package io.jtrace.analyzer.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jtrace.format.proto.Exec;
import io.jtrace.format.proto.Exit;
import io.jtrace.format.proto.Fd;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.ProcessInfo;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.TaskName;
import io.jtrace.format.proto.TaskStart;
import io.jtrace.format.proto.ThreadInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How {@link TraceState} names threads and processes as records arrive. */
class TraceStateTest {
    private static final int PID = 100;
    private TraceState state;

    @BeforeEach
    void setUp() {
        state = new TraceState(Header.newBuilder().addProcesses(ProcessInfo.newBuilder().setPid(PID).setComm("java")
                .addFds(Fd.newBuilder().setFd(9).setTarget("/dev/full").setKind(Fd.Kind.DEVICE))
                .addThreads(ThreadInfo.newBuilder().setTid(PID).setComm("java"))
                .addThreads(ThreadInfo.newBuilder().setTid(101).setComm("main"))).build());
    }

    private void apply(Record.Builder r) {
        state.apply(TestEvents.of(r.build()));
    }

    private void thread(int tid, int parent) {
        apply(Record.newBuilder().setTaskStart(TaskStart.newBuilder().setTid(tid).setPid(PID).setParentTid(parent)));
    }

    private void named(int tid, int pid, String comm) {
        apply(Record.newBuilder().setTaskName(TaskName.newBuilder().setTid(tid).setPid(pid).setComm(comm)));
    }

    @Test
    void theHeaderNamesThreadsAndTheProcess() {
        assertEquals("main", state.threadComm(101, PID));
        assertEquals("java", state.comm(PID));
        assertEquals("java", state.threadComm(999, PID), "an unknown thread has its process's name");
        assertEquals("", state.threadComm(999, 7), "an unknown process has none");
    }

    @Test
    void aNewThreadHasItsCreatorsNameUntilItIsNamed() {
        thread(200, 101);
        assertEquals("main", state.threadComm(200, PID));
        named(200, PID, "client-0");
        assertEquals("client-0", state.threadComm(200, PID));
        assertEquals("java", state.comm(PID), "a thread's name is not its process's");
        thread(201, 200);
        assertEquals("client-0", state.threadComm(201, PID), "the creator's name now, not the process's");
    }

    @Test
    void theLeadersNameIsTheProcesssName() {
        named(PID, PID, "renamed");
        assertEquals("renamed", state.comm(PID));
        assertEquals("renamed", state.threadComm(PID, PID));
        assertEquals("main", state.threadComm(101, PID));
    }

    @Test
    void execNamesTheProcessAndItsThreadAndForgetsTheFormerTid() {
        thread(200, 101);
        named(200, PID, "launcher");
        apply(Record.newBuilder().setExec(Exec.newBuilder().setTid(PID).setPid(PID).setFormerTid(200).setComm("sh")));
        assertEquals("sh", state.comm(PID));
        assertEquals("sh", state.threadComm(PID, PID));
        assertEquals("sh", state.threadComm(200, PID), "the former tid is gone: the process's name");
    }

    @Test
    void anExitedThreadIsForgottenSoAReusedTidStartsAfresh() {
        thread(200, 101);
        named(200, PID, "client-0");
        apply(Record.newBuilder().setExit(Exit.newBuilder().setTid(200).setPid(PID)));
        assertEquals("java", state.threadComm(200, PID));
        thread(200, PID);
        assertEquals("java", state.threadComm(200, PID), "the reused tid has its new creator's name");
    }

    @Test
    void aForkedProcessHasTheForkingThreadsName() {
        thread(200, 101);
        named(200, PID, "worker");
        apply(Record.newBuilder().setTaskStart(TaskStart.newBuilder().setTid(300).setPid(300).setParentTid(200)
                .setNewProcess(true)));
        assertEquals("worker", state.comm(300));
        assertEquals("worker", state.threadComm(300, 300));
    }

    @Test
    void aTaskFoundAtAttachKeepsTheHeadersName() {
        apply(Record.newBuilder().setTaskStart(TaskStart.newBuilder().setTid(101).setPid(PID).setParentTid(PID)
                .setAttached(true)));
        assertEquals("main", state.threadComm(101, PID));
    }

    private void dup(long oldFd, long ret, Fd... probed) {
        Syscall.Builder s = Syscall.newBuilder().setTid(PID).setPid(PID).setNr(32).addArgs(oldFd).setRet(ret);
        for (Fd f : probed) {
            s.addFds(f);
        }
        state.apply(TestEvents.syscall("dup", s.build()));
    }

    @Test
    void dupReadsItsFdArgumentAsAnIntAndPrefersWhatTheRecorderSaw() {
        dup(0xdefaced00000000L | 9, 3);   // strace's dup test: the kernel takes the low 32 bits
        assertEquals("/dev/full", io.jtrace.analyzer.render.FdText.path(state.fd(PID, 3)));
        assertEquals("/dev/full", io.jtrace.analyzer.render.FdText.path(state.fd(PID, 0xdefaced00000003L)), "an fd argument is an int");
        dup(7, 4, Fd.newBuilder().setFd(4).setTarget("/tmp/x").setKind(Fd.Kind.FILE).build());
        assertEquals("/tmp/x", io.jtrace.analyzer.render.FdText.path(state.fd(PID, 4)), "the old fd is unknown, the recorder saw the new one");
        dup(7, 5);
        assertNull(io.jtrace.analyzer.render.FdText.path(state.fd(PID, 5)), "neither known: nothing to print");
        dup(3, -9);
        assertEquals("/dev/full", io.jtrace.analyzer.render.FdText.path(state.fd(PID, 3)), "a failed dup changes nothing");
    }
}
