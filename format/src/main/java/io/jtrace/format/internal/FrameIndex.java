package io.jtrace.format.internal;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.jtrace.format.proto.Record;
import java.io.IOException;

/**
 * What a frame holds, since format 1.5, so that a reader can skip a frame by time without
 * decompressing it: the smallest and largest record time (ns from the recording start, as
 * {@code TraceEvent.timeNs()}), the record count, and flags for the frames a reader must never
 * skip (the header, the trailer, losses, and the records that say which tasks exist and their
 * names: a view's thread state then stays whole whatever it skips).
 *
 * <p>It travels as the frame's first record (kind {@code frame_index}, time delta 0), which each
 * codec stores uncompressed at the start of the frame's stored bytes ({@link FrameCodec#index}):
 * the 16-byte {@link FrameMeta} stays as format 1.4 wrote it, and a 1.4 reader skips the record as
 * one of a kind it does not know.
 */
public record FrameIndex(long firstNs, long lastNs, int records, int flags) {
    /** The frame holds the header record. */
    public static final int HEADER = 1;
    /** The frame holds the trailer record. */
    public static final int TRAILER = 2;
    /** The frame holds a loss record. */
    public static final int LOSS = 4;
    /** The frame holds a TaskStart, Exit, Exec, TaskName or TaskPids record. */
    public static final int TASKS = 8;
    /** Stored bytes a reader looks at for the index: the record (at most 33 bytes) with a codec's wrapping. */
    static final int HEAD_BYTES = 64;

    /** True when every record lies outside [since, until] and nothing in the frame must be read. */
    public boolean outside(long since, long until) {
        return (flags & (HEADER | TRAILER | LOSS | TASKS)) == 0 && records > 0 && (lastNs < since || firstNs > until);
    }

    /** The index as the frame's first message: varint length, then the record. */
    public byte[] toMessage() {
        Record r = Record.newBuilder().setFrameIndex(io.jtrace.format.proto.FrameIndex.newBuilder()
                .setFirstNs(firstNs).setLastNs(lastNs).setRecords(records).setFlags(flags)).build();
        int size = r.getSerializedSize();
        byte[] b = new byte[CodedOutputStream.computeUInt32SizeNoTag(size) + size];
        CodedOutputStream out = CodedOutputStream.newInstance(b);
        try {
            out.writeUInt32NoTag(size);
            r.writeTo(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);   // an array of the exact size
        }
        return b;
    }

    /**
     * The index whose message (varint length, record) is {@code b[off..off+len)} exactly, or null
     * when those bytes are anything else (the frame then has no index: read it).
     */
    static FrameIndex parse(byte[] b, int off, int len) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(b, off, len);
            int size = in.readRawVarint32();
            if (size <= 0 || size != len - in.getTotalBytesRead()) {
                return null;
            }
            Record r = Record.parseFrom(CodedInputStream.newInstance(b, off + in.getTotalBytesRead(), size));
            if (!r.hasFrameIndex()) {
                return null;
            }
            io.jtrace.format.proto.FrameIndex f = r.getFrameIndex();
            return new FrameIndex(f.getFirstNs(), f.getLastNs(), f.getRecords(), f.getFlags());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The index whose message starts at {@code b[off]}, within {@code avail} bytes, or null. */
    static FrameIndex parseAt(byte[] b, int off, int avail) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(b, off, avail);
            int size = in.readRawVarint32();
            int total = in.getTotalBytesRead() + size;
            return size > 0 && total <= avail ? parse(b, off, total) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
