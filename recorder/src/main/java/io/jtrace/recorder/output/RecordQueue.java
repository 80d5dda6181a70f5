package io.jtrace.recorder.output;

import com.google.protobuf.MessageLite;
import io.jtrace.format.TraceWriter;
import io.jtrace.recorder.ptrace.Native;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * The hand-off from the tracer thread to the writer thread: a single-producer single-consumer ring
 * of raw records in off-heap memory ({@link RawSyscall}'s layout), its head and tail published with
 * release/acquire, no lock and no object per syscall. The rare records (task start, exec, exit,
 * signal, loss) stay messages: they wait in a side queue, and a marker in the ring keeps their
 * place among the syscalls. When the writer falls behind, a put either waits (the default: the
 * tracee waits in its syscall stop, nothing is lost) or, with --drop, discards the record and counts
 * it, and the writer turns the count into a Loss record. Never silent either way.
 */
public final class RecordQueue {
    static final int SYSCALL = 1;
    static final int PAD = 2;
    static final int MESSAGE = 3;
    static final int MARKER = 16;

    /**
     * Bytes of queued records at most: bounds memory whatever the snap length. One record of the
     * largest size fits ({@link TraceWriter#MAX_RECORD_BYTES}); with the writer's frame that is
     * the recorder's peak (README, "Memory").
     */
    static final int CAPACITY = TraceWriter.MAX_RECORD_BYTES;
    private static final int SPINS = 100;
    private static final long PARK_NS = 50_000;
    /** Parks of {@link #PARK_NS} before waiting longer: a writer stuck for good must not cost a busy loop. */
    private static final int SHORT_PARKS = 1000;
    private static final long LONG_PARK_NS = 1_000_000;

    private final int capacity;
    private final int mask;
    private final Pointer ring;
    private final boolean drop;
    private final Queue<MessageLite> messages = new ConcurrentLinkedQueue<>();
    /** Producer side: where the next record goes; published to the writer through {@link #published}. */
    private long head;
    private long tailSeen;
    private final AtomicLong published = new AtomicLong();
    /** Consumer side: what the writer has taken. */
    private final AtomicLong tail = new AtomicLong();
    private volatile boolean abandoned;
    private volatile boolean ended;
    private final AtomicLong droppedRecords = new AtomicLong();
    private final AtomicLong droppedBytes = new AtomicLong();

    public RecordQueue(boolean drop) {
        this(CAPACITY, drop);
    }

    /** @param capacity bytes of the ring, a power of two */
    RecordQueue(int capacity, boolean drop) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("ring size not a power of two: " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.ring = Memory.allocateDirect(Native.runtime(), capacity);
        this.drop = drop;
    }

    /** Hands a rare record to the writer; returns false when it was dropped. */
    public boolean put(long nanoTime, MessageLite message) {
        int at = reserve(MARKER, message.getSerializedSize());
        if (at < 0) {
            return false;
        }
        messages.add(message); // before the marker is published: the writer finds it there
        ring.putInt(at + RawSyscall.SIZE, MARKER);
        ring.putInt(at + RawSyscall.KIND, MESSAGE);
        ring.putLong(at + RawSyscall.TIME, nanoTime);
        publish(MARKER);
        return true;
    }

    /**
     * Copies a syscall record into the ring; returns false when it was dropped (or the output
     * failed). A record larger than the ring is not queued and counts as dropped.
     */
    public boolean put(RawSyscall record) {
        int size = record.size();
        if (size > capacity) {
            droppedRecords.incrementAndGet();
            droppedBytes.addAndGet(size);
            return false;
        }
        int at = reserve(size, size);
        if (at < 0) {
            return false;
        }
        record.memory().transferTo(0, ring, at, size);
        publish(size);
        return true;
    }

    /**
     * Finds room for {@code size} contiguous bytes, waiting for the writer unless --drop; a record
     * never wraps: the end of the ring is skipped with a pad, published on its own so that the
     * writer frees it while the record waits for room at the start. Returns the offset, or -1 if
     * dropped.
     */
    private int reserve(int size, int lostBytes) {
        if (abandoned) {
            return -1; // the output failed: nothing more is written, and the tracer must not wait
        }
        int offset = (int) (head & mask);
        if (offset + size > capacity) {
            int pad = capacity - offset;
            if (!room(pad, lostBytes)) {
                return -1;
            }
            ring.putInt(offset + RawSyscall.SIZE, pad);
            ring.putInt(offset + RawSyscall.KIND, PAD);
            publish(pad);
            offset = 0;
        }
        return room(size, lostBytes) ? offset : -1;
    }

    /** Waits until {@code size} bytes from the head are free; false when dropped or abandoned meanwhile. */
    private boolean room(int size, int lostBytes) {
        long need = head + size - capacity;
        int spins = 0;
        while (tailSeen < need) {
            tailSeen = tail.getAcquire();
            if (tailSeen >= need) {
                break;
            }
            if (drop) {
                droppedRecords.incrementAndGet();
                droppedBytes.addAndGet(lostBytes);
                return false;
            }
            if (abandoned) {
                return false;
            }
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(spins < SPINS + SHORT_PARKS ? PARK_NS : LONG_PARK_NS);
            }
        }
        return true;
    }

    private void publish(int size) {
        head += size;
        published.setRelease(head);
    }

    /**
     * The output failed: no more records are queued, and a tracer waiting for room (that the
     * failed writer will never give back) is let go. The writer still takes what is queued, up
     * to {@link #end()}.
     */
    void abandon() {
        abandoned = true;
    }

    /** Tells the writer that no more records come (the tracer has ended); it finishes the file. */
    void end() {
        ended = true;
    }

    /** Like {@link #end()}; never waits, kept for the writer's stall handling. */
    boolean end(long ms) {
        end();
        return true;
    }

    /** True once {@link #end()} was called: read before {@link #take} so that an empty take means the end. */
    boolean ended() {
        return ended;
    }

    /** What the writer reads a record from. */
    interface Consumer {
        /** A syscall record at {@code offset} of {@code ring}. */
        void syscall(Pointer ring, int offset) throws java.io.IOException;

        void message(long nanoTime, MessageLite message) throws java.io.IOException;
    }

    /**
     * Writer thread: hands up to {@code max} queued records to {@code consumer} in order, freeing
     * their room as it goes; returns how many there were.
     */
    int take(Consumer consumer, int max) throws java.io.IOException {
        long t = tail.get();
        long h = published.getAcquire();
        int n = 0;
        while (t < h && n < max) {
            int offset = (int) (t & mask);
            int size = ring.getInt(offset + RawSyscall.SIZE);
            int kind = ring.getInt(offset + RawSyscall.KIND);
            if (kind == SYSCALL) {
                consumer.syscall(ring, offset);
                n++;
            } else if (kind == MESSAGE) {
                consumer.message(ring.getLong(offset + RawSyscall.TIME), messages.poll());
                n++;
            }
            t += size;
            tail.setRelease(t);
        }
        return n;
    }

    /** Takes the drop counts accumulated so far, resetting them: {records, bytes}. */
    long[] takeDropped() {
        if (droppedRecords.get() == 0) {
            return NONE;
        }
        return new long[] {droppedRecords.getAndSet(0), droppedBytes.getAndSet(0)};
    }

    private static final long[] NONE = {0, 0};
}
