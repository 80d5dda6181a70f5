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

    /**
     * Waits until the workload (--wait-for-tracer) polls for a tracer. A recorder attached earlier,
     * while the source launcher still compiles, can be gone before the workload first looks: the
     * workload then waits out its whole --wait-for-tracer time, untraced, all threads in futex waits.
     */
    void awaitWaitingForTracer() throws Exception {
        await(() -> log().contains("HttpWorkload: waiting for a tracer"), "wait for a tracer");
    }

    /** Waits until the workload has seen its tracer and started its traffic (its http-acceptor thread exists). */
    void awaitTraffic() throws Exception {
        await(() -> threadNames().contains("http-acceptor"), "start its traffic");
    }

    private void await(java.util.function.BooleanSupplier done, String what) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the workload did not " + what + "; log: " + log());
            }
            Thread.sleep(20);
        }
    }

    private java.util.Set<String> threadNames() {
        java.util.Set<String> names = new java.util.HashSet<>();
        try (var tasks = Files.list(Path.of("/proc", Integer.toString(pid), "task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                names.add(Files.readString(t.resolve("comm")).strip());
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // a thread or the process ended while listed: the next look decides
        }
        return names;
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
