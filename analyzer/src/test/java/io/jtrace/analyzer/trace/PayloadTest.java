package io.jtrace.analyzer.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Syscall;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** firstPiece against walk: the bytes of the first data() a walk hands over, whatever the call. */
class PayloadTest {
    private static Buffer data(Buffer.Part part, int arg, int index, String text, long length) {
        return Buffer.newBuilder().setPart(part).setArg(arg).setIndex(index).setLength(length)
                .setData(ByteString.copyFrom(text, StandardCharsets.ISO_8859_1)).build();
    }

    /** The vector of two struct mmsghdr whose msg_len the recorder copied (format 1.4). */
    private static Buffer mmsghdrs(long... lengths) {
        ByteBuffer v = ByteBuffer.allocate(64 * lengths.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < lengths.length; k++) {
            v.putInt(64 * k + 56, (int) lengths[k]);
        }
        return Buffer.newBuilder().setPart(Buffer.Part.WHOLE).setArg(1).setAtExit(true)
                .setData(ByteString.copyFrom(v.array())).setLength(v.capacity()).build();
    }

    @Test
    void theFirstPieceIsWhatTheWalksFirstDataGets() {
        String head = "GET / HTTP/1.1\r\n\r\n";
        String big = "x".repeat(200_000);
        List<Event> calls = List.of(
                TestEvents.syscall("write", Syscall.newBuilder().setRet(head.length())
                        .addBuffers(data(Buffer.Part.WHOLE, 1, 0, head, head.length())).build()),
                // a write moves only its return value's worth
                TestEvents.syscall("write", Syscall.newBuilder().setRet(4)
                        .addBuffers(data(Buffer.Part.WHOLE, 1, 0, head, head.length())).build()),
                // iovecs in their index order, not the record's
                TestEvents.syscall("writev", Syscall.newBuilder().setRet(8)
                        .addBuffers(data(Buffer.Part.IOV, 1, 1, "BBBB", 4))
                        .addBuffers(data(Buffer.Part.IOV, 1, 0, "AAAA", 4)).build()),
                // cut by the snap length: the first piece is what was captured
                TestEvents.syscall("read", Syscall.newBuilder().setRet(100)
                        .addBuffers(data(Buffer.Part.WHOLE, 1, 0, "HTTP/1.1 200", 100)).build()),
                // a piece at most of a large buffer
                TestEvents.syscall("read", Syscall.newBuilder().setRet(big.length())
                        .addBuffers(data(Buffer.Part.WHOLE, 1, 0, big, big.length())).build()),
                // an iovec not captured first: a gap, then the bytes
                TestEvents.syscall("readv", Syscall.newBuilder().setRet(10)
                        .addBuffers(Buffer.newBuilder().setPart(Buffer.Part.IOV).setArg(1).setIndex(0).setLength(6)
                                .setError(14))
                        .addBuffers(data(Buffer.Part.IOV, 1, 1, "GET ", 4)).build()),
                // sendmsg: the address and control data are no payload
                TestEvents.syscall("sendmsg", Syscall.newBuilder().setRet(3)
                        .addBuffers(data(Buffer.Part.MSG_NAME, 1, 0, "addr", 4))
                        .addBuffers(data(Buffer.Part.IOV, 1, 0, "abc", 3)).build()),
                // sendmmsg: the first message's bytes, the second's after them
                TestEvents.syscall("sendmmsg", Syscall.newBuilder().setRet(2).addBuffers(mmsghdrs(0, 3))
                        .addBuffers(data(Buffer.Part.IOV, 1, 0, "xyz", 3).toBuilder().setMessage(1).build()).build()),
                // nothing moved: failed, peeked, a file sent
                TestEvents.syscall("read", Syscall.newBuilder().setRet(-11).build()),
                TestEvents.syscall("recvfrom", Syscall.newBuilder().addArgs(3).addArgs(0).addArgs(10).addArgs(2)
                        .setRet(3).addBuffers(data(Buffer.Part.WHOLE, 1, 0, "abc", 3)).build()),
                TestEvents.syscall("sendfile", Syscall.newBuilder().setRet(4096).build()));
        Payload payload = new Payload();
        for (Event e : calls) {
            List<byte[]> pieces = new ArrayList<>();
            payload.walk(e, new Payload.Sink() {
                @Override
                public void data(byte[] b, int off, int len) {
                    pieces.add(Arrays.copyOfRange(b, off, off + len));
                }

                @Override
                public void gap(long length) {
                }
            });
            byte[] into = new byte[1 << 17];
            int n = payload.firstPiece(e.syscall(), e.name(), into);
            String what = e.name() + " " + e.syscall().getRet();
            if (pieces.isEmpty()) {
                assertEquals(-1, n, what);
            } else {
                assertEquals(pieces.get(0).length, n, what);
                assertArrayEquals(pieces.get(0), Arrays.copyOf(into, n), what);
                // as many as fit: the start of the piece
                byte[] small = new byte[3];
                assertEquals(n, payload.firstPiece(e.syscall(), e.name(), small), what);
                assertArrayEquals(Arrays.copyOf(pieces.get(0), Math.min(3, n)), Arrays.copyOf(small, Math.min(3, n)));
            }
        }
    }
}
