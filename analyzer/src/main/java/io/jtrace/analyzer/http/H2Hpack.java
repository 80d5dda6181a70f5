package io.jtrace.analyzer.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
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

    /** The block's fields in order, or null when it cannot be decoded (then the state is reset). */
    HttpHeaders decode(byte[] block) {
        try {
            Http2Headers h = decoder.decodeHeaders(0, Unpooled.wrappedBuffer(block));
            HttpHeaders fields = new HttpHeaders();
            for (Map.Entry<CharSequence, CharSequence> e : h) {
                fields.add(e.getKey().toString(), e.getValue().toString());
            }
            return fields;
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
        DefaultHttp2HeadersDecoder d = new DefaultHttp2HeadersDecoder(false, LIST_LIMIT);
        try {
            d.configuration().maxHeaderTableSize(tableSize);
        } catch (Http2Exception e) {
            throw new IllegalStateException(e);   // a size within the protocol's range
        }
        return d;
    }
}
