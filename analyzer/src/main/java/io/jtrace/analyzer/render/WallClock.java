package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import java.time.Instant;

/**
 * Wall times as {@link Instant#toString()} writes them, for a record per line: the date and time
 * of day are formatted once per second, the fraction by hand (3, 6 or 9 digits, as ISO_INSTANT).
 */
final class WallClock {
    private long second = Long.MIN_VALUE;
    private String prefix;

    /** Appends the instant {@code ns} nanoseconds after the epoch. */
    LineBuffer append(LineBuffer out, long ns) {
        long sec = Math.floorDiv(ns, 1_000_000_000L);
        int nano = (int) Math.floorMod(ns, 1_000_000_000L);
        if (sec != second) {
            String s = Instant.ofEpochSecond(sec).toString();
            prefix = s.substring(0, s.length() - 1);   // without the 'Z'
            second = sec;
        }
        out.append(prefix);
        if (nano != 0) {
            out.append('.');
            if (nano % 1_000_000 == 0) {
                digits(out, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                digits(out, nano / 1000, 6);
            } else {
                digits(out, nano, 9);
            }
        }
        return out.append('Z');
    }

    private static void digits(LineBuffer out, int v, int width) {
        out.appendPadded(v, width, '0');
    }
}
