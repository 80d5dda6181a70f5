package io.jtrace.format.internal;

import io.jtrace.format.Codec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * One gzip member per frame, its FEXTRA field holding {@link FrameMeta} under the subfield id
 * "JT". The stored bytes are the deflate data and the gzip trailer; {@code gzip -dc} reads the
 * concatenated members as one stream. Since 1.5 the deflate data starts with a stored block
 * holding the frame's index message, readable without inflating.
 */
final class GzipFrameCodec implements FrameCodec {
    // ID1 ID2 CM FLG(FEXTRA) MTIME(4) XFL OS(unknown) XLEN(2) SI1 SI2 LEN(2)
    private static final byte[] HEADER = {
        0x1f, (byte) 0x8b, 8, 4, 0, 0, 0, 0, 0, (byte) 255,
        (byte) (4 + FrameMeta.SIZE), 0, 'J', 'T', (byte) FrameMeta.SIZE, 0
    };
    private static final int PREFIX = HEADER.length + FrameMeta.SIZE;
    /** First byte of a deflate stored block that is not the last: BFINAL 0, BTYPE 00, padding. */
    private static final int STORED_BLOCK = 0;
    private static final int[] TEMPLATE = FrameCodec.template(
            0x1f, 0x8b, 8, 4, -1, -1, -1, -1, -1, -1, 4 + FrameMeta.SIZE, 0, 'J', 'T', FrameMeta.SIZE, 0);

    @Override
    public Codec codec() {
        return Codec.GZIP;
    }

    @Override
    public int metaOffset() {
        return HEADER.length;
    }

    @Override
    public int[] prefixTemplate() {
        return TEMPLATE;
    }

    @Override
    public byte[] encode(byte[] index, byte[] raw, int len, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len / 3 + PREFIX + 64);
        out.write(new byte[PREFIX]);
        CRC32 crc = new CRC32();
        int rawLength = len;
        if (index != null) {
            // a deflate stored block that is not the last one (BFINAL 0, BTYPE 00, padded to the
            // byte): it ends on a byte boundary, so the deflater's own stream simply follows it
            out.write(STORED_BLOCK);
            out.write(index.length);
            out.write(index.length >>> 8);
            out.write(~index.length);
            out.write(~index.length >>> 8);
            out.write(index);
            crc.update(index);
            rawLength += index.length;
        }
        Deflater deflater = new Deflater(level, true);
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, deflater, 64 * 1024)) {
            d.write(raw, 0, len);
        } finally {
            deflater.end();
        }
        crc.update(raw, 0, len);
        writeIntLE(out, (int) crc.getValue());
        writeIntLE(out, rawLength);
        byte[] frame = out.toByteArray();
        System.arraycopy(HEADER, 0, frame, 0, HEADER.length);
        int stored = frame.length - PREFIX;
        CRC32C c = new CRC32C();
        c.update(frame, PREFIX, stored);
        new FrameMeta(stored, rawLength, (int) c.getValue()).writeTo(frame, HEADER.length);
        return frame;
    }

    @Override
    public FrameIndex index(byte[] head, int n) {
        if (n < 5 || head[0] != STORED_BLOCK) {
            return null;
        }
        int length = (head[1] & 0xff) | (head[2] & 0xff) << 8;
        int check = (head[3] & 0xff) | (head[4] & 0xff) << 8;
        return (length ^ 0xffff) == check && 5 + length <= n ? FrameIndex.parse(head, 5, length) : null;
    }

    private static void writeIntLE(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    @Override
    public InputStream decoder(byte[] prefix, InputStream stored) throws IOException {
        // the gzip header is part of the prefix: the member is the prefix and the stored bytes
        return new GzipCompressorInputStream(new SequenceInputStream(new ByteArrayInputStream(prefix), stored), false);
    }
}
