package io.jtrace.recorder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * jtrace-record run as its own process (as users run it), so tests can signal it and read its
 * exit status and stderr. Its classpath is the test's.
 */
final class RecorderRun implements AutoCloseable {
    final Process process;
    private final Path stderr;

    private RecorderRun(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    static RecorderRun start(Path dir, String... args) throws IOException {
        return start(dir, ProcessBuilder.Redirect.to(dir.resolve("recorder.out").toFile()), List.of(), args);
    }

    /** Its standard output a pipe to this JVM ({@code process.getInputStream()}), as in {@code | head}. */
    static RecorderRun startPiped(Path dir, String... args) throws IOException {
        return start(dir, ProcessBuilder.Redirect.PIPE, List.of(), args);
    }

    /** With JVM options, e.g. the launcher's (scripts/jtrace-record). */
    static RecorderRun start(Path dir, ProcessBuilder.Redirect stdout, List<String> jvmOptions, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RecordCommand.class.getName()));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "recorder", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(stdout).start();
        return new RecorderRun(p, err);
    }

    /** Runs to completion; returns the exit status. */
    static RecorderRun run(Path dir, String... args) throws Exception {
        RecorderRun r = start(dir, args);
        r.await(120);
        return r;
    }

    int await(int seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("jtrace-record did not end within " + seconds + " s; stderr: " + stderr());
        }
        return process.exitValue();
    }

    int exitValue() {
        return process.exitValue();
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    void signal(String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The command line that runs testdata/workload/HttpWorkload.java with the source launcher. */
    static List<String> workload(String... args) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                testdata().resolve("workload/HttpWorkload.java").toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static Path testdata() {
        return Path.of(System.getProperty("jtrace.testdata", "../testdata"));
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
