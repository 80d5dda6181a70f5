package io.jtrace.analyzer.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.analyzer.http.HttpStreamParser.Direction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class HttpBodiesTest {
    private static final byte[] TEXT = "{\"hello\":\"world\"}\n".repeat(500).getBytes(StandardCharsets.US_ASCII);

    @Test
    void gzipBodyOfAParsedResponseDecodes() throws IOException {
        byte[] gz = gzip(TEXT);
        HttpMessage m = response("Content-Encoding: gzip\r\n", gz, Feed.LIMIT);
        HttpBodies.Decoded d = HttpBodies.decode(m, 1 << 20);
        assertArrayEquals(TEXT, d.bytes());
        assertTrue(d.complete());
    }

    @Test
    void outputIsBounded() throws IOException {
        HttpBodies.Decoded d = HttpBodies.gunzip(gzip(TEXT), 100);
        assertArrayEquals(Arrays.copyOf(TEXT, 100), d.bytes());
        assertFalse(d.complete());
        // a bomb: a megabyte of zeros from a kilobyte, cut at the limit
        HttpBodies.Decoded bomb = HttpBodies.gunzip(gzip(new byte[1 << 20]), 4096);
        assertEquals(4096, bomb.bytes().length);
        assertFalse(bomb.complete());
    }

    @Test
    void bodyCutByTheBodyLimitDecodesItsPrefix() throws IOException {
        byte[] gz = gzip(TEXT);
        HttpMessage m = response("Content-Encoding: gzip\r\n", gz, gz.length / 2);
        HttpBodies.Decoded d = HttpBodies.decode(m, 1 << 20);
        assertFalse(d.complete());
        assertTrue(d.bytes().length > 0);
        assertArrayEquals(Arrays.copyOf(TEXT, d.bytes().length), d.bytes());
    }

    @Test
    void deflateIdentityUnknownAndGarbage() throws IOException {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(z)) {
            out.write(TEXT);
        }
        assertArrayEquals(TEXT, HttpBodies.decode(response("Content-Encoding: deflate\r\n", z.toByteArray(), Feed.LIMIT),
                1 << 20).bytes());
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(raw, new Deflater(6, true))) {
            out.write(TEXT);
        }
        assertArrayEquals(TEXT, HttpBodies.inflate(raw.toByteArray(), 1 << 20).bytes());
        HttpBodies.Decoded plain = HttpBodies.decode(response("", TEXT, Feed.LIMIT), 10);
        assertArrayEquals(Arrays.copyOf(TEXT, 10), plain.bytes());
        assertFalse(plain.complete());
        assertNull(HttpBodies.decode(response("Content-Encoding: br\r\n", TEXT, Feed.LIMIT), 10));
        HttpBodies.Decoded junk = HttpBodies.gunzip("not gzip at all".getBytes(StandardCharsets.US_ASCII), 100);
        assertEquals(0, junk.bytes().length);
        assertFalse(junk.complete());
    }

    private static HttpMessage response(String fields, byte[] body, int limit) {
        Recorder r = new Recorder("GET");
        HttpStreamParser p = r.parser(Direction.RESPONSES, limit);
        byte[] head = ("HTTP/1.1 200 OK\r\n" + fields + "Content-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        p.data(head, 0, head.length, 1);
        p.data(body, 0, body.length, 2);
        return r.messages.get(0);
    }

    private static byte[] gzip(byte[] in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(b)) {
            out.write(in);
        }
        return b.toByteArray();
    }
}
