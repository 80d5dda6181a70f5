package io.jtrace.format.internal;

import java.io.Closeable;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads and decompresses frames on a daemon thread, ahead of the reader, and parses their records
 * on {@link #WORKERS parsing threads}: records decode independently, so on more than one core this
 * overlaps with whatever the reader's thread does with them, and the parsing, protobuf's and the
 * reader's tests ({@link RecordDecoder#parse}), spreads over the cores. The reader gets the records
 * in the file's order. Memory stays bounded: at most {@link #DEPTH} pieces of
 * {@link RecordDecoder#BATCH} records wait, parsed or being parsed, with the frames they point into.
 * Errors travel in order with the records, so they surface where a synchronous reader would have
 * met them.
 */
public final class DecodeAhead implements Closeable {
    /** Pieces of records waiting (BENCHMARKS.md, "Analyzer"). */
    static final int DEPTH = 6;
    /**
     * Threads that parse records: one per core, no more than two, as the records come from one
     * decompressing thread and go to one reader.
     */
    static final int WORKERS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    private static final AtomicInteger READERS = new AtomicInteger();

    private final BlockingQueue<CompletableFuture<RecordDecoder.Piece>> queue = new ArrayBlockingQueue<>(DEPTH);
    private final RecordDecoder decoder;
    private final Thread thread;
    private final ExecutorService parsers;
    private volatile boolean closed;
    /** Bytes of the pieces queued or held by the reader; guarded by this. */
    private long inFlight;
    /** Bytes of the piece the reader took last (reader's thread only). */
    private long held;

    public DecodeAhead(RecordDecoder decoder) {
        this.decoder = decoder;
        decoder.gate(this::awaitIdle);
        decoder.detach();
        int reader = READERS.incrementAndGet();
        AtomicInteger worker = new AtomicInteger();
        parsers = Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "jtrace-parse-" + reader + "-" + worker.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        thread = new Thread(this::run, "jtrace-decode");
        // a reader abandoned without close() must not keep the JVM alive
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        RecordDecoder.Position position = decoder.position();
        try {
            while (!closed) {
                RecordDecoder.Piece p;
                CompletableFuture<RecordDecoder.Piece> parsed;
                try {
                    p = decoder.slice();
                    RecordDecoder.Piece piece = p;
                    parsed = CompletableFuture.supplyAsync(() -> decoder.parse(piece), parsers);
                } catch (Throwable t) {   // an Error (out of memory): the reader rethrows it
                    p = RecordDecoder.Piece.failed(t, position);
                    parsed = CompletableFuture.completedFuture(p);
                }
                position = p.position();
                synchronized (this) {
                    inFlight += p.bytes();
                }
                queue.put(parsed);
                if (p.last()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed while waiting for room: nobody reads any more
        } finally {
            parsers.shutdown();   // the pieces handed over are still parsed; the threads end after them
        }
    }

    /** Waits until the reader holds no piece and none is queued. */
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
        RecordDecoder.Piece p;
        try {
            p = queue.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the next frame");
        } catch (ExecutionException e) {   // an Error while parsing (out of memory): rethrown by the reader
            return new RecordDecoder.Batch(List.of(), e.getCause(), true, decoder.position(), 0);
        }
        held = p.bytes();
        return decoder.finish(p);
    }

    /** Stops the threads; they may still finish the piece they are decoding. */
    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            notifyAll();
        }
        thread.interrupt();
        parsers.shutdownNow();
        queue.clear();
    }
}
