package io.jtrace.recorder.trace;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The traced program of the tests, run in its own JVM: writes "ready", waits for a "go" file,
 * then starts THREADS threads, each writing WRITES lines "w&lt;thread&gt;:&lt;n&gt;\n" to its own file
 * out-&lt;thread&gt; with one write(2) each, INTERVAL_MS apart, and exits with EXIT_CODE.
 * Usage: Workload DIR THREADS WRITES INTERVAL_MS EXIT_CODE
 */
public final class Workload {
    private Workload() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int writes = Integer.parseInt(args[2]);
        long interval = Long.parseLong(args[3]);
        int exitCode = Integer.parseInt(args[4]);
        Files.writeString(dir.resolve("ready"), Long.toString(ProcessHandle.current().pid()));
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(dir.resolve("go"))) {
            if (System.nanoTime() > deadline) {
                System.exit(99); // never linger after a failed test
            }
            Thread.sleep(5);
        }
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int id = i;
            Thread t = new Thread(() -> write(dir.resolve("out-" + id), id, writes, interval), "worker-" + i);
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join();
        }
        System.exit(exitCode);
    }

    private static void write(Path file, int id, int writes, long interval) {
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            for (int n = 0; n < writes; n++) {
                out.write(("w" + id + ":" + n + "\n").getBytes(StandardCharsets.US_ASCII));
                Thread.sleep(interval);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
