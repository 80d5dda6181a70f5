package io.jtrace.recorder;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The HTTP workload started so that the test JVM is not its parent (the JDK reaper would steal
 * ptrace stops): a shell runs it in the background, prints its pid, waits for it and stores its
 * exit status, which is what its real parent saw.
 */
final class DetachedWorkload implements AutoCloseable {
    final int pid;
    final Path dir;
    private final Process shell;

    private DetachedWorkload(int pid, Path dir, Process shell) {
        this.pid = pid;
        this.dir = dir;
        this.shell = shell;
    }

    static DetachedWorkload start(Path dir, String... args) throws Exception {
        String cmd = RecorderRun.workload(args).stream().map(a -> "'" + a + "'").collect(Collectors.joining(" "));
        String script = cmd + " </dev/null >'" + dir + "/workload.log' 2>&1 & echo $!; wait $!; echo $? > '" + dir
                + "/workload.status'";
        Process shell = new ProcessBuilder("sh", "-c", script).start();
        String line = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        return new DetachedWorkload(Integer.parseInt(line.trim()), dir, shell);
    }

    /** The workload's exit status once it has ended by itself. */
    int exitStatus() throws Exception {
        if (!shell.waitFor(120, TimeUnit.SECONDS)) {
            throw new AssertionError("workload " + pid + " did not end; log: " + log());
        }
        return Integer.parseInt(Files.readString(dir.resolve("workload.status")).trim());
    }

    /** Field of the workload's JSON summary. */
    static long field(Path summary, String name) throws Exception {
        String json = Files.readString(summary);
        var m = java.util.regex.Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    /** Process state letter from /proc/PID/stat ('T' stopped, 'S' sleeping, ...). */
    char state() throws Exception {
        String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    String log() {
        try {
            return String.join("\n", Files.readAllLines(dir.resolve("workload.log")));
        } catch (Exception e) {
            return "(no log)";
        }
    }

    List<String> summaryLines() throws Exception {
        return Files.readAllLines(dir.resolve("summary.json"));
    }

    @Override
    public void close() {
        if (shell.isAlive()) {
            new ProcessBuilder("kill", "-CONT", Integer.toString(pid)).inheritIO();
            try {
                new ProcessBuilder("kill", "-KILL", Integer.toString(pid)).start().waitFor();
            } catch (Exception ignored) {
                // already gone
            }
        }
    }
}
