package io.jtrace.analyzer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.analyzer.http.HttpStreamParser.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random valid conversations, serialized and fed in random pieces, come back exactly; damaged ones never throw. */
class HttpRoundTripTest {
    private static final int CONVERSATIONS = 400;

    @Test
    void randomConversationsComeBackExactlyWhateverTheSplits() {
        Random rnd = new Random(20261123);
        for (int c = 0; c < CONVERSATIONS; c++) {
            Conversation conv = new Conversation(rnd);
            byte[] req = conv.requests.toByteArray();
            byte[] resp = conv.responses.toByteArray();
            for (int round = 0; round < 3; round++) {
                String where = "conversation " + c + " round " + round;
                assertEquals(conv.expectedRequests, parse(Direction.REQUESTS, req, rnd, round, List.of()), where);
                assertEquals(conv.expectedResponses, parse(Direction.RESPONSES, resp, rnd, round, conv.methods), where);
            }
        }
    }

    @Test
    void damagedStreamsNeverThrowAndStayConsistent() {
        Random rnd = new Random(42);
        for (int c = 0; c < CONVERSATIONS; c++) {
            Conversation conv = new Conversation(rnd);
            for (Direction dir : Direction.values()) {
                byte[] in = damage(dir == Direction.REQUESTS ? conv.requests.toByteArray() : conv.responses.toByteArray(),
                        rnd);
                Checker checker = new Checker();
                HttpStreamParser p = new HttpStreamParser(dir, checker, 100);
                List<String> methods = new ArrayList<>(conv.methods);
                p.pendingRequests(response -> methods.isEmpty() ? null : methods.remove(0));
                int i = 0;
                while (i < in.length) {
                    int n = Math.min(in.length - i, 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 500));
                    p.data(in, i, n, i);
                    if (rnd.nextInt(20) == 0) {
                        p.gap(rnd.nextInt(rnd.nextBoolean() ? 10 : 100_000), i);
                    }
                    i += n;
                }
                p.end(in.length);
                assertFalse(checker.open, "message started and never ended");
            }
        }
    }

    private static List<String> parse(Direction dir, byte[] in, Random rnd, int round, List<String> methods) {
        Recorder r = new Recorder(methods.toArray(new String[0]));
        HttpStreamParser p = r.parser(dir, Feed.LIMIT);
        int i = 0;
        while (i < in.length) {
            int max = round == 0 ? 3 : round == 1 ? 64 : 4096;
            int n = Math.min(in.length - i, 1 + rnd.nextInt(max));
            p.data(in, i, n, i);
            i += n;
        }
        p.end(in.length);
        List<String> ends = new ArrayList<>();
        for (String e : r.events) {
            if (e.startsWith("end ")) {
                ends.add(e.substring(4));
            } else if (!e.startsWith("start ")) {
                ends.add(e);
            }
        }
        return ends;
    }

    private static byte[] damage(byte[] in, Random rnd) {
        byte[] b = in.clone();
        int kind = rnd.nextInt(4);
        if (b.length == 0) {
            return b;
        }
        if (kind == 0) {
            for (int k = 0; k < 1 + rnd.nextInt(5); k++) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
        } else if (kind == 1) {
            int from = rnd.nextInt(b.length);
            b = java.util.Arrays.copyOfRange(b, from, b.length); // capture starts mid-stream
        } else if (kind == 2) {
            for (int k = 0; k < 3; k++) {
                b[rnd.nextInt(b.length)] = (byte) "\r\n:; 0123456789abcdefHTTP/1.1 "
                        .charAt(rnd.nextInt(30));
            }
        }
        return b;
    }

    /** Checks the listener contract: start then end of the same message, nothing after a protocol label. */
    private static final class Checker implements HttpListener {
        HttpMessage current;
        boolean open;
        boolean labelled;

        @Override
        public void messageStart(HttpMessage head, long timeNs) {
            assertFalse(open || labelled);
            current = head;
            open = true;
        }

        @Override
        public void messageEnd(HttpMessage m, long timeNs) {
            assertTrue(open && m == current);
            assertTrue(m.bodyKept() <= 100 && m.bodyKept() <= m.bodyLength());
            open = false;
        }

        @Override
        public void protocol(String label, long timeNs) {
            assertFalse(labelled || open);
            labelled = true;
        }

        @Override
        public void resynced(long skippedBytes, long timeNs) {
            assertFalse(labelled || open);
            assertTrue(skippedBytes > 0);
        }

        @Override
        public void discarded(long bytes, long timeNs) {
            assertFalse(labelled || open);
            assertTrue(bytes > 0);
        }
    }
}
