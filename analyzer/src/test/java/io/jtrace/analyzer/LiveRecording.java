package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

    /**
     * tcpdump capturing loopback packets that match {@code filter} into {@code pcap}, started and listening
     * (it says so in {@code log}); stop it with {@link #stopTcpdump}.
     */
    static Process tcpdump(Path pcap, Path log, String filter) throws Exception {
        String tcpdump = Files.isExecutable(Path.of("/usr/sbin/tcpdump")) ? "/usr/sbin/tcpdump" : "/usr/bin/tcpdump";
        Process dump = new ProcessBuilder(tcpdump, "-i", "lo", "--immediate-mode", "-B", "65536", "-U", "-s", "0",
                "-w", pcap.toString(), filter).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        for (int i = 0; i < 200 && !Files.readString(log).contains("listening on"); i++) {
            Thread.sleep(50);
        }
        Thread.sleep(500);
        return dump;
    }

    /** Stops a {@link #tcpdump} (SIGTERM: it writes out what it holds) and fails if it dropped a packet. */
    static void stopTcpdump(Process dump, Path log) throws Exception {
        Thread.sleep(300);
        dump.destroy();
        assertTrue(dump.waitFor(20, TimeUnit.SECONDS), "tcpdump did not stop");
        String stats = Files.readString(log);
        assertTrue(stats.matches("(?s).*\\n0 packets dropped by kernel.*"),
                "tcpdump lost packets: " + stats);
    }
}
