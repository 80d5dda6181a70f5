package io.jtrace.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.proto.Record;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The reader decodes on a thread of its own: it ends with the reader, and the caller sees no difference. */
class TraceReaderThreadTest {
    private static byte[] manyFrames() throws IOException {
        RandomRecords gen = new RandomRecords(21);
        List<TraceEvent> events = new ArrayList<>(gen.events(20_000));
        events.add(new TraceEvent(Record.newBuilder()
                .setTrailer(gen.trailer(events)).build(), gen.time() + 1, 0));
        return TraceFiles.write(Codec.ZSTD, RandomRecords.header(), events, 100);
    }

    private static Set<Thread> decodingThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("jtrace-decode"))
                .collect(Collectors.toSet());
    }

    @Test
    void closingBeforeTheEndStopsTheDecodingThread() throws Exception {
        byte[] file = manyFrames();
        Set<Thread> before = decodingThreads();
        Thread decoder;
        try (TraceReader r = new TraceReader(new ByteArrayInputStream(file))) {
            for (int i = 0; i < 5; i++) {
                r.next();
            }
            Set<Thread> now = decodingThreads();
            now.removeAll(before);
            assertEquals(1, now.size(), "one decoding thread per reader");
            decoder = now.iterator().next();
            assertTrue(decoder.isDaemon(), "an abandoned reader must not keep the JVM alive");
        }
        decoder.join(5_000);
        assertFalse(decoder.isAlive(), "the decoding thread outlived close()");
    }

    @Test
    void noThreadUntilTheRecordsAreAskedFor() throws Exception {
        byte[] file = manyFrames();
        Set<Thread> before = decodingThreads();
        try (TraceReader r = new TraceReader(new ByteArrayInputStream(file))) {
            assertEquals("testhost", r.header().getHost());
            Set<Thread> now = decodingThreads();
            now.removeAll(before);
            assertEquals(Set.of(), now);
        }
    }

    @Test
    void countersDescribeTheRecordLastReturned() throws IOException {
        byte[] file = manyFrames();
        try (TraceReader r = new TraceReader(new ByteArrayInputStream(file))) {
            long bytes = 0;
            while (r.hasNext()) {
                TraceEvent e = r.next();
                assertEquals(e.frame(), r.frameIndex());
                assertTrue(r.bytesRead() >= bytes);
                bytes = r.bytesRead();
            }
            assertEquals(file.length, r.bytesRead());
        }
    }

    @Test
    void aDamagedRecordIsReportedAgainOnEveryCallAndATruncationOnce() throws IOException {
        byte[] file = manyFrames();
        byte[] cut = Arrays.copyOf(file, file.length / 2);
        try (TraceReader r = new TraceReader(new ByteArrayInputStream(cut))) {
            TruncatedTraceException t = assertThrows(TruncatedTraceException.class, () -> {
                while (r.hasNext()) {
                    r.next();
                }
            });
            assertTrue(t.midFrame());
            assertFalse(r.hasNext());
        }
        byte[] flipped = file.clone();
        flipped[file.length / 2] ^= 0x10;
        try (TraceReader r = new TraceReader(new ByteArrayInputStream(flipped))) {
            IOException first = assertThrows(IOException.class, () -> {
                while (r.hasNext()) {
                    r.next();
                }
            });
            assertInstanceOf(CorruptTraceException.class, first);
            assertSame(first, assertThrows(IOException.class, r::hasNext));
        }
    }

    @Test
    void theNoteFunctionRunsOnTheDecodingThreadAndItsResultTravelsWithEachRecord() throws IOException {
        byte[] file = manyFrames();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (TraceReader r = new TraceReader(new ByteArrayInputStream(file))) {
            r.note(rec -> {
                threads.add(Thread.currentThread().getName());
                return "nr " + rec.getNr();
            });
            int noted = 0;
            while (r.hasNext()) {
                TraceEvent e = r.next();
                assertEquals(e.record().hasSyscall() ? "nr " + e.record().getSyscall().getNr() : null, e.note());
                noted += e.note() != null ? 1 : 0;
            }
            assertTrue(noted > 0);
            assertThrows(IllegalStateException.class, () -> r.note(rec -> null));
        }
        assertEquals(Set.of("jtrace-decode"), threads);
    }
}
