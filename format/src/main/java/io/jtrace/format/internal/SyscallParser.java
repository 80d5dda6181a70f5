package io.jtrace.format.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.proto.Fd;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses a syscall record into a {@link RecordedSyscall}, reading the wire format itself: no stream, no builders, and
 * each field read straight from the array, where protobuf's generated parser makes a stream and a builder per message
 * and reads each field through the stream's virtual calls (BENCHMARKS.md, "Issue 15, seventh session" and "eighth
 * session"). Anything else is left to the generated parser (null): a record of another kind, a field this reader
 * does not know (a newer minor version's, which the generated parser keeps as an unknown field), and damage, so that
 * the generated parser says what it says of it. The call is equal to the one made of the generated parser's message
 * ({@link RecordedSyscall#of}).
 *
 * <p>One per decoding thread: the cursor and the argument scratch are its state.
 */
final class SyscallParser {
    /** A field's bytes run past their message, or a varint is too long: left to the generated parser. */
    private static final class Malformed extends Exception {
        Malformed() {
            super(null, null, false, false);
        }
    }

    private static final Malformed MALFORMED = new Malformed();
    private static final long[] NO_ARGS = {};

    private byte[] b;
    private int pos;
    private long timeDelta;
    private long[] args = new long[8];

    /** The syscall record in {@code bytes[off, off + len)}, or null when it is the generated parser's to read. */
    RecordedSyscall parse(byte[] bytes, int off, int len) {
        b = bytes;
        pos = off;
        try {
            return record(off + len);
        } catch (Malformed | IOException e) {
            return null;
        } finally {
            b = null;
        }
    }

    /** The time delta field of the record {@link #parse} read last. */
    long timeDelta() {
        return timeDelta;
    }

    private RecordedSyscall record(int end) throws Malformed, IOException {
        long delta = 0;
        RecordedSyscall s = null;
        while (pos < end) {
            switch (tag(end)) {
                case 8 -> delta = CodedInputStream.decodeZigZag64(varint(end));
                case 18 -> {
                    if (s != null) {
                        return null;   // a second one merges into the first: the generated parser's way
                    }
                    s = syscall(limit(end));
                    if (s == null) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        timeDelta = delta;
        return s;
    }

    private RecordedSyscall syscall(int end) throws Malformed, IOException {
        int tid = 0;
        int pid = 0;
        int nr = 0;
        int nargs = 0;
        long ret = 0;
        long duration = 0;
        boolean unfinished = false;
        boolean injected = false;
        boolean poked = false;
        RecordedBuffer first = null;
        List<RecordedBuffer> more = null;
        List<Fd> fds = null;
        while (pos < end) {
            switch (tag(end)) {
                case 8 -> tid = (int) varint(end);
                case 16 -> pid = (int) varint(end);
                case 24 -> nr = (int) varint(end);
                case 32 -> nargs = arg(nargs, varint(end));
                case 34 -> {
                    int to = limit(end);
                    while (pos < to) {
                        nargs = arg(nargs, varint(to));
                    }
                }
                case 40 -> ret = CodedInputStream.decodeZigZag64(varint(end));
                case 48 -> duration = varint(end);
                case 58 -> {
                    RecordedBuffer m = buffer(limit(end));
                    if (m == null) {
                        return null;
                    }
                    if (first == null) {
                        first = m;
                    } else {
                        if (more == null) {
                            more = new ArrayList<>(4);
                            more.add(first);
                        }
                        more.add(m);
                    }
                }
                case 64 -> unfinished = varint(end) != 0;
                case 74 -> {
                    // rare (calls that make fds): the generated parser's, checked to end where the field ends
                    int to = limit(end);
                    CodedInputStream in = CodedInputStream.newInstance(b, pos, to - pos);
                    if (fds == null) {
                        fds = new ArrayList<>(2);
                    }
                    fds.add(Fd.parser().parsePartialFrom(in, ExtensionRegistryLite.getEmptyRegistry()));
                    in.checkLastTagWas(0);
                    pos = to;
                }
                case 80 -> injected = varint(end) != 0;
                case 88 -> poked = varint(end) != 0;
                default -> {
                    return null;
                }
            }
        }
        List<RecordedBuffer> buffers = more != null ? List.copyOf(more) : first != null ? List.of(first) : List.of();
        return new RecordedSyscall(tid, pid, nr, nargs == 0 ? NO_ARGS : Arrays.copyOf(args, nargs), ret, duration,
                buffers, unfinished, fds == null ? List.of() : List.copyOf(fds), injected, poked, null);
    }

    /** Appends an argument to the scratch; returns the count. */
    private int arg(int n, long value) {
        if (n == args.length) {
            args = Arrays.copyOf(args, 2 * n);
        }
        args[n] = value;
        return n + 1;
    }

    private RecordedBuffer buffer(int end) throws Malformed {
        int arg = 0;
        int part = 0;
        int index = 0;
        boolean atExit = false;
        long address = 0;
        long length = 0;
        ByteString data = ByteString.EMPTY;
        int error = 0;
        int message = 0;
        while (pos < end) {
            switch (tag(end)) {
                case 8 -> arg = (int) varint(end);
                case 16 -> part = (int) varint(end);
                case 24 -> index = (int) varint(end);
                case 32 -> atExit = varint(end) != 0;
                case 40 -> address = varint(end);
                case 48 -> length = varint(end);
                case 58 -> {
                    int to = limit(end);
                    data = to == pos ? ByteString.EMPTY : ByteString.copyFrom(b, pos, to - pos);
                    pos = to;
                }
                case 64 -> error = (int) varint(end);
                case 72 -> message = (int) varint(end);
                default -> {
                    return null;
                }
            }
        }
        return new RecordedBuffer(arg, part, index, atExit, address, length, data, error, message);
    }

    /** A field's tag; one beyond an int's range is no tag this parser knows. */
    private int tag(int end) throws Malformed {
        long t = varint(end);
        return t > Integer.MAX_VALUE ? -1 : (int) t;
    }

    /** The end of a length-delimited field whose length comes next, within end. */
    private int limit(int end) throws Malformed {
        long n = varint(end);
        if (n > end - pos) {
            throw MALFORMED;
        }
        return pos + (int) n;
    }

    private long varint(int end) throws Malformed {
        long v = 0;
        for (int shift = 0; shift < 64 && pos < end; shift += 7) {
            byte c = b[pos++];
            v |= (long) (c & 0x7f) << shift;
            if (c >= 0) {
                return v;
            }
        }
        throw MALFORMED;
    }
}
