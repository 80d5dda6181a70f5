package io.jtrace.analyzer.http;

import io.jtrace.analyzer.trace.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP exchange on one connection: a request and the final response paired with it first in, first out,
 * with any interim (1xx) responses between. Either side may be missing: a request never answered (no response),
 * a response whose request was sent before the recording started (no request), or a message whose bytes fell in a
 * gap (snap length, lost records); {@link #notes()} says which.
 */
public final class Exchange {
    public enum Side {
        /** This process sent the request (requests written, responses read). */
        CLIENT,
        /** This process received the request (requests read, responses written). */
        SERVER;

        public String label() {
            return this == CLIENT ? "client" : "server";
        }
    }

    private final Source source;
    private final int pid;
    private final int tid;
    private final int fd;
    private final String connection;
    private final Side side;
    private final String local;
    private final String peer;
    private final HttpMessage request;
    private final HttpMessage response;
    private final List<HttpMessage> interim;
    private final long sequence;
    private final String comm;
    private final long startNs;
    private final List<String> pairing;
    private final int stream;
    private final GrpcCall grpc;

    Exchange(Source source, int pid, int tid, String comm, int fd, String connection, Side side, String local, String peer,
             HttpMessage request, HttpMessage response, List<HttpMessage> interim, long startNs, List<String> pairing,
             long sequence) {
        this(source, pid, tid, comm, fd, connection, side, local, peer, request, response, interim, startNs, pairing,
                sequence, -1, null);
    }

    /** An HTTP/2 stream's exchange: stream is its id, grpc its gRPC call (or null). */
    Exchange(Source source, int pid, int tid, String comm, int fd, String connection, Side side, String local, String peer,
             HttpMessage request, HttpMessage response, List<HttpMessage> interim, long startNs, List<String> pairing,
             long sequence, int stream, GrpcCall grpc) {
        this.source = source;
        this.stream = stream;
        this.grpc = grpc;
        this.sequence = sequence;
        this.startNs = startNs;
        this.pairing = List.copyOf(pairing);
        this.comm = comm;
        this.pid = pid;
        this.tid = tid;
        this.fd = fd;
        this.connection = connection;
        this.side = side;
        this.local = local;
        this.peer = peer;
        this.request = request;
        this.response = response;
        this.interim = List.copyOf(interim);
    }

    /** Order of completion: ties in start time keep it. */
    long sequence() {
        return sequence;
    }

    /** The input where the exchange's connection was first seen. */
    public Source source() {
        return source;
    }

    /** The HTTP/2 stream id; -1 for an HTTP/1.x exchange. */
    public int stream() {
        return stream;
    }

    /** The gRPC call an HTTP/2 stream carries; null for anything else. */
    public GrpcCall grpc() {
        return grpc;
    }

    /** "HTTP/2" for a stream, else the version of the request (or of the response when the request was not seen). */
    public String version() {
        if (stream >= 0) {
            return "HTTP/2";
        }
        return request != null ? request.version() : response != null ? response.version() : null;
    }

    public int pid() {
        return pid;
    }

    /** The thread that moved the request's first bytes (or the response's, when the request was not seen). */
    public int tid() {
        return tid;
    }

    /** The thread's name (a JVM names its threads), or its process's; "" when unknown. */
    public String comm() {
        return comm;
    }

    public int fd() {
        return fd;
    }

    /** "PID/FD/N": the n-th connection (fd generation) this view saw; unique within the trace. */
    public String connection() {
        return connection;
    }

    public Side side() {
        return side;
    }

    /** This process's endpoint, or null when not known. */
    public String local() {
        return local;
    }

    /** The other end ("127.0.0.1:8080"), or null when not known. */
    public String peer() {
        return peer;
    }

    /** Null when the request was not seen: sent before the recording started, or in a gap (see notes). */
    public HttpMessage request() {
        return request;
    }

    /** The final response; null when the request was not answered within the recording. */
    public HttpMessage response() {
        return response;
    }

    /** 1xx responses (100 Continue, 103 Early Hints) before the final one. */
    public List<HttpMessage> interim() {
        return interim;
    }

    /**
     * Time of the exchange's first byte: the request's; when the request was not seen, the call whose gap held it,
     * or the response's first byte.
     */
    public long startNs() {
        return startNs;
    }

    /** Request's first byte to response's last; -1 when either is missing. */
    public long latencyNs() {
        return request == null || response == null ? -1 : Math.max(0, response.endNs() - request.startNs());
    }

    /** The Host header, or the authority of an absolute-form target; null when neither. */
    public String host() {
        if (request == null) {
            return null;
        }
        String h = request.headers().get(HttpHeaders.Name.HOST);
        if (h != null) {
            return h;
        }
        if (stream >= 0 && (h = request.headers().get(":authority")) != null) {
            return h;
        }
        String t = request.target();
        int scheme = t.indexOf("://");
        if (scheme > 0) {
            int end = t.indexOf('/', scheme + 3);
            return t.substring(scheme + 3, end < 0 ? t.length() : end);
        }
        return "CONNECT".equals(request.method()) ? t : null;
    }

    /**
     * What is not known of the exchange ("request not seen", "response not seen (in a gap of N bytes)", "pairing
     * unknown after a gap of N bytes"), then the request's flags and the response's: "response truncated"…
     */
    public List<String> notes() {
        if ((request == null || !request.flagged()) && (response == null || !response.flagged())) {
            return pairing;   // unmodifiable
        }
        List<String> notes = new ArrayList<>(pairing);
        if (request != null && request.flagged()) {
            request.flags().forEach(f -> notes.add("request " + f.note()));
        }
        if (response != null && response.flagged()) {
            response.flags().forEach(f -> notes.add("response " + f.note()));
        }
        return notes;
    }
}
