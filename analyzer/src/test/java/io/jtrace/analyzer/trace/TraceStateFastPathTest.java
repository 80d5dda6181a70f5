package io.jtrace.analyzer.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Fd;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.ProcessInfo;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.ThreadInfo;
import io.jtrace.format.syscalls.SyscallTable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TraceState skips, for most records, everything but the last syscall of the thread: the calls it does not
 * read (read, write...). Every call of the x86_64 table, successful and with paths, a socket address and an
 * fd pair in every argument, must leave the fd table and working directory as the whole path leaves them.
 */
class TraceStateFastPathTest {
    private static final int PID = 100;
    private static final byte[] PATH = "/tmp/fast-path\0".getBytes(StandardCharsets.ISO_8859_1);
    /** AF_INET 127.0.0.1:8080, also 8 bytes of two fds (2, 0x901f...) for pipe-like arguments. */
    private static final byte[] SOCKADDR = {2, 0, 0x1f, (byte) 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};

    @Test
    void everyCallTheFastPathSkipsLeavesTheStateAsTheWholePathDoes() throws Exception {
        SyscallTable table = SyscallTable.forArch("x86_64");
        List<String> skipped = new ArrayList<>();
        for (String name : table.names()) {
            if (name == null || name.isEmpty() || TraceState.reads(name)) {
                continue;
            }
            skipped.add(name);
            for (byte[] data : List.of(PATH, SOCKADDR)) {
                // arg 1 as the fcntl commands and ioctl requests that return fds (KVM_CREATE_VM)
                for (long arg1 : new long[] {4, 0, 1030, 0xae01}) {
                  for (long ret : new long[] {0, 5}) {
                    TraceState fast = state(true);
                    TraceState whole = state(false);
                    Event e = call(table, name, data, arg1, ret);
                    fast.apply(e);
                    whole.apply(e);
                    assertEquals(describe(whole), describe(fast), name + "(3, " + arg1 + ", ...) = " + ret);
                  }
                }
            }
        }
        assertTrue(skipped.contains("read") && skipped.contains("write") && skipped.contains("sendmmsg"), "" + skipped);
    }

    @Test
    void theCallsThatChangeFdsAreReadWhateverTheirArguments() {
        for (String name : List.of("close", "dup2", "openat", "accept4", "socket", "pipe2", "socketpair", "connect",
                "bind", "getsockname", "chdir", "fchdir", "unlink", "eventfd2", "bpf", "fcntl", "close_range")) {
            assertTrue(TraceState.reads(name), name);
        }
        assertFalse(TraceState.reads("read"));
        assertFalse(TraceState.reads("writev"));
    }

    @Test
    void everyCallThatMayReturnAnFdChangesFds() {
        for (String name : SyscallTable.forArch("x86_64").names()) {
            for (long arg1 : new long[] {0, 1, 4, 1030, 0xae01, 0xae41, 0xb701, 0xb702}) {
                if (name != null && FdCalls.returnsFd(name, arg1)) {
                    assertTrue(FdCalls.changesFds(name) && TraceState.reads(name), name + " with " + arg1);
                }
            }
        }
    }

    private static TraceState state(boolean fastPath) {
        TraceState s = new TraceState(Header.newBuilder().addProcesses(ProcessInfo.newBuilder().setPid(PID)
                .setComm("t").setCwd("/tmp")
                .addFds(Fd.newBuilder().setFd(3).setTarget("/tmp/fast-path").setKind(Fd.Kind.FILE))
                .addFds(Fd.newBuilder().setFd(4).setTarget("/tmp").setKind(Fd.Kind.FILE))
                .addThreads(ThreadInfo.newBuilder().setTid(PID).setComm("t"))).build());
        s.fastPath = fastPath;
        return s;
    }

    private static Event call(SyscallTable table, String name, byte[] data, long arg1, long ret) {
        Syscall.Builder s = Syscall.newBuilder().setPid(PID).setTid(PID).setNr(table.number(name)).setRet(ret);
        for (int arg = 0; arg < 6; arg++) {
            s.addArgs(arg == 0 ? 3 : arg == 1 ? arg1 : 16);
            for (boolean atExit : new boolean[] {false, true}) {
                s.addBuffers(Buffer.newBuilder().setArg(arg).setAtExit(atExit).setLength(data.length)
                        .setData(ByteString.copyFrom(data)));
            }
        }
        return TestEvents.syscall(name, s.build(), 1_000);
    }

    /** The fds 0..16 of the process, field by field, and its working directory. */
    private static String describe(TraceState s) throws IllegalAccessException {
        StringBuilder out = new StringBuilder("cwd=" + s.cwd(PID));
        for (int fd = 0; fd <= 16; fd++) {
            FdInfo info = s.fd(PID, fd);
            out.append('\n').append(fd).append(": ");
            if (info == null) {
                continue;
            }
            for (Field f : FdInfo.class.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    Object v = f.get(info);
                    out.append(f.getName()).append('=').append(v instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : v)
                            .append(' ');
                }
            }
        }
        return out.toString();
    }
}
