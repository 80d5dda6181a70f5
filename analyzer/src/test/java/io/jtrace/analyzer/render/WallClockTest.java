package io.jtrace.analyzer.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jtrace.analyzer.output.LineBuffer;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WallClockTest {
    @Test
    void writesWhatInstantToStringWrites() {
        WallClock clock = new WallClock();
        SplittableRandom random = new SplittableRandom(3);
        long t = 1_795_000_000_000_000_000L;
        long[] steps = {0, 1, 999, 1000, 1_000_000, 1_000_000_000, 60_000_000_000L};
        for (int i = 0; i < 100_000; i++) {
            long ns = switch (i % 4) {
                case 0 -> t += steps[random.nextInt(steps.length)];
                case 1 -> t - t % 1_000_000 + random.nextInt(3) * 1_000_000L;
                case 2 -> random.nextLong();
                default -> t + random.nextInt(1_000_000);
            };
            assertEquals(Instant.ofEpochSecond(0, ns).toString(), clock.append(new LineBuffer(), ns).toString(),
                    "ns " + ns);
        }
    }
}
