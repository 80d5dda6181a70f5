package io.jtrace.format.internal;

import io.jtrace.format.Codec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * A zstd skippable frame holding {@link FrameMeta}, then one zstd frame with a content
 * checksum. {@code zstd -dc} skips the skippable frames and prints the raw message stream.
 */
final class ZstdFrameCodec implements FrameCodec {
    /** Skippable frame magic 0x184D2A5A; the low nibble is ours to choose. */
    static final int SKIPPABLE_MAGIC = 0x184D2A5A;
    private static final int[] TEMPLATE = FrameCodec.template(false, 0x5A, 0x2A, 0x4D, 0x18, FrameMeta.SIZE, 0, 0, 0);
    private static final int[] INDEXED = FrameCodec.template(true, 0x5A, 0x2A, 0x4D, 0x18, FrameMeta.INDEXED_SIZE, 0, 0, 0);

    @Override
    public Codec codec() {
        return Codec.ZSTD;
    }

    @Override
    public int metaOffset() {
        return 8;
    }

    @Override
    public int[] prefixTemplate(boolean indexed) {
        return indexed ? INDEXED : TEMPLATE;
    }

    @Override
    public byte[] encode(byte[] raw, int len, int level, FrameIndex index) throws IOException {
        int metaSize = FrameMeta.size(index != null);
        int prefix = 8 + metaSize;
        // Room for the worst case (ZSTD_COMPRESSBOUND, frame header and checksum) from the start:
        // growing by doubling would hold three copies of an incompressible 32 MiB frame at once.
        ByteArrayOutputStream out = new ByteArrayOutputStream(prefix + len + (len >> 8) + 512);
        out.write(new byte[prefix]);
        try (ZstdCompressorOutputStream z = new ZstdCompressorOutputStream(out, level, false, true)) {
            z.write(raw, 0, len);
        }
        byte[] frame = out.toByteArray();
        int stored = frame.length - prefix;
        CRC32C crc = new CRC32C();
        crc.update(frame, prefix, stored);
        ByteBuffer.wrap(frame, 0, 8).order(ByteOrder.LITTLE_ENDIAN).putInt(SKIPPABLE_MAGIC).putInt(metaSize);
        new FrameMeta(stored, len, (int) crc.getValue(), index).writeTo(frame, 8);
        return frame;
    }

    @Override
    public InputStream decoder(byte[] prefix, InputStream stored) throws IOException {
        return new ZstdCompressorInputStream(stored);
    }
}
