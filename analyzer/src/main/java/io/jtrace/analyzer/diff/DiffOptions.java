package io.jtrace.analyzer.diff;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** What the diff compares and how: the options of {@code jtrace-analyze diff}, checked by the command. */
public final class DiffOptions {
    /** What a line stands for. */
    public enum Level {
        /** A syscall, signal or exit, as the default view prints it. */
        SYSCALL,
        /** An HTTP exchange with its headers and bodies. */
        HTTP,
        /** A connection's or fd's totals. */
        FDS;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How lines are ordered before the comparison. */
    public enum Order {
        /** Per thread (syscall level) or per connection (http, fds), groups in an order no scheduler decides. */
        GROUP,
        /** As recorded: the interleaving of threads is compared too. */
        TIME
    }

    /** Parts of a line that can be left out of the comparison with --ignore-field. */
    public enum Field {
        /** Captured bytes: read/write-family strings, HTTP bodies. */
        DATA,
        /** Byte counts: the numbers of read/write-family calls, HTTP body sizes, fds byte totals. */
        SIZE,
        /** HTTP headers (all of them; --ignore-header names single ones). */
        HEADERS
    }

    /** Headers whose values change from run to run on their own: dates, caches, cookies, request ids. */
    public static final Set<String> VOLATILE_HEADERS = Set.of("date", "expires", "last-modified", "age", "etag",
            "set-cookie", "cookie", "x-request-id", "traceparent", "tracestate");

    public Level level = Level.SYSCALL;
    public Order order = Order.GROUP;
    public final Set<Field> ignored = java.util.EnumSet.noneOf(Field.class);
    /** Header names in lower case whose values are masked. */
    public final Set<String> ignoredHeaders = new TreeSet<>(VOLATILE_HEADERS);
    /** Ports in this range are the kernel's ephemeral choices: renumbered, not compared. */
    public int ephemeralLow = 32768;
    public int ephemeralHigh = 65535;
    /** Lines held per trace at most: memory is bounded by this times the length of a line. */
    public long maxLines = 2_000_000;
    /** Bytes of each string shown at the syscall level (the default view's -s). */
    public int stringLimit = 32;
    /** Body bytes kept per HTTP message. */
    public int bodyLimit = 65536;

    public boolean ignores(Field f) {
        return ignored.contains(f);
    }

    boolean ephemeral(int port) {
        return port >= ephemeralLow && port <= ephemeralHigh;
    }
}
