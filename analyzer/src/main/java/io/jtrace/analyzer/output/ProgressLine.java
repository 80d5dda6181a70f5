package io.jtrace.analyzer.output;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A long analysis's progress on stderr: one line, rewritten in place (carriage return) every
 * half second once two seconds have passed, and erased at the end, so nothing of it stays on the
 * screen or reaches a file. Shown only when stderr is a terminal, which the launcher tells with
 * {@code -Djtrace.stderr.tty=true} (Java cannot ask isatty(2)), and not while the same terminal
 * shows the view's output as it is produced ({@code -Djtrace.stdout.tty=true}).
 */
public final class ProgressLine implements AutoCloseable {
    static final long DELAY_NS = 2_000_000_000L;
    static final long INTERVAL_NS = 500_000_000L;
    /** The clock is read once per this many records: reading it per record would cost more than the line. */
    private static final int CHECK_EVERY = 1024;

    private final PrintStream err;
    private final long fileBytes;
    private final LongSupplier clock;
    private final boolean enabled;
    private final long startNs;
    private long nextNs;
    private int drawn;
    private int calls;

    ProgressLine(PrintStream err, long fileBytes, LongSupplier clock, boolean enabled) {
        this.err = err;
        this.fileBytes = fileBytes;
        this.clock = clock;
        this.enabled = enabled;
        this.startNs = enabled ? clock.getAsLong() : 0;
        this.nextNs = startNs + DELAY_NS;
    }

    /**
     * A progress line for reading {@code fileBytes} (0 or less: unknown), on {@code err} when the
     * launcher said it is a terminal; {@code printsWhileReading}: the view writes its output as it
     * reads, so a terminal on stdout too means no line.
     */
    public static ProgressLine start(PrintStream err, long fileBytes, boolean printsWhileReading) {
        boolean enabled = Boolean.getBoolean("jtrace.stderr.tty")
                && !(printsWhileReading && Boolean.getBoolean("jtrace.stdout.tty"));
        return new ProgressLine(err, fileBytes, System::nanoTime, enabled);
    }

    boolean enabled() {
        return enabled;
    }

    /** After each record: {@code bytesRead} of the file consumed so far, {@code records} read. */
    public void update(long bytesRead, long records) {
        if (due()) {
            draw(bytesRead, records);
        }
    }

    /** As {@link #update(long, long)}, asking {@code bytesRead} only when the line is drawn. */
    public void update(LongSupplier bytesRead, long records) {
        if (due()) {
            draw(bytesRead.getAsLong(), records);
        }
    }

    /** Whether the line is to be drawn now: then {@link #nextNs} is half a second after now. */
    private boolean due() {
        if (!enabled || ++calls < CHECK_EVERY) {
            return false;
        }
        calls = 0;
        long now = clock.getAsLong();
        if (now < nextNs) {
            return false;
        }
        nextNs = now + INTERVAL_NS;
        return true;
    }

    private void draw(long bytesRead, long records) {
        long now = nextNs - INTERVAL_NS;
        String line = format(bytesRead, fileBytes, records, now - startNs);
        // pad over a longer previous line
        err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
        err.flush();
        drawn = Math.max(drawn, line.length());
    }

    /** Erases the line, if one was drawn. */
    @Override
    public void close() {
        if (drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            err.flush();
            drawn = 0;
        }
    }

    static String format(long bytesRead, long fileBytes, long records, long elapsedNs) {
        String read = fileBytes > 0
                ? String.format(Locale.ROOT, "%d%% of %s", Math.min(100, bytesRead * 100 / fileBytes), size(fileBytes))
                : size(bytesRead);
        return String.format(Locale.ROOT, "jtrace-analyze: %s read, %,d records, %d s", read, records,
                elapsedNs / 1_000_000_000L);
    }

    static String size(long bytes) {
        if (bytes < 10_000) {
            return bytes + " B";
        }
        return bytes < 10_000_000 ? String.format(Locale.ROOT, "%.1f kB", bytes / 1e3)
                : bytes < 10_000_000_000L ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
                : String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
