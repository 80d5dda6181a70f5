package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * For tests that record a workload for real with the built recorder: without the recorder jar or ptrace they fail
 * when CI=true and are skipped otherwise.
 */
final class LiveRecording {
    static final Path ROOT = Path.of(System.getProperty("jtrace.root", "..")).toAbsolutePath().normalize();

    private LiveRecording() {
    }

    static void require(boolean condition, String what) {
        if (!condition) {
            if ("true".equals(System.getenv("CI"))) {
                fail(what);
            }
            Assumptions.abort(what);
        }
    }

    /** The recorder jar is built (the analyzer module's tests run after the recorder's package phase in CI). */
    static void requireRecorder() {
        Path jar = ROOT.resolve("recorder/target/jtrace-recorder.jar");
        require(Files.isRegularFile(jar), "recorder jar not built: " + jar);
    }

    /** Compiles a workload from testdata/workload into {@code classes}. */
    static void compile(String workload, Path classes, Path log) throws Exception {
        run(List.of("javac", "-d", classes.toString(), ROOT.resolve("testdata/workload/" + workload).toString()),
                120, log);
    }

    /** Compiles testdata/workload/NAME.c with gcc into {@code dir}; returns the program. */
    static Path compileC(String name, Path dir, Path log) throws Exception {
        require(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc is not installed");
        Path binary = dir.resolve(name);
        run(List.of("gcc", "-O1", "-o", binary.toString(), ROOT.resolve("testdata/workload/" + name + ".c").toString()),
                120, log);
        return binary;
    }

    /**
     * Compiles the test resource c/NAME.c (a program of the socket and style tests) with gcc into
     * {@code dir}; returns the program.
     */
    static Path compileResource(String name, Path dir) throws Exception {
        require(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc is not installed");
        Path source = dir.resolve(name + ".c");
        try (java.io.InputStream in = LiveRecording.class.getResourceAsStream("/c/" + name + ".c")) {
            Files.copy(in, source);
        }
        Path binary = dir.resolve(name);
        run(List.of("gcc", "-O2", "-Wall", "-o", binary.toString(), source.toString()), 120, dir.resolve("gcc.log"));
        return binary;
    }

    /** The range the kernel picks a bound or connecting socket's port from (ip_local_port_range). */
    static int[] ephemeralPorts() throws Exception {
        // Files.readString gets 1 byte of this sysctl: read it as lines
        String[] range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim()
                .split("\\s+");
        return new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[1])};
    }

    /** Runs a command from the repository root; fails on a non-zero exit or after {@code seconds}. */
    static void run(List<String> command, int seconds, Path log) throws Exception {
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + command + "\n" + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), command + ": " + Files.readString(log));
    }
}
