package io.jtrace.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Syscall;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TraceDamageTest {

    /** A small file of several frames, and the offsets at which each frame ends. */
    private record Sample(byte[] file, List<TraceEvent> events, List<Integer> frameEnds, List<Integer> recordsBefore) {
    }

    private static Sample sample(Codec codec) throws IOException {
        RandomRecords gen = new RandomRecords(11);
        List<TraceEvent> events = gen.events(24);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> ends = new ArrayList<>();
        List<Integer> before = new ArrayList<>();
        try (TraceWriter w = new TraceWriter(out, codec, RandomRecords.header())) {
            ends.add(out.size()); // the header frame
            before.add(0);
            for (int i = 0; i < events.size(); i++) {
                w.write(events.get(i));
                if (i % 6 == 5) {
                    w.flush();
                    ends.add(out.size());
                    before.add(i + 1);
                }
            }
            w.writeTrailer(gen.time(), gen.trailer(events));
        }
        ends.add(out.size());
        before.add(events.size() + 1);
        return new Sample(out.toByteArray(), events, ends, before);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void cutAtEveryByteYieldsTheCompleteFramesThenATruncationSignal(Codec codec) throws IOException {
        Sample s = sample(codec);
        for (int cut = 0; cut < s.file().length; cut++) {
            TraceFiles.Result r = TraceFiles.read(Arrays.copyOf(s.file(), cut));
            int complete = 0;
            int frames = 0;
            for (int f = 0; f < s.frameEnds().size(); f++) {
                if (s.frameEnds().get(f) <= cut) {
                    complete = s.recordsBefore().get(f);
                    frames = f + 1;
                }
            }
            String where = codec + " cut at " + cut;
            assertNotNull(r.error(), where);
            if (cut == 0) {
                assertInstanceOf(CorruptTraceException.class, r.error(), where);
                assertTrue(r.error().getMessage().contains("empty"), where);
                continue;
            }
            assertInstanceOf(TruncatedTraceException.class, r.error(), where + ": " + r.error());
            assertEquals(complete, r.events().size(), where);
            assertEquals(TraceFiles.comparable(s.events().subList(0, Math.min(complete, s.events().size()))),
                    TraceFiles.comparable(r.events().subList(0, Math.min(complete, s.events().size()))), where);
            if (frames > 0) {
                TraceException t = (TraceException) r.error();
                boolean atBoundary = s.frameEnds().contains(cut);
                assertEquals(!atBoundary, ((TruncatedTraceException) t).midFrame(), where);
                assertTrue(t.getMessage().contains("frame " + (atBoundary ? frames - 1 : frames)), where + ": " + t.getMessage());
            }
        }
        assertEquals(null, TraceFiles.read(s.file()).error());
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void randomBitFlipsNeverEscapeAsAnythingButATraceException(Codec codec) throws IOException {
        Sample s = sample(codec);
        SplittableRandom random = new SplittableRandom(99);
        int detected = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] damaged = s.file().clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                int at = random.nextInt(damaged.length);
                damaged[at] ^= (byte) (1 << random.nextInt(8));
            }
            TraceFiles.Result r = TraceFiles.read(damaged);
            if (r.error() != null) {
                assertInstanceOf(TraceException.class, r.error(), "flip " + i);
                detected++;
            }
        }
        // Every byte of a frame is covered by a CRC; only flips in ignored gzip header bytes pass.
        assertTrue(detected > 2700, "only " + detected + " of 3000 damaged files were reported");
    }

    @Test
    void emptyFile() {
        IOException e = assertThrows(CorruptTraceException.class, () -> new TraceReader(new ByteArrayInputStream(new byte[0])));
        assertEquals("empty file, not a jtrace trace", e.getMessage());
    }

    @Test
    void wrongMagic() {
        IOException e = assertThrows(CorruptTraceException.class,
                () -> new TraceReader(new ByteArrayInputStream("GET / HTTP/1.1\r\n\r\n".getBytes())));
        assertTrue(e.getMessage().startsWith("not a jtrace trace (unknown magic 47455420"), e.getMessage());
    }

    @Test
    void anotherCompressedFileIsNamed() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write("hello".getBytes());
        }
        IOException e = assertThrows(CorruptTraceException.class, () -> new TraceReader(new ByteArrayInputStream(out.toByteArray())));
        assertEquals("not a jtrace trace (gzip data without jtrace frame header)", e.getMessage());
    }

    @Test
    void aValidFrameWithoutHeaderIsNotATrace() throws IOException {
        byte[] file = TraceFiles.write(Codec.NONE, RandomRecords.header(), List.of(), 0);
        // Replace the header record by a syscall record of the same frame layout.
        byte[] body = Record.newBuilder().setSyscall(Syscall.newBuilder().setNr(1)).build().toByteArray();
        byte[] frame = plainFrame(withLength(body));
        IOException e = assertThrows(CorruptTraceException.class, () -> new TraceReader(new ByteArrayInputStream(frame)));
        assertEquals("not a jtrace trace (no header in frame 0)", e.getMessage());
        assertTrue(file.length > 0);
    }

    @Test
    void newerMajorVersionIsRefusedNamingBothVersions() throws IOException {
        byte[] file = TraceFiles.write(Codec.ZSTD, TraceRoundTripTest.headerWithVersion(2, 3), List.of(), 0);
        IOException e = assertThrows(UnsupportedVersionException.class, () -> new TraceReader(new ByteArrayInputStream(file)));
        assertEquals("trace format 2.3 is newer than this reader's " + FormatVersion.current()
                + "; upgrade jtrace to read it", e.getMessage());
    }

    @Test
    void newerMinorVersionIsReadIgnoringUnknownFieldsAndKinds() throws IOException {
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        Record header = Record.newBuilder().setHeader(TraceRoundTripTest.headerWithVersion(FormatVersion.MAJOR,
                FormatVersion.MINOR + 5)).build();
        header.writeDelimitedTo(messages);
        // A syscall carrying an unknown field 99, then a record of unknown kind 20, then a known one.
        byte[] unknownField = concat(Record.newBuilder().setTimeDelta(5).setSyscall(Syscall.newBuilder().setNr(44)).build()
                .toByteArray(), new byte[] {(byte) 0x98, 0x06, 0x07});
        writeDelimited(messages, unknownField);
        writeDelimited(messages, new byte[] {0x08, 0x02, (byte) 0xa2, 0x01, 0x02, 0x08, 0x01});
        Record.newBuilder().setTimeDelta(1).setTrailer(io.jtrace.format.proto.Trailer.newBuilder().setSyscalls(1))
                .build().writeDelimitedTo(messages);
        TraceFiles.Result r = TraceFiles.read(plainFrame(messages.toByteArray()));
        assertEquals(null, r.error());
        assertEquals(2, r.events().size());
        assertEquals(44, r.events().get(0).record().getSyscall().getNr());
        assertEquals(44, r.events().get(0).syscall().getNr());
        // the generated parser read it, and its message, unknown field and all, is what a copy writes
        assertArrayEquals(unknownField, r.events().get(0).record().toByteArray());
        assertEquals(5, r.events().get(0).timeNs());
        assertEquals(7, r.events().get(1).timeNs()); // the skipped record's delta (zigzag 2 = 1) still counts
    }

    @Test
    void hugeLengthPrefixIsRefusedWithoutAllocating() {
        // A plain frame claiming 4 GiB - 1 of stored data, then a record claiming 4 GiB.
        byte[] frame = new byte[16 + 8];
        ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putInt(0x4652544a).putInt(-1).putInt(-1).putInt(0);
        IOException e = assertThrows(CorruptTraceException.class, () -> new TraceReader(new ByteArrayInputStream(frame)));
        assertEquals("frame 0 at byte 0 claims 4294967295 bytes, over the 64 MiB frame limit", e.getMessage());

        byte[] record = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0x0a};
        IOException e2 = assertThrows(CorruptTraceException.class,
                () -> new TraceReader(new ByteArrayInputStream(plainFrame(record))));
        assertEquals("record of 4294967295 bytes runs past the end of the frame in frame 0 at byte 0", e2.getMessage());
    }

    @Test
    void dataAfterTheTrailerIsCorruption() throws IOException {
        RandomRecords gen = new RandomRecords(5);
        List<TraceEvent> events = gen.events(3);
        byte[] clean = TraceFiles.write(Codec.ZSTD, RandomRecords.header(), events, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceWriter w = new TraceWriter(out, Codec.ZSTD, RandomRecords.header())) {
            w.writeTrailer(1, gen.trailer(List.of()));
        }
        byte[] trailerFirst = out.toByteArray();
        byte[] extra = TraceFiles.write(Codec.ZSTD, RandomRecords.header(), events, 0);
        TraceFiles.Result r = TraceFiles.read(concat(trailerFirst, Arrays.copyOfRange(extra, frameEnd(extra), extra.length)));
        assertInstanceOf(CorruptTraceException.class, r.error());
        assertTrue(r.error().getMessage().startsWith("data after the trailer in frame 2"), r.error().getMessage());
        assertTrue(clean.length > 0);
    }

    /** End of the first (header) frame of a zstd file: skippable frame + its stored length. */
    private static int frameEnd(byte[] zstdFile) {
        ByteBuffer b = ByteBuffer.wrap(zstdFile).order(ByteOrder.LITTLE_ENDIAN);
        return 24 + b.getInt(12);
    }

    private static byte[] plainFrame(byte[] messages) {
        CRC32C crc = new CRC32C();
        crc.update(messages);
        ByteBuffer b = ByteBuffer.allocate(16 + messages.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x4652544a).putInt(messages.length).putInt(messages.length).putInt((int) crc.getValue()).put(messages);
        return b.array();
    }

    private static byte[] withLength(byte[] message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeDelimited(out, message);
        return out.toByteArray();
    }

    private static void writeDelimited(ByteArrayOutputStream out, byte[] message) throws IOException {
        com.google.protobuf.CodedOutputStream c = com.google.protobuf.CodedOutputStream.newInstance(out);
        c.writeUInt32NoTag(message.length);
        c.flush();
        out.write(message);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
