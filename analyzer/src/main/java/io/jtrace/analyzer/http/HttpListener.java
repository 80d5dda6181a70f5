package io.jtrace.analyzer.http;

/** What an {@link HttpStreamParser} reports about one direction of one connection. */
public interface HttpListener {
    /** Start line and headers parsed; timeNs is the time of the message's first byte. */
    void messageStart(HttpMessage head, long timeNs);

    /** The same message with its body complete (or cut short, see its flags). */
    void messageEnd(HttpMessage message, long timeNs);

    /** Once, when the stream is found not to be HTTP ("tls", "binary"); nothing follows. */
    void protocol(String label, long timeNs);

    /** Bytes (seen or in gaps) were skipped before the message starting at timeNs. */
    void resynced(long skippedBytes, long timeNs);

    /**
     * Messages may have started unseen in the gaps (or lost records) since the last message: at least
     * {@code min} and at most {@code max} of them ({@link Long#MAX_VALUE}: no bound), counted over the whole run
     * of skipped bytes. Reported when a gap opens or extends the run ({@code fresh}: it opens a new one), and
     * again before the next message starts (or the stream ends) if the bytes skipped since raised {@code max}.
     * gapBytes: the bytes not captured in the run, -1 when unknown (lost records); timeNs: its last gap.
     */
    default void unseen(long min, long max, long gapBytes, boolean fresh, long timeNs) {
    }

    /**
     * Bytes of the same call that followed a message switching protocols (a 101, CONNECT's 2xx): the new protocol's
     * first bytes, which the parser does not read.
     */
    default void afterUpgrade(byte[] b, int off, int len, long timeNs) {
    }

    /** Bytes left at the end of the stream that formed no message (a head cut by the close, junk). */
    default void discarded(long bytes, long timeNs) {
    }
}
