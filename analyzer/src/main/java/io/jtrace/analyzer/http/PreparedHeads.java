package io.jtrace.analyzer.http;

import com.google.protobuf.ByteString;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Syscall;
import java.util.Arrays;
import java.util.function.Function;

/**
 * HTTP/1.x heads parsed ahead, on the reader's decoding thread ({@link io.jtrace.analyzer.trace.TraceStream#annotate}):
 * for each buffer of a syscall record that starts with a whole head, that head parsed as a stream parser would
 * parse it there. A parser that meets the same bytes where a head starts takes the message instead of parsing the
 * bytes again ({@link HttpStreamParser#offer}), which moves most of the http view's parsing off its main thread.
 *
 * <p>A head's parse depends on its bytes, its direction and the body limit alone, and a parser compares all three
 * before it takes one: a head prepared for bytes that reach a parser otherwise (split over calls, after a gap, the
 * other direction, not HTTP at all) is merely not used, and the output is the same as without.
 */
final class PreparedHeads {
    /** Bytes of a buffer looked at: heads longer than this are parsed by the stream parser as before. */
    static final int PREFIX = 8 << 10;

    private final int bodyLimit;
    private final boolean[] request;
    private final byte[][] bytes;
    private final int[] length;
    private final HttpMessage[] message;
    private int count;
    private int taken;

    private PreparedHeads(int bodyLimit, int capacity) {
        this.bodyLimit = bodyLimit;
        this.request = new boolean[capacity];
        this.bytes = new byte[capacity][];
        this.length = new int[capacity];
        this.message = new HttpMessage[capacity];
    }

    /**
     * The function for {@code TraceStream.annotate}: a record's prepared heads, or null when none of its buffers
     * starts with a whole head. Each call uses only what it allocates, so it may run on any thread.
     */
    static Function<Record, Object> scanner(int bodyLimit) {
        return r -> r.hasSyscall() ? scan(r.getSyscall(), bodyLimit) : null;
    }

    private static PreparedHeads scan(Syscall s, int bodyLimit) {
        PreparedHeads found = null;
        for (int i = 0, n = s.getBuffersCount(); i < n; i++) {
            Buffer b = s.getBuffers(i);
            ByteString data = b.getData();
            if (data.size() < HttpStreamParser.SHORTEST_MESSAGE || b.getError() != 0) {
                continue;
            }
            byte first = data.byteAt(0);
            if (!StartLine.mayStart(first, true) && !StartLine.mayStart(first, false)) {
                continue;
            }
            byte[] copy = new byte[Math.min(data.size(), PREFIX)];
            data.copyTo(copy, 0, 0, copy.length);
            boolean isRequest = !(first == 'H' && copy[1] == 'T' && copy[2] == 'T' && copy[3] == 'P' && copy[4] == '/');
            HeadReader reader = new HeadReader(isRequest);
            Slice slice = new Slice(copy, 0, copy.length, 0);
            while (reader.result() == HeadReader.Result.MORE && slice.len > 0) {
                reader.read(slice);
            }
            if (reader.result() == HeadReader.Result.COMPLETE) {
                if (found == null) {
                    found = new PreparedHeads(bodyLimit, n - i);
                }
                found.add(isRequest, copy, slice.off, reader.message(bodyLimit));
            }
        }
        return found;
    }

    private void add(boolean isRequest, byte[] b, int len, HttpMessage m) {
        request[count] = isRequest;
        bytes[count] = b;
        length[count] = len;
        message[count++] = m;
    }

    /**
     * The message of a head prepared for exactly the bytes {@code b[off..off+len)} start with, parsed for this
     * direction and body limit, or null; a message is taken once. On success the head's length is {@link #taken()}.
     */
    HttpMessage take(byte[] b, int off, int len, boolean isRequest, int limit) {
        if (limit != bodyLimit) {
            return null;
        }
        for (int k = 0; k < count; k++) {
            int n = length[k];
            if (message[k] != null && request[k] == isRequest && n <= len
                    && Arrays.equals(b, off, off + n, bytes[k], 0, n)) {
                HttpMessage m = message[k];
                message[k] = null;
                taken = n;
                return m;
            }
        }
        return null;
    }

    /** The length of the head {@link #take} returned last. */
    int taken() {
        return taken;
    }
}
