package io.jtrace.recorder.trace;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Whether ptrace works here (root or CAP_SYS_PTRACE, no seccomp ban). Elsewhere tests skip,
 * except under CI=true, where an unusable ptrace must fail the build rather than hide it. A test
 * class that needs it says {@code @ExtendWith(Ptraces.class)}.
 */
public final class Ptraces implements BeforeEachCallback {
    private static Boolean available;
    private static String reason;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        Path dir = Files.createTempDirectory("jtrace-ptrace-probe");
        try {
            require(dir);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    public static synchronized void require(Path dir) {
        if (available == null) {
            probe(dir);
        }
        if (!available) {
            if ("true".equals(System.getenv("CI"))) {
                fail("ptrace is unavailable under CI=true: " + reason);
            }
            assumeTrue(false, "ptrace unavailable: " + reason);
        }
    }

    private static void probe(Path dir) {
        try (Target sleeper = Target.start(dir, "exec sleep 30")) {
            Tracer tracer = Tracer.attach(new TraceOptions(false, SyscallFilter.none()), new TraceSink() { },
                List.of(sleeper.pid));
            tracer.stop();
            available = tracer.await(Duration.ofSeconds(10)).isPresent();
            reason = available ? null : "stop() did not finish";
        } catch (Exception | LinkageError e) {
            available = false;
            reason = e.toString();
        }
    }
}
