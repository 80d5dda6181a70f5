package io.jtrace.recorder.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process to trace that the test JVM does not wait on: {@code sh} (our ProcessBuilder child,
 * which the JDK reaper waits on) starts the program in the background, prints its pid, waits for
 * it and stores its exit status in a file. The traced program's parent is that sh, never us.
 */
public final class Target implements AutoCloseable {
    public final int pid;
    final Path dir;
    private final Process shell;

    private Target(int pid, Path dir, Process shell) {
        this.pid = pid;
        this.dir = dir;
        this.shell = shell;
    }

    /** Runs a shell command line in the background; {@code $DIR} is the working directory. */
    public static Target start(Path dir, String commandLine) throws IOException {
        // Redirections first, so the command line's own (e.g. 0<>fifo) win.
        String script = "DIR='" + dir + "'; </dev/null >\"$DIR/log\" 2>&1 " + commandLine
            + " & echo $!; wait $!; echo $? > \"$DIR/status\"";
        Process shell = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.US_ASCII));
        String line = out.readLine();
        if (line == null) {
            throw new IOException("target did not start");
        }
        return new Target(Integer.parseInt(line.trim()), dir, shell);
    }

    /** The test workload JVM with the given arguments; returns once it is ready. */
    static Target workload(Path dir, int threads, int writes, long intervalMs, int exitCode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Target t = start(dir, "exec '" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1 -cp '" + cp + "' "
            + Workload.class.getName() + " \"$DIR\" " + threads + " " + writes + " " + intervalMs + " " + exitCode);
        t.awaitFile("ready", 30);
        return t;
    }

    void go() throws IOException {
        Files.writeString(dir.resolve("go"), "");
    }

    void awaitFile(String name, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.exists(dir.resolve(name)) || Files.size(dir.resolve(name)) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not appear in " + dir + "; log: " + log());
            }
            Thread.sleep(10);
        }
    }

    /** The exit status the program's real parent saw. */
    public int exitStatus() throws Exception {
        if (!shell.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("target " + pid + " did not end; threads: " + threadStates() + "; log: " + log()
                + "; thread dump: " + threadDump());
        }
        return Integer.parseInt(Files.readString(dir.resolve("status")).trim());
    }

    /**
     * Each thread's name, state letter, wait channel, tracer and current syscall (number and
     * arguments, /proc/PID/task/TID/syscall), to tell a stopped target from a slow or a hung one.
     */
    private String threadStates() {
        StringBuilder b = new StringBuilder();
        try (var tasks = Files.list(Path.of("/proc", Integer.toString(pid), "task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                String stat = Files.readString(t.resolve("stat"));
                String status = Files.readString(t.resolve("status"));
                String tracer = status.lines().filter(l -> l.startsWith("TracerPid:")).findFirst().orElse("");
                b.append(t.getFileName()).append(" (").append(Files.readString(t.resolve("comm")).strip()).append(") ")
                        .append(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[0])
                        .append(' ').append(Files.readString(t.resolve("wchan"))).append(' ')
                        .append(tracer.replaceAll("\\s+", "=")).append(" syscall=")
                        .append(readOr(t.resolve("syscall")).strip()).append("; ");
            }
        } catch (IOException | RuntimeException e) {
            b.append("(").append(e).append(")");
        }
        return b.toString();
    }

    private static String readOr(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "?";
        }
    }

    /** A JVM target's Java stacks (jcmd Thread.print), or why there are none. */
    private String threadDump() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Path dump = dir.resolve("thread-dump"); // a file, not a pipe: a dump may outgrow the pipe's buffer
            Process p = new ProcessBuilder(jcmd.toString(), Integer.toString(pid), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(dump.toFile()).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "(jcmd did not answer)";
            }
            return Files.readString(dump);
        } catch (IOException | InterruptedException e) {
            return "(" + e + ")";
        }
    }

    List<String> lines(String name) throws IOException {
        return Files.readAllLines(dir.resolve(name));
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        try {
            new ProcessBuilder("kill", "-CONT", Integer.toString(pid)).start().waitFor();
            new ProcessBuilder("kill", "-KILL", Integer.toString(pid)).start().waitFor();
        } catch (IOException | InterruptedException ignored) {
            // already gone
        }
        shell.destroyForcibly();
    }
}
