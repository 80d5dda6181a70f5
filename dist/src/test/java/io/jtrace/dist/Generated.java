package io.jtrace.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Where the build put its files, and a way to run a command and read what it printed. */
final class Generated {
    private Generated() {
    }

    static Path dir() {
        return Path.of(System.getProperty("jtrace.generated", "target"));
    }

    static Path root() {
        return Path.of(System.getProperty("jtrace.root", "..")).toAbsolutePath().normalize();
    }

    static String version() {
        return System.getProperty("jtrace.version", "");
    }

    /** A finished process: exit status, stdout, stderr. */
    record Result(int status, String out, String err) {
        String show() {
            return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Result run(Path workDir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("jtrace-dist", ".out");
        Path err = Files.createTempFile("jtrace-dist", ".err");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("did not end within 300 s: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    /** Recording needs ptrace: a test calling this fails without it under CI=true, and is skipped elsewhere. */
    static void requirePtrace(Path dir, String record) throws IOException, InterruptedException {
        var probe = run(dir, List.of(record, "-q", "-w", dir.resolve("probe.jtr").toString(), "--", "true"));
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(probe.status() == 0, "jtrace-record cannot trace here: " + probe.err());
        }
        assertEquals(0, probe.status(), "jtrace-record cannot trace here: " + probe.show());
    }
}
