package io.jtrace.recorder.output;

import com.google.protobuf.MessageLite;
import io.jtrace.format.TraceWriter;
import io.jtrace.format.proto.Exec;
import io.jtrace.format.proto.Exit;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Loss;
import io.jtrace.format.proto.Signal;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.TaskName;
import io.jtrace.format.proto.TaskStart;
import io.jtrace.format.proto.Trailer;
import io.jtrace.format.syscalls.SyscallTable;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The writer thread: takes records from the queue, serializes and compresses them, closes a frame
 * at least once a second, rotates files (-G with -W, -C) and ends each file with a trailer. The
 * header of each file is a fresh snapshot, so a rotated file names the connections open then.
 */
public final class WriterThread {
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(5);
    private final java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean stalled;
    private static final long FLUSH_NS = TimeUnit.SECONDS.toNanos(1);
    private static final int BATCH = 4096;
    /**
     * How long the writer sleeps when the ring is empty: each wake-up costs a context switch on the
     * cores the tracees need, a longer sleep a bigger ring backlog. {@code -Djtrace.writer.idleMs}
     * for measuring (BENCHMARKS.md, "JVM settings").
     */
    private static final long IDLE_MS = Long.getLong("jtrace.writer.idleMs", 2);

    private final RecordQueue queue;
    private final OutputFiles files;
    private final OutputPolicy policy;
    private final Supplier<Header> headers;
    private final Runnable onFailure;
    private final TaskNames names;
    private final Thread thread;
    private final Totals total = new Totals();
    private volatile OutputException failure;
    private volatile String stopReason = "stopped";

    private TraceWriter writer;
    private Totals file;
    private long fileStartNs;
    private long lastFlushNs;
    private int fileIndex;
    /** Compressed and raw bytes of the files closed so far, for the compression ratio of -C. */
    private long diskBefore;
    private long rawBefore;
    private OutputChannel prepared;
    private volatile OutputChannel out;
    private boolean ended;
    private final SyscallEncoder encoder;
    private final RecordQueue.Consumer records = new RecordQueue.Consumer() {
        @Override
        public void syscall(jnr.ffi.Pointer ring, int offset) throws IOException {
            writeSyscall(ring, offset);
        }

        @Override
        public void message(long nanoTime, MessageLite message) throws IOException {
            if (sizeRotationDue()) {
                rotate();
            }
            write(nanoTime - fileStartNs, message);
        }
    };
    private StatusLine status;

    /**
     * @param headers   a header for each new file: processes as they are now (times are set here)
     * @param onFailure called once, on the writer thread, when output fails (disk full): stop tracing
     * @param names     the thread names each file tells
     */
    public WriterThread(RecordQueue queue, SyscallTable table, OutputFiles files, OutputPolicy policy,
                        Supplier<Header> headers, Runnable onFailure, TaskNames names) {
        this.queue = queue;
        this.encoder = new SyscallEncoder(table);
        this.names = names;
        this.files = files;
        this.policy = policy;
        this.headers = headers;
        this.onFailure = onFailure;
        this.thread = new Thread(this::run, "jtrace-writer");
    }

    /**
     * Creates the first file and checks that it takes writes, so that an unwritable output
     * (a missing directory, a full disk, /proc/version, /dev/full) is reported before any
     * process is touched.
     */
    public void prepare() throws IOException {
        prepared = files.open(now());
        try {
            prepared.check();
        } catch (IOException e) {
            String message = failed(prepared, e);
            abandon();
            throw new OutputException(message, e);
        }
    }

    /** Closes and removes the prepared file: tracing never started. */
    public void abandon() {
        try {
            if (prepared != null) {
                prepared.close();
            }
            if (files.current() != null) {
                java.nio.file.Files.deleteIfExists(files.current());
            }
        } catch (IOException ignored) {
            // nothing was recorded; a leftover empty file is harmless
        }
    }

    /** Draws {@code status} (a terminal's status line) from this thread's counters; before {@link #start()}. */
    public void showStatus(StatusLine status) {
        this.status = status;
    }

    /** Starts the thread, which writes the first file's header (a snapshot taken then). */
    public void start() {
        thread.start();
    }

    /**
     * Lets the queue drain, writes the trailer and closes the file; waits for the thread to end.
     * Returns whatever happened to the output: after a failure the thread only takes records off
     * the queue until this end, so neither the tracer nor this call ever waits on a dead output.
     */
    public void finish(String reason) throws InterruptedException {
        stopReason = reason;
        while (thread.isAlive() && !stalled && !queue.end(100)) {
            // the queue is full: wait for room unless the output stalls meanwhile
        }
        while (thread.isAlive() && !stalled) {
            thread.join(100);
        }
    }

    /**
     * A stop was asked for (a signal): should the output then not move for {@link #STALL_NANOS}
     * (a reader that stopped reading a pipe, a hung NFS mount), stop waiting for it. The queue
     * lets the tracer go so it can detach, and {@link #finish} returns with a failure instead of
     * waiting forever for a write(2) that never returns.
     */
    public void giveUpIfStalled() {
        if (watching.getAndSet(true)) {
            return;
        }
        Thread watchdog = new Thread(() -> {
            long lastBytes = -1;
            long lastMove = System.nanoTime();
            while (thread.isAlive() && failure == null) { // a failed writer only drains: it is not stuck
                long bytes = total.bytesWritten + (out == null ? 0 : out.written());
                long now = System.nanoTime();
                if (bytes != lastBytes) {
                    lastBytes = bytes;
                    lastMove = now;
                } else if (now - lastMove >= STALL_NANOS) {
                    failure = new OutputException("writing " + (out == null ? "the trace" : out.name())
                            + " stalled: nothing could be written for " + TimeUnit.NANOSECONDS.toSeconds(STALL_NANOS)
                            + " s after the stop; the file lacks its last records", null);
                    stalled = true;
                    queue.abandon();
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "jtrace-stall-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    public Totals totals() {
        return total;
    }

    /** Why output failed (its message is the user's one line, naming the output), or null. */
    public OutputException failure() {
        return failure;
    }

    private void run() {
        try {
            openFile();
            while (!ended) {
                boolean last = queue.ended(); // before the take: an empty take after the end means all is written
                long now = System.nanoTime();
                // once the tracer has ended, what is left goes to this file: a new one would open
                // on a header that no longer names the processes (they have exited)
                if (!last && timeRotationDue(now)) {
                    rotate();
                }
                if (queue.take(records, BATCH) == 0) {
                    if (last) {
                        ended = true;
                    } else {
                        // Sleep rather than wait on the queue: a waiting consumer would make every put
                        // by the tracer thread a futex wake-up, one per recorded syscall.
                        Thread.sleep(IDLE_MS);
                    }
                }
                now = System.nanoTime();
                writeDropped(now);
                if (now - lastFlushNs >= FLUSH_NS) {
                    writer.flush();
                    lastFlushNs = now;
                }
                if (status != null) {
                    status.tick(now, total, total.bytesWritten + out.written());
                }
            }
            writeDropped(System.nanoTime());
            closeFile(stopReason);
        } catch (Exception | OutOfMemoryError e) {
            // whatever it was (EPIPE, ENOSPC, EIO at close, a record too large): the recording ends;
            // the abandoned queue lets the tracer go, and nothing queued is written any more
            failure = new OutputException(out != null ? failed(out, e) : reason(e), e);
            queue.abandon();
            abandonFile();
            onFailure.run();
        }
    }

    private static String failed(OutputChannel out, Throwable e) {
        return "writing " + out.name() + " failed: " + reason(e);
    }

    private static String reason(Throwable e) {
        if (e instanceof OutputException) {
            return e.getMessage();
        } else if (e instanceof IOException io) {
            return OutputFiles.reason(io);
        } else if (e instanceof OutOfMemoryError) {
            return "out of memory";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** After a failure: closes what can be closed, counting what reached the output. */
    private void abandonFile() {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // the failure already reported is the one that matters
        }
        endFile();
    }

    private boolean timeRotationDue(long now) {
        return policy.rotates() && policy.rotateSeconds() > 0
                && now - fileStartNs >= TimeUnit.SECONDS.toNanos(policy.rotateSeconds());
    }

    /**
     * -C: the file's size on disk once its open frame is written. That frame's raw bytes are
     * scaled by the compression ratio seen so far in this recording (zstd shrinks this kind of
     * trace 4 to 12 times; counting raw bytes would make files that much smaller than asked).
     */
    private boolean sizeRotationDue() {
        if (!policy.rotates() || policy.rotateBytes() <= 0) {
            return false;
        }
        long raw = rawBefore + writer.rawBytesWritten();
        double ratio = raw > 0 ? (double) (diskBefore + writer.bytesWritten()) / raw : 1.0;
        return writer.bytesWritten() + (long) (writer.pendingBytes() * Math.min(ratio, 1.0)) >= policy.rotateBytes();
    }

    private void rotate() throws IOException {
        closeFile("rotated");
        openFile();
    }

    private void openFile() throws IOException {
        long wallNs = System.currentTimeMillis() * 1_000_000L;
        fileStartNs = System.nanoTime();
        lastFlushNs = fileStartNs;
        Header header = headers.get().toBuilder().setStartWallNs(wallNs).setStartMonotonicNs(fileStartNs)
                .setFileIndex(fileIndex++).build();
        writer = null;
        out = prepared != null ? prepared : files.open(now());
        prepared = null;
        writer = new TraceWriter(new BufferedOutputStream(out, 1 << 16), policy.codec(), header);
        file = new Totals();
        names.reset(header);
    }

    private static ZonedDateTime now() {
        return ZonedDateTime.ofInstant(Instant.now(), ZoneId.systemDefault());
    }

    private void closeFile(String reason) throws IOException {
        Trailer trailer = file.toTrailer().setEndWallNs(System.currentTimeMillis() * 1_000_000L)
                .setStopReason(reason).build();
        writer.writeTrailer(System.nanoTime() - fileStartNs, trailer);
        writer.close();
        endFile();
        diskBefore += writer.bytesWritten();
        rawBefore += writer.rawBytesWritten();
    }

    /** The current file is closed (or failed): what reached it counts, once. */
    private void endFile() {
        if (out != null) {
            total.bytesWritten += out.written();
            try {
                out.close();
            } catch (IOException ignored) {
                // the writer's close reported what mattered
            }
            out = null;
        }
    }

    private void writeDropped(long now) throws IOException {
        long[] dropped = queue.takeDropped();
        if (dropped[0] > 0) {
            write(now - fileStartNs, Loss.newBuilder().setReason(Loss.Reason.QUEUE_FULL)
                    .setRecords(dropped[0]).setBytes(dropped[1]).build());
        }
    }

    /** A syscall straight from the ring: encoded without a message object, named as {@link #write} names it. */
    private void writeSyscall(jnr.ffi.Pointer ring, int offset) throws IOException {
        if (sizeRotationDue()) {
            rotate(); // checked per record: a file exceeds -C by less than one record
        }
        encoder.encode(ring, offset);
        long timeNs = encoder.time() - fileStartNs;
        TaskName before = names.before(encoder.tid(), encoder.pid());
        if (before != null) {
            write(timeNs, before);
        }
        writer.writeSyscall(timeNs, encoder.bytes(), 0, encoder.length());
        file.addSyscall(encoder.capturedBytes());
        total.addSyscall(encoder.capturedBytes());
        TaskName after = names.after(encoder);
        if (after != null) {
            write(timeNs + encoder.duration(), after);
        }
    }

    private void write(long timeNs, MessageLite m) throws IOException {
        if (m instanceof Syscall s) {
            // names are read here, off the tracer's path: a thread's name comes before its first call
            TaskName before = names.before(s);
            if (before != null) {
                write(timeNs, before);
            }
            writer.write(timeNs, s);
            TaskName after = names.after(s);
            if (after != null) {
                write(timeNs + s.getDurationNs(), after);
            }
        } else if (m instanceof TaskName n) {
            writer.write(timeNs, n);
        } else if (m instanceof io.jtrace.format.proto.TaskPids p) {
            writer.write(timeNs, p);
        } else if (m instanceof TaskStart t) {
            writer.write(timeNs, t);
        } else if (m instanceof Exec e) {
            writer.write(timeNs, e);
        } else if (m instanceof Exit e) {
            writer.write(timeNs, e);
        } else if (m instanceof Signal s) {
            writer.write(timeNs, s);
        } else if (m instanceof Loss l) {
            writer.write(timeNs, l);
        } else {
            throw new IllegalArgumentException("not a record: " + m.getClass().getName());
        }
        names.seen(m);
        file.add(m);
        total.add(m);
    }
}
