package io.jtrace.recorder.output;

import com.google.protobuf.MessageLite;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hand-off from the tracer thread to the writer thread. Bounded: when the writer falls
 * behind, {@link #put} either waits (the default: the tracee waits in its syscall stop, nothing is
 * lost) or, with --drop, discards the record and counts it, and the writer turns the count into a
 * Loss record. Never silent either way.
 */
public final class RecordQueue {
    /** A record with its CLOCK_MONOTONIC time in ns (System.nanoTime). */
    public record Item(long nanoTime, MessageLite message) {
    }

    static final Item END = new Item(0, null);

    private final BlockingQueue<Item> queue;
    private final boolean drop;
    private final AtomicLong droppedRecords = new AtomicLong();
    private final AtomicLong droppedBytes = new AtomicLong();

    public RecordQueue(int capacity, boolean drop) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.drop = drop;
    }

    /** Hands a record to the writer; returns false when it was dropped. */
    public boolean put(long nanoTime, MessageLite message) {
        Item item = new Item(nanoTime, message);
        if (drop) {
            if (queue.offer(item)) {
                return true;
            }
            droppedRecords.incrementAndGet();
            droppedBytes.addAndGet(message.getSerializedSize());
            return false;
        }
        try {
            queue.put(item);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            droppedRecords.incrementAndGet();
            return false;
        }
    }

    /** Tells the writer that no more records come; it finishes the file. */
    void end() throws InterruptedException {
        queue.put(END);
    }

    Item poll(long timeoutMs) throws InterruptedException {
        return queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** Takes the drop counts accumulated so far, resetting them: {records, bytes}. */
    long[] takeDropped() {
        return new long[] {droppedRecords.getAndSet(0), droppedBytes.getAndSet(0)};
    }
}
