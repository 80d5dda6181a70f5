package io.jtrace.analyzer.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The gRPC call an HTTP/2 stream carries ({@code content-type: application/grpc}): service and method from
 * {@code :path}, status and message from the response's trailers (or its headers, for a trailers-only response),
 * and each direction's messages counted from their 5-byte prefixes (compressed flag, 4-byte length).
 */
public final class GrpcCall {
    private static final String[] STATUS = {"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
        "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
        "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"};

    private final String service;
    private final String method;
    private final Messages requests = new Messages();
    private final Messages responses = new Messages();
    private Integer status;
    private String message;

    private GrpcCall(String service, String method) {
        this.service = service;
        this.method = method;
    }

    /** The call a request starts, or null when it is not gRPC. */
    static GrpcCall of(HttpMessage request) {
        String type = request.headers().get("content-type");
        if (type == null || !type.regionMatches(true, 0, "application/grpc", 0, 16)) {
            return null;
        }
        String path = request.target();
        int slash = path.lastIndexOf('/');
        if (path.startsWith("/") && slash > 0) {
            return new GrpcCall(path.substring(1, slash), path.substring(slash + 1));
        }
        return new GrpcCall(null, null);
    }

    /** "helloworld.Greeter" of "/helloworld.Greeter/SayHello"; null when :path has no such form. */
    public String service() {
        return service;
    }

    public String method() {
        return method;
    }

    /** grpc-status, or null when no trailers (nor a trailers-only response) carried it. */
    public Integer status() {
        return status;
    }

    /** The status code's name ("OK", "DEADLINE_EXCEEDED"), or null. */
    public String statusName() {
        return status == null ? null : status >= 0 && status < STATUS.length ? STATUS[status] : "code " + status;
    }

    /** grpc-message, percent-decoded; null when absent. */
    public String message() {
        return message;
    }

    public Messages requests() {
        return requests;
    }

    public Messages responses() {
        return responses;
    }

    /** The response's headers and trailers are known: its status is in the trailers, or in a trailers-only head. */
    void response(HttpMessage response) {
        for (HttpHeaders h : new HttpHeaders[] {response.trailers(), response.headers()}) {
            String s = h.get("grpc-status");
            if (s != null) {
                try {
                    status = Integer.parseInt(s.trim());
                } catch (NumberFormatException e) {
                    status = -1;
                }
                String m = h.get("grpc-message");
                message = m == null ? null : percentDecoded(m);
                return;
            }
        }
    }

    /** Whether a content-type is gRPC's ({@code application/grpc}, {@code application/grpc+proto}...), as {@link #of}. */
    static boolean isGrpc(String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, "application/grpc", 0, 16);
    }

    // grpc-message is percent-encoded UTF-8 (gRPC's PROTOCOL-HTTP2.md)
    static String percentDecoded(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (c == '%' && hi >= 0 && lo >= 0) {
                b.write(hi << 4 | lo);
                i += 2;
            } else {
                b.write(c & 0xff);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** One direction's length-prefixed messages: how many, their bytes, how many compressed. */
    public static final class Messages {
        private long count;
        private long bytes;
        private long compressed;
        private final byte[] prefix = new byte[5];
        private int prefixLen;
        private long remaining;
        private boolean lost;

        public long count() {
            return count;
        }

        /** Message bytes, prefixes not counted. */
        public long bytes() {
            return bytes;
        }

        public long compressed() {
            return compressed;
        }

        /** A gap hid a prefix: the counts are lower bounds from there on. */
        public boolean lost() {
            return lost;
        }

        void data(byte[] b, int off, int len) {
            int i = off;
            int end = off + len;
            while (i < end && !lost) {
                if (remaining > 0) {
                    int n = (int) Math.min(remaining, end - i);
                    remaining -= n;
                    i += n;
                    continue;
                }
                prefix[prefixLen++] = b[i++];
                if (prefixLen == 5) {
                    prefixLen = 0;
                    long length = (prefix[1] & 0xffL) << 24 | (prefix[2] & 0xff) << 16 | (prefix[3] & 0xff) << 8
                            | prefix[4] & 0xff;
                    count++;
                    bytes += length;
                    if ((prefix[0] & 1) != 0) {
                        compressed++;
                    }
                    remaining = length;
                }
            }
        }

        void gap(long len) {
            if (!lost && prefixLen == 0 && len <= remaining) {
                remaining -= len;   // inside a message: its size is known from its prefix
            } else {
                lost = true;
            }
        }
    }
}
