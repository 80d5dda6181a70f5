package io.jtrace.analyzer.http;

import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP exchange on one connection: a request and the final response paired with it first in, first out,
 * with any interim (1xx) responses between. Either side may be missing: a request never answered (no response),
 * or a response whose request was sent before the recording started (no request).
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

    Exchange(int pid, int tid, String comm, int fd, String connection, Side side, String local, String peer,
             HttpMessage request, HttpMessage response, List<HttpMessage> interim, long sequence) {
        this.sequence = sequence;
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

    /** Null when the request was sent before the recording started. */
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

    /** Time of the exchange's first byte: the request's, or the response's when the request was not seen. */
    public long startNs() {
        return request != null ? request.startNs() : response.startNs();
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
        String h = request.headers().get("Host");
        if (h != null) {
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

    /** The request's flags and the response's, for display: "request incomplete", "response truncated"… */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (request != null) {
            request.flags().forEach(f -> notes.add("request " + f.name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' ')));
        }
        if (response != null) {
            response.flags().forEach(f -> notes.add("response " + f.name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' ')));
        }
        return notes;
    }
}
