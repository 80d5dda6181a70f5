package io.jtrace.format.internal;

import io.jtrace.format.Codec;
import java.io.IOException;
import java.io.InputStream;

/**
 * How one codec lays a frame out on disk: a prefix that embeds {@link FrameMeta} (16 bytes, or 40
 * with the frame's {@link FrameIndex} since format 1.5), then {@code storedLength} bytes. Implementations keep the on-disk form readable by the
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
     *
     * @param indexed the form with the 40-byte metadata (tag "JTRT") rather than the 16-byte one
     */
    int[] prefixTemplate(boolean indexed);

    /**
     * True when the first {@code n} bytes of {@code prefix} agree with the template of either
     * form (at most the shorter form's length is compared by the caller first, then the rest).
     */
    default boolean matchesPrefix(byte[] prefix, int n) {
        return matches(prefixTemplate(false), prefix, n) || matches(prefixTemplate(true), prefix, n);
    }

    /** True when the first {@code n} bytes of {@code prefix} agree with the template of the given form. */
    default boolean matchesPrefix(byte[] prefix, int n, boolean indexed) {
        return matches(prefixTemplate(indexed), prefix, n);
    }

    private static boolean matches(int[] template, byte[] prefix, int n) {
        for (int i = 0; i < n && i < template.length; i++) {
            if (template[i] >= 0 && (prefix[i] & 0xff) != template[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A template: the given constant bytes, then the metadata tag ("JTRF", or "JTRT" when
     * indexed), then the varying bytes of the metadata.
     */
    static int[] template(boolean indexed, int... constant) {
        int[] t = new int[constant.length + FrameMeta.size(indexed)];
        System.arraycopy(constant, 0, t, 0, constant.length);
        int[] tag = {'J', 'T', 'R', indexed ? 'T' : 'F'};
        System.arraycopy(tag, 0, t, constant.length, 4);
        java.util.Arrays.fill(t, constant.length + 4, t.length, -1);
        return t;
    }

    /**
     * Compresses {@code raw[0..len)} and returns the complete frame: prefix then stored data.
     *
     * @param index the frame's time index (format 1.5), or null for the 16-byte metadata of older versions
     */
    byte[] encode(byte[] raw, int len, int level, FrameIndex index) throws IOException;

    /**
     * A stream of the raw bytes of one frame, decompressed as {@code stored} is read: {@code prefix}
     * is the frame's prefix as read, {@code stored} yields exactly the stored bytes. Nothing is
     * allocated from the frame's claims; the caller bounds how much it reads.
     */
    InputStream decoder(byte[] prefix, InputStream stored) throws IOException;

    /** Bytes before the stored data; the prefix embeds the frame metadata. */
    default int prefixLength(boolean indexed) {
        return prefixTemplate(indexed).length;
    }

    static FrameCodec of(Codec codec) {
        return switch (codec) {
            case ZSTD -> new ZstdFrameCodec();
            case GZIP -> new GzipFrameCodec();
            case NONE -> new PlainFrameCodec();
        };
    }
}
