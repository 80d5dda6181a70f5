package io.jtrace.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.proto.Record;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reader of format 1.4 reads a 1.5 file record for record: the 1.4 reader's framing rules,
 * kept here as FrameReader and RecordDecoder applied them at 4e959e1 (fixed 16-byte metadata
 * "JTRF" in a fixed prefix, stored bytes handed whole to the codec's decoder, raw length and
 * CRC32C checked, records of a kind it does not know skipped), read what TraceReader reads.
 */
class OldReaderCompatibilityTest {
    /** The 1.4 prefixes byte by byte: -1 varies (the metadata's lengths and CRC, gzip's MTIME, XFL, OS). */
    private static final int[] ZSTD = template(0x5A, 0x2A, 0x4D, 0x18, 16, 0, 0, 0);
    private static final int[] GZIP = template(0x1f, 0x8b, 8, 4, -1, -1, -1, -1, -1, -1, 20, 0, 'J', 'T', 16, 0);
    private static final int[] NONE = template();

    private static int[] template(int... constant) {
        int[] t = Arrays.copyOf(constant, constant.length + 16);
        System.arraycopy(new int[] {'J', 'T', 'R', 'F'}, 0, t, constant.length, 4);
        Arrays.fill(t, constant.length + 4, t.length, -1);
        return t;
    }

    /** Every record a 1.4 reader returns from {@code file}, up to a frame cut short (as its truncation). */
    static List<Object> readAs14(byte[] file) throws IOException {
        int[] template = file[0] == 0x5A ? ZSTD : file[0] == 0x1f ? GZIP : NONE;
        int metaOffset = template.length - 16;
        List<Object> records = new ArrayList<>();
        int pos = 0;
        for (int frame = 0; pos < file.length; frame++) {
            if (pos + template.length > file.length) {
                return records;   // cut in the prefix
            }
            for (int i = 0; i < template.length; i++) {
                assertTrue(template[i] < 0 || (file[pos + i] & 0xff) == template[i],
                        "frame " + frame + ": prefix byte " + i + " is not what a 1.4 reader requires");
            }
            ByteBuffer meta = ByteBuffer.wrap(file, pos + metaOffset + 4, 12).order(ByteOrder.LITTLE_ENDIAN);
            int stored = meta.getInt();
            int rawLength = meta.getInt();
            int crc32c = meta.getInt();
            int at = pos + template.length;
            if (at + stored > file.length) {
                return records;   // cut in the stored bytes: the killed recording's last frame
            }
            CRC32C crc = new CRC32C();
            crc.update(file, at, stored);
            assertEquals(crc32c, (int) crc.getValue(), "frame " + frame + ": CRC32C of the stored bytes");
            InputStream storedBytes = new ByteArrayInputStream(file, at, stored);
            byte[] raw;
            if (template == ZSTD) {
                raw = new ZstdCompressorInputStream(storedBytes).readAllBytes();
            } else if (template == GZIP) {
                raw = new GzipCompressorInputStream(new SequenceInputStream(
                        new ByteArrayInputStream(file, pos, template.length), storedBytes), false).readAllBytes();
            } else {
                raw = storedBytes.readAllBytes();
            }
            assertEquals(rawLength, raw.length, "frame " + frame + ": raw length");
            long time = 0;
            int p = 0;
            while (p < raw.length) {
                com.google.protobuf.CodedInputStream in = com.google.protobuf.CodedInputStream.newInstance(raw, p, raw.length - p);
                int length = in.readRawVarint32();
                p += in.getTotalBytesRead();
                assertTrue(length > 0 && p + length <= raw.length, "frame " + frame + ": record length");
                Record r = Record.parseFrom(ByteBuffer.wrap(raw, p, length));
                p += length;
                time += r.getTimeDelta();
                if (frame == 0 && records.isEmpty()) {
                    assertTrue(r.hasHeader(), "the header first in frame 0");
                    records.add("header");
                    continue;
                }
                // field 10 (frame_index) is not in the 1.4 .proto: its Record has no kind set, and it skips it
                if (r.getKindCase() != Record.KindCase.FRAME_INDEX) {
                    records.add(List.of(time, r.toBuilder().clearTimeDelta().build()));
                }
            }
            pos = at + stored;
        }
        return records;
    }

    private static List<Object> readNow(byte[] file) {
        TraceFiles.Result now = TraceFiles.read(file);
        List<Object> records = new ArrayList<>();
        records.add("header");
        records.addAll(TraceFiles.comparable(now.events()));
        return records;
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void aFileOfThisVersionReadsAsA14ReaderReadsIt(Codec codec) throws IOException {
        RandomRecords gen = new RandomRecords(11);
        List<TraceEvent> events = new ArrayList<>(gen.events(2000));
        events.add(new TraceEvent(Record.newBuilder().setTrailer(gen.trailer(events)).build(), gen.time() + 1000, 0));
        byte[] file = TraceFiles.write(codec, RandomRecords.header(), events, 40);
        assertNull(TraceFiles.read(file).error());
        List<Object> old = readAs14(file);
        assertEquals(2 + 2000, old.size());
        assertEquals(readNow(file), old);
    }

    @ParameterizedTest
    @ValueSource(strings = {"format-1.5-zstd.jtr", "format-1.5-gzip.jtr", "format-1.5-none.jtr", "format-1.5-killed.jtr"})
    void theGoldenTracesOfThisVersionReadAsA14ReaderReadsThem(String name) throws IOException {
        byte[] file = Files.readAllBytes(GoldenTracesTest.goldenDir().resolve(name));
        assertEquals(readNow(file), readAs14(file), name);
    }

    @Test
    void theStandardToolsStillDecompressEveryFrameAsOneStream() throws IOException {
        // zstd -dc and gzip -dc read concatenated frames or members; the index messages are part of the stream
        byte[] zstd = Files.readAllBytes(GoldenTracesTest.goldenDir().resolve("format-1.5-zstd.jtr"));
        byte[] gzip = Files.readAllBytes(GoldenTracesTest.goldenDir().resolve("format-1.5-gzip.jtr"));
        byte[] fromZstd = new ZstdCompressorInputStream(new ByteArrayInputStream(zstd)).readAllBytes();
        byte[] fromGzip = new GzipCompressorInputStream(new ByteArrayInputStream(gzip), true).readAllBytes();
        // the same random records, so the same stream but for the codec's name in the header
        assertEquals(fromZstd.length, fromGzip.length);
        assertTrue(fromZstd.length > 0);
    }
}
