package io.jtrace.recorder.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.proto.Exit;
import io.jtrace.format.proto.Loss;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.TaskStart;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The recorder's terminal status line, driven with hand-made times and counters. */
public class StatusLineTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private static final long S = 1_000_000_000L;

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** What a terminal shows of the output: each carriage return goes back to the line's start. */
    public static String screen(String output) {
        StringBuilder line = new StringBuilder();
        int cursor = 0;
        for (char c : output.toCharArray()) {
            if (c == '\r') {
                cursor = 0;
            } else if (cursor < line.length()) {
                line.setCharAt(cursor++, c);
            } else {
                line.append(c);
                cursor++;
            }
        }
        return line.toString();
    }

    @Test
    void redrawnEveryTwoSecondsFromTheCountersThenErased() {
        Totals totals = new Totals();
        for (int tid = 1; tid <= 3; tid++) {
            totals.add(TaskStart.newBuilder().setTid(tid).build());
        }
        for (int i = 0; i < 1500; i++) {
            totals.add(Syscall.getDefaultInstance());
        }
        StatusLine status = new StatusLine(err, 10 * S);
        status.tick(11 * S, totals, 5_000);
        assertEquals("", printed(), "nothing before the first interval");
        status.tick(12 * S, totals, 5_000);
        assertEquals("\rjtrace-record: 1,500 syscalls, 5000 B written, 0 lost, 3 threads, 2 s", printed());
        status.tick(13 * S, totals, 6_000);
        assertEquals(1, printed().chars().filter(c -> c == '\r').count(), "not within two seconds of the last");
        totals.add(Exit.newBuilder().setTid(2).build());
        totals.add(Exit.newBuilder().setTid(3).build());
        totals.add(Loss.newBuilder().setRecords(7).setBytes(100).build());
        status.tick(14 * S, totals, 12_345_678);
        assertEquals("jtrace-record: 1,500 syscalls, 12.3 MB written, 7 lost, 1 thread, 4 s", screen(printed()).strip());
        assertFalse(printed().contains("\n"), "rewritten in place");
        status.clear();
        assertEquals("", screen(printed()).strip(), "erased before the final line");
        status.clear();
        assertTrue(printed().endsWith("\r"));
    }

    @Test
    void clearedBeforeAnythingWasDrawnPrintsNothing() {
        StatusLine status = new StatusLine(err, 0);
        status.tick(S, new Totals(), 0);
        status.clear();
        assertEquals("", printed());
    }

    @Test
    void onlyOnATerminalAndWithoutQ() {
        String old = System.getProperty("jtrace.stderr.tty");
        try {
            System.clearProperty("jtrace.stderr.tty");
            assertNull(StatusLine.forStderr(false, 0), "stderr not a terminal");
            System.setProperty("jtrace.stderr.tty", "true");
            assertNull(StatusLine.forStderr(true, 0), "-q");
            assertNotNull(StatusLine.forStderr(false, 0));
        } finally {
            if (old == null) {
                System.clearProperty("jtrace.stderr.tty");
            } else {
                System.setProperty("jtrace.stderr.tty", old);
            }
        }
    }

    @Test
    void format() {
        assertEquals("jtrace-record: 0 syscalls, 0 B written, 0 lost, 0 threads, 0 s", StatusLine.format(0, 0, 0, 0, 0));
        assertEquals("jtrace-record: 1,234,567 syscalls, 45.7 kB written, 12 lost, 250 threads, 61 s",
                StatusLine.format(1_234_567, 45_678, 12, 250, 61_500_000_000L));
    }
}
