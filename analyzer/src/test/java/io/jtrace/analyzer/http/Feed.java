package io.jtrace.analyzer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jtrace.analyzer.http.HttpStreamParser.Direction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/** Feeds a stream to a fresh parser whole, split at every byte position, and one byte per call. */
final class Feed {
    static final int LIMIT = 1 << 20;

    private Feed() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static Recorder whole(Direction dir, byte[] in, boolean end, String... methods) {
        Recorder r = new Recorder(methods);
        HttpStreamParser p = r.parser(dir, LIMIT);
        p.data(in, 0, in.length, 1);
        if (end) {
            p.end(2);
        }
        return r;
    }

    /**
     * The events of the whole stream, checked to be the same for every split position and byte by byte, and with each
     * call's head parsed ahead as where records are decoded ({@link HeadScan}).
     */
    static List<String> everySplit(Direction dir, byte[] in, boolean end, String... methods) {
        List<String> expected = whole(dir, in, end, methods).events;
        assertEquals(expected, ahead(dir, in, 0, end, methods).events, "heads parsed ahead");
        for (int at = 1; at < in.length; at++) {
            assertEquals(expected, ahead(dir, in, at, end, methods).events, "split at " + at + ", heads parsed ahead");
            Recorder r = new Recorder(methods);
            HttpStreamParser p = r.parser(dir, LIMIT);
            p.data(in, 0, at, 1);
            // a copy, and the caller's array overwritten after the call: the parser must keep nothing by reference
            byte[] rest = java.util.Arrays.copyOfRange(in, at, in.length);
            p.data(rest, 0, rest.length, 2);
            java.util.Arrays.fill(rest, (byte) 'Z');
            if (end) {
                p.end(3);
            }
            assertEquals(expected, r.events, "split at " + at);
        }
        assertEquals(expected, byteByByte(dir, in, end, methods).events, "one byte per call");
        return expected;
    }

    /**
     * The stream in one call, or two split at {@code at} (0: one), each given the head its bytes start with, parsed
     * apart from the parser as {@link HeadScan} parses it where records are decoded.
     */
    static Recorder ahead(Direction dir, byte[] in, int at, boolean end, String... methods) {
        HeadScan scan = new HeadScan(io.jtrace.format.syscalls.SyscallTable.forArch("x86_64"), LIMIT);
        Recorder r = new Recorder(methods);
        HttpStreamParser p = r.parser(dir, LIMIT);
        int first = at == 0 ? in.length : at;
        p.data(in, 0, first, 1, scan.scan(in, 0, first));
        if (first < in.length) {
            byte[] rest = java.util.Arrays.copyOfRange(in, first, in.length);
            p.data(rest, 0, rest.length, 2, scan.scan(rest, 0, rest.length));
        }
        if (end) {
            p.end(3);
        }
        return r;
    }

    static Recorder byteByByte(Direction dir, byte[] in, boolean end, String... methods) {
        Recorder r = new Recorder(methods);
        HttpStreamParser p = r.parser(dir, LIMIT);
        byte[] one = new byte[1];
        for (int i = 0; i < in.length; i++) {
            one[0] = in[i];
            p.data(one, 0, 1, i);
        }
        if (end) {
            p.end(in.length);
        }
        return r;
    }

    static Recorder with(Direction dir, Consumer<HttpStreamParser> calls, String... methods) {
        Recorder r = new Recorder(methods);
        calls.accept(r.parser(dir, LIMIT));
        return r;
    }
}
