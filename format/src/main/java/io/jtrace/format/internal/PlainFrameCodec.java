package io.jtrace.format.internal;

import io.jtrace.format.Codec;
import java.io.InputStream;
import java.util.zip.CRC32C;

/** Uncompressed frames: {@link FrameMeta} then the messages (since 1.5 the first is the frame's index). The file starts with "JTRF". */
final class PlainFrameCodec implements FrameCodec {
    @Override
    public Codec codec() {
        return Codec.NONE;
    }

    private static final int[] TEMPLATE = FrameCodec.template();

    @Override
    public int metaOffset() {
        return 0;
    }

    @Override
    public int[] prefixTemplate() {
        return TEMPLATE;
    }

    @Override
    public byte[] encode(byte[] index, byte[] raw, int len, int level) {
        int at = FrameMeta.SIZE + (index == null ? 0 : index.length);
        byte[] frame = new byte[at + len];
        if (index != null) {
            System.arraycopy(index, 0, frame, FrameMeta.SIZE, index.length);
        }
        System.arraycopy(raw, 0, frame, at, len);
        int stored = frame.length - FrameMeta.SIZE;
        CRC32C crc = new CRC32C();
        crc.update(frame, FrameMeta.SIZE, stored);
        new FrameMeta(stored, stored, (int) crc.getValue()).writeTo(frame, 0);
        return frame;
    }

    @Override
    public FrameIndex index(byte[] head, int n) {
        // the raw bytes as they are: the index is the first message
        return FrameIndex.parseAt(head, 0, n);
    }

    @Override
    public InputStream decoder(byte[] prefix, InputStream stored) {
        return stored;
    }
}
