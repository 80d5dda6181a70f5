package io.jtrace.recorder.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Exec;
import io.jtrace.format.proto.Exit;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.ProcessInfo;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.TaskName;
import io.jtrace.format.proto.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When the writer names a thread: the rules of {@link TaskNames} against a scripted /proc. */
class TaskNamesTest {
    private static final int PRCTL = 157;
    private static final int WRITE = 1;

    private final Map<Integer, String> proc = new HashMap<>();
    private final List<Integer> asked = new ArrayList<>();
    private TaskNames names;

    @BeforeEach
    void setUp() {
        names = new TaskNames(PRCTL, (pid, tid) -> {
            asked.add(tid);
            return proc.get(tid);
        });
        names.reset(Header.newBuilder().addProcesses(ProcessInfo.newBuilder().setPid(100).setComm("java")
                .addThreads(ThreadInfo.newBuilder().setTid(100).setComm("java"))
                .addThreads(ThreadInfo.newBuilder().setTid(101).setComm("GC ThreadInfo#0"))).build());
    }

    private static Syscall write(int tid) {
        return Syscall.newBuilder().setTid(tid).setPid(100).setNr(WRITE).setRet(1).build();
    }

    private static Syscall setName(int tid, String name, long ret) {
        return Syscall.newBuilder().setTid(tid).setPid(100).setNr(PRCTL).addArgs(15).addArgs(0x7f00_0000L).setRet(ret)
                .addBuffers(Buffer.newBuilder().setArg(1).setAddress(0x7f00_0000L)
                        .setData(ByteString.copyFrom(name, StandardCharsets.UTF_8))).build();
    }

    private static TaskName name(int tid, String comm) {
        return TaskName.newBuilder().setTid(tid).setPid(100).setComm(comm).build();
    }

    @Test
    void threadsTheHeaderNamesAreNotAskedFor() {
        assertNull(names.before(write(100)));
        assertNull(names.before(write(101)));
        assertEquals(List.of(), asked);
    }

    @Test
    void aNewThreadIsNamedOnceBeforeItsFirstCall() {
        proc.put(200, "client-0");
        assertEquals(name(200, "client-0"), names.before(write(200)));
        assertNull(names.before(write(200)));
        assertEquals(List.of(200), asked);
    }

    @Test
    void aThreadGoneBeforeItsNameWasReadGetsNoneAndIsNotAskedAgain() {
        assertNull(names.before(write(300)));
        assertNull(names.before(write(300)));
        assertEquals(List.of(300), asked);
    }

    @Test
    void exitForgetsTheThreadSoAReusedTidIsNamedAgain() {
        proc.put(200, "client-0");
        names.before(write(200));
        assertEquals(3, names.size());
        names.seen(Exit.newBuilder().setTid(200).setPid(100).build());
        assertEquals(2, names.size());
        proc.put(200, "server-3");
        assertEquals(name(200, "server-3"), names.before(write(200)));
    }

    @Test
    void execNamesTheThreadAfterTheProgramAndForgetsTheFormerTid() {
        proc.put(201, "worker");
        names.before(write(201));
        names.seen(Exec.newBuilder().setTid(100).setPid(100).setFormerTid(201).setComm("sh").build());
        assertNull(names.before(write(100)), "exec told the leader's new name");
        assertEquals(List.of(201), asked);
        proc.put(201, "reused");
        assertEquals(name(201, "reused"), names.before(write(201)));
    }

    @Test
    void aSuccessfulPrctlSetNameIsFollowedByTheNewNameOnce() {
        assertEquals(name(101, "renamed-0"), names.after(setName(101, "renamed-0", 0)));
        assertNull(names.after(setName(101, "renamed-0", 0)), "the same name again tells nothing");
        assertNull(names.after(setName(101, "other", -14)), "a failed call renamed nothing");
        assertNull(names.after(write(101)));
        Syscall getName = setName(101, "x", 0).toBuilder().setArgs(0, 16).build();
        assertNull(names.after(getName), "PR_GET_NAME");
        assertEquals(List.of(), asked);
    }

    @Test
    void theKernelKeepsFifteenBytesOfAName() {
        assertEquals(name(100, "http-nio-8080-e"), names.after(setName(100, "http-nio-8080-exec-3", 0)));
    }

    @Test
    void aRenameWhoseStringWasNotCapturedIsReadFromProc() {
        proc.put(100, "from-proc");
        Syscall uncaptured = setName(100, "ignored", 0).toBuilder().clearBuffers().build();
        assertEquals(name(100, "from-proc"), names.after(uncaptured));
    }

    @Test
    void aNewFileForgetsWhatTheLastOneTold() {
        proc.put(200, "client-0");
        names.before(write(200));
        names.reset(Header.getDefaultInstance());
        assertEquals(name(200, "client-0"), names.before(write(200)));
        proc.put(100, "java");
        assertEquals(name(100, "java"), names.before(write(100)), "a thread the new header does not list");
    }

    @Test
    void memoryStaysBoundedWhenExitsAreLost() {
        for (int tid = 1000; tid < 1000 + TaskNames.MAX_THREADS + 10; tid++) {
            names.before(write(tid));
        }
        assertTrue(names.size() <= TaskNames.MAX_THREADS, names.size() + " threads kept");
    }
}
