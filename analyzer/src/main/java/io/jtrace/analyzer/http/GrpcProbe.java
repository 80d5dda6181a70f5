package io.jtrace.analyzer.http;

import io.jtrace.analyzer.trace.Payload;
import java.util.Arrays;

/**
 * Whether an HTTP/2 connection carries gRPC, for the {@code fds} view: the client's bytes from its preface on, cut
 * into frames until a request's header block decodes; its {@code content-type} decides. DATA is skipped as it
 * comes; memory is one header block. A connection whose first requests do not decode (a gap, a block over the
 * limit) is given up on after {@link #BLOCKS} blocks and stays {@code h2}.
 */
public final class GrpcProbe implements Payload.Sink {
    /** Header blocks tried before giving up. */
    static final int BLOCKS = 16;

    private final H2Frames frames;
    private final H2Hpack hpack = new H2Hpack(true);
    private byte[] block = new byte[0];
    private int blockLen;
    private int blockStream = -1;
    private int tried;
    private Boolean grpc;

    /** @param prefaceSeen bytes of the client's preface already seen (in earlier calls than the ones fed) */
    public GrpcProbe(int prefaceSeen) {
        frames = new H2Frames(listener, true, true);
        // the server's SETTINGS_HEADER_TABLE_SIZE is in the other direction: allow the largest table kept, as the
        // encoder announces in its blocks the size it uses
        hpack.maxTableSize(H2Hpack.TABLE_LIMIT);
        frames.data(H2Frames.PREFACE, 0, Math.min(prefaceSeen, H2Frames.PREFACE.length), 0);
    }

    /**
     * Whether bytes that start a call are HTTP/2 frames (believable headers, each frame's and the last one's, which
     * may go on past the bytes): how a connection older than the recording is found to carry HTTP/2, as the http
     * view finds it.
     */
    public static boolean startsWithFrames(byte[] b, int off, int len) {
        return H2Connection.startsWithFrames(b, off, len);
    }

    /** True or false once a request's headers said so (or the probe gave up: false); null until then. */
    public Boolean grpc() {
        return grpc;
    }

    @Override
    public void data(byte[] b, int off, int len) {
        if (grpc == null) {
            frames.data(b, off, len, 0);
        }
    }

    @Override
    public void gap(long length) {
        if (grpc == null) {
            frames.gap(length, 0);
        }
    }

    /** Bytes of unknown count are missing (lost records). */
    public void lost() {
        if (grpc == null) {
            frames.lost(0);
        }
    }

    private void blockEnd() {
        blockStream = -1;
        HttpHeaders fields = hpack.decode(Arrays.copyOf(block, blockLen));
        if (fields != null && fields.get(":method") != null) {
            grpc = GrpcCall.isGrpc(fields.get("content-type"));
        } else if (++tried >= BLOCKS) {
            grpc = false;
        }
        block = new byte[0];
        blockLen = 0;
    }

    private void append(byte[] p, int off, int len) {
        if (blockLen + len > H2Connection.BLOCK_LIMIT) {
            blockStream = -1;   // not decoded: the table is lost with it
            hpack.reset();
            tried++;
            return;
        }
        if (blockLen + len > block.length) {
            block = Arrays.copyOf(block, Math.max(blockLen + len, 2 * block.length));
        }
        System.arraycopy(p, off, block, blockLen, len);
        blockLen += len;
    }

    private final H2Frames.Listener listener = new H2Frames.Listener() {
        @Override
        public void frame(int type, int flags, int stream, byte[] p, boolean damaged, long startNs, long endNs) {
            if (type == H2Frames.HEADERS) {
                int from = 0;
                int to = p.length;
                if ((flags & H2Frames.PADDED) != 0 && p.length > 0) {
                    from = 1;
                    to = p.length - (p[0] & 0xff);
                }
                if ((flags & H2Frames.PRIORITY_FLAG) != 0) {
                    from += 5;
                }
                blockLen = 0;
                blockStream = damaged || to < from ? -1 : stream;
                if (blockStream < 0) {
                    hpack.reset();
                    tried++;
                    return;
                }
                append(p, from, to - from);
            } else if (type == H2Frames.CONTINUATION && stream == blockStream) {
                if (damaged) {
                    blockStream = -1;
                    hpack.reset();
                    tried++;
                    return;
                }
                append(p, 0, p.length);
            } else {
                return;
            }
            if (blockStream >= 0 && (flags & H2Frames.END_HEADERS) != 0) {
                blockEnd();
            }
        }

        @Override
        public void dataStart(int stream, long t) {
        }

        @Override
        public void data(int stream, byte[] b, int off, int len, long t) {
        }

        @Override
        public void dataGap(int stream, long len, long t) {
        }

        @Override
        public void dataEnd(int stream, int flags, long t) {
        }

        @Override
        public void desynced(long t) {
            blockStream = -1;
            hpack.reset();
        }

        @Override
        public void resynced(long skipped, long t) {
        }
    };
}
