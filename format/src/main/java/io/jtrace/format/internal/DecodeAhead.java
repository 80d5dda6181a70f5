package io.jtrace.format.internal;

import java.io.Closeable;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads, decompresses and parses frames on a daemon thread, ahead of the reader: frames decode
 * independently, so on two cores this overlaps with whatever the reader's thread does with the
 * records. Memory stays bounded: at most {@link #DEPTH} batches of {@link RecordDecoder#BATCH}
 * records wait, with the frames they were parsed from. Errors travel in order with the records,
 * so they surface where a synchronous reader would have met them.
 */
public final class DecodeAhead implements Closeable {
    /** Batches of decoded records waiting (BENCHMARKS.md, "Analyzer"). */
    static final int DEPTH = 4;

    private final BlockingQueue<RecordDecoder.Batch> queue = new ArrayBlockingQueue<>(DEPTH);
    private final Thread thread;
    private volatile boolean closed;
    /** Bytes of the batches queued or held by the reader; guarded by this. */
    private long inFlight;
    /** Bytes of the batch the reader took last (reader's thread only). */
    private long held;

    public DecodeAhead(RecordDecoder decoder) {
        decoder.gate(this::awaitIdle);
        thread = new Thread(() -> run(decoder), "jtrace-decode");
        // a reader abandoned without close() must not keep the JVM alive
        thread.setDaemon(true);
        thread.start();
    }

    private void run(RecordDecoder decoder) {
        RecordDecoder.Position position = decoder.position();
        try {
            while (!closed) {
                RecordDecoder.Batch b;
                try {
                    b = decoder.next();
                } catch (Throwable t) {   // an Error (out of memory): the reader rethrows it
                    b = new RecordDecoder.Batch(List.of(), t, true, position, 0);
                }
                position = b.position();
                synchronized (this) {
                    inFlight += b.bytes();
                }
                queue.put(b);
                if (b.last()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed while waiting for room: nobody reads any more
        }
    }

    /** Waits until the reader holds no batch and none is queued. */
    private void awaitIdle() throws InterruptedIOException {
        synchronized (this) {
            while (inFlight > 0 && !closed) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("closed");
                }
            }
        }
    }

    /**
     * The next batch; the caller stops after one marked {@code last}. Releases the batch taken
     * before: the caller no longer holds its records.
     */
    public RecordDecoder.Batch take() throws InterruptedIOException {
        synchronized (this) {
            inFlight -= held;
            held = 0;
            notifyAll();
        }
        try {
            RecordDecoder.Batch b = queue.take();
            held = b.bytes();
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the next frame");
        }
    }

    /** Stops the thread; it may still finish the frame it is decoding. */
    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            notifyAll();
        }
        thread.interrupt();
        queue.clear();
    }
}
