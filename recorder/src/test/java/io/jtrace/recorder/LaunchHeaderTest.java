package io.jtrace.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.proto.Fd;
import io.jtrace.format.proto.ProcessInfo;
import io.jtrace.recorder.RecordCommandTest.Trace;
import io.jtrace.recorder.trace.Ptraces;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launched command's header describes it as its exec left it: fds it opens right after start
 * (here a socket on fd 3, which bash connects within milliseconds) are not in the header, where
 * the analyzer would take them for open from the start and name earlier uses of fd 3 after them.
 */
@Timeout(120)
@ExtendWith(Ptraces.class)
class LaunchHeaderTest {
    @TempDir
    Path dir;

    @Test
    void theHeaderShowsTheFdsTheCommandInheritedNotThoseItOpened() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            for (int run = 0; run < 3; run++) {
                Path out = dir.resolve("l" + run + ".jtr");
                // the command connects at once and then idles, so a late snapshot would see the socket
                RecorderRun r = RecorderRun.start(dir, "-q", "-e", "trace=close,socket,connect", "-w", out.toString(),
                        "--", "/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort()
                                + "; sleep 0.5; exec 3>&-");
                assertEquals(0, r.await(60), r.stderr());
                Trace t = Trace.read(out);
                assertEquals(1, t.header().getProcessesCount(), t.header().toString());
                ProcessInfo p = t.header().getProcesses(0);
                assertTrue(p.getExe().endsWith("bash"), "described after its exec: " + p.getExe());
                List<Fd> fds = p.getFdsList();
                assertFalse(fds.stream().anyMatch(f -> f.getKind() == Fd.Kind.SOCKET), "run " + run + ": " + fds);
                assertFalse(fds.stream().anyMatch(f -> f.getFd() == 3), "run " + run + ": " + fds);
                assertTrue(fds.stream().anyMatch(f -> f.getFd() == 2), "stderr is inherited: " + fds);
            }
        }
    }
}
