package io.jtrace.format;

import com.google.protobuf.CodedOutputStream;
import io.jtrace.format.internal.FrameIndex;
import io.jtrace.format.internal.FrameWriter;
import io.jtrace.format.proto.Exec;
import io.jtrace.format.proto.Exit;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Loss;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Signal;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.TaskName;
import io.jtrace.format.proto.TaskPids;
import io.jtrace.format.proto.TaskStart;
import io.jtrace.format.proto.Trailer;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes a trace: the header, then records, each with its time, then (on a clean stop) the
 * trailer. Records gather in memory and go out as one compressed frame when about
 * {@link #DEFAULT_FRAME_BYTES} have gathered, on {@link #flush()}, and on {@link #close()}; so a
 * process killed mid-recording loses at most the records written since the last flush.
 *
 * <p>Times are nanoseconds since the recording start ({@code Header.start_monotonic_ns}); they are
 * delta-encoded within each frame. Not thread-safe: one writer thread owns it.
 *
 * <pre>{@code
 * try (TraceWriter w = TraceWriter.create(path, Codec.ZSTD, header)) {
 *     w.write(1_000, syscall);
 *     w.writeTrailer(2_000, trailer);
 * }
 * }</pre>
 */
public final class TraceWriter implements Closeable, Flushable {
    /** A frame is closed once this many raw bytes have gathered. */
    public static final int DEFAULT_FRAME_BYTES = 1 << 20;
    /**
     * Largest serialized record accepted; recorders clamp captured buffers below it. It bounds
     * what a reader holds: a record, and a frame of {@link #MAX_FRAME_BYTES} plus one record, fit
     * many times in a 64 MiB heap (FORMAT.md, "Limits"). Records over it in files written before
     * it was lowered from 32 MiB are read with their buffers cut ({@link TraceReader#cutRecords()}).
     */
    public static final int MAX_RECORD_BYTES = 4 << 20;
    /**
     * Largest frame size a writer may be configured with: a frame closes once it holds this much,
     * so with the record that crossed it a frame stays under the size a reader decompresses whole.
     */
    public static final int MAX_FRAME_BYTES = 2 << 20;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final FrameWriter frames;
    private final int frameBytes;
    private byte[] buf;
    private int len;
    private long lastTime;
    private long records;
    // what the open frame holds, for its index (format 1.5)
    private long frameFirstNs = Long.MAX_VALUE;
    private long frameLastNs = Long.MIN_VALUE;
    private int frameRecords;
    private int frameFlags;
    private long rawBytesWritten;
    private boolean trailerWritten;
    private boolean closed;

    /** A writer with the codec's default level and frame size. */
    public TraceWriter(OutputStream out, Codec codec, Header header) throws IOException {
        this(out, codec, codec.defaultLevel(), DEFAULT_FRAME_BYTES, header);
    }

    /**
     * @param level      compression level of the codec (zstd 1..19, gzip 1..9; ignored for none)
     * @param frameBytes raw bytes after which a frame is closed
     * @param header     written first, as its own frame; magic and version are filled in when unset
     */
    public TraceWriter(OutputStream out, Codec codec, int level, int frameBytes, Header header) throws IOException {
        if (frameBytes <= 0 || frameBytes > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("frame size out of range: " + frameBytes);
        }
        this.frames = new FrameWriter(out, codec, level);
        this.frameBytes = frameBytes;
        this.buf = new byte[Math.min(frameBytes, 1 << 16) + 1024];
        Header.Builder h = header.toBuilder();
        if (h.getMagic().isEmpty()) {
            h.setMagic(FormatVersion.MAGIC);
        }
        if (h.getFormatMajor() == 0) {
            h.setFormatMajor(FormatVersion.MAJOR).setFormatMinor(FormatVersion.MINOR);
        }
        if (h.getOptions().getCodec().isEmpty()) {
            h.setOptions(h.getOptions().toBuilder().setCodec(codec.displayName()));
        }
        frameFlags |= FrameIndex.HEADER;
        indexTime(0);
        append(Record.newBuilder().setHeader(h).build());
        flush();
    }

    /**
     * Creates (or truncates) {@code path} with mode 0600, whatever the umask: traces hold secrets.
     */
    public static TraceWriter create(Path path, Codec codec, Header header) throws IOException {
        return new TraceWriter(openOwnerOnly(path), codec, header);
    }

    /**
     * Opens {@code path} for writing with mode 0600, creating or truncating it. A device or FIFO
     * ({@code -w /dev/null}, a named pipe) is written as it is and keeps its mode.
     */
    public static OutputStream openOwnerOnly(Path path) throws IOException {
        return new BufferedOutputStream(Channels.newOutputStream(openOwnerOnlyChannel(path)), 1 << 16);
    }

    /** As {@link #openOwnerOnly}, the channel itself (for a writer that counts what each write(2) took). */
    public static FileChannel openOwnerOnlyChannel(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path,
                EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            if (Files.isRegularFile(path)) {
                Files.setPosixFilePermissions(path, OWNER_ONLY); // an existing file keeps its mode otherwise
            }
        } catch (IOException | UnsupportedOperationException e) {
            channel.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        return channel;
    }

    /** Writes a record read from a trace (a copy, a test's), by the method its kind has; not a header or an index. */
    public void write(TraceEvent e) throws IOException {
        Record r = e.record();
        long t = e.timeNs();
        switch (r.getKindCase()) {
            case SYSCALL -> write(t, r.getSyscall());
            case TASK_START -> write(t, r.getTaskStart());
            case TASK_NAME -> write(t, r.getTaskName());
            case TASK_PIDS -> write(t, r.getTaskPids());
            case EXEC -> write(t, r.getExec());
            case EXIT -> write(t, r.getExit());
            case SIGNAL -> write(t, r.getSignal());
            case LOSS -> write(t, r.getLoss());
            case TRAILER -> writeTrailer(t, r.getTrailer());
            default -> throw new IllegalArgumentException("cannot write a " + r.getKindCase() + " record");
        }
    }

    public void write(long timeNs, Syscall syscall) throws IOException {
        append(record(timeNs).setSyscall(syscall).build());
    }

    public void write(long timeNs, TaskStart start) throws IOException {
        frameFlags |= FrameIndex.TASKS;
        append(record(timeNs).setTaskStart(start).build());
    }

    public void write(long timeNs, Exec exec) throws IOException {
        frameFlags |= FrameIndex.TASKS;
        append(record(timeNs).setExec(exec).build());
    }

    public void write(long timeNs, Exit exit) throws IOException {
        frameFlags |= FrameIndex.TASKS;
        append(record(timeNs).setExit(exit).build());
    }

    public void write(long timeNs, Signal signal) throws IOException {
        append(record(timeNs).setSignal(signal).build());
    }

    public void write(long timeNs, TaskName name) throws IOException {
        frameFlags |= FrameIndex.TASKS;
        append(record(timeNs).setTaskName(name).build());
    }

    public void write(long timeNs, TaskPids pids) throws IOException {
        frameFlags |= FrameIndex.TASKS;
        append(record(timeNs).setTaskPids(pids).build());
    }

    public void write(long timeNs, Loss loss) throws IOException {
        frameFlags |= FrameIndex.LOSS;
        append(record(timeNs).setLoss(loss).build());
    }

    /**
     * Writes a syscall record given as its encoded {@code Syscall} message (the protobuf wire
     * format of jtrace.proto's Syscall, as {@code Syscall.toByteArray()} would give it): for a
     * recorder that encodes from raw values without building a message per syscall. The record is
     * the same as {@link #write(long, Syscall)} of that message would write.
     */
    public void writeSyscall(long timeNs, byte[] syscall, int offset, int length) throws IOException {
        if (trailerWritten) {
            throw new IllegalStateException("record written after the trailer");
        }
        if (closed) {
            throw new IOException("trace writer is closed");
        }
        long delta = timeNs - lastTime;
        // Record: time_delta = 1 (sint64, omitted when 0), syscall = 2 (length-delimited)
        long zigzag = (delta << 1) ^ (delta >> 63);
        int size = (delta != 0 ? 1 + CodedOutputStream.computeUInt64SizeNoTag(zigzag) : 0)
                + 1 + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
        if (size > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("record of " + size + " bytes exceeds the "
                    + (MAX_RECORD_BYTES >> 20) + " MiB record limit");
        }
        lastTime = timeNs;
        indexTime(timeNs);
        int need = len + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, Math.min(buf.length * 2, frameBytes + MAX_RECORD_BYTES)));
        }
        int at = varint(len, size);
        if (delta != 0) {
            buf[at++] = 1 << 3;
            at = varint(at, zigzag);
        }
        buf[at++] = 2 << 3 | 2;
        at = varint(at, length);
        System.arraycopy(syscall, offset, buf, at, length);
        len = need;
        records++;
        frameRecords++;
        if (len >= frameBytes) {
            closeFrame();
        }
    }

    private int varint(int at, long value) {
        while ((value & ~0x7fL) != 0) {
            buf[at++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        buf[at++] = (byte) value;
        return at;
    }

    /** Writes the trailer that marks a clean stop; nothing may be written after it. */
    public void writeTrailer(long timeNs, Trailer trailer) throws IOException {
        frameFlags |= FrameIndex.TRAILER;
        append(record(timeNs).setTrailer(trailer).build());
        trailerWritten = true;
    }

    private Record.Builder record(long timeNs) {
        if (trailerWritten) {
            throw new IllegalStateException("record written after the trailer");
        }
        long delta = timeNs - lastTime;
        lastTime = timeNs;
        indexTime(timeNs);
        return Record.newBuilder().setTimeDelta(delta);
    }

    /** Widens the open frame's time range to a record's time. */
    private void indexTime(long timeNs) {
        frameFirstNs = Math.min(frameFirstNs, timeNs);
        frameLastNs = Math.max(frameLastNs, timeNs);
    }

    private void append(Record record) throws IOException {
        if (closed) {
            throw new IOException("trace writer is closed");
        }
        int size = record.getSerializedSize();
        if (size > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("record of " + size + " bytes exceeds the "
                    + (MAX_RECORD_BYTES >> 20) + " MiB record limit");
        }
        int need = len + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, Math.min(buf.length * 2, frameBytes + MAX_RECORD_BYTES)));
        }
        CodedOutputStream out = CodedOutputStream.newInstance(buf, len, need - len);
        out.writeUInt32NoTag(size);
        record.writeTo(out);
        len = need;
        records++;
        frameRecords++;
        if (len >= frameBytes) {
            closeFrame();
        }
    }

    private void closeFrame() throws IOException {
        if (len > 0) {
            int n = len;
            len = 0; // a failed write must not be retried with the same bytes forever
            // the header frame holds the header alone, first, as every reader expects; it is never skipped
            FrameIndex index = (frameFlags & FrameIndex.HEADER) != 0 ? null
                    : new FrameIndex(frameFirstNs, frameLastNs, frameRecords, frameFlags);
            frameFirstNs = Long.MAX_VALUE;
            frameLastNs = Long.MIN_VALUE;
            frameRecords = 0;
            frameFlags = 0;
            frames.writeFrame(buf, n, index);
            rawBytesWritten += n;
        }
        lastTime = 0; // every frame starts its deltas from the recording start
    }

    /** Closes the current frame and flushes it to the stream, so a reader sees every record so far. */
    @Override
    public void flush() throws IOException {
        closeFrame();
        frames.flush();
    }

    /** Bytes written to the output so far, frames not yet closed excluded (for size rotation). */
    public long bytesWritten() {
        return frames.bytesWritten();
    }

    /**
     * Raw (uncompressed) bytes of the frames written so far; with {@link #bytesWritten()} it gives
     * the compression ratio, to estimate what the open frame will take on disk.
     */
    public long rawBytesWritten() {
        return rawBytesWritten;
    }

    /** Raw bytes gathered in the open frame. */
    public int pendingBytes() {
        return len;
    }

    /** Records written, the header included. */
    public long records() {
        return records;
    }

    /** Frames written so far. */
    public long frames() {
        return frames.frames();
    }

    /** Writes the open frame and closes the stream. Without {@link #writeTrailer} the file reads as truncated. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            closeFrame();
        } finally {
            closed = true;
            frames.close();
        }
    }
}
