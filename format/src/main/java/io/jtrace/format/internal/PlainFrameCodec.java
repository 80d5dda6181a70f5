package io.jtrace.format.internal;

import io.jtrace.format.Codec;
import java.io.InputStream;
import java.util.zip.CRC32C;

/** Uncompressed frames: {@link FrameMeta} then the messages. The file starts with "JTRF" ("JTRT" since 1.5). */
final class PlainFrameCodec implements FrameCodec {
    @Override
    public Codec codec() {
        return Codec.NONE;
    }

    private static final int[] TEMPLATE = FrameCodec.template(false);
    private static final int[] INDEXED = FrameCodec.template(true);

    @Override
    public int metaOffset() {
        return 0;
    }

    @Override
    public int[] prefixTemplate(boolean indexed) {
        return indexed ? INDEXED : TEMPLATE;
    }

    @Override
    public byte[] encode(byte[] raw, int len, int level, FrameIndex index) {
        int metaSize = FrameMeta.size(index != null);
        byte[] frame = new byte[metaSize + len];
        System.arraycopy(raw, 0, frame, metaSize, len);
        CRC32C crc = new CRC32C();
        crc.update(raw, 0, len);
        new FrameMeta(len, len, (int) crc.getValue(), index).writeTo(frame, 0);
        return frame;
    }

    @Override
    public InputStream decoder(byte[] prefix, InputStream stored) {
        return stored;
    }
}
