package io.jtrace.analyzer.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * One direction's gRPC messages as kept: split from the stream's kept body (at most {@code --body-limit} bytes, a
 * prefix of what was sent) at their 5-byte prefixes, a compressed one decoded with the direction's
 * {@code grpc-encoding} (gzip, deflate; identity and unknown encodings are reported, not guessed). Decoding is
 * bounded twice: {@link #MESSAGE_LIMIT} bytes per message (a decompression bomb is cut there) and
 * {@link #STREAM_LIMIT} per direction, past which messages are listed with their sizes only.
 */
public final class GrpcMessages {
    /** Decoded bytes kept per message. */
    public static final int MESSAGE_LIMIT = 1 << 20;
    /** Decoded bytes kept per direction of a stream. */
    public static final int STREAM_LIMIT = 4 << 20;

    /**
     * One message.
     *
     * @param length     its length as sent (the prefix's)
     * @param compressed the prefix's compressed flag
     * @param encoding   the grpc-encoding it was decoded with; null when {@code bytes} are as sent
     * @param bytes      its bytes (decoded when {@code encoding} is set), perhaps only their start
     * @param complete   {@code bytes} are the whole message
     * @param note       why they are not, or were not decoded; null when they are whole
     */
    public record Message(long length, boolean compressed, String encoding, byte[] bytes, boolean complete,
            String note) {
    }

    /** The kept messages; cut when the stream sent more than its kept body holds (the rest are counted only). */
    public record Kept(List<Message> messages, boolean cut) {
    }

    private GrpcMessages() {
    }

    /** The messages of a gRPC request or response, by its own grpc-encoding header. */
    public static Kept of(HttpMessage m) {
        return split(m.body(), m.bodyKept() == m.bodyLength() && !m.has(HttpMessage.Flag.TRUNCATED),
                m.headers().get("grpc-encoding"), MESSAGE_LIMIT, STREAM_LIMIT);
    }

    /**
     * @param body     the kept body: a prefix of the stream's DATA
     * @param whole    the body is all the stream sent
     * @param encoding the direction's grpc-encoding header, or null
     */
    static Kept split(byte[] body, boolean whole, String encoding, int messageLimit, int streamLimit) {
        List<Message> list = new ArrayList<>();
        String coding = encoding == null ? "identity" : encoding.trim().toLowerCase(Locale.ROOT);
        long decoded = 0;
        int i = 0;
        while (body.length - i >= 5) {
            boolean compressed = (body[i] & 1) != 0;
            long length = (body[i + 1] & 0xffL) << 24 | (body[i + 2] & 0xff) << 16 | (body[i + 3] & 0xff) << 8
                    | body[i + 4] & 0xff;
            i += 5;
            int n = (int) Math.min(length, body.length - i);
            byte[] raw = Arrays.copyOfRange(body, i, i + n);
            i += n;
            Message msg;
            if (decoded >= streamLimit) {
                msg = new Message(length, compressed, null, new byte[0], length == 0,
                        "not kept: " + streamLimit + " bytes of this direction's messages were");
            } else {
                int limit = (int) Math.min(messageLimit, streamLimit - decoded);
                msg = message(length, compressed, raw, coding, encoding, limit);
            }
            decoded += msg.bytes().length;
            list.add(msg);
        }
        return new Kept(List.copyOf(list), !whole || i < body.length);
    }

    /** @param coding the encoding in lower case ("identity" when absent); encoding as the header gave it */
    private static Message message(long length, boolean compressed, byte[] raw, String coding, String encoding,
            int limit) {
        boolean cut = raw.length < length;
        if (!compressed) {
            int n = Math.min(raw.length, limit);
            return new Message(length, false, null, n == raw.length ? raw : Arrays.copyOf(raw, n), !cut && n == length,
                    cut ? "cut at " + raw.length + " of " + length + " bytes (body limit or snap length)"
                            : n < length ? "kept " + n + " of " + length + " bytes" : null);
        }
        if (coding.equals("identity")) {
            return new Message(length, true, null, raw, false, "compressed, but the stream's grpc-encoding is "
                    + "identity: not decoded");
        }
        if (!coding.equals("gzip") && !coding.equals("deflate")) {
            return new Message(length, true, null, raw, false, "grpc-encoding " + ExchangePrinter.printable(encoding)
                    + " not decoded");
        }
        if (cut) {
            return new Message(length, true, null, raw, false, "cut at " + raw.length + " of " + length
                    + " bytes (body limit or snap length): not decoded");
        }
        try {
            InputStream in = coding.equals("gzip") ? new GZIPInputStream(new ByteArrayInputStream(raw), 8192)
                    : new InflaterInputStream(new ByteArrayInputStream(raw), new Inflater(false));
            return inflated(length, coding, raw, in, limit);
        } catch (IOException e) {
            return corrupt(length, coding, raw, e);
        }
    }

    /** The decoded bytes up to the limit; a bomb (or a large message) is cut there. */
    private static Message inflated(long length, String coding, byte[] raw, InputStream in, int limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, Math.max(64, raw.length * 4)));
        byte[] buf = new byte[8192];
        try (in) {
            while (out.size() < limit) {
                int n = in.read(buf, 0, Math.min(buf.length, limit - out.size()));
                if (n < 0) {
                    return new Message(length, true, coding, out.toByteArray(), true, null);
                }
                out.write(buf, 0, n);
            }
            if (in.read() < 0) {
                return new Message(length, true, coding, out.toByteArray(), true, null);
            }
            return new Message(length, true, coding, out.toByteArray(), false, "decoded beyond " + limit
                    + " bytes: cut there");
        } catch (IOException | RuntimeException e) {
            return corrupt(length, coding, raw, e);
        }
    }

    private static Message corrupt(long length, String coding, byte[] raw, Exception e) {
        String why = e instanceof EOFException ? "ends before its end" : e.getMessage() == null ? "corrupt"
                : "corrupt: " + e.getMessage().toLowerCase(Locale.ROOT);
        return new Message(length, true, null, raw, false, coding + " data " + why + ": not decoded");
    }
}
