package io.jtrace.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.syscalls.SyscallTable;
import io.jtrace.recorder.RecordCommandTest.Trace;
import io.jtrace.recorder.trace.Ptraces;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The structures of fd calls that strace prints, recorded with real ptrace from
 * testdata/workload/desc_calls.c: fcntl's struct flock and f_owner_ex (at entry for the set
 * commands, at exit for the get ones), the offsets of sendfile (before and after) and splice, the
 * iovec arrays of failed readv calls (without data), memfd_create's name as strace reads it. A
 * snap length of 4 cuts none of them.
 */
@Timeout(180)
@ExtendWith(Ptraces.class)
class StructCaptureTest {
    private static final SyscallTable X86_64 = SyscallTable.forArch("x86_64");
    private static final int F_GETLK = 5;
    private static final int F_SETLK = 6;
    private static final int F_SETOWN_EX = 15;
    private static final int F_GETOWN_EX = 16;
    private static final int F_OFD_GETLK = 36;

    @TempDir
    Path dir;

    @Test
    void structuresAreCopiedWholeInTheRightPhase() throws Exception {
        StopSignalTest.requireTool("gcc");
        Path program = dir.resolve("desc_calls");
        Process gcc = new ProcessBuilder("gcc", "-O1", "-o", program.toString(),
                RecorderRun.testdata().resolve("workload/desc_calls.c").toString()).redirectErrorStream(true).start();
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gcc.waitFor(), log);
        Path out = dir.resolve("desc.jtr");
        RecorderRun r = RecorderRun.run(dir, "-q", "-s", "4", "-e",
                "trace=fcntl,sendfile,splice,copy_file_range,memfd_create,readv,preadv", "-w", out.toString(), "--",
                program.toString());
        assertEquals(0, r.exitValue(), r.stderr());
        List<Syscall> calls = Trace.read(out).events().stream().filter(e -> e.record().hasSyscall())
                .map(e -> e.record().getSyscall()).toList();

        // struct flock: F_SETLK's at entry, F_GETLK's at exit, 32 bytes whatever -s says
        Syscall setlk = first(calls, "fcntl", s -> arg(s, 1) == F_SETLK && s.getRet() == 0);
        ByteBuffer fl = le(only(setlk, 2, false));
        assertEquals(0, fl.getShort(0), "F_RDLCK");
        assertEquals(4096, fl.getLong(16), "l_len");
        assertTrue(setlk.getBuffersList().stream().noneMatch(Buffer::getAtExit));
        Syscall getlk = first(calls, "fcntl", s -> arg(s, 1) == F_GETLK && s.getRet() == 0);
        assertEquals(2, le(only(getlk, 2, true)).getShort(0), "the kernel's answer: F_UNLCK");
        Syscall failedGetlk = first(calls, "fcntl", s -> arg(s, 1) == F_OFD_GETLK && s.getRet() == -14);
        assertEquals(0, failedGetlk.getBuffersCount(), "nothing to copy from a failed F_OFD_GETLK");
        Syscall unreadable = first(calls, "fcntl", s -> arg(s, 1) == F_SETLK && s.getRet() == -14);
        assertTrue(only(unreadable, 2, false).getData().size() < 32, "a struct that ends past readable memory");

        // struct f_owner_ex: 8 bytes, set at entry, got at exit
        Syscall setown = first(calls, "fcntl", s -> arg(s, 1) == F_SETOWN_EX && s.getRet() == -3);
        assertEquals(1234567890, le(only(setown, 2, false)).getInt(4));
        Syscall getown = first(calls, "fcntl", s -> arg(s, 1) == F_GETOWN_EX && s.getRet() == 0);
        assertEquals(2, le(only(getown, 2, true)).getInt(0), "F_OWNER_PGRP");

        // sendfile's offset before and after; splice's offsets before; a NULL one gets no buffer
        Syscall sendfile = first(calls, "sendfile", s -> s.getRet() == 5);
        assertEquals(2, le(only(sendfile, 2, false)).getLong(0));
        assertEquals(7, le(sendfile.getBuffersList().stream().filter(Buffer::getAtExit).findFirst().orElseThrow())
                .getLong(0));
        Syscall sentNothing = first(calls, "sendfile", s -> s.getRet() == 0 && arg(s, 2) != 0);
        assertTrue(sentNothing.getBuffersList().stream().noneMatch(Buffer::getAtExit), "no move, no offset after");
        Syscall splice = first(calls, "splice", s -> s.getRet() == 4);
        assertEquals(1, le(only(splice, 1, false)).getLong(0));
        assertEquals(1, splice.getBuffersCount(), "off_out is NULL");

        // a failed preadv: its iovecs' addresses and lengths, no data; an element past readable memory is marked
        Syscall failed = first(calls, "preadv", s -> s.getRet() == -9 && arg(s, 2) == 2);
        List<Buffer> iov = failed.getBuffersList();
        assertEquals(2, iov.size());
        assertTrue(iov.stream().allMatch(b -> b.getAtExit() && b.getPart() == Buffer.Part.IOV && b.getLength() == 1
                && b.getData().isEmpty() && b.getError() == 0), iov.toString());
        assertEquals(iov.get(0).getAddress() + 1, iov.get(1).getAddress());
        Syscall cut = first(calls, "preadv", s -> s.getRet() == -9 && arg(s, 2) == 3);
        assertEquals(List.of(3L, 2L, 0L), cut.getBuffersList().stream().map(Buffer::getLength).toList());
        assertEquals(14, cut.getBuffers(2).getError());

        // memfd_create's name: 250 bytes at most; memory that ends before a NUL keeps what was readable
        Buffer digits = nameBuffer(first(calls, "memfd_create", s -> nameText(s).startsWith("0123")));
        assertEquals(250, digits.getLength());
        assertEquals(250, digits.getData().size());
        Buffer xs = nameBuffer(first(calls, "memfd_create", s -> nameText(s).startsWith("x")));
        assertEquals(250, xs.getLength(), "more than what could be read");
        assertEquals("x".repeat(40), xs.getData().toStringUtf8());
        Buffer named = nameBuffer(first(calls, "memfd_create", s -> nameText(s).equals("jtrace-desc")));
        assertEquals(11, named.getLength());
        assertEquals(0, first(calls, "memfd_create", s -> arg(s, 0) == 0).getBuffersCount(), "NULL");
    }

    private static Syscall first(List<Syscall> calls, String name, Predicate<Syscall> which) {
        int nr = X86_64.number(name);
        return calls.stream().filter(s -> s.getNr() == nr).filter(which).findFirst()
                .orElseThrow(() -> new AssertionError("no such " + name + " in " + calls));
    }

    /** Argument i; the recorder leaves out trailing zero registers. */
    private static long arg(Syscall s, int i) {
        return i < s.getArgsCount() ? s.getArgs(i) : 0;
    }

    private static Buffer only(Syscall s, int arg, boolean atExit) {
        List<Buffer> found = s.getBuffersList().stream().filter(b -> b.getArg() == arg && b.getAtExit() == atExit)
                .toList();
        assertEquals(1, found.size(), s.toString());
        return found.get(0);
    }

    private static Buffer nameBuffer(Syscall memfd) {
        return memfd.getBuffers(0);
    }

    private static String nameText(Syscall memfd) {
        return memfd.getBuffersCount() == 0 ? "" : memfd.getBuffers(0).getData().toString(StandardCharsets.ISO_8859_1);
    }

    private static ByteBuffer le(Buffer b) {
        return b.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }
}
