package io.jtrace.format.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Fd;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Syscall;
import java.io.IOException;

/**
 * Parses a syscall record into the messages protobuf's generated parser makes of it, equal to them, reading the wire
 * format itself and filling one builder of each kind, kept and reused: the generated parser makes a stream, a record
 * builder, a field builder, a syscall builder and a builder per buffer for every record, and reads each field through
 * the stream's virtual calls (BENCHMARKS.md, "Issue 15, seventh session"). Anything else is left to the generated
 * parser (null): a record of another kind, a field this reader does not know (a newer minor version's, which the
 * generated parser keeps as an unknown field), and damage, so that the generated parser says what it says of it.
 *
 * <p>One per decoding thread: the builders and the cursor are its state.
 */
final class SyscallParser {
    /** A field's bytes run past their message, or a varint is too long: left to the generated parser. */
    private static final class Malformed extends Exception {
        Malformed() {
            super(null, null, false, false);
        }
    }

    private static final Malformed MALFORMED = new Malformed();

    private final Record.Builder record = Record.newBuilder();
    private final Syscall.Builder syscall = Syscall.newBuilder();
    private final Buffer.Builder buffer = Buffer.newBuilder();
    private byte[] b;
    private int pos;

    /** The record in {@code bytes[off, off + len)}, or null when it is the generated parser's to read. */
    Record parse(byte[] bytes, int off, int len) {
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

    private Record record(int end) throws Malformed, IOException {
        long timeDelta = 0;
        Syscall s = null;
        while (pos < end) {
            switch (tag(end)) {
                case 8 -> timeDelta = CodedInputStream.decodeZigZag64(varint(end));
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
        return s == null ? null : record.clear().setTimeDelta(timeDelta).setSyscall(s).buildPartial();
    }

    private Syscall syscall(int end) throws Malformed, IOException {
        Syscall.Builder s = syscall.clear();
        while (pos < end) {
            switch (tag(end)) {
                case 8 -> s.setTid((int) varint(end));
                case 16 -> s.setPid((int) varint(end));
                case 24 -> s.setNr((int) varint(end));
                case 32 -> s.addArgs(varint(end));
                case 34 -> {
                    int to = limit(end);
                    while (pos < to) {
                        s.addArgs(varint(to));
                    }
                }
                case 40 -> s.setRet(CodedInputStream.decodeZigZag64(varint(end)));
                case 48 -> s.setDurationNs(varint(end));
                case 58 -> {
                    Buffer m = buffer(limit(end));
                    if (m == null) {
                        return null;
                    }
                    s.addBuffers(m);
                }
                case 64 -> s.setUnfinished(varint(end) != 0);
                case 74 -> {
                    // rare (calls that make fds): the generated parser's, checked to end where the field ends
                    int to = limit(end);
                    CodedInputStream in = CodedInputStream.newInstance(b, pos, to - pos);
                    s.addFds(Fd.parser().parsePartialFrom(in, ExtensionRegistryLite.getEmptyRegistry()));
                    in.checkLastTagWas(0);
                    pos = to;
                }
                case 80 -> s.setInjected(varint(end) != 0);
                case 88 -> s.setPoked(varint(end) != 0);
                default -> {
                    return null;
                }
            }
        }
        return s.buildPartial();
    }

    private Buffer buffer(int end) throws Malformed {
        Buffer.Builder m = buffer.clear();
        while (pos < end) {
            switch (tag(end)) {
                case 8 -> m.setArg((int) varint(end));
                case 16 -> m.setPartValue((int) varint(end));
                case 24 -> m.setIndex((int) varint(end));
                case 32 -> m.setAtExit(varint(end) != 0);
                case 40 -> m.setAddress(varint(end));
                case 48 -> m.setLength(varint(end));
                case 58 -> {
                    int to = limit(end);
                    m.setData(to == pos ? ByteString.EMPTY : ByteString.copyFrom(b, pos, to - pos));
                    pos = to;
                }
                case 64 -> m.setError((int) varint(end));
                case 72 -> m.setMessage((int) varint(end));
                default -> {
                    return null;
                }
            }
        }
        return m.buildPartial();
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
