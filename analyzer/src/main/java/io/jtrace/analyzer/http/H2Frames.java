package io.jtrace.analyzer.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One direction of an HTTP/2 connection cut into frames (RFC 9113 §4.1: a 9-byte header, then the payload), fed
 * the bytes the syscalls moved. DATA payloads go through as they come (padding removed); other frames are kept
 * whole, up to {@link #PAYLOAD_LIMIT}. A gap inside a frame's payload keeps the frame boundaries (its length is
 * known); a gap that swallows a frame header, or records lost, loses them, and the reader looks for a frame header
 * again ({@link #resyncAt}). Memory is bounded by the payload limit.
 */
final class H2Frames {
    static final int DATA = 0;
    static final int HEADERS = 1;
    static final int PRIORITY = 2;
    static final int RST_STREAM = 3;
    static final int SETTINGS = 4;
    static final int PUSH_PROMISE = 5;
    static final int PING = 6;
    static final int GOAWAY = 7;
    static final int WINDOW_UPDATE = 8;
    static final int CONTINUATION = 9;

    static final int END_STREAM = 0x1;
    static final int ACK = 0x1;
    static final int END_HEADERS = 0x4;
    static final int PADDED = 0x8;
    static final int PRIORITY_FLAG = 0x20;

    /** The client connection preface (RFC 9113 §3.4). */
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    /** Payload bytes kept of a frame other than DATA; the rest of a larger one is skipped and the frame damaged. */
    static final int PAYLOAD_LIMIT = 1 << 16;
    /** SETTINGS_MAX_FRAME_SIZE's initial value: the largest frame a resynchronising reader believes. */
    static final int DEFAULT_MAX_FRAME = 1 << 14;
    /** Flags each frame type defines (RFC 9113 §6): a header with others is not believed when resynchronising. */
    private static final int[] FLAGS = {0x09, 0x2d, 0, 0, 0x01, 0x0c, 0x01, 0, 0, 0x04};

    /** What the reader finds. */
    interface Listener {
        /**
         * A frame other than DATA, its payload whole in payload[0, length) (the reader's buffer: valid during the
         * call only); damaged: part of it fell in a gap or over the limit.
         */
        void frame(int type, int flags, int stream, byte[] payload, int length, boolean damaged, long startNs,
                long endNs);

        /** A DATA frame's header was read. */
        void dataStart(int stream, long t);

        /** DATA payload bytes (padding removed), as they come. */
        void data(int stream, byte[] b, int off, int len, long t);

        /** DATA payload bytes that fell in a gap. */
        void dataGap(int stream, long len, long t);

        /** A DATA frame ended. */
        void dataEnd(int stream, int flags, long t);

        /** Frame boundaries are lost: frames may be missing from here on until {@link #resynced}. */
        void desynced(long t);

        /** Frame boundaries are found again, after this many bytes seen and skipped. */
        void resynced(long skipped, long t);
    }

    private enum State { PREFACE, HEADER, PAD_LENGTH, PAYLOAD, RESYNC }

    private final Listener listener;
    private State state;
    private final byte[] header = new byte[9];
    private int headerLen;
    private int prefaceAt;
    private int type;
    private int flags;
    private int stream;
    private long frameNs;
    /** Payload bytes left in the frame, padding included. */
    private long left;
    /** Of those, padding at the end (DATA). */
    private int padding;
    private byte[] payload = new byte[256];
    private int kept;
    private boolean damaged;
    private long skipped;
    private int maxFrame = DEFAULT_MAX_FRAME;
    /** The highest stream id in a frame read here; the other direction's, once linked ({@link #peer}). */
    private int highest;
    private H2Frames peer;
    /** Bytes, seen or in gaps, since frame boundaries were lost: what new streams' frames could have filled. */
    private long sinceSync;
    /** Bytes of unknown count went by since then (lost records): any stream id may have been reached. */
    private boolean unknownSinceSync;

    /**
     * @param preface the client's direction of a connection seen from its start: the preface comes first
     * @param synced  whether the first byte is known to start a frame (else the reader looks for one)
     */
    H2Frames(Listener listener, boolean preface, boolean synced) {
        this.listener = listener;
        this.state = preface ? State.PREFACE : synced ? State.HEADER : State.RESYNC;
    }

    /** The receiver allowed frames this large (SETTINGS_MAX_FRAME_SIZE): resynchronising believes them. */
    void maxFrame(int size) {
        maxFrame = Math.max(maxFrame, Math.min(size, (1 << 24) - 1));
    }

    boolean synced() {
        return state != State.RESYNC;
    }

    /** The other direction of the connection: its streams are this one's too, when telling ids in reach. */
    void peer(H2Frames other) {
        this.peer = other;
    }

    void data(byte[] b, int off, int len, long t) {
        int end = off + len;
        int i = off;
        while (i < end) {
            switch (state) {
                case PREFACE -> {
                    if (b[i] != PREFACE[prefaceAt]) {
                        desync(t);   // not the preface after all: look for frames
                        continue;
                    }
                    i++;
                    if (++prefaceAt == PREFACE.length) {
                        state = State.HEADER;
                    }
                }
                case HEADER -> {
                    int n = Math.min(9 - headerLen, end - i);
                    System.arraycopy(b, i, header, headerLen, n);
                    if (headerLen == 0) {
                        frameNs = t;
                    }
                    headerLen += n;
                    i += n;
                    if (headerLen == 9) {
                        headerLen = 0;
                        begin(header, 0, t);
                    }
                }
                case PAD_LENGTH -> {
                    padding = b[i++] & 0xff;
                    left--;
                    if (padding > left) {
                        padding = (int) left;   // a protocol error: the rest is padding
                    }
                    state = State.PAYLOAD;
                    if (left == 0) {
                        finish(t);
                    }
                }
                case PAYLOAD -> {
                    int n = (int) Math.min(left, end - i);
                    payload(b, i, n, t);
                    i += n;
                    if (left == 0) {
                        finish(t);
                    }
                }
                case RESYNC -> {
                    int at = resyncAt(b, i, end, i == off);
                    if (at < 0) {
                        skipped += end - i;
                        sinceSync += end - i;
                        i = end;
                    } else {
                        skipped += at - i;
                        listener.resynced(skipped, t);
                        skipped = 0;
                        i = at;
                        state = State.HEADER;
                    }
                }
            }
        }
    }

    /** Bytes moved but not captured (snap length, sendfile): frame boundaries survive a gap inside a payload. */
    void gap(long length, long t) {
        if (length <= 0) {
            return;
        }
        switch (state) {
            case PAYLOAD -> {
                long in = Math.min(length, left);
                if (type == DATA) {
                    long data = Math.max(0, Math.min(in, left - padding));
                    if (data > 0) {
                        listener.dataGap(stream, data, t);
                    }
                } else {
                    damaged = true;
                }
                left -= in;
                if (left == 0) {
                    finish(t);
                    if (length > in) {
                        desync(t);   // the next frame's header is in the gap
                        sinceSync = length - in;
                    }
                }
            }
            case PAD_LENGTH -> {
                padding = 0;   // the padding length is in the gap: count the padding as data (padded DATA is rare)
                state = State.PAYLOAD;
                gap(length, t);
            }
            case RESYNC -> {
                skipped += length;
                sinceSync += length;
            }
            default -> {
                desync(t);
                sinceSync = length;
            }
        }
    }

    /** Bytes of unknown count are missing (lost records). */
    void lost(long t) {
        if (state == State.PAYLOAD || state == State.PAD_LENGTH) {
            damaged = true;
            if (type == DATA) {
                listener.dataGap(stream, 0, t);
            }
        }
        if (state != State.RESYNC) {
            desync(t);
        }
        unknownSinceSync = true;
    }

    private void desync(long t) {
        if (state == State.PAYLOAD || state == State.PAD_LENGTH) {
            if (type == DATA) {
                listener.dataEnd(stream, 0, t);   // its END_STREAM flag is not to be trusted without its end
            } else {
                damaged = true;
                finish(t);
            }
        }
        state = State.RESYNC;
        headerLen = 0;
        prefaceAt = 0;
        skipped = 0;
        sinceSync = 0;
        unknownSinceSync = false;
        listener.desynced(t);
    }

    private void begin(byte[] h, int at, long t) {
        left = length(h, at);
        type = h[at + 3] & 0xff;
        flags = h[at + 4] & 0xff;
        stream = streamId(h, at);
        highest = Math.max(highest, stream);
        kept = 0;
        damaged = false;
        padding = 0;
        if (type == DATA) {
            listener.dataStart(stream, frameNs);
        }
        if (left == 0) {
            finish(t);
        } else {
            state = type == DATA && (flags & PADDED) != 0 ? State.PAD_LENGTH : State.PAYLOAD;
        }
    }

    private void payload(byte[] b, int off, int n, long t) {
        if (type == DATA) {
            int data = (int) Math.max(0, Math.min(n, left - padding));
            if (data > 0) {
                listener.data(stream, b, off, data, t);
            }
        } else if (type <= CONTINUATION) {
            int room = PAYLOAD_LIMIT - kept;
            if (n > room) {
                damaged = true;
            }
            int k = Math.min(n, room);
            if (k > 0) {
                if (kept + k > payload.length) {
                    payload = Arrays.copyOf(payload, Math.min(PAYLOAD_LIMIT, Math.max(kept + k, 2 * payload.length)));
                }
                System.arraycopy(b, off, payload, kept, k);
                kept += k;
            }
        }
        left -= n;
    }

    private void finish(long t) {
        state = State.HEADER;
        if (type == DATA) {
            listener.dataEnd(stream, flags, t);
        } else if (type <= CONTINUATION) {
            listener.frame(type, flags, stream, payload, kept, damaged, frameNs, t);
        }
        if (payload.length > 4096) {
            payload = new byte[256];   // a large frame's buffer is not kept for the small ones after it
        }
    }

    /**
     * Where in b[from, end) a frame header that can be believed starts, or -1: a known type with only its defined
     * flags, a stream id that fits the type and lies in reach, a length the type allows within the largest frame
     * size; and the frame either ends with the bytes or is followed by another such header. At the start of a call
     * (callStart) a header whose frame goes on past the bytes is believed without a second one: a call usually
     * starts a frame.
     */
    int resyncAt(byte[] b, int from, int end, boolean callStart) {
        for (int i = from; i + 9 <= end; i++) {
            if (!plausible(b, i) || !inReach(streamId(b, i), sinceSync + (i - from))) {
                continue;
            }
            long next = i + 9L + length(b, i);
            if (next == end) {
                return i;
            }
            if (next + 9 <= end) {
                if (plausible(b, (int) next)) {
                    return i;
                }
            } else if (callStart && i == from) {
                return i;   // the frame goes on past these bytes: nothing to check it by
            }
        }
        return -1;
    }

    /**
     * Whether b[off, end) starts with believable frame headers: each whole frame's and the last one's, which may go
     * on past end (a writev hands a frame's header and payload over as separate pieces).
     */
    boolean startsWithFrames(byte[] b, int off, int end) {
        int i = off;
        while (i + 9 <= end && plausible(b, i)) {
            long next = i + 9L + length(b, i);
            if (next >= end) {
                return true;
            }
            i = (int) next;
        }
        return false;
    }

    /**
     * Whether a stream id can be one a frame after {@code bytes} unseen bytes bears: streams open one by one, ids
     * rising by two, each with a HEADERS frame of ten bytes at least, so those bytes can hold a few new streams and
     * no more. A message's bytes that look like a frame header after a snap length's cut (a DATA header for
     * stream 32180968 where 17 streams were open) are not believed. Nothing bounds it before any stream was seen,
     * or after records were lost.
     */
    private boolean inReach(int id, long bytes) {
        int top = Math.max(highest, peer == null ? 0 : peer.highest);
        return id == 0 || top == 0 || unknownSinceSync || id <= top + 2 * (bytes / 9 + 2);
    }

    private boolean plausible(byte[] b, int i) {
        int len = length(b, i);
        int t = b[i + 3] & 0xff;
        int f = b[i + 4] & 0xff;
        if (t >= CONTINUATION || (f & ~FLAGS[t]) != 0 || (b[i + 5] & 0x80) != 0 || len > maxFrame) {
            return false;   // a CONTINUATION is no use without its HEADERS
        }
        int id = streamId(b, i);
        return switch (t) {
            case SETTINGS -> id == 0 && len % 6 == 0 && ((f & ACK) == 0 || len == 0);
            case PING -> id == 0 && len == 8;
            case GOAWAY -> id == 0 && len >= 8;
            case WINDOW_UPDATE -> len == 4;
            case RST_STREAM -> id != 0 && len == 4;
            case PRIORITY -> id != 0 && len == 5;
            default -> id != 0;   // DATA, HEADERS, PUSH_PROMISE
        };
    }

    static int length(byte[] b, int i) {
        return (b[i] & 0xff) << 16 | (b[i + 1] & 0xff) << 8 | b[i + 2] & 0xff;
    }

    static int streamId(byte[] b, int i) {
        return (b[i + 5] & 0x7f) << 24 | (b[i + 6] & 0xff) << 16 | (b[i + 7] & 0xff) << 8 | b[i + 8] & 0xff;
    }

    static int int32(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | b[i + 3] & 0xff;
    }

    /** RFC 9113 §7's error codes by name. */
    static String errorName(long code) {
        String[] names = {"NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT",
            "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR", "CONNECT_ERROR",
            "ENHANCE_YOUR_CALM", "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED"};
        return code >= 0 && code < names.length ? names[(int) code] : "0x" + Long.toHexString(code);
    }
}
