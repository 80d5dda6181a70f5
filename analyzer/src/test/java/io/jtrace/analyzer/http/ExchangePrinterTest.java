package io.jtrace.analyzer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExchangePrinterTest {
    @Test
    void jsonTimesAreWhatInstantWrites() {
        ExchangePrinter printer = new ExchangePrinter(0, ZoneOffset.UTC, false, false);
        long second = 1_764_900_000L * 1_000_000_000L;
        long[] times = {0, 1, 999_999_999, 1_000_000_000, -1, -1_000_000_000, -1_500_000_000, second,
            second + 120_000_000, second + 123_000, second + 123_456_789, second + 100, second + 999_000_000,
            second + 999_999_000, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long t : times) {
            assertEquals(Instant.ofEpochSecond(0, t).toString(), printer.instant(t), "at " + t);
        }
        Random random = new Random(15);
        for (int i = 0; i < 10_000; i++) {
            // runs within a second and jumps between seconds, the cached part of the text tested both ways
            long t = second + (i % 100 == 0 ? random.nextLong() % (1L << 50) : random.nextInt(1_000_000_000));
            if (i % 7 == 0) {
                t -= Math.floorMod(t, i % 3 == 0 ? 1_000_000 : 1000);   // whole milliseconds or microseconds
            }
            assertEquals(Instant.ofEpochSecond(0, t).toString(), printer.instant(t), "at " + t);
        }
    }
}
