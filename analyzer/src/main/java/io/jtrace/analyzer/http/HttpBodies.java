package io.jtrace.analyzer.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** Decodes a kept body by its Content-Encoding (gzip, deflate) for display, bounded in output size. */
public final class HttpBodies {
    /**
     * Decoded bytes; complete is false when the input was cut (body limit, gap), corrupt,
     * or the output reached the limit.
     */
    public record Decoded(byte[] bytes, boolean complete) {}

    private HttpBodies() {
    }

    /** The message's kept body decoded per its Content-Encoding; null for an encoding not handled (br, zstd…). */
    public static Decoded decode(HttpMessage m, int maxOut) {
        List<String> codings = m.headers().tokens("Content-Encoding");
        byte[] body = m.body();
        boolean whole = body.length == m.bodyLength() && !m.has(HttpMessage.Flag.TRUNCATED);
        if (codings.isEmpty() || codings.equals(List.of("identity"))) {
            int n = Math.min(body.length, Math.max(0, maxOut));
            return new Decoded(java.util.Arrays.copyOf(body, n), whole && n == body.length);
        }
        if (codings.size() != 1) {
            return null;
        }
        Decoded d = switch (codings.get(0)) {
            case "gzip", "x-gzip" -> gunzip(body, maxOut);
            case "deflate" -> inflate(body, maxOut);
            default -> null;
        };
        return d == null ? null : new Decoded(d.bytes(), d.complete() && whole);
    }

    public static Decoded gunzip(byte[] in, int maxOut) {
        try {
            return read(new GZIPInputStream(new ByteArrayInputStream(in), 8192), maxOut);
        } catch (IOException e) {
            return new Decoded(new byte[0], false); // not even a gzip header
        }
    }

    // "deflate" is meant to be zlib-wrapped; some servers send raw deflate
    public static Decoded inflate(byte[] in, int maxOut) {
        Decoded zlib = read(new InflaterInputStream(new ByteArrayInputStream(in), new Inflater(false)), maxOut);
        if (zlib.complete() || zlib.bytes().length > 0) {
            return zlib;
        }
        return read(new InflaterInputStream(new ByteArrayInputStream(in), new Inflater(true)), maxOut);
    }

    private static Decoded read(InputStream in, int maxOut) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        boolean complete = false;
        try (in) {
            while (out.size() < maxOut) {
                int n = in.read(buf, 0, Math.min(buf.length, maxOut - out.size()));
                if (n < 0) {
                    complete = true;
                    break;
                }
                out.write(buf, 0, n);
            }
            if (!complete) {
                complete = in.read() < 0; // output exactly at the limit and nothing more
            }
        } catch (IOException | RuntimeException e) {
            complete = false; // cut or corrupt input: keep what decoded before it
        }
        return new Decoded(out.toByteArray(), complete);
    }
}
