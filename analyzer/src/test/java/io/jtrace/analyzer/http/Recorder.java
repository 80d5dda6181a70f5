package io.jtrace.analyzer.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/** Test listener: records what a parser reports, and plays the connection layer's FIFO of request methods. */
final class Recorder implements HttpListener {
    final List<String> events = new ArrayList<>();
    final List<HttpMessage> messages = new ArrayList<>();
    final List<long[]> times = new ArrayList<>();
    final Deque<String> methods = new ArrayDeque<>();
    private long startTime;

    Recorder(String... methods) {
        this.methods.addAll(Arrays.asList(methods));
    }

    HttpStreamParser parser(HttpStreamParser.Direction dir, int bodyLimit) {
        HttpStreamParser p = new HttpStreamParser(dir, this, bodyLimit);
        p.pendingRequests(response -> methods.peekFirst());
        return p;
    }

    @Override
    public void messageStart(HttpMessage head, long timeNs) {
        events.add("start " + head.startLine());
        startTime = timeNs;
        if (!head.isRequest() && !head.isInterim()) {
            methods.pollFirst(); // this response answers the oldest request
        }
    }

    @Override
    public void messageEnd(HttpMessage m, long timeNs) {
        events.add("end " + describe(m));
        messages.add(m);
        times.add(new long[] {startTime, timeNs});
    }

    @Override
    public void protocol(String label, long timeNs) {
        events.add("protocol " + label);
    }

    @Override
    public void resynced(long skippedBytes, long timeNs) {
        events.add("resynced " + skippedBytes);
    }

    @Override
    public void discarded(long bytes, long timeNs) {
        events.add("discarded " + bytes);
    }

    static String describe(HttpMessage m) {
        return m.startLine() + " | " + m.headers().fields() + " | body " + m.bodyLength() + " "
                + new String(m.body(), StandardCharsets.ISO_8859_1)
                + (m.chunked() ? " | chunked " + m.trailers().fields() : "")
                + (m.requestMethod() != null ? " | for " + m.requestMethod() : "")
                + (m.flags().isEmpty() ? "" : " | " + m.flags());
    }
}
