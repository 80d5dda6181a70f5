package io.jtrace.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.recorder.trace.Ptraces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder's peak RSS (VmHWM) stays bounded with -s 0, whatever the size of the writes:
 * run with the JVM options of scripts/jtrace-record, as users run it. It reached 290 MB with
 * tiny writes (the JVM's default initial heap, RAM/64, let the young generation grow) and
 * 480-590 MB with 200 MB writes.
 */
@Timeout(300)
@ExtendWith(Ptraces.class)
class RecorderMemoryTest {
    private static final long MB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void hugeWritesKeepThePeakBounded() throws Exception {
        Path big = dir.resolve("big");
        try (var in = Files.newInputStream(Path.of("/dev/urandom"))) {
            Files.write(big, in.readNBytes(100 << 20)); // incompressible: the frames stay as large as the records
        }
        long peak = peakRss("sh", "-c", "for i in 1 2 3 4; do dd if='" + big + "' of=/dev/null bs=100M 2>/dev/null; done");
        assertTrue(peak < 360 * MB, "peak RSS " + peak / MB + " MB");
    }

    @Test
    void tinyWritesKeepThePeakSmall() throws Exception {
        long peak = peakRss("dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=100000");
        assertTrue(peak < 150 * MB, "peak RSS " + peak / MB + " MB");
    }

    /** Records CMD with -s 0 -f; returns the recorder's VmHWM, polled until it ends. */
    private long peakRss(String... command) throws Exception {
        String[] args = RecordCommandTest.args(List.of("-q", "-s", "0", "-f", "-w", dir.resolve("m.jtr").toString(), "--"),
                List.of(command));
        RecorderRun r = RecorderRun.start(dir, ProcessBuilder.Redirect.DISCARD, launcherJvmOptions(), args);
        Path status = Path.of("/proc", Long.toString(r.process.pid()), "status");
        long peak = 0;
        while (r.process.isAlive()) {
            try {
                Matcher m = Pattern.compile("VmHWM:\\s+(\\d+) kB").matcher(Files.readString(status));
                if (m.find()) {
                    peak = Long.parseLong(m.group(1)) * 1024;
                }
            } catch (java.io.IOException ended) {
                break;
            }
            Thread.sleep(20);
        }
        assertEquals(0, r.await(120), r.stderr());
        return peak;
    }

    /** JTRACE_JVM_DEFAULTS of scripts/jtrace-record. */
    static List<String> launcherJvmOptions() throws Exception {
        Path script = RecorderRun.testdata().resolveSibling("scripts").resolve("jtrace-record");
        Matcher m = Pattern.compile("JTRACE_JVM_DEFAULTS=\"([^\"]*)\"").matcher(Files.readString(script));
        assertTrue(m.find(), "no JTRACE_JVM_DEFAULTS in " + script);
        return Arrays.asList(m.group(1).split(" "));
    }
}
