package io.jtrace.format.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Syscall;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a record larger than the reader's record limit (before the limit was lowered to 4 MiB, a
 * recorder kept up to 31 MiB per buffer with {@code -s 0}) without holding it: its captured buffers are cut as
 * a smaller snap length would have cut them, {@code Buffer.length} keeping the size the call
 * moved, so readers see a capture shorter than the call as they always do. The record is read
 * field by field from the input and written again with {@code Buffer.data} shortened; any other
 * field that does not fit the limit makes the record corrupt.
 */
final class RecordCutter {
    private static final int RECORD = 0;
    private static final int SYSCALL = 1;
    private static final int BUFFER = 2;
    /** Room kept for the fields after a cut buffer (its error, the syscall's other buffers' metadata). */
    private static final int RESERVE = 64 << 10;

    private final int limit;
    private int left;

    /** @param limit bytes a record may have after the cut */
    RecordCutter(int limit) {
        this.limit = limit;
    }

    /** The record {@code in} holds (up to its limit), with its buffers' data cut to fit {@link #limit}. */
    Record cut(CodedInputStream in) throws IOException {
        left = limit;
        Fields f = fields(in, RECORD);
        Record.Builder r = Record.newBuilder().mergeFrom(f.bytes());
        if (f.syscall != null) {
            r.setSyscall(f.syscall);
        }
        return r.build();
    }

    /**
     * The fields of a message: the syscall (of a record) or the buffers (of a syscall) as messages,
     * already cut, the data (of a buffer) cut, and every other field copied as it was.
     */
    private Fields fields(CodedInputStream in, int level) throws IOException {
        Fields f = new Fields();
        CodedOutputStream out = CodedOutputStream.newInstance(f, 256);
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            int field = WireFormat.getTagFieldNumber(tag);
            int type = WireFormat.getTagWireType(tag);
            if (type == WireFormat.WIRETYPE_START_GROUP || type == WireFormat.WIRETYPE_END_GROUP) {
                throw new InvalidProtocolBufferException("unexpected group in an oversized record");
            }
            if (type != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                in.skipField(tag, out);   // copies a number
                continue;
            }
            int length = in.readRawVarint32();
            if (length < 0) {
                throw new InvalidProtocolBufferException("negative length");
            }
            if (level == RECORD && field == Record.SYSCALL_FIELD_NUMBER
                    || level == SYSCALL && field == Syscall.BUFFERS_FIELD_NUMBER) {
                int outer = in.pushLimit(length);
                Fields nested = fields(in, level + 1);
                in.popLimit(outer);
                if (level == RECORD) {
                    Syscall.Builder s = Syscall.newBuilder().mergeFrom(nested.bytes()).addAllBuffers(nested.buffers);
                    f.syscall = f.syscall == null ? s.build() : f.syscall.toBuilder().mergeFrom(s.build()).build();
                } else {
                    Buffer.Builder b = Buffer.newBuilder().mergeFrom(nested.bytes());
                    if (nested.data != null) {
                        b.setData(nested.data);
                    }
                    f.buffers.add(b.build());
                }
            } else if (level == BUFFER && field == Buffer.DATA_FIELD_NUMBER) {
                int keep = Math.max(0, Math.min(length, left - RESERVE));
                // a fresh array nobody else holds: wrapped, not copied again
                f.data = UnsafeByteOperations.unsafeWrap(in.readRawBytes(keep));
                in.skipRawBytes(length - keep);
                left -= keep;
            } else {
                if (length > left) {
                    throw new InvalidProtocolBufferException("a field of " + length
                            + " bytes that is not captured data, in a record over the limit");
                }
                left -= length;
                out.writeByteArray(field, in.readRawBytes(length));
            }
        }
        out.flush();
        return f;
    }

    /** One message's fields: the copied ones as bytes, the cut ones as values. */
    private static final class Fields extends ByteArrayOutputStream {
        Syscall syscall;
        final List<Buffer> buffers = new ArrayList<>();
        ByteString data;

        byte[] bytes() {
            return toByteArray();
        }
    }
}
