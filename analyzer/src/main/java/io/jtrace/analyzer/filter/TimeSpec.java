package io.jtrace.analyzer.filter;

import io.jtrace.analyzer.error.UsageException;
import io.jtrace.format.proto.Header;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * --since/--until values as nanoseconds into the recording: an offset ("90", "1.5s", "250ms",
 * "20us"), a wall-clock time of day on the recording's day ("03:12:07.5"), or an ISO date-time.
 */
final class TimeSpec {
    private static final Pattern OFFSET = Pattern.compile("\\+?(\\d+(?:\\.\\d+)?)(s|ms|us|ns|m|h)?");

    private TimeSpec() {
    }

    static long parse(String text, Header header, String option) {
        Matcher m = OFFSET.matcher(text);
        if (m.matches()) {
            // decimal arithmetic: "0.740018122" seconds is 740018122 ns, not a double's 740018121.99
            BigDecimal value = new BigDecimal(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            long scale = switch (unit) {
                case "h" -> 3600_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "ms" -> 1_000_000L;
                case "us" -> 1_000L;
                case "ns" -> 1L;
                default -> 1_000_000_000L;
            };
            BigDecimal ns = value.multiply(BigDecimal.valueOf(scale)).setScale(0, RoundingMode.HALF_UP);
            if (ns.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw new UsageException(option + " '" + text + "': too far in the future");
            }
            return ns.longValueExact();
        }
        ZoneId zone = ZoneId.systemDefault();
        Instant start = Instant.ofEpochSecond(0, header.getStartWallNs());
        Instant at;
        try {
            if (text.contains("T") || text.contains(" ") && text.contains("-")) {
                String iso = text.replace(' ', 'T');
                at = iso.matches(".*([Zz]|[+-]\\d\\d:?\\d\\d)$") ? OffsetDateTime.parse(iso).toInstant()
                        : LocalDateTime.parse(iso).atZone(zone).toInstant();
            } else {
                LocalDate day = LocalDate.ofInstant(start, zone);
                at = LocalTime.parse(text).atDate(day).atZone(zone).toInstant();
                if (at.isBefore(start.minusSeconds(12 * 3600))) {
                    at = at.plusSeconds(24 * 3600);   // after midnight of a recording that crossed it
                }
            }
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " '" + text + "': expected seconds (1.5, 200ms), HH:MM:SS or an ISO date-time");
        }
        return (at.getEpochSecond() - start.getEpochSecond()) * 1_000_000_000L + at.getNano() - start.getNano();
    }
}
