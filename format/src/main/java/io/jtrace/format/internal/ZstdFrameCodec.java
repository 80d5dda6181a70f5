package io.jtrace.format.internal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
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
 * checksum. {@code zstd -dc} skips the skippable frames and prints the raw message stream. Since
 * 1.5 a small frame of one raw block, holding the frame's index message, comes first: readable
 * without decompressing, and decoded by every zstd decoder as the first raw bytes.
 */
final class ZstdFrameCodec implements FrameCodec {
    /** Skippable frame magic 0x184D2A5A; the low nibble is ours to choose. */
    static final int SKIPPABLE_MAGIC = 0x184D2A5A;
    private static final int PREFIX = 8 + FrameMeta.SIZE;
    private static final int ZSTD_MAGIC = 0xFD2FB528;
    /** Frame header descriptor of the index frame: single segment, 1-byte content size, no checksum. */
    private static final byte INDEX_DESCRIPTOR = 0x20;
    /** Magic, descriptor, content size, block header. */
    private static final int INDEX_HEADER = 9;
    private static final int[] TEMPLATE = FrameCodec.template(0x5A, 0x2A, 0x4D, 0x18, FrameMeta.SIZE, 0, 0, 0);

    @Override
    public Codec codec() {
        return Codec.ZSTD;
    }

    @Override
    public int metaOffset() {
        return 8;
    }

    @Override
    public int[] prefixTemplate() {
        return TEMPLATE;
    }

    @Override
    public byte[] encode(byte[] index, byte[] raw, int len, int level) throws IOException {
        // Room for the worst case (ZSTD_COMPRESSBOUND, frame header and checksum) from the start:
        // growing by doubling would hold three copies of an incompressible 32 MiB frame at once.
        ByteArrayOutputStream out = new ByteArrayOutputStream(PREFIX + len + (len >> 8) + 512);
        out.write(new byte[PREFIX]);
        int rawLength = len;
        if (index != null) {
            out.write(indexFrame(index));
            rawLength += index.length;
        }
        try (ZstdCompressorOutputStream z = new ZstdCompressorOutputStream(out, level, false, true)) {
            z.write(raw, 0, len);
        }
        byte[] frame = out.toByteArray();
        int stored = frame.length - PREFIX;
        CRC32C crc = new CRC32C();
        crc.update(frame, PREFIX, stored);
        ByteBuffer.wrap(frame, 0, 8).order(ByteOrder.LITTLE_ENDIAN).putInt(SKIPPABLE_MAGIC).putInt(FrameMeta.SIZE);
        new FrameMeta(stored, rawLength, (int) crc.getValue()).writeTo(frame, 8);
        return frame;
    }

    /**
     * A zstd frame of its own holding the index message in one raw (uncompressed) block: magic,
     * frame header descriptor 0x20 (single segment, a 1-byte content size, no checksum: the
     * frame's CRC32C covers it), the content size, the block header (last block, raw, size).
     */
    private static byte[] indexFrame(byte[] index) {
        int n = index.length;
        byte[] f = new byte[INDEX_HEADER + n];
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(ZSTD_MAGIC);
        f[4] = INDEX_DESCRIPTOR;
        f[5] = (byte) n;
        int block = 1 | n << 3;
        f[6] = (byte) block;
        f[7] = (byte) (block >>> 8);
        f[8] = (byte) (block >>> 16);
        System.arraycopy(index, 0, f, INDEX_HEADER, n);
        return f;
    }

    @Override
    public FrameIndex index(byte[] head, int n) {
        if (n < INDEX_HEADER || ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt(0) != ZSTD_MAGIC
                || head[4] != INDEX_DESCRIPTOR) {
            return null;
        }
        int length = head[5] & 0xff;
        int block = (head[6] & 0xff) | (head[7] & 0xff) << 8 | (head[8] & 0xff) << 16;
        return block == (1 | length << 3) && INDEX_HEADER + length <= n
                ? FrameIndex.parse(head, INDEX_HEADER, length) : null;
    }

    /**
     * One call of zstd's {@code ZSTD_decompress}, which reads the index frame and the data frame one after
     * the other (BENCHMARKS.md, "Issue 15, fourth session": a third of the time a stream took).
     */
    @Override
    public boolean decodesWhole() {
        return true;
    }

    @Override
    public int decodeWhole(byte[] stored, int storedLength, byte[] raw, int rawLength) throws IOException {
        try {
            return (int) Zstd.decompressByteArray(raw, 0, rawLength, stored, 0, storedLength);
        } catch (ZstdException e) {
            if (e.getErrorCode() == Zstd.errDstSizeTooSmall()) {
                return MORE;
            }
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public InputStream decoder(byte[] prefix, InputStream stored) throws IOException {
        return new ZstdCompressorInputStream(stored);
    }
}
