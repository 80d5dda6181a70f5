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

    public DecodeAhead(RecordDecoder decoder) {
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
                    b = new RecordDecoder.Batch(List.of(), t, true, position);
                }
                position = b.position();
                queue.put(b);
                if (b.last()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed while waiting for room: nobody reads any more
        }
    }

    /** The next batch; the caller stops after one marked {@code last}. */
    public RecordDecoder.Batch take() throws InterruptedIOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the next frame");
        }
    }

    /** Stops the thread; it may still finish the frame it is decoding. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        queue.clear();
    }
}
