package io.jtrace.recorder.output;

import com.google.protobuf.MessageLite;
import io.jtrace.format.TraceWriter;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hand-off from the tracer thread to the writer thread. Bounded in records and in bytes
 * ({@link #BYTE_BUDGET}, whatever the snap length): when the writer falls
 * behind, {@link #put} either waits (the default: the tracee waits in its syscall stop, nothing is
 * lost) or, with --drop, discards the record and counts it, and the writer turns the count into a
 * Loss record. Never silent either way.
 */
public final class RecordQueue {
    /** A record with its CLOCK_MONOTONIC time in ns (System.nanoTime). */
    public record Item(long nanoTime, MessageLite message) {
    }

    static final Item END = new Item(0, null);

    /**
     * Bytes of queued records at most: bounds memory whatever the snap length. One record of the
     * largest size fits ({@link TraceWriter#MAX_RECORD_BYTES}); with the tracer's record in hand
     * and the writer's frame that is the recorder's peak (README, "Memory").
     */
    static final int BYTE_BUDGET = TraceWriter.MAX_RECORD_BYTES;

    private final BlockingQueue<Item> queue;
    private final java.util.concurrent.Semaphore bytes = new java.util.concurrent.Semaphore(BYTE_BUDGET);
    private final boolean drop;
    private volatile boolean abandoned;
    private final AtomicLong droppedRecords = new AtomicLong();
    private final AtomicLong droppedBytes = new AtomicLong();

    public RecordQueue(int capacity, boolean drop) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.drop = drop;
    }

    /** Hands a record to the writer; returns false when it was dropped. */
    public boolean put(long nanoTime, MessageLite message) {
        if (abandoned) {
            return false; // the output failed: nothing more is written, and the tracer must not wait
        }
        Item item = new Item(nanoTime, message);
        int size = permits(message);
        if (drop) {
            if (bytes.tryAcquire(size)) {
                if (queue.offer(item)) {
                    return true;
                }
                bytes.release(size);
            }
            droppedRecords.incrementAndGet();
            droppedBytes.addAndGet(message.getSerializedSize());
            return false;
        }
        try {
            bytes.acquire(size);
            // not put(): a full queue behind a stalled output must let go once abandoned
            while (!queue.offer(item, 20, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (abandoned) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            droppedRecords.incrementAndGet();
            return false;
        }
    }

    /**
     * The output failed: no more records are queued, and a tracer waiting for room (for bytes the
     * failed writer will never give back) is let go. The writer still takes what is queued, up
     * to {@link #end()}.
     */
    void abandon() {
        abandoned = true;
        bytes.release(BYTE_BUDGET); // room for any put already waiting
    }

    /** The writer has written {@code item}: its bytes may be queued again. */
    void release(Item item) {
        if (item.message() != null) {
            bytes.release(permits(item.message()));
        }
    }

    private static int permits(MessageLite message) {
        return Math.min(message.getSerializedSize(), BYTE_BUDGET);
    }

    /** Tells the writer that no more records come; it finishes the file. */
    void end() throws InterruptedException {
        queue.put(END);
    }

    /** Like {@link #end()}, but gives up after {@code ms} when the queue stays full (a stalled writer). */
    boolean end(long ms) throws InterruptedException {
        return queue.offer(END, ms, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Moves up to {@code max} waiting records into {@code into} without blocking; returns how many. */
    int drainTo(java.util.List<Item> into, int max) {
        return queue.drainTo(into, max);
    }

    /** Takes the drop counts accumulated so far, resetting them: {records, bytes}. */
    long[] takeDropped() {
        return new long[] {droppedRecords.getAndSet(0), droppedBytes.getAndSet(0)};
    }
}
