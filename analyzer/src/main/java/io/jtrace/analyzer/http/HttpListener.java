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

    /** Bytes left at the end of the stream that formed no message (a head cut by the close, junk). */
    default void discarded(long bytes, long timeNs) {
    }
}
