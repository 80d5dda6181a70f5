package io.jtrace.analyzer.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.jtrace.analyzer.error.UsageException;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.TraceEvent;
import io.jtrace.format.proto.Fd;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.ProcessInfo;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Signal;
import io.jtrace.format.proto.Socket;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files make one recording, the state carried from file to file, and the inputs a view expands. */
class RecordingTest {
    private static final long BOOT = 1_795_000_000_000_000_000L;

    /** A file of a run on {@code host} started {@code secondsUp} after boot; run id empty for files before 1.6. */
    private static Recording.Part part(String name, String host, String runId, int index, long secondsUp) {
        long mono = secondsUp * 1_000_000_000L;
        Header.Builder h = Header.newBuilder().setHost(host).setArch("x86_64").setFileIndex(index)
                .setStartMonotonicNs(mono).setStartWallNs(BOOT + mono)
                .addCommandLine("jtrace-record").addCommandLine("-G").addCommandLine("600");
        if (runId != null) {
            h.setRunId(ByteString.copyFromUtf8(runId));
        }
        return new Recording.Part(Path.of(name), h.build());
    }

    private static List<List<String>> names(List<Recording> recordings) {
        return recordings.stream().map(r -> r.parts().stream().map(p -> p.file().toString()).toList()).toList();
    }

    @Test
    void filesOfOneRunIdAreOneRecordingInFileIndexOrderWithTheirGaps() {
        List<Recording> r = Recording.group(List.of(part("c", "web", "run-1", 3, 1800), part("a", "web", "run-1", 0, 0),
                part("x", "web", "run-2", 0, 100), part("b", "web", "run-1", 1, 600)));
        assertEquals(List.of(List.of("a", "b", "c"), List.of("x")), names(r));
        assertEquals(0, r.get(0).missingBefore(1));
        assertEquals(1, r.get(0).missingBefore(2));
    }

    @Test
    void twoNamesOfOneFileOfARunAreRefused() {
        UsageException e = assertThrows(UsageException.class, () -> Recording.group(List.of(
                part("a", "web", "run-1", 0, 0), part("copy-of-a", "web", "run-1", 0, 0))));
        assertEquals("a and copy-of-a both hold file 0 of one recording (a copy?): name the files to read",
                e.getMessage());
    }

    @Test
    void filesWithoutARunIdAreOneRecordingOnlyWhenThatIsSafeToTell() {
        // same host, command line and boot, indexes distinct and in time order: one run
        assertEquals(List.of(List.of("a", "b", "d")), names(Recording.group(List.of(
                part("d", "web", null, 3, 1800), part("a", "web", null, 0, 0), part("b", "web", null, 1, 600)))));
        // a second run of the same command: its file 0 repeats an index, so every file stands alone
        assertEquals(4, Recording.group(List.of(part("a", "web", null, 0, 0), part("b", "web", null, 1, 600),
                part("a2", "web", null, 0, 5000), part("b2", "web", null, 1, 5600))).size());
        // indexes that do not follow time (a later run's files 0-1 beside an earlier run's 3): apart
        assertEquals(3, Recording.group(List.of(part("old3", "web", null, 3, 100), part("new0", "web", null, 0, 5000),
                part("new1", "web", null, 1, 5600))).size());
        // other hosts are other recordings, oldest first
        assertEquals(List.of(List.of("b"), List.of("a")), names(Recording.group(List.of(
                part("a", "web-1", null, 0, 10), part("b", "web-2", null, 0, 0)))));
    }

    @Test
    void aLaterHeaderReconcilesTheFdStateAndDoesNotResetIt() {
        Fd listening = Fd.newBuilder().setFd(5).setKind(Fd.Kind.SOCKET).setTarget("socket:[500]")
                .setSocket(Socket.newBuilder().setInode(500).setFamily(2).setType(1)).build();
        Header first = Header.newBuilder().setArch("x86_64").addProcesses(ProcessInfo.newBuilder().setPid(100)
                .setComm("java").addThreads(ThreadInfo.newBuilder().setTid(100).setComm("java"))
                .addFds(listening)
                .addFds(Fd.newBuilder().setFd(9).setKind(Fd.Kind.FILE).setTarget("/var/log/old.log"))).build();
        TraceState state = new TraceState(first);
        // the recording sees fd 7 connected to 10.0.0.2:80, named by the call's probe
        Fd connected = Fd.newBuilder().setFd(7).setKind(Fd.Kind.SOCKET).setTarget("socket:[700]")
                .setSocket(Socket.newBuilder().setInode(700).setFamily(2).setType(1).setProtocol(6)
                        .setPeerAddr(ByteString.copyFrom(new byte[] {10, 0, 0, 2})).setPeerPort(80)).build();
        state.apply(TestEvents.syscall("socket", Syscall.newBuilder().setTid(100).setPid(100).setNr(41)
                .addArgs(2).addArgs(1).setRet(7).addFds(connected).build(), 1000));
        String peer = state.fd(100, 7).peer();
        // the next file's snapshot: fd 7 as the probe saw it (without the peer), fd 9 closed unseen, fd 11 new,
        // and a thread started meanwhile
        state.reconcile(first.toBuilder().setProcesses(0, first.getProcesses(0).toBuilder().clearFds()
                .addThreads(ThreadInfo.newBuilder().setTid(104).setComm("worker"))
                .addFds(listening)
                .addFds(Fd.newBuilder().setFd(7).setKind(Fd.Kind.SOCKET).setTarget("socket:[700]")
                        .setSocket(Socket.newBuilder().setInode(700).setFamily(2).setType(1)))
                .addFds(Fd.newBuilder().setFd(11).setKind(Fd.Kind.FILE).setTarget("/var/log/new.log"))).build());
        assertEquals("10.0.0.2:80", peer);
        assertEquals(peer, state.fd(100, 7).peer(), "what the records taught is kept");
        assertNull(state.fd(100, 9), "closed while nothing was recorded");
        assertEquals("/var/log/new.log", state.fd(100, 11).target());
        assertEquals(FdInfo.Kind.SOCKET, state.fd(100, 5).kind());
        assertEquals("worker", state.threadComm(104, 100));
        assertEquals(100, state.pidOf(104));
        // another socket under a known number (the close was not recorded): the snapshot's
        state.reconcile(first.toBuilder().setProcesses(0, first.getProcesses(0).toBuilder().clearFds()
                .addFds(Fd.newBuilder().setFd(7).setKind(Fd.Kind.SOCKET).setTarget("socket:[900]")
                        .setSocket(Socket.newBuilder().setInode(900).setFamily(2).setType(1)))).build());
        assertNull(state.fd(100, 7).peer());
    }

    @Test
    void pidsOfALaterRecordingAreMovedOutOfTheRangeOfRealOnes() {
        int span = 1 << 22;
        PidSpace later = new PidSpace(1, Arch.X86_64);
        Record r = Record.newBuilder().setSyscall(Syscall.newBuilder().setTid(101).setPid(100)).build();
        Record moved = later.shift(r);
        assertEquals(100 + span, moved.getSyscall().getPid());
        assertEquals(101 + span, moved.getSyscall().getTid());
        assertEquals(r, new PidSpace(0, Arch.X86_64).shift(r));
        // the pids a call names and returns move with the callers' (x86_64 numbers)
        assertEquals(List.of(102L + span, 15L), args(later, 62, 102, 15));             // kill(102, SIGTERM)
        assertEquals(List.of(-(102L + span) & 0xffffffffL, 9L), args(later, 62, -102 & 0xffffffffL, 9));  // kill(-pgid)
        assertEquals(List.of(0L, 9L), args(later, 62, 0, 9));                           // kill(0, ...): own group
        assertEquals(List.of(0xffffffffL, 9L), args(later, 62, 0xffffffffL, 9));       // kill(-1, ...): every process
        assertEquals(List.of(100L + span, 101L + span, 10L), args(later, 234, 100, 101, 10));  // tgkill
        assertEquals(List.of(1L, 102L + span), args(later, 247, 1, 102));               // waitid(P_PID, 102)
        assertEquals(List.of(0L, 102L), args(later, 247, 0, 102));                      // waitid(P_ALL, ...)
        assertEquals(102 + span, shifted(later, call(56, 102)).getSyscall().getRet());     // clone() = 102
        assertEquals(-11, shifted(later, call(56, -11)).getSyscall().getRet());            // clone() = -EAGAIN
        assertEquals(0, shifted(later, call(56, 0)).getSyscall().getRet());                // in the child
        assertEquals(3, shifted(later, call(0, 3)).getSyscall().getRet(), "read's result is no pid");
        // a signal's sender moves; a fault's address does not
        Record kill = Record.newBuilder().setSignal(Signal.newBuilder().setTid(101).setPid(100).setSigno(15)
                .setSiginfo(siginfo(15, 0, 0, 4321))).build();
        assertEquals(4321 + span, siginfoPid(later.shift(kill)));
        Record segv = Record.newBuilder().setSignal(Signal.newBuilder().setTid(101).setPid(100).setSigno(11)
                .setSiginfo(siginfo(11, 0, 1, 4321))).build();
        assertEquals(4321, siginfoPid(later.shift(segv)));
        Record child = Record.newBuilder().setSignal(Signal.newBuilder().setTid(101).setPid(100).setSigno(17)
                .setSiginfo(siginfo(17, 0, 1, 102).substring(0, 17))).build();
        assertEquals(102 + span, siginfoPid(later.shift(child)), "SIGCHLD's CLD_EXITED names the child");
    }

    private static Record call(int nr, long ret, long... args) {
        Syscall.Builder s = Syscall.newBuilder().setTid(101).setPid(100).setNr(nr).setRet(ret);
        for (long a : args) {
            s.addArgs(a);
        }
        return Record.newBuilder().setSyscall(s).build();
    }

    private static List<Long> args(PidSpace space, int nr, long... args) {
        return shifted(space, call(nr, 0, args)).getSyscall().getArgsList();
    }

    /**
     * The syscall record moved by the message's way, which the reader's way (a RecordedSyscall, with and without
     * the message it was read from) must match.
     */
    private static Record shifted(PidSpace space, Record r) {
        Record moved = space.shift(r);
        Syscall s = r.getSyscall();
        long[] args = s.getArgsList().stream().mapToLong(Long::longValue).toArray();
        RecordedSyscall plain = new RecordedSyscall(s.getTid(), s.getPid(), s.getNr(), args, s.getRet(),
                s.getDurationNs(), List.of(), s.getUnfinished(), List.of(), false, false, null);
        assertEquals(moved, space.shift(new TraceEvent(plain, r.getTimeDelta(), 7, 0, null), 7).record());
        assertEquals(moved, space.shift(new TraceEvent(r, 7, 0), 7).record());
        return moved;
    }

    private static ByteString siginfo(int signo, int errno, int code, int pid) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(signo).putInt(errno).putInt(code).putInt(0).putInt(pid).putInt(1000);
        int n = 24;
        while (n > 0 && b.array()[n - 1] == 0) {
            n--;   // as the recorder stores it: no trailing zero bytes
        }
        return ByteString.copyFrom(b.array(), 0, n);
    }

    private static int siginfoPid(Record r) {
        byte[] info = java.util.Arrays.copyOf(r.getSignal().getSiginfo().toByteArray(), 24);
        return java.nio.ByteBuffer.wrap(info).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(16);
    }

    @Test
    void inputsAreFilesDirectoriesAndGlobs(@TempDir Path dir) throws Exception {
        for (String name : List.of("app-2.jtr", "app-1.jtr", "notes.txt", "size.jtr", "size.jtr1", "size.jtr.tmp")) {
            Files.writeString(dir.resolve(name), "");
        }
        Path a1 = dir.resolve("app-1.jtr");
        Path a2 = dir.resolve("app-2.jtr");
        // -C names its files as tcpdump does: size.jtr, size.jtr1, size.jtr2, ...
        assertEquals(List.of(a1, a2, dir.resolve("size.jtr"), dir.resolve("size.jtr1")),
                TraceFiles.expand(List.of(dir)));
        assertEquals(List.of(a1, a2), TraceFiles.expand(List.of(dir.resolve("app-*.jtr"))));
        assertEquals(List.of(a2, a1), TraceFiles.expand(List.of(a2, dir.resolve("app-?.jtr"))), "each file once");
        NoSuchFileException none = assertThrows(NoSuchFileException.class,
                () -> TraceFiles.expand(List.of(dir.resolve("web-*.jtr"))));
        assertEquals("no file matches", none.getReason());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertEquals("a directory without .jtr files", assertThrows(java.nio.file.FileSystemException.class,
                () -> TraceFiles.expand(List.of(empty))).getReason());
        assertEquals("- (standard input) cannot be read with other traces", assertThrows(UsageException.class,
                () -> TraceFiles.expand(List.of(Path.of("-"), a1))).getMessage());
        assertEquals(List.of(Path.of("-")), TraceFiles.expand(List.of(Path.of("-"))));
    }
}
