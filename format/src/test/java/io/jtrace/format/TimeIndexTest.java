package io.jtrace.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Frames of format 1.5 carry their time range; a reader given a window skips the others unread. */
class TimeIndexTest {
    private static final int EVENTS = 3000;
    private static final int PER_FRAME = 50;

    record Read(List<TraceEvent> events, IOException error, long skipped, long decompressed) {
    }

    private static Read read(InputStream in, long since, long until) {
        List<TraceEvent> events = new ArrayList<>();
        TraceReader r = null;
        try {
            r = new TraceReader(in);
            r.skipFramesOutside(since, until);
            while (r.hasNext()) {
                events.add(r.next());
            }
            return new Read(events, null, r.framesSkipped(), r.framesDecompressed());
        } catch (IOException e) {
            return new Read(events, e, r == null ? 0 : r.framesSkipped(), r == null ? 0 : r.framesDecompressed());
        } finally {
            try {
                if (r != null) {
                    r.close();
                }
            } catch (IOException e) {
                // nothing to release
            }
        }
    }

    private static List<Object> within(List<TraceEvent> events, long since, long until) {
        return TraceFiles.comparable(events.stream().filter(e -> e.timeNs() >= since && e.timeNs() <= until).toList());
    }

    /** Random records, then a trailer. */
    private static List<TraceEvent> events() {
        RandomRecords gen = new RandomRecords(7);
        List<TraceEvent> events = new ArrayList<>(gen.events(EVENTS));
        events.add(new TraceEvent(io.jtrace.format.proto.Record.newBuilder().setTrailer(gen.trailer(events)).build(),
                gen.time() + 1000, 0));
        return events;
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void framesOutsideTheWindowAreNotDecompressed(Codec codec) throws IOException {
        List<TraceEvent> events = events();
        byte[] file = TraceFiles.write(codec, RandomRecords.header(), events, PER_FRAME);
        long since = events.get(2000).timeNs();
        long until = events.get(2200).timeNs();
        Read all = read(new ByteArrayInputStream(file), Long.MIN_VALUE, Long.MAX_VALUE);
        Read window = read(new ByteArrayInputStream(file), since, until);
        assertNull(window.error());
        assertEquals(0, all.skipped());
        long frames = all.decompressed();
        assertTrue(frames > EVENTS / PER_FRAME, "frames: " + frames);
        // the header frame, the frames that reach into the window and those with a loss or the trailer
        assertEquals(1 + mustRead(events, since, until), window.decompressed());
        assertTrue(window.skipped() > 0, window.skipped() + " of " + frames + " frames skipped");
        assertEquals(frames, window.decompressed() + window.skipped());
        assertEquals(within(all.events(), since, until), within(window.events(), since, until));
        assertTrue(window.events().get(window.events().size() - 1).record().hasTrailer(), "the trailer is read");
    }

    /** Frames of PER_FRAME events (as TraceFiles.write flushes them) that a reader must decompress for the window. */
    private static long mustRead(List<TraceEvent> events, long since, long until) {
        long n = 0;
        for (int i = 0; i < events.size(); i += PER_FRAME) {
            List<TraceEvent> frame = events.subList(i, Math.min(events.size(), i + PER_FRAME));
            long first = frame.stream().mapToLong(TraceEvent::timeNs).min().getAsLong();
            long last = frame.stream().mapToLong(TraceEvent::timeNs).max().getAsLong();
            boolean kept = frame.stream().anyMatch(e -> e.record().hasLoss() || e.record().hasTrailer()
                    || e.record().hasTaskStart() || e.record().hasExit() || e.record().hasExec()
                    || e.record().hasTaskName() || e.record().hasTaskPids());
            if (kept || last >= since && first <= until) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aPipeIsSkippedByReadingWithoutDecompressing() throws IOException {
        List<TraceEvent> events = events();
        byte[] file = TraceFiles.write(Codec.ZSTD, RandomRecords.header(), events, PER_FRAME);
        long since = events.get(1000).timeNs();
        long until = events.get(1100).timeNs();
        // FileInputStream.skip on a pipe fails (lseek): the reader then reads the bytes it skips
        InputStream pipe = new FilterInputStream(new ByteArrayInputStream(file)) {
            @Override
            public long skip(long n) throws IOException {
                throw new IOException("Illegal seek");
            }
        };
        Read window = read(pipe, since, until);
        assertNull(window.error());
        assertTrue(window.skipped() > 0);
        assertEquals(within(events, since, until), within(window.events(), since, until));
    }

    @Test
    void aKilledRecordingWithoutTrailerStillSkips() throws IOException {
        List<TraceEvent> events = events();
        byte[] whole = TraceFiles.write(Codec.ZSTD, RandomRecords.header(), events, PER_FRAME);
        // cut inside the last frame, as a SIGKILL leaves a file: no trailer
        byte[] cut = Arrays.copyOf(whole, whole.length - 40);
        long since = events.get(500).timeNs();
        long until = events.get(700).timeNs();
        Read all = read(new ByteArrayInputStream(cut), Long.MIN_VALUE, Long.MAX_VALUE);
        Read window = read(new ByteArrayInputStream(cut), since, until);
        assertInstanceOf(TruncatedTraceException.class, all.error());
        assertInstanceOf(TruncatedTraceException.class, window.error());
        assertEquals(all.error().getMessage(), window.error().getMessage());
        assertTrue(window.skipped() > 0, window.skipped() + " skipped");
        assertEquals(within(all.events(), since, until), within(window.events(), since, until));
    }

    @Test
    void aSkippedFrameCutShortIsATruncation() throws IOException {
        List<TraceEvent> events = events();
        byte[] whole = TraceFiles.write(Codec.ZSTD, RandomRecords.header(), events, PER_FRAME);
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        Read window = read(new ByteArrayInputStream(cut), 0, 1);
        TruncatedTraceException e = assertInstanceOf(TruncatedTraceException.class, window.error());
        assertTrue(e.midFrame(), e.getMessage());
    }

    @Test
    void olderGoldenTracesReadUnchangedWithAWindow() throws IOException {
        for (String name : List.of("format-1.0-zstd.jtr", "format-1.4-zstd.jtr", "format-1.4-gzip.jtr", "format-1.4-killed.jtr")) {
            byte[] file = Files.readAllBytes(GoldenTracesTest.goldenDir().resolve(name));
            Read all = read(new ByteArrayInputStream(file), Long.MIN_VALUE, Long.MAX_VALUE);
            Read window = read(new ByteArrayInputStream(file), 1, 2);
            assertEquals(0, window.skipped(), name + ": no index, nothing skipped");
            assertEquals(TraceFiles.comparable(all.events()), TraceFiles.comparable(window.events()), name);
        }
    }

    @Test
    void theGoldenTraceOfThisVersionIsIndexed() throws IOException {
        byte[] file = Files.readAllBytes(GoldenTracesTest.goldenDir().resolve("format-1.5-zstd.jtr"));
        // the header frame as 1.4 wrote it: a skippable frame of 16 bytes, tag JTRF
        assertEquals(List.of(0x5a, 0x2a, 0x4d, 0x18, 16, 0, 0, 0, (int) 'J', (int) 'T', (int) 'R', (int) 'F'),
                java.util.stream.IntStream.range(0, 12).mapToObj(i -> file[i] & 0xff).toList());
        // the next frame: the same 16-byte metadata, then a zstd frame of one raw block holding its index
        int next = 24 + (file[12] & 0xff | (file[13] & 0xff) << 8 | (file[14] & 0xff) << 16);
        assertEquals(List.of(0x5a, 0x2a, 0x4d, 0x18, 16, 0, 0, 0, (int) 'J', (int) 'T', (int) 'R', (int) 'F'),
                java.util.stream.IntStream.range(next, next + 12).mapToObj(i -> file[i] & 0xff).toList());
        assertEquals(List.of(0x28, 0xb5, 0x2f, 0xfd, 0x20),
                java.util.stream.IntStream.range(next + 24, next + 29).mapToObj(i -> file[i] & 0xff).toList());
        // its random frames all hold task records, which are never skipped
        Read all = read(new ByteArrayInputStream(file), Long.MIN_VALUE, Long.MAX_VALUE);
        Read window = read(new ByteArrayInputStream(file), 0, 1);
        assertNull(window.error());
        assertEquals(TraceFiles.comparable(all.events()), TraceFiles.comparable(window.events()));
    }
}
