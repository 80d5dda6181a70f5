package io.jtrace.format;

import static io.jtrace.format.HostileFrames.bigWrite;
import static io.jtrace.format.HostileFrames.concat;
import static io.jtrace.format.HostileFrames.headerFrame;
import static io.jtrace.format.HostileFrames.messages;
import static io.jtrace.format.HostileFrames.trailer;
import static io.jtrace.format.HostileFrames.zstdFrame;
import static io.jtrace.format.HostileFrames.zstdPrefixed;
import static io.jtrace.format.HostileFrames.zstdZeros;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.internal.FrameReader;
import io.jtrace.format.internal.RecordDecoder;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Syscall;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A reader's memory is bounded by the format's limits, never by what a file claims: frames that
 * claim more than the file holds, that decompress to more than they claim, and records written
 * before the record limit was lowered (read cut). The analyzer's MemoryLimitTest runs the same
 * files in a 64 MiB heap.
 */
class ReaderMemoryTest {
    private static final int MB = 1_000_000;
    private static final int MIB = 1 << 20;

    /** Bytes the current thread allocates while {@code work} runs. */
    private static long allocated(ThrowingRunnable work) throws Exception {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        work.run();
        return mx.getCurrentThreadAllocatedBytes() - before;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Every record of a file decoded on this thread (no decode-ahead thread), and the error that ended it. */
    private static TraceFiles.Result decode(byte[] file) {
        List<TraceEvent> events = new ArrayList<>();
        try (FrameReader frames = FrameReader.open(new ByteArrayInputStream(file))) {
            RecordDecoder decoder = new RecordDecoder(frames);
            decoder.header();
            while (true) {
                RecordDecoder.Batch b = decoder.next();
                events.addAll(b.events());
                if (b.error() != null) {
                    return new TraceFiles.Result(events, (IOException) b.error());
                }
                if (b.last()) {
                    return new TraceFiles.Result(events, null);
                }
            }
        } catch (IOException e) {
            return new TraceFiles.Result(events, e);
        }
    }

    @Test
    void limitsFitEachOther() {
        // a writer's largest frame: its frame size less one byte, then a record and its length
        assertTrue(TraceWriter.MAX_FRAME_BYTES - 1 + 5 + TraceWriter.MAX_RECORD_BYTES <= FrameReader.IN_MEMORY_FRAME_BYTES);
        assertTrue(FrameReader.IN_MEMORY_FRAME_BYTES <= io.jtrace.format.internal.FrameMeta.MAX_FRAME_BYTES);
        assertEquals(4 * MIB, TraceWriter.MAX_RECORD_BYTES);
    }

    @Test
    void aFrameClaimingSixtyMegabytesCutShortIsTruncationWithoutAllocatingThem() throws Exception {
        byte[] header = headerFrame();
        byte[] claim = zstdPrefixed(new byte[1000], 60 * MB, 60 * MB);
        byte[] file = concat(header, Arrays.copyOf(claim, 1024));
        long bytes = allocated(() -> {
            TraceFiles.Result r = decode(file);
            assertInstanceOf(TruncatedTraceException.class, r.error());
            assertEquals("truncated in frame 1 at byte " + header.length + " (file ends at byte " + file.length + ")",
                    r.error().getMessage());
            assertTrue(((TruncatedTraceException) r.error()).midFrame());
        });
        assertTrue(bytes < 4 * MIB, bytes + " bytes allocated");
        // the same as the header frame: the reader's constructor says so
        IOException e = assertThrows(TruncatedTraceException.class,
                () -> new TraceReader(new ByteArrayInputStream(Arrays.copyOf(claim, 1024))));
        assertEquals("truncated in frame 0 at byte 0 (file ends at byte 1024)", e.getMessage());
    }

    @Test
    void aSmallFrameThatDecompressesToSixtyMegabytesStopsAtWhatItClaims() throws Exception {
        byte[] bomb = zstdZeros(60 * MB, 2048);
        assertTrue(bomb.length < 8192, bomb.length + " bytes");
        byte[] file = concat(headerFrame(), bomb);
        long bytes = allocated(() -> {
            TraceFiles.Result r = decode(file);
            assertInstanceOf(CorruptTraceException.class, r.error());
            assertTrue(r.error().getMessage().matches("frame 1 at byte \\d+ decompresses to more than its 2048 bytes"),
                    r.error().getMessage());
        });
        assertTrue(bytes < 4 * MIB, bytes + " bytes allocated");
    }

    @Test
    void aSmallFrameThatHonestlyClaimsSixtyMegabytesIsStreamed() throws Exception {
        // one write of 60 MB of one byte value, in a frame of a few KB
        byte[] raw = messages(bigWrite(1, 60 * MB), trailer());
        byte[] frame = zstdFrame(raw, raw.length);
        assertTrue(frame.length < 8192, frame.length + " bytes");
        byte[] file = concat(headerFrame(), frame);
        long bytes = allocated(() -> {
            TraceFiles.Result r = decode(file);
            assertNull(r.error());
            assertEquals(2, r.events().size());
            Buffer b = r.events().get(0).record().getSyscall().getBuffers(0);
            assertEquals(60 * MB, b.getLength());
            assertCut(b.getData().size());
        });
        // the cut record's copies, not the 60 MB
        assertTrue(bytes < 32 * MIB, bytes + " bytes allocated");
    }

    @Test
    void aFrameOfZerosIsCorruptNotSixtyMillionEmptyRecords() throws Exception {
        byte[] header = headerFrame();
        long bytes = allocated(() -> {
            TraceFiles.Result r = decode(concat(header, zstdZeros(60 * MB, 60 * MB)));
            assertInstanceOf(CorruptTraceException.class, r.error());
            assertEquals("empty record in frame 1 at byte " + header.length, r.error().getMessage());
        });
        assertTrue(bytes < 4 * MIB, bytes + " bytes allocated");
    }

    /** A buffer cut to what a record over the limit may keep: the limit less 64 KiB, less the record's other fields. */
    private static void assertCut(int size) {
        assertTrue(size <= 4 * MIB - (64 << 10) && size > 4 * MIB - (65 << 10), size + " bytes kept");
    }

    @Test
    void lengthsOverTheLimitsAreCorruption() throws Exception {
        byte[] header = headerFrame();
        TraceFiles.Result frame = decode(concat(header, zstdPrefixed(new byte[10], 10, 100 * MB)));
        assertEquals("frame 1 at byte " + header.length + " claims 100000000 bytes, over the 64 MiB frame limit",
                frame.error().getMessage());
        // a record over the limit that is not captured data cannot be cut to fit
        Record huge = Record.newBuilder().setTimeDelta(1).setSyscall(Syscall.newBuilder().setNr(2)
                .addBuffers(Buffer.newBuilder().setArg(0).setError(0)
                        .setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
                                .addField(99, com.google.protobuf.UnknownFieldSet.Field.newBuilder()
                                        .addLengthDelimited(com.google.protobuf.ByteString.copyFrom(new byte[5 * MIB]))
                                        .build()).build()))).build();
        byte[] raw = messages(huge);
        TraceFiles.Result record = decode(concat(header, zstdFrame(raw, raw.length)));
        assertInstanceOf(CorruptTraceException.class, record.error());
        assertTrue(record.error().getMessage().startsWith("invalid record (a field of 5242880 bytes that is not captured"
                + " data, in a record over the limit) in frame 1 at byte " + header.length), record.error().getMessage());
    }

    @Test
    void aWriterRefusesRecordsOverTheLimit() throws IOException {
        TraceWriter w = new TraceWriter(new java.io.ByteArrayOutputStream(), Codec.ZSTD, RandomRecords.header());
        Syscall big = bigWrite(0, 4 * MIB).getSyscall();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.write(1, big));
        assertTrue(e.getMessage().endsWith("exceeds the 4 MiB record limit"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TraceWriter(new java.io.ByteArrayOutputStream(),
                Codec.ZSTD, 1, TraceWriter.MAX_FRAME_BYTES + 1, RandomRecords.header()));
    }

    /** Records over the limit, in a frame held whole and in one streamed, come back with their data cut. */
    @Test
    void oldRecordsOverTheLimitAreReadWithTheirBuffersCut() throws Exception {
        Record small = bigWrite(5, 100);
        Record twoBig = bigWrite(7, 3 * MIB, 3 * MIB);      // 6 MiB: a frame held whole
        Record huge = bigWrite(9, 31 * MIB);                // as -s 0 kept before: a streamed frame
        byte[] held = messages(small, twoBig, small);
        byte[] streamed = messages(huge, small, trailer());
        byte[] file = concat(headerFrame(), zstdFrame(held, held.length), zstdFrame(streamed, streamed.length));
        try (TraceReader r = new TraceReader(new ByteArrayInputStream(file))) {
            List<TraceEvent> events = new ArrayList<>();
            while (r.hasNext()) {
                events.add(r.next());
            }
            assertEquals(6, events.size());
            assertEquals(2, r.cutRecords());
            assertEquals(small.getSyscall(), events.get(0).record().getSyscall());
            assertEquals(5, events.get(0).timeNs());
            assertEquals(12, events.get(1).timeNs(), "time deltas survive the cut");
            assertEquals(9, events.get(3).timeNs());
            Syscall two = events.get(1).record().getSyscall();
            assertEquals(twoBig.getSyscall().toBuilder().clearBuffers().build(), two.toBuilder().clearBuffers().build());
            assertEquals(3 * MIB, two.getBuffers(0).getData().size(), "the first buffer fits whole");
            int second = two.getBuffers(1).getData().size();
            assertTrue(second <= MIB - (64 << 10) && second > MIB - (65 << 10), second + ": the second is cut");
            for (Buffer b : two.getBuffersList()) {
                assertEquals(3 * MIB, b.getLength(), "the length the call moved is kept");
            }
            assertEquals('b', two.getBuffers(1).getData().byteAt(0));
            Buffer cut = events.get(3).record().getSyscall().getBuffers(0);
            assertEquals(31 * MIB, cut.getLength());
            assertCut(cut.getData().size());
            assertEquals(small.getSyscall(), events.get(4).record().getSyscall());
            assertTrue(events.get(5).record().hasTrailer());
        }
    }

    @Test
    void aStreamedFrameStillChecksItsBytes() throws Exception {
        byte[] raw = messages(bigWrite(1, 12 * MIB), trailer());
        byte[] frame = zstdFrame(raw, raw.length);
        byte[] header = headerFrame();
        // a flipped stored byte: the checksum (or the decompressor) says so, naming the frame
        byte[] flipped = concat(header, frame);
        flipped[header.length + 24 + frame.length / 2 - 12] ^= 0x40;
        TraceFiles.Result r = TraceFiles.read(flipped);
        assertInstanceOf(CorruptTraceException.class, r.error());
        assertTrue(r.error().getMessage().contains("in frame 1 at byte " + header.length)
                || r.error().getMessage().startsWith("frame 1 at byte " + header.length), r.error().getMessage());
        // cut short: truncated, as any frame
        TraceFiles.Result cut = TraceFiles.read(Arrays.copyOf(concat(header, frame), header.length + frame.length - 5));
        assertInstanceOf(TruncatedTraceException.class, cut.error());
        assertTrue(cut.error().getMessage().startsWith("truncated in frame 1 at byte " + header.length), cut.error().getMessage());
    }

    /** A real recording by the recorder before the limit was lowered: dd writing 100 MB three times with -s 0. */
    @Test
    void aRecordingWithThirtyOneMebibyteRecordsReads() throws IOException {
        Path old = GoldenTracesTest.goldenDir().resolveSibling("traces").resolve("s0-100mb-writes-1.1.jtr");
        try (TraceReader r = TraceReader.open(old)) {
            Header h = r.header();
            assertEquals(0, h.getOptions().getSnaplen());
            long big = 0;
            while (r.hasNext()) {
                for (Buffer b : r.next().record().getSyscall().getBuffersList()) {
                    if (b.getLength() == 100 << 20) {
                        assertCut(b.getData().size());
                        big++;
                    }
                }
            }
            assertEquals(6, big, "three reads and three writes of 100 MiB");
            assertEquals(6, r.cutRecords());
            assertTrue(r.trailer().isPresent());
        }
    }
}
