package io.jtrace.analyzer.render;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * strace's sprinttime_ex: a time as glibc's strftime("%FT%T") and "%z" print it in the local zone,
 * {@code 2017-04-16T16:05:06.123456789+0000}. The year is glibc's %Y, a plain number: no padding,
 * no '+' after 9999 ({@code 10150477-10-18T...}), a '-' before year 0.
 */
public final class Dates {
    private static final DateTimeFormatter REST = DateTimeFormatter.ofPattern("-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("xx");

    private Dates() {
    }

    /**
     * The date of {@code sec} seconds and {@code part} (of at most {@code maxPart}, printed in
     * {@code width} digits when not zero); null for zero, a part out of range, or a time that
     * java.time cannot place (strace's localtime fails only further out).
     */
    public static String sprinttime(long sec, long part, long maxPart, int width, ZoneId zone) {
        if (sec == 0 && part == 0 || Long.compareUnsigned(part, maxPart) > 0) {
            return null;
        }
        ZonedDateTime t;
        try {
            t = Instant.ofEpochSecond(sec).atZone(zone);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
        StringBuilder s = new StringBuilder(32).append(t.getYear()).append(REST.format(t));
        if (part > 0) {
            String digits = Long.toString(part);
            s.append('.').append("0".repeat(Math.max(0, width - digits.length()))).append(digits);
        }
        return s.append(ZONE.format(t)).toString();
    }
}
