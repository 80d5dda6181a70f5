package io.jtrace.recorder;

import io.jtrace.recorder.trace.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The HTTP workload of testdata/ started through {@link Target}, so that the test JVM is not its
 * parent (the JDK reaper would steal ptrace stops) and its real exit status is still known.
 */
final class DetachedWorkload implements AutoCloseable {
    final int pid;
    private final Target target;

    private DetachedWorkload(Target target) {
        this.target = target;
        this.pid = target.pid;
    }

    static DetachedWorkload start(Path dir, String... args) throws Exception {
        String cmd = RecorderRun.workload(args).stream().map(a -> "'" + a + "'").collect(Collectors.joining(" "));
        return new DetachedWorkload(Target.start(dir, "exec " + cmd));
    }

    /** The workload's exit status once it has ended by itself. */
    int exitStatus() throws Exception {
        return target.exitStatus();
    }

    String log() {
        return target.log();
    }

    /** A numeric field of the workload's JSON summary. */
    static long field(Path summary, String name) throws Exception {
        String json = Files.readString(summary);
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    @Override
    public void close() {
        target.close();
    }
}
