package io.jtrace.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.NetInterface;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.syscalls.SyscallTable;
import io.jtrace.recorder.RecordCommandTest.Trace;
import io.jtrace.recorder.trace.Ptraces;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the socket calls' captures copy, with real ptrace: the buffer's bytes only, structures whole. */
@Timeout(180)
@ExtendWith(Ptraces.class)
class SocketCaptureTest {
    private static final SyscallTable X86_64 = SyscallTable.forArch("x86_64");

    @TempDir
    Path dir;

    @Test
    void receivedDataStopsAtTheBufferAndStructuresIgnoreTheSnapLength() throws Exception {
        StopSignalTest.requireTool("gcc");
        Path source = dir.resolve("socket_captures.c");
        try (InputStream in = getClass().getResourceAsStream("/c/socket_captures.c")) {
            Files.copy(in, source);
        }
        Path binary = dir.resolve("socket_captures");
        Process gcc = new ProcessBuilder("gcc", "-O2", "-o", binary.toString(), source.toString())
                .redirectErrorStream(true).start();
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gcc.waitFor(), log);

        Path out = dir.resolve("sockets.jtr");
        RecorderRun r = RecorderRun.run(dir, "-q", "-s", "8", "-e", "trace=recvfrom,connect,setsockopt", "-w",
                out.toString(), "--", binary.toString());
        assertEquals(0, r.exitValue(), r.stderr());
        Trace t = Trace.read(out);
        List<Syscall> calls = t.events().stream().filter(e -> e.record().hasSyscall())
                .map(e -> e.record().getSyscall()).toList();

        // MSG_TRUNC: the call returns the datagram's 31 bytes, the kernel wrote the buffer's 4
        Syscall recv = only(calls, "recvfrom");
        assertEquals(31, recv.getRet());
        Buffer data = recv.getBuffers(0);
        assertEquals(4, data.getLength(), "the buffer's length, not the return value");
        assertEquals("a da", data.getData().toStringUtf8());
        assertEquals(0, data.getError());

        // longer than -s 8, copied whole: strace prints structures whole
        assertEquals(28, only(calls, "connect").getBuffers(0).getData().size());
        assertEquals(136, only(calls, "setsockopt").getBuffers(0).getData().size());

        // the interfaces an index in them names
        if (Files.isDirectory(Path.of("/sys/class/net/lo"))) {
            assertTrue(t.header().getInterfacesList().contains(NetInterface.newBuilder().setIndex(1).setName("lo")
                    .build()), t.header().getInterfacesList().toString());
        }
    }

    private static Syscall only(List<Syscall> calls, String name) {
        List<Syscall> found = calls.stream().filter(s -> s.getNr() == X86_64.number(name)).toList();
        assertEquals(1, found.size(), name + " in " + calls);
        return found.get(0);
    }
}
