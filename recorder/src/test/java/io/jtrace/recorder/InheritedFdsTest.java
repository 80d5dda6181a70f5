package io.jtrace.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jtrace.format.proto.Fd;
import io.jtrace.recorder.trace.Ptraces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launched command gets the fds the recorder was given, as under strace ({@code 9>>/dev/full}):
 * those scripts/launch lists in -Djtrace.inheritedFds stay open, any other fd above 2 (here fd 8,
 * open in the recorder's JVM without close-on-exec but not listed) is closed. The header describes
 * the device fd 9 is, for -yy. (dist's LaunchedFdsTest runs the same through scripts/launch.)
 */
@Timeout(120)
@ExtendWith(Ptraces.class)
class InheritedFdsTest {
    @TempDir
    Path dir;

    @Test
    void theCommandGetsTheListedFdsOnly() throws Exception {
        Path out = dir.resolve("out.txt");
        String recorder = RecorderRun.java() + " -Djtrace.inheritedFds=9 -cp '" + System.getProperty("java.class.path") + "' "
                + RecordCommand.class.getName() + " -q -e trace=close -w '" + dir.resolve("t.jtr") + "' -- ";
        String command = "sh -c 'readlink /proc/self/fd/9; readlink /proc/self/fd/8 2>/dev/null || echo no-8'";
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "exec 9>>/dev/full 8</dev/null; exec " + recorder + command)
                .redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), Files.readString(out));
        assertEquals(List.of("/dev/full", "no-8"), Files.readAllLines(out));
        // the header describes the inherited device as -yy prints it: char 1:7
        Fd fd9 = RecordCommandTest.Trace.read(dir.resolve("t.jtr")).header().getProcesses(0).getFdsList().stream()
                .filter(f -> f.getFd() == 9).findFirst().orElseThrow();
        assertEquals("/dev/full", fd9.getTarget());
        assertEquals(0020000, fd9.getMode());
        assertEquals(7, fd9.getRdev() & 0xff);
    }

    /** A file name that is not UTF-8 keeps its bytes in the header (Fd.raw_target), for -y. */
    @Test
    void anInheritedFileKeepsTheBytesOfItsName() throws Exception {
        Path out = dir.resolve("out.txt");
        String recorder = RecorderRun.java() + " -Djtrace.inheritedFds=9 -cp '" + System.getProperty("java.class.path") + "' "
                + RecordCommand.class.getName() + " -q -e trace=close -w '" + dir.resolve("t.jtr") + "' -- ";
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "cd '" + dir + "' && exec 9>>$'odd-\\377\\200-name'; exec "
                + recorder + "true").redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), Files.readString(out));
        Fd fd9 = RecordCommandTest.Trace.read(dir.resolve("t.jtr")).header().getProcesses(0).getFdsList().stream()
                .filter(f -> f.getFd() == 9).findFirst().orElseThrow();
        byte[] name = (dir.toRealPath() + "/odd-\377\200-name").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(java.util.HexFormat.of().formatHex(name), java.util.HexFormat.of().formatHex(fd9.getRawTarget().toByteArray()));
        assertEquals(Fd.Kind.FILE, fd9.getKind());
    }
}
