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
 * concatenated members as one stream.
 */
final class GzipFrameCodec implements FrameCodec {
    // ID1 ID2 CM FLG(FEXTRA) MTIME(4) XFL OS(unknown) XLEN(2) SI1 SI2 LEN(2)
    private static final int HEADER_LENGTH = 16;
    private static final int[] TEMPLATE = FrameCodec.template(false,
            0x1f, 0x8b, 8, 4, -1, -1, -1, -1, -1, -1, 4 + FrameMeta.SIZE, 0, 'J', 'T', FrameMeta.SIZE, 0);
    private static final int[] INDEXED = FrameCodec.template(true,
            0x1f, 0x8b, 8, 4, -1, -1, -1, -1, -1, -1, 4 + FrameMeta.INDEXED_SIZE, 0, 'J', 'T', FrameMeta.INDEXED_SIZE, 0);

    private static byte[] header(int metaSize) {
        return new byte[] {
            0x1f, (byte) 0x8b, 8, 4, 0, 0, 0, 0, 0, (byte) 255,
            (byte) (4 + metaSize), 0, 'J', 'T', (byte) metaSize, 0
        };
    }

    @Override
    public Codec codec() {
        return Codec.GZIP;
    }

    @Override
    public int metaOffset() {
        return HEADER_LENGTH;
    }

    @Override
    public int[] prefixTemplate(boolean indexed) {
        return indexed ? INDEXED : TEMPLATE;
    }

    @Override
    public byte[] encode(byte[] raw, int len, int level, FrameIndex index) throws IOException {
        byte[] header = header(FrameMeta.size(index != null));
        int prefix = HEADER_LENGTH + FrameMeta.size(index != null);
        ByteArrayOutputStream out = new ByteArrayOutputStream(len / 3 + prefix + 64);
        out.write(new byte[prefix]);
        Deflater deflater = new Deflater(level, true);
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, deflater, 64 * 1024)) {
            d.write(raw, 0, len);
        } finally {
            deflater.end();
        }
        CRC32 crc = new CRC32();
        crc.update(raw, 0, len);
        writeIntLE(out, (int) crc.getValue());
        writeIntLE(out, len);
        byte[] frame = out.toByteArray();
        System.arraycopy(header, 0, frame, 0, HEADER_LENGTH);
        int stored = frame.length - prefix;
        CRC32C c = new CRC32C();
        c.update(frame, prefix, stored);
        new FrameMeta(stored, len, (int) c.getValue(), index).writeTo(frame, HEADER_LENGTH);
        return frame;
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
