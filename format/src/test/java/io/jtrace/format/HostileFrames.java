package io.jtrace.format;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.Trailer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * Frames built by hand, as a damaged or hostile file (or a writer before the record limit was
 * lowered) has them: whatever lengths they claim, whatever they decompress to.
 */
final class HostileFrames {
    static final int TAG = 0x4652544a; // "JTRF"

    private HostileFrames() {
    }

    /** A file's start: the header frame a current writer writes. */
    static byte[] headerFrame() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TraceWriter(out, Codec.ZSTD, RandomRecords.header()).flush();
        return out.toByteArray();
    }

    /** A zstd frame whose metadata claims {@code claimedRaw} raw bytes, holding {@code raw} compressed. */
    static byte[] zstdFrame(byte[] raw, int claimedRaw) throws IOException {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (OutputStream c = new ZstdCompressorOutputStream(z, 1, false, true)) {
            c.write(raw);
        }
        return zstdPrefixed(z.toByteArray(), z.size(), claimedRaw);
    }

    /** A zstd frame of {@code rawLength} zero bytes compressed (a few KB for 60 MB), claiming that length. */
    static byte[] zstdZeros(int rawLength, int claimedRaw) throws IOException {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        try (OutputStream c = new ZstdCompressorOutputStream(z, 1, false, true)) {
            for (int left = rawLength; left > 0; left -= zeros.length) {
                c.write(zeros, 0, Math.min(left, zeros.length));
            }
        }
        return zstdPrefixed(z.toByteArray(), z.size(), claimedRaw);
    }

    /** The zstd codec's prefix (skippable frame with the metadata) then the stored bytes; the checksum is right. */
    static byte[] zstdPrefixed(byte[] stored, int claimedStored, int claimedRaw) {
        CRC32C crc = new CRC32C();
        crc.update(stored);
        ByteBuffer b = ByteBuffer.allocate(24 + stored.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x184D2A5A).putInt(16).putInt(TAG).putInt(claimedStored).putInt(claimedRaw)
                .putInt((int) crc.getValue()).put(stored);
        return b.array();
    }

    /** Records as a frame holds them: each a varint length then the message. */
    static byte[] messages(Record... records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Record r : records) {
            r.writeDelimitedTo(out);
        }
        return out.toByteArray();
    }

    /** A write(2) of {@code sizes.length} iovecs, each captured whole, as a recorder with -s 0 wrote it before the limit. */
    static Record bigWrite(long timeDelta, int... sizes) {
        Syscall.Builder s = Syscall.newBuilder().setTid(3314).setPid(3314).setNr(20).addArgs(7).addArgs(0x7f0000)
                .addArgs(sizes.length).setRet(java.util.Arrays.stream(sizes).asLongStream().sum()).setDurationNs(1000);
        for (int i = 0; i < sizes.length; i++) {
            byte[] data = new byte[sizes[i]];
            java.util.Arrays.fill(data, (byte) ('a' + i));
            s.addBuffers(Buffer.newBuilder().setArg(1).setPart(Buffer.Part.IOV).setIndex(i).setAddress(0x7f0000 + i)
                    .setLength(sizes[i]).setData(ByteString.copyFrom(data)).setError(0));
        }
        return Record.newBuilder().setTimeDelta(timeDelta).setSyscall(s).build();
    }

    static Record trailer() {
        return Record.newBuilder().setTimeDelta(1).setTrailer(Trailer.newBuilder().setSyscalls(1)).build();
    }

    /** A varint as it precedes a record. */
    static byte[] varint(int value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(out);
        c.writeUInt32NoTag(value);
        c.flush();
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
