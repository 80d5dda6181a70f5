package io.jtrace.format.internal;

import io.jtrace.format.Codec;
import java.io.IOException;
import java.io.InputStream;

/**
 * How one codec lays a frame out on disk: a fixed-size prefix that embeds {@link FrameMeta},
 * then {@code storedLength} bytes. Implementations keep the on-disk form readable by the
 * standard tool (zstd -dc, gzip -dc) where there is one.
 */
interface FrameCodec {
    Codec codec();

    /** Offset of the {@link FrameMeta} inside the prefix. */
    int metaOffset();

    /**
     * The prefix as written, byte by byte: a value 0..255 where the byte is constant (magic
     * numbers, sizes, the metadata tag), -1 where it varies. Used for codec detection and to
     * tell a damaged frame header from a cut one.
     */
    int[] prefixTemplate();

    /** True when the first {@code n} bytes of {@code prefix} agree with the template. */
    default boolean matchesPrefix(byte[] prefix, int n) {
        int[] template = prefixTemplate();
        for (int i = 0; i < n && i < template.length; i++) {
            if (template[i] >= 0 && (prefix[i] & 0xff) != template[i]) {
                return false;
            }
        }
        return true;
    }

    /** A template: the given constant bytes, then the metadata tag, then 12 varying bytes. */
    static int[] template(int... constant) {
        int[] t = new int[constant.length + FrameMeta.SIZE];
        System.arraycopy(constant, 0, t, 0, constant.length);
        int[] tag = {'J', 'T', 'R', 'F'};
        System.arraycopy(tag, 0, t, constant.length, 4);
        java.util.Arrays.fill(t, constant.length + 4, t.length, -1);
        return t;
    }

    /**
     * Compresses {@code raw[0..len)} and returns the complete frame: prefix then stored data.
     *
     * @param index the frame's index message ({@link FrameIndex#toMessage()}, format 1.5), which
     *              becomes the frame's first raw bytes and is stored uncompressed at the start of
     *              the stored bytes; null for none (the header frame)
     */
    byte[] encode(byte[] index, byte[] raw, int len, int level) throws IOException;

    /**
     * The frame's index when its stored bytes start with one as {@link #encode} stores it, else
     * null (a frame of format 1.4 or before, or the header frame).
     *
     * @param head the first {@code n} stored bytes, at most {@link FrameIndex#HEAD_BYTES}
     */
    FrameIndex index(byte[] head, int n);

    /**
     * A stream of the raw bytes of one frame, decompressed as {@code stored} is read: {@code prefix}
     * is the frame's prefix as read, {@code stored} yields exactly the stored bytes. Nothing is
     * allocated from the frame's claims; the caller bounds how much it reads.
     */
    InputStream decoder(byte[] prefix, InputStream stored) throws IOException;

    /** What {@link #decodeWhole} returns when the frame decompresses to more bytes than it claims. */
    int MORE = -1;

    /** Whether {@link #decodeWhole} decompresses this codec's frames (else a frame is read through {@link #decoder}). */
    default boolean decodesWhole() {
        return false;
    }

    /**
     * Decompresses a whole frame at once from its stored bytes {@code stored[0..storedLength)} into
     * {@code raw[0..rawLength)}: no stream, no window buffer, one copy.
     *
     * @return the number of raw bytes, or {@link #MORE} when they would be more than {@code rawLength}
     * @throws IOException the bytes do not decompress
     */
    default int decodeWhole(byte[] stored, int storedLength, byte[] raw, int rawLength) throws IOException {
        throw new UnsupportedOperationException(codec() + " frames are read as a stream");
    }

    /** Bytes before the stored data; the prefix embeds the frame metadata. */
    default int prefixLength() {
        return prefixTemplate().length;
    }

    static FrameCodec of(Codec codec) {
        return switch (codec) {
            case ZSTD -> new ZstdFrameCodec();
            case GZIP -> new GzipFrameCodec();
            case NONE -> new PlainFrameCodec();
        };
    }
}
