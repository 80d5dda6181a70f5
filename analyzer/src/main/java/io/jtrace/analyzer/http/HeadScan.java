package io.jtrace.analyzer.http;

import io.jtrace.analyzer.trace.Calls;
import io.jtrace.analyzer.trace.Payload;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.syscalls.SyscallTable;
import java.util.function.Function;

/**
 * Parses, where records are decoded and beside the thread that follows the connections, the HTTP/1 head that the
 * first bytes of a read or write start with, when it lies whole in them: nearly every request and response. The
 * {@link HttpStreamParser} that reaches those bytes at a message start takes it (see {@link ParsedHead}) instead of
 * parsing them again; one elsewhere in its stream, or of the other direction, parses them as ever. The parse is the
 * parser's own ({@link HeadReader} over the same bytes, starting empty), so the message is the same either way.
 *
 * <p>One per reader: it keeps buffers of its own, and runs on that reader's decoding thread only.
 */
final class HeadScan implements Function<RecordedSyscall, ParsedHead> {
    /** Bytes of a call looked at first: a head that ends within them reads the same as from all of them. */
    private static final int PREFIX = 2048;

    private final SyscallTable table;
    private final int bodyLimit;
    private final Payload payload = new Payload();
    private final HeadReader requests = new HeadReader(true);
    private final HeadReader responses = new HeadReader(false);
    private final Slice slice = new Slice(null, 0, 0, 0);
    private byte[] bytes = new byte[PREFIX];
    /** The last parse found a start that the bytes after those seen could make a head of. */
    private boolean cut;

    /** @param bodyLimit body bytes a message keeps, as the parsers' */
    HeadScan(SyscallTable table, int bodyLimit) {
        this.table = table;
        this.bodyLimit = Math.max(0, bodyLimit);
    }

    @Override
    public ParsedHead apply(RecordedSyscall s) {
        String name = table.name(s.getNr());
        if (Calls.flow(name) == Calls.Flow.NONE) {
            return null;
        }
        int n = payload.firstPiece(s, name, bytes);
        if (n <= 0) {
            return null;
        }
        ParsedHead head = parse(bytes, n, Math.min(n, bytes.length));
        if (head == null && cut && n > bytes.length) {
            // a head longer than the prefix (rare): all the bytes, as the parser gets them
            byte[] all = new byte[n];
            payload.firstPiece(s, name, all);
            head = parse(all, n, n);
        }
        return head;
    }

    /** What {@link #apply} finds in a call whose first piece is {@code b[off, off + len)}. */
    ParsedHead scan(byte[] b, int off, int len) {
        if (len <= 0) {
            return null;
        }
        int seen = Math.min(len, bytes.length);
        System.arraycopy(b, off, bytes, 0, seen);
        ParsedHead head = parse(bytes, len, seen);
        return head == null && cut && len > seen ? parse(java.util.Arrays.copyOfRange(b, off, off + len), len, len)
                : head;
    }

    /**
     * The head the n bytes in b start with, read from the first {@code seen} of them: a head that ends there is read
     * alike from all n, every check it passed lying before its end.
     */
    private ParsedHead parse(byte[] b, int n, int seen) {
        cut = false;
        byte c = b[0];
        ParsedHead head = StartLine.mayStart(c, true) ? parse(requests, b, n, seen) : null;
        return head == null && StartLine.mayStart(c, false) ? parse(responses, b, n, seen) : head;
    }

    /** The head, when the reader takes it whole in one read (as a parser's first read of the bytes would). */
    private ParsedHead parse(HeadReader reader, byte[] b, int n, int seen) {
        try {
            reader.read(slice.set(b, 0, seen, 0));
            if (reader.result() != HeadReader.Result.COMPLETE) {
                // a head that may go on past the bytes seen: the rest could complete it (a body never does)
                cut |= reader.result() == HeadReader.Result.MORE && seen < n;
                return null;
            }
            HttpMessage m = reader.message(bodyLimit);
            return new ParsedHead(m, seen - slice.len, n, bodyLimit, Framing.contentLength(m.headers()));
        } finally {
            reader.clear();
        }
    }
}
