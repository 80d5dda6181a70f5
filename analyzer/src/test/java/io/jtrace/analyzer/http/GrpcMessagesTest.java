package io.jtrace.analyzer.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * gRPC messages split from a kept body and decoded: the compressed flag with each grpc-encoding, cut bodies,
 * corrupt and truncated gzip members, and the per-message and per-direction bounds against decompression bombs.
 */
class GrpcMessagesTest {
    static final byte[] HELLO = "hello, grpc".getBytes(StandardCharsets.UTF_8);

    /** One message: the 5-byte prefix (compressed flag, big-endian length), then its bytes. */
    static byte[] frame(boolean compressed, byte[] b) {
        byte[] out = new byte[5 + b.length];
        out[0] = (byte) (compressed ? 1 : 0);
        out[1] = (byte) (b.length >>> 24);
        out[2] = (byte) (b.length >>> 16);
        out[3] = (byte) (b.length >>> 8);
        out[4] = (byte) b.length;
        System.arraycopy(b, 0, out, 5, b.length);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    static GrpcMessages.Kept split(byte[] body, String encoding) {
        return GrpcMessages.split(body, true, encoding, GrpcMessages.MESSAGE_LIMIT, GrpcMessages.STREAM_LIMIT);
    }

    @Test
    void plainMessagesAsSentWhateverTheEncoding() {
        GrpcMessages.Kept k = split(concat(frame(false, HELLO), frame(false, new byte[0]), frame(false, HELLO)),
                "gzip");
        assertEquals(3, k.messages().size());
        assertFalse(k.cut());
        for (GrpcMessages.Message m : k.messages()) {
            assertFalse(m.compressed());
            assertNull(m.encoding());
            assertTrue(m.complete());
            assertNull(m.note());
        }
        assertArrayEquals(HELLO, k.messages().get(0).bytes());
        assertEquals(0, k.messages().get(1).length());
    }

    @Test
    void compressedFlagDecodedWithTheStreamsEncoding() throws IOException {
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 'x');
        GrpcMessages.Kept k = split(concat(frame(true, gzip(HELLO)), frame(false, HELLO), frame(true, gzip(big))),
                "gzip");
        List<GrpcMessages.Message> m = k.messages();
        assertEquals("gzip", m.get(0).encoding());
        assertEquals(gzip(HELLO).length, m.get(0).length());
        assertArrayEquals(HELLO, m.get(0).bytes());
        assertTrue(m.get(0).complete());
        assertArrayEquals(HELLO, m.get(1).bytes());
        assertArrayEquals(big, m.get(2).bytes());

        GrpcMessages.Message d = split(frame(true, deflate(HELLO)), " Deflate ").messages().get(0);
        assertEquals("deflate", d.encoding());
        assertArrayEquals(HELLO, d.bytes());
    }

    @Test
    void compressedWithoutAKnownEncodingIsReportedNotGuessed() throws IOException {
        byte[] z = gzip(HELLO);
        for (String encoding : new String[] {null, "identity"}) {
            GrpcMessages.Message m = split(frame(true, z), encoding).messages().get(0);
            assertNull(m.encoding());
            assertArrayEquals(z, m.bytes(), "as sent");
            assertFalse(m.complete());
            assertEquals("compressed, but the stream's grpc-encoding is identity: not decoded", m.note());
        }
        GrpcMessages.Message m = split(frame(true, z), "snappy").messages().get(0);
        assertEquals("grpc-encoding snappy not decoded", m.note());
        assertArrayEquals(z, m.bytes());
        assertEquals("grpc-encoding x\\x1b[2J not decoded", split(frame(true, z), "x\u001b[2J").messages().get(0)
                .note(), "a hostile header cannot drive the terminal");
        // gzip-looking bytes under deflate are not tried as gzip
        assertEquals(null, split(frame(true, z), "deflate").messages().get(0).encoding());
    }

    @Test
    void corruptOrTruncatedMembersReported() throws IOException {
        byte[] z = gzip(HELLO);
        byte[] corrupt = z.clone();
        corrupt[12] ^= (byte) 0xff;
        corrupt[13] ^= (byte) 0xff;
        GrpcMessages.Message m = split(frame(true, corrupt), "gzip").messages().get(0);
        assertNull(m.encoding());
        assertFalse(m.complete());
        assertTrue(m.note().startsWith("gzip data corrupt"), m.note());
        assertTrue(m.note().endsWith(": not decoded"), m.note());

        m = split(frame(true, Arrays.copyOf(z, z.length - 6)), "gzip").messages().get(0);
        assertEquals("gzip data ends before its end: not decoded", m.note());
        m = split(frame(true, "not gzip at all".getBytes(StandardCharsets.US_ASCII)), "gzip").messages().get(0);
        assertTrue(m.note().startsWith("gzip data corrupt"), m.note());
        m = split(frame(true, new byte[0]), "gzip").messages().get(0);
        assertEquals("gzip data ends before its end: not decoded", m.note());
    }

    @Test
    void aBodyCutByTheLimitOrASnapLength() throws IOException {
        byte[] body = concat(frame(false, HELLO), frame(false, HELLO), frame(true, gzip(HELLO)));
        // cut inside the second message
        GrpcMessages.Kept k = GrpcMessages.split(Arrays.copyOf(body, 5 + HELLO.length + 8), false, "gzip", 1000,
                4000);
        assertTrue(k.cut());
        assertEquals(2, k.messages().size());
        GrpcMessages.Message m = k.messages().get(1);
        assertEquals(HELLO.length, m.length());
        assertArrayEquals(Arrays.copyOf(HELLO, 3), m.bytes());
        assertFalse(m.complete());
        assertEquals("cut at 3 of " + HELLO.length + " bytes (body limit or snap length)", m.note());
        // cut inside the third's prefix: two messages, the body said cut
        k = GrpcMessages.split(Arrays.copyOf(body, 2 * (5 + HELLO.length) + 2), false, "gzip", 1000, 4000);
        assertEquals(2, k.messages().size());
        assertTrue(k.cut());
        // a compressed message cut is not decoded
        k = GrpcMessages.split(Arrays.copyOf(body, body.length - 1), false, "gzip", 1000, 4000);
        assertEquals("cut at " + (gzip(HELLO).length - 1) + " of " + gzip(HELLO).length
                + " bytes (body limit or snap length): not decoded", k.messages().get(2).note());
    }

    @Test
    void decompressionBombsStopAtTheMessageAndStreamBounds() throws IOException {
        byte[] zeros = new byte[8 << 20];
        byte[] bomb = gzip(zeros);
        assertTrue(bomb.length < 10_000, "8 MiB of zeros in " + bomb.length + " bytes");
        GrpcMessages.Message m = split(frame(true, bomb), "gzip").messages().get(0);
        assertEquals(GrpcMessages.MESSAGE_LIMIT, m.bytes().length);
        assertFalse(m.complete());
        assertEquals("decoded beyond " + GrpcMessages.MESSAGE_LIMIT + " bytes: cut there", m.note());

        byte[][] frames = new byte[10][];
        Arrays.fill(frames, frame(true, bomb));
        GrpcMessages.Kept k = split(concat(frames), "gzip");
        assertEquals(10, k.messages().size());
        long kept = k.messages().stream().mapToLong(x -> x.bytes().length).sum();
        assertEquals(GrpcMessages.STREAM_LIMIT, kept);
        GrpcMessages.Message last = k.messages().get(9);
        assertEquals(0, last.bytes().length);
        assertEquals(bomb.length, last.length());
        assertEquals("not kept: " + GrpcMessages.STREAM_LIMIT + " bytes of this direction's messages were",
                last.note());

        // an uncompressed message past the per-message bound is kept up to it
        m = GrpcMessages.split(frame(false, new byte[300]), true, null, 100, 1000).messages().get(0);
        assertEquals(100, m.bytes().length);
        assertFalse(m.complete());
        assertEquals("kept 100 of 300 bytes", m.note());
    }
}
