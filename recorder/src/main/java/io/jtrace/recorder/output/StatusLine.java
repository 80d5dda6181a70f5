package io.jtrace.recorder.output;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The recorder's status on a terminal: one line rewritten in place every two seconds (syscalls
 * recorded, bytes written, records lost, threads traced, time), drawn by the writer thread from
 * its own counters, never by the tracer. Only when stderr is a terminal (the launcher passes
 * {@code -Djtrace.stderr.tty=true}; Java cannot ask isatty(2)) and without -q.
 */
public final class StatusLine {
    static final long INTERVAL_NS = 2_000_000_000L;

    private final PrintStream err;
    private final long startNs;
    private long nextNs;
    private int drawn;

    StatusLine(PrintStream err, long startNs) {
        this.err = err;
        this.startNs = startNs;
        this.nextNs = startNs + INTERVAL_NS;
    }

    /** A status line on stderr, or null when stderr is not a terminal or {@code quiet}. */
    public static StatusLine forStderr(boolean quiet, long startNs) {
        return !quiet && Boolean.getBoolean("jtrace.stderr.tty") ? new StatusLine(System.err, startNs) : null;
    }

    /** Redraws the line when its interval has passed; {@code totals} are read on the writer thread. */
    void tick(long nowNs, Totals totals, long bytesWritten) {
        if (nowNs < nextNs) {
            return;
        }
        nextNs = nowNs + INTERVAL_NS;
        String line = format(totals.syscalls(), bytesWritten, totals.lostRecords(), totals.threads(), nowNs - startNs);
        err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
        err.flush();
        drawn = Math.max(drawn, line.length());
    }

    /** Erases the line, so the final summary starts on a clean line. */
    public void clear() {
        if (drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            err.flush();
            drawn = 0;
        }
    }

    static String format(long syscalls, long bytesWritten, long lost, long threads, long elapsedNs) {
        return String.format(Locale.ROOT, "jtrace-record: %,d syscalls, %s written, %,d lost, %d thread%s, %d s",
                syscalls, size(bytesWritten), lost, threads, threads == 1 ? "" : "s", elapsedNs / 1_000_000_000L);
    }

    /** A byte count as both status lines print it: B up to 10^4, kB, then MB. */
    public static String size(long bytes) {
        if (bytes < 10_000) {
            return bytes + " B";
        }
        return bytes < 10_000_000 ? String.format(Locale.ROOT, "%.1f kB", bytes / 1e3)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
