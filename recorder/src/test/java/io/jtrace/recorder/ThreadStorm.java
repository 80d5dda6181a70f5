package io.jtrace.recorder;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A traced program for the tests: a JVM that keeps creating short-lived threads (each writes one
 * line to /dev/null), RATE a second, until SECONDS have passed; writes "ready" once the storm
 * runs. Usage: ThreadStorm DIR RATE SECONDS
 */
public final class ThreadStorm {
    private ThreadStorm() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rate = Integer.parseInt(args[1]);
        long end = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        long periodNs = 1_000_000_000L / rate;
        try (var devNull = new java.io.FileOutputStream("/dev/null")) {
            long next = System.nanoTime();
            boolean announced = false;
            while (System.nanoTime() < end) {
                Thread t = new Thread(() -> {
                    try {
                        devNull.write('.');
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, "storm");
                t.start();
                if (!announced) {
                    Files.writeString(dir.resolve("ready"), Long.toString(ProcessHandle.current().pid()));
                    announced = true;
                }
                next += periodNs;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
        }
    }
}
