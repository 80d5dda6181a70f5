package io.jtrace.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.syscalls.SyscallTable;
import io.jtrace.recorder.RecordCommandTest.Trace;
import io.jtrace.recorder.trace.Ptraces;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Path arguments of file syscalls, recorded whole with real ptrace under {@code -e trace=%file}. */
@Timeout(180)
@ExtendWith(Ptraces.class)
class PathCaptureTest {
    private static final SyscallTable X86_64 = SyscallTable.forArch("x86_64");

    @TempDir
    Path dir;

    @Test
    void fileClassRecordsPathsWholeAndTheFdTheyOpened() throws Exception {
        // Longer than the first 256-byte read and than -s: a path is never cut.
        Path sub = Files.createDirectories(dir.resolve("d".repeat(120)).resolve("e".repeat(120)));
        Path file = sub.resolve("known-file.txt");
        String content = "jtrace path capture\n";
        Files.writeString(file, content);
        byte[] path = file.toString().getBytes(StandardCharsets.UTF_8);
        assertTrue(path.length > 256, "path of " + path.length + " bytes");

        Path out = dir.resolve("files.jtr");
        Path summary = dir.resolve("summary.json");
        RecorderRun r = RecorderRun.run(dir, RecordCommandTest.args(List.of("-q", "-s", "16", "-e",
                "trace=%file,read,close", "-w", out.toString(), "--"), RecorderRun.workload("--clients", "1",
                "--requests", "1", "--read-file", file.toString(), "--summary", summary.toString())));
        assertEquals(0, r.exitValue(), r.stderr());
        assertEquals(content.length(), DetachedWorkload.field(summary, "file_bytes"));
        Trace t = Trace.read(out);
        List<Syscall> calls = t.events().stream().filter(e -> e.record().hasSyscall())
                .map(e -> e.record().getSyscall()).toList();

        int openat = X86_64.number("openat");
        Syscall open = calls.stream().filter(s -> s.getNr() == openat && s.getRet() >= 0)
                .filter(s -> entryString(s, 1).map(b -> b.getData().toByteArray())
                        .filter(d -> java.util.Arrays.equals(d, path)).isPresent())
                .findFirst().orElseThrow(() -> new AssertionError("no openat of " + file));
        Buffer p = entryString(open, 1).orElseThrow();
        assertEquals(path.length, p.getLength());
        assertEquals(Buffer.Part.WHOLE, p.getPart());
        assertEquals(open.getArgs(1), p.getAddress());
        assertEquals(-100, (int) open.getArgs(0), "AT_FDCWD");

        // The fd it returned is the one read from and closed: the content, cut by -s 16 as data is.
        long fd = open.getRet();
        List<Syscall> after = calls.subList(calls.indexOf(open) + 1, calls.size());
        Syscall read = after.stream().filter(s -> s.getNr() == 0 && s.getArgs(0) == fd && s.getRet() > 0)
                .findFirst().orElseThrow(() -> new AssertionError("no read of fd " + fd));
        assertEquals(content.length(), read.getRet());
        assertEquals(content.substring(0, 16), read.getBuffers(0).getData().toStringUtf8());
        assertTrue(after.stream().anyMatch(s -> s.getNr() == 3 && s.getArgs(0) == fd && s.getRet() == 0), "close");

        // -e trace=%file resolved to the file class: the launched java's execve and stat calls, with paths
        Syscall execve = calls.stream().filter(s -> s.getNr() == X86_64.number("execve") && s.getRet() == 0)
                .findFirst().orElseThrow();
        assertEquals(RecorderRun.java(), entryString(execve, 0).orElseThrow().getData().toStringUtf8());
        // and its argv: the pointers up to the NULL, then one string for each
        Buffer argv = execve.getBuffersList().stream()
                .filter(b -> b.getArg() == 1 && b.getPart() == Buffer.Part.WHOLE).findFirst().orElseThrow();
        int pointers = argv.getData().size() / 8 - 1;
        assertTrue(pointers > 0 && argv.getError() == 0, "argv " + argv);
        assertEquals(pointers, execve.getBuffersList().stream()
                .filter(b -> b.getArg() == 1 && b.getPart() == Buffer.Part.IOV && b.getError() == 0).count());
        assertTrue(t.header().getOptions().getSyscallsList().contains(X86_64.number("newfstatat")));
        assertFalse(t.header().getOptions().getSyscallsList().contains(X86_64.number("write")));
        for (Syscall s : calls) {
            for (Buffer b : s.getBuffersList()) {
                boolean pointerArray = s.getNr() == X86_64.number("execve") && b.getArg() > 0
                        && b.getPart() == Buffer.Part.WHOLE;
                if (!b.getAtExit() && b.getError() == 0 && s.getNr() != 0 && !pointerArray) {
                    assertEquals(b.getLength(), b.getData().size(), "whole string in " + s);
                    for (byte c : b.getData().toByteArray()) {
                        assertTrue(c != 0, "no NUL inside " + s);
                    }
                }
            }
        }
    }

    @Test
    void aPathWithoutNulInPathMaxBytesKeepsPathMaxBytesAndNullGetsNoBuffer() throws Exception {
        Path out = dir.resolve("long.jtr");
        // cat opens a 5000-byte name (ENAMETOOLONG); touch sets the times through its open fd:
        // utimensat(fd, NULL, NULL, 0), a NULL path.
        RecorderRun r = RecorderRun.run(dir, "-q", "-f", "-e", "trace=openat,utimensat", "-w", out.toString(), "--",
                "sh", "-c", "cat \"$(head -c 5000 /dev/zero | tr '\\0' a)\" 2>/dev/null; touch /dev/null; exit 0");
        assertEquals(0, r.exitValue(), r.stderr());
        List<Syscall> calls = Trace.read(out).events().stream().filter(e -> e.record().hasSyscall())
                .map(e -> e.record().getSyscall()).toList();
        Syscall tooLong = calls.stream().filter(s -> s.getNr() == X86_64.number("openat") && s.getRet() == -36)
                .findFirst().orElseThrow(() -> new AssertionError("no ENAMETOOLONG openat in " + calls));
        Buffer p = entryString(tooLong, 1).orElseThrow();
        assertEquals(4096, p.getLength());
        assertEquals("a".repeat(4096), p.getData().toStringUtf8());
        Syscall byFd = calls.stream().filter(s -> s.getNr() == X86_64.number("utimensat"))
                .findFirst().orElseThrow(() -> new AssertionError("no utimensat in " + calls));
        assertTrue(byFd.getArgsCount() < 2, "a NULL path (trailing zero registers are omitted): " + byFd);
        assertEquals(0, byFd.getBuffersCount());
    }

    @Test
    void readlinkAndGetcwdResultsAreRecordedWholeAtExit() throws Exception {
        Path target = dir.resolve("t".repeat(100));
        Files.createSymbolicLink(dir.resolve("link"), target);
        Path out = dir.resolve("results.jtr");
        RecorderRun r = RecorderRun.run(dir, "-q", "-f", "-s", "8", "-e", "trace=readlink,readlinkat,getcwd", "-w",
                out.toString(), "--", "sh", "-c", "cd \"$0\" && /bin/pwd -P && readlink link", dir.toString());
        assertEquals(0, r.exitValue(), r.stderr());
        List<Syscall> calls = Trace.read(out).events().stream().filter(e -> e.record().hasSyscall())
                .map(e -> e.record().getSyscall()).toList();
        String realDir = dir.toRealPath().toString();
        Syscall getcwd = calls.stream().filter(s -> s.getNr() == X86_64.number("getcwd") && s.getRet() > 0)
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no getcwd in " + calls));
        Buffer cwd = getcwd.getBuffers(0);
        assertTrue(cwd.getAtExit());
        assertEquals(realDir, cwd.getData().toStringUtf8(), "the bytes before the NUL, not cut by -s 8");
        assertEquals(getcwd.getRet() - 1, cwd.getLength(), "getcwd counts the NUL");
        Syscall readlink = calls.stream().filter(s -> s.getNr() == X86_64.number("readlink")
                        || s.getNr() == X86_64.number("readlinkat"))
                .filter(s -> s.getBuffersList().stream().anyMatch(b -> !b.getAtExit()
                        && b.getData().toStringUtf8().equals("link")))
                // coreutils retries with a larger buffer while the result fills it: the last call is whole
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no readlink of link in " + calls));
        Buffer result = readlink.getBuffersList().stream().filter(Buffer::getAtExit).findFirst().orElseThrow();
        assertEquals(target.toString(), result.getData().toStringUtf8());
        assertEquals(readlink.getRet(), result.getLength());
    }

    private static Optional<Buffer> entryString(Syscall s, int arg) {
        return s.getBuffersList().stream().filter(b -> b.getArg() == arg && !b.getAtExit()).findFirst();
    }
}
