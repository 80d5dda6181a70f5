package io.jtrace.analyzer.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.Arch;
import io.jtrace.analyzer.trace.TestEvents;
import io.jtrace.analyzer.trace.TraceState;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.ProcessInfo;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.ThreadInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Hand-built desc-class records where DescDecodingTest's live comparison cannot go: calls still in
 * the kernel when the recording ended (strace's entry half), and traces recorded before the
 * recorder copied these structures, which print addresses as before.
 */
class DescDecodersTest {
    private static final long PTR = 0x7f0000001000L;

    private static String render(String name, Syscall.Builder s, int stringLimit) {
        Header h = Header.newBuilder().addProcesses(ProcessInfo.newBuilder().setPid(100)
                .addThreads(ThreadInfo.newBuilder().setTid(100))).build();
        RenderOptions options = new RenderOptions();
        options.stringLimit = stringLimit;
        LineBuffer out = new LineBuffer();
        new LineRenderer(h, Arch.X86_64, new TraceState(h), options)
                .render(TestEvents.syscall(name, s.setTid(100).setPid(100).build()), out);
        return out.toString();
    }

    private static String render(String name, Syscall.Builder s) {
        return render(name, s, 32);
    }

    private static Syscall.Builder call(long ret, long... args) {
        Syscall.Builder s = Syscall.newBuilder().setRet(ret);
        for (long a : args) {
            s.addArgs(a);
        }
        return s;
    }

    private static Buffer.Builder buffer(int arg, boolean atExit, long length, byte[] data) {
        return Buffer.newBuilder().setArg(arg).setAtExit(atExit).setAddress(PTR).setLength(length)
                .setData(ByteString.copyFrom(data));
    }

    private static byte[] flock(int type, long start, long len) {
        return ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) type).putLong(8, start)
                .putLong(16, len).array();
    }

    private static byte[] loff(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, v).array();
    }

    @Test
    void unfinishedCallsStopWhereStracesEntryHalfDoes() {
        // F_SETLKW waits for a lock: its struct is an input, printed at entry
        assertEquals("fcntl(3, F_SETLKW, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10} <unfinished ...>\n",
                render("fcntl", call(0, 3, 7, PTR).setUnfinished(true)
                        .addBuffers(buffer(2, false, 32, flock(1, 0, 10)))));
        assertEquals("fcntl(3, F_GETLK <unfinished ...>\n", render("fcntl", call(0, 3, 5, PTR).setUnfinished(true)));
        // sendfile's count follows at exit once the offset was read, with it at entry otherwise
        assertEquals("sendfile(4, 3, [0] <unfinished ...>\n",
                render("sendfile", call(0, 4, 3, PTR, 10).setUnfinished(true).addBuffers(buffer(2, false, 8, loff(0)))));
        assertEquals("sendfile(4, 3, NULL, 10 <unfinished ...>\n",
                render("sendfile", call(0, 4, 3, 0, 10).setUnfinished(true)));
    }

    @Test
    void sendfileOffsetUnreadableAfterTheCallIsItsAddress() {
        assertEquals("sendfile(4, 3, [0] => 0x7f0000001000, 10) = 10\n",
                render("sendfile", call(10, 4, 3, PTR, 10).addBuffers(buffer(2, false, 8, loff(0)))
                        .addBuffers(buffer(2, true, 8, new byte[0]).setError(14))));
    }

    @Test
    void tracesWithoutTheStructuresPrintAddresses() {
        assertEquals("fcntl(3, F_SETLK, 0x7f0000001000)       = 0\n", render("fcntl", call(0, 3, 6, PTR)));
        assertEquals("sendfile(4, 3, 0x7f0000001000, 10)      = 10\n", render("sendfile", call(10, 4, 3, PTR, 10)));
        assertEquals("splice(3, 0x7f0000001000, 4, NULL, 10, 0) = 10\n", render("splice", call(10, 3, PTR, 4, 0, 10)));
        assertEquals("preadv(-1, 0x7f0000001000, 2, 0)        = -1 EBADF (Bad file descriptor)\n",
                render("preadv", call(-9, -1, PTR, 2)));
    }

    @Test
    void memfdNameIsReadAsStraceReadsIt() {
        byte[] forty = "x".repeat(40).getBytes();
        Syscall.Builder cut = call(-14, PTR).addBuffers(buffer(0, false, 250, forty));
        assertEquals("memfd_create(\"xxxxxxxxxx\"..., 0)        = -1 EFAULT (Bad address)\n",
                render("memfd_create", cut, 10));
        assertEquals("memfd_create(0x7f0000001000, 0)         = -1 EFAULT (Bad address)\n",
                render("memfd_create", cut, 40));
        // a name of exactly -s bytes: strace read one more, saw the NUL, so no "..."
        Syscall.Builder ten = call(3, PTR).addBuffers(buffer(0, false, 10, "0123456789".getBytes()));
        assertEquals("memfd_create(\"0123456789\", 0)           = 3\n", render("memfd_create", ten, 10));
        assertEquals("memfd_create(\"012345678\"..., 0)         = 3\n", render("memfd_create", ten, 9));
    }
}
