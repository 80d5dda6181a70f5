package io.jtrace.analyzer.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.util.Arrays;
import java.util.Map;

/**
 * The HPACK state (RFC 7541) of the header blocks one direction of an HTTP/2 connection sends, decoded by Netty's
 * decoder. After a gap the state is unknown: the decoder starts again with an empty dynamic table. Entries added
 * after that sit at the same indices as in the sender's table (the older ones are evicted first), so a block decodes
 * right or refers to an entry the table lacks and fails; a failed block is reported unknown, never guessed.
 */
final class H2Hpack {
    /** SETTINGS_HEADER_TABLE_SIZE's initial value. */
    static final long DEFAULT_TABLE = 4096;
    /** The largest dynamic table kept; an encoder that uses a larger one fails to decode (memory is bounded). */
    static final long TABLE_LIMIT = 1 << 20;
    /** The largest decoded header list kept per block (an HPACK bomb repeats a large entry). */
    static final long LIST_LIMIT = 1 << 18;

    private long tableSize = DEFAULT_TABLE;
    private final Fields fields = new Fields();
    /** The last array decoded from, and a buffer over it: the frame reader's buffer serves many blocks. */
    private byte[] wrapped;
    private ByteBuf wrapper;
    private DefaultHttp2HeadersDecoder decoder;
    private boolean fromStart;

    /** @param fromStart the connection's first header block is ahead (else the table's old entries are unknown) */
    H2Hpack(boolean fromStart) {
        this.fromStart = fromStart;
        this.decoder = fresh();
    }

    /**
     * The receiver allowed this table size (SETTINGS_HEADER_TABLE_SIZE). Only raised: the encoder announces each
     * size it uses in the blocks, and a decoder limit lowered ahead of the settings' acknowledgement would fail
     * blocks sent before it.
     */
    void maxTableSize(long size) {
        long s = Math.min(size, TABLE_LIMIT);
        if (s > tableSize) {
            tableSize = s;
            try {
                decoder.configuration().maxHeaderTableSize(s);
            } catch (Http2Exception e) {
                reset();
            }
        }
    }

    /** Whether every header block of the connection so far was decoded: the table is the sender's. */
    boolean complete() {
        return fromStart;
    }

    /** Blocks were lost (a gap, lost records, a block not decoded): the table's entries are unknown. */
    void reset() {
        fromStart = false;
        decoder = fresh();
    }

    /** The fields of the block in b[off, off + len), in order, or null when it cannot be decoded (then the state is reset). */
    HttpHeaders decode(byte[] b, int off, int len) {
        try {
            ByteBuf in = b == wrapped ? wrapper : Unpooled.wrappedBuffer(b);
            if (b != wrapped && b.length <= 4096) {
                wrapped = b;   // a large block's array is not held on to
                wrapper = in;
            }
            decoder.decodeHeaders(0, in.setIndex(off, off + len));
            return fields.headers();
        } catch (Http2Exception | RuntimeException e) {
            reset();   // an entry older than what the table holds, a corrupt block, or a list over the limit
            return null;
        }
    }

    /**
     * For a block that failed: its leading fields that need no dynamic table entry from before the block (a
     * pseudo-header comes first, and is often a static entry), decoded by a throwaway decoder on ever longer
     * prefixes; null when none. A prefix decodes only if every field in it stands on its own, so none is guessed.
     */
    static HttpHeaders leading(byte[] block) {
        HttpHeaders best = null;
        for (int n = 1; n <= Math.min(block.length, LEADING_LIMIT); n++) {
            try {
                Http2Headers h = new DefaultHttp2HeadersDecoder(false, LIST_LIMIT).decodeHeaders(0,
                        Unpooled.wrappedBuffer(block, 0, n));
                if (!h.isEmpty() && (best == null || h.size() > best.size())) {
                    best = new HttpHeaders();
                    for (Map.Entry<CharSequence, CharSequence> e : h) {
                        best.add(e.getKey().toString(), e.getValue().toString());
                    }
                }
            } catch (Http2Exception | RuntimeException e) {
                // a prefix cut inside a field, or a field that refers to an entry the table lacks
            }
        }
        return best;
    }

    /** Bytes of a failed block tried for its leading fields. */
    static final int LEADING_LIMIT = 128;

    private DefaultHttp2HeadersDecoder fresh() {
        DefaultHttp2HeadersDecoder d = new DefaultHttp2HeadersDecoder(false, LIST_LIMIT) {
            @Override
            protected Http2Headers newHeaders() {
                return fields.start();
            }
        };
        try {
            d.configuration().maxHeaderTableSize(tableSize);
        } catch (Http2Exception e) {
            throw new IllegalStateException(e);   // a size within the protocol's range
        }
        return d;
    }

    /**
     * Where the decoder puts a block's fields: their bytes one after another, which the block's {@link HttpHeaders}
     * then reads in place (a String only for a field a view asks for), instead of Netty's header map and a String per
     * name and value. Netty's decoder calls only {@link #add} and {@link #size} on it; the map it extends stays empty.
     */
    private static final class Fields extends DefaultHttp2Headers {
        private byte[] bytes = new byte[256];
        private int length;
        /** Per field: name from, name to, value from, value to (in bytes). */
        private int[] spans = new int[64];
        private int count;

        Fields() {
            super(false, false, 2);
        }

        Fields start() {
            length = 0;
            count = 0;
            return this;
        }

        @Override
        public Http2Headers add(CharSequence name, CharSequence value) {
            if (4 * count + 4 > spans.length) {
                spans = Arrays.copyOf(spans, 2 * spans.length);
            }
            int s = 4 * count++;
            spans[s] = length;
            spans[s + 1] = append(name);
            spans[s + 2] = length;
            spans[s + 3] = append(value);
            return this;
        }

        @Override
        public int size() {
            return count;
        }

        /** The block's fields, over a copy of their bytes. */
        HttpHeaders headers() {
            HttpHeaders h = new HttpHeaders(Arrays.copyOf(bytes, length), count);
            for (int i = 0; i < 4 * count; i += 4) {
                h.add(spans[i], spans[i + 1], spans[i + 2], spans[i + 3]);
            }
            if (bytes.length > 4096 || spans.length > 256) {
                bytes = new byte[256];   // a large block's buffers are not kept for the small ones after it
                spans = new int[64];
            }
            return h;
        }

        // Netty's decoder hands over AsciiStrings, a byte per character, as HttpHeaders keeps them
        private int append(CharSequence s) {
            int n = s.length();
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + n, 2 * bytes.length));
            }
            if (s instanceof AsciiString a) {
                System.arraycopy(a.array(), a.arrayOffset(), bytes, length, n);
            } else {
                for (int i = 0; i < n; i++) {
                    bytes[length + i] = (byte) s.charAt(i);
                }
            }
            length += n;
            return length;
        }
    }
}
