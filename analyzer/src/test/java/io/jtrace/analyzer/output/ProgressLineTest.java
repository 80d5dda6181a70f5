package io.jtrace.analyzer.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The analyzer's progress line with a hand-driven clock: when it is drawn, what it says, that it is erased. */
class ProgressLineTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long now = 1_000_000_000L;
    private long records;

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** What a terminal shows of the output: each carriage return goes back to the line's start. */
    static String screen(String output) {
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

    /** Reads 1024 records (the clock is read once per 1024) with the clock at {@code atNs} from the start. */
    private void readAt(ProgressLine p, long atNs, long bytesRead) {
        now = 1_000_000_000L + atNs;
        for (int i = 0; i < 1024; i++) {
            p.update(bytesRead, ++records);
        }
    }

    @Test
    void drawnAfterTwoSecondsEveryHalfSecondThenErased() {
        ProgressLine p = new ProgressLine(err, 2_000_000, () -> now, true);
        readAt(p, 1_900_000_000L, 100_000);
        assertEquals("", printed(), "nothing in the first two seconds");
        readAt(p, 2_000_000_000L, 1_000_000);
        assertEquals("\rjtrace-analyze: 50% of 2000.0 kB read, 2,048 records, 2 s", printed());
        readAt(p, 2_300_000_000L, 1_200_000);
        assertEquals(1, printed().chars().filter(c -> c == '\r').count(), "not again within half a second");
        readAt(p, 2_500_000_000L, 1_500_000);
        assertEquals("jtrace-analyze: 75% of 2000.0 kB read, 4,096 records, 2 s", screen(printed()));
        assertFalse(printed().contains("\n"), "rewritten in place, never a new line");
        p.close();
        assertTrue(printed().endsWith("\r"), printed());
        assertEquals("", screen(printed()).strip(), "erased at the end");
    }

    @Test
    void aShorterLineCoversTheLongerOneBeforeIt() {
        ProgressLine p = new ProgressLine(err, 0, () -> now, true);
        readAt(p, 60_000_000_000L, 12_345_678);
        String first = screen(printed());
        readAt(p, 61_000_000_000L, 9_000);
        String second = screen(printed());
        assertEquals(first.length(), second.length());
        assertEquals("jtrace-analyze: 9000 B read, 2,048 records, 61 s", second.strip());
    }

    @Test
    void nothingWhenNotATerminal() {
        ProgressLine p = new ProgressLine(err, 2_000_000, () -> now, false);
        for (long t = 0; t < 10_000_000_000L; t += 100_000_000L) {
            readAt(p, t, 1_000);
        }
        p.close();
        assertEquals("", printed());
    }

    @Test
    void closedBeforeItWasDrawnPrintsNothing() {
        ProgressLine p = new ProgressLine(err, 2_000_000, () -> now, true);
        readAt(p, 1_000_000_000L, 1_000);
        p.close();
        assertEquals("", printed());
    }

    @Test
    void theLauncherDecidesThroughProperties() {
        String oldErr = System.getProperty("jtrace.stderr.tty");
        String oldOut = System.getProperty("jtrace.stdout.tty");
        try {
            System.clearProperty("jtrace.stderr.tty");
            System.clearProperty("jtrace.stdout.tty");
            assertFalse(ProgressLine.start(err, 1, false).enabled(), "stderr not a terminal");
            System.setProperty("jtrace.stderr.tty", "true");
            assertTrue(ProgressLine.start(err, 1, false).enabled());
            assertTrue(ProgressLine.start(err, 1, true).enabled(), "stdout to a file or pipe");
            System.setProperty("jtrace.stdout.tty", "true");
            assertTrue(ProgressLine.start(err, 1, false).enabled(), "the view prints at the end");
            assertFalse(ProgressLine.start(err, 1, true).enabled(), "the view's lines go to the same terminal");
        } finally {
            restore("jtrace.stderr.tty", oldErr);
            restore("jtrace.stdout.tty", oldOut);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void format() {
        assertEquals("jtrace-analyze: 42% of 12.5 GB read, 1,234,567 records, 35 s",
                ProgressLine.format(5_250_000_000L, 12_500_000_000L, 1_234_567, 35_900_000_000L));
        assertEquals("jtrace-analyze: 100% of 5000 B read, 3 records, 0 s", ProgressLine.format(5_001, 5_000, 3, 1));
    }
}
