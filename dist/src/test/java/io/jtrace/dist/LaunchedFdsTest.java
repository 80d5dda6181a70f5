package io.jtrace.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command launched by scripts/jtrace-record gets the fds the recorder was started with, as under
 * strace ({@code strace -- CMD 9>>LOG}, strace's own dup tests), and none of the JVM's own.
 */
class LaunchedFdsTest {
    @TempDir
    Path dir;

    @Test
    void theCommandInheritsTheRecordersFdsAndNotTheJvms() throws Exception {
        String record = Generated.root().resolve("scripts/jtrace-record").toString();
        String analyze = Generated.root().resolve("scripts/jtrace-analyze").toString();
        Generated.requirePtrace(dir, record);
        Path log = dir.resolve("fd9.log");
        Path trace = dir.resolve("fds.jtr");
        // bash opens fd 9 (and 7 to show that a gap below it is fine) and execs the launcher
        String script = "exec 9>>\"$1\" 7</dev/null; exec \"$2\" -q -w \"$3\" -- "
            + "sh -c 'echo inherited >&9; ls -l /proc/self/fd/ | sed -n \"s/.* \\([0-9]*\\) -> \\(.*\\)/\\1 \\2/p\"'";
        var r = Generated.run(dir, List.of("bash", "-c", script, "bash", log.toString(), record, trace.toString()));
        assertEquals(0, r.status(), r.show());
        assertEquals("inherited\n", Files.readString(log), "what the command wrote to fd 9");
        assertTrue(r.out().lines().anyMatch(l -> l.equals("9 " + log)), r.show());
        assertTrue(r.out().lines().anyMatch(l -> l.equals("7 /dev/null")), r.show());
        for (String own : List.of(trace.toString(), "jtrace-recorder.jar", "lib/modules")) {
            assertFalse(r.out().contains(own), "the JVM's " + own + " reached the command: " + r.show());
        }

        // sh's ">&9": fd 9 duplicated onto 1, then the write
        var lines = Generated.run(dir, List.of(analyze, "-r", trace.toString(), "-y", "-e", "trace=dup2,write"));
        assertEquals(0, lines.status(), lines.show());
        assertTrue(lines.out().contains("dup2(9<" + log + ">, 1) = 1<" + log + ">"), lines.show());
        assertTrue(lines.out().contains("write(1<" + log + ">, \"inherited\\n\", 10) = 10"), lines.show());
    }
}
