package io.jtrace.analyzer.filter;

import io.jtrace.analyzer.AnalyzeCommand.UsageException;
import io.jtrace.format.proto.Header;
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
            double value = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double ns = switch (unit) {
                case "h" -> value * 3600e9;
                case "m" -> value * 60e9;
                case "ms" -> value * 1e6;
                case "us" -> value * 1e3;
                case "ns" -> value;
                default -> value * 1e9;
            };
            return (long) ns;
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
