package io.jtrace.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/launch starts the analyzer with one compiler thread where it may run on two CPUs or fewer (the recorder
 * keeps the JVM's choice); JAVA_OPTS still has the last word. The JVM prints the flags it took and stops
 * ({@code -XX:+PrintFlagsFinal -version} in JAVA_OPTS), on the CPU taskset(1) allows.
 */
class CompilerThreadsTest {
    @TempDir
    Path dir;

    private String compilerCount(String tool, String javaOpts) throws Exception {
        String launcher = Generated.root().resolve("scripts/" + tool).toString();
        var r = Generated.run(dir, List.of("taskset", "-c", "0", "env", "JAVA_OPTS=" + javaOpts, launcher));
        assertEquals(0, r.status(), r.show());
        return r.out().lines().filter(l -> l.contains(" CICompilerCount ")).findFirst().orElseThrow().trim();
    }

    @Test
    void oneCompilerThreadOnOneCpu() throws Exception {
        String line = compilerCount("jtrace-analyze", "-XX:+PrintFlagsFinal -version");
        assertTrue(line.matches("intx CICompilerCount += 1 +\\{product\\} \\{command line\\}"), line);
    }

    @Test
    void theRecorderKeepsTheJvmsChoice() throws Exception {
        String line = compilerCount("jtrace-record", "-XX:+PrintFlagsFinal -version");
        assertTrue(!line.contains("{command line}"), line);
    }

    @Test
    void javaOptsWins() throws Exception {
        String line = compilerCount("jtrace-analyze", "-XX:CICompilerCount=2 -XX:+PrintFlagsFinal -version");
        assertTrue(line.matches("intx CICompilerCount += 2 .*"), line);
    }
}
