package io.jtrace.analyzer.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.Arch;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.TestEvents;
import io.jtrace.analyzer.trace.TraceState;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Exit;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.ProcessInfo;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Signal;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.ThreadInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-built records rendered through LineRenderer, against the lines strace 6.1 prints. */
class LineRendererTest {
    private static final long BUF = 0x7f0000001000L;
    private static final long MSG = 0x7f0000002000L;

    private static String render(String name, Syscall.Builder s) {
        return render(TestEvents.syscall(name, s.setTid(100).setPid(100).build()), 1, new RenderOptions());
    }

    private static String render(Event e, int threads, RenderOptions options) {
        ProcessInfo.Builder p = ProcessInfo.newBuilder().setPid(100);
        for (int i = 0; i < threads; i++) {
            p.addThreads(ThreadInfo.newBuilder().setTid(100 + i));
        }
        Header h = Header.newBuilder().addProcesses(p).build();
        LineBuffer out = new LineBuffer();
        new LineRenderer(h, Arch.X86_64, new TraceState(h), options).render(e, out);
        return out.toString();
    }

    private static Syscall.Builder call(long ret, long... args) {
        Syscall.Builder s = Syscall.newBuilder().setRet(ret);
        for (long a : args) {
            s.addArgs(a);
        }
        return s;
    }

    private static Buffer buffer(int arg, boolean atExit, byte[] data) {
        return Buffer.newBuilder().setArg(arg).setAtExit(atExit).setAddress(BUF).setLength(data.length)
                .setData(ByteString.copyFrom(data)).build();
    }

    private static byte[] inet(int port, int a, int b, int c, int d) {
        return new byte[] {2, 0, (byte) (port >> 8), (byte) port, (byte) a, (byte) b, (byte) c, (byte) d,
            0, 0, 0, 0, 0, 0, 0, 0};
    }

    private static byte[] msghdr(long name, int namelen, long iov, long iovlen, long control, long controllen) {
        ByteBuffer b = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, name).putInt(8, namelen).putLong(16, iov).putLong(24, iovlen).putLong(32, control)
                .putLong(40, controllen);
        return b.array();
    }

    @Test
    void connectRefused() {
        assertEquals("connect(5, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"127.0.0.1\")}, 16)"
                + " = -1 ECONNREFUSED (Connection refused)\n",
                render("connect", call(-111, 5, BUF, 16).addBuffers(buffer(1, false, inet(80, 127, 0, 0, 1)))));
    }

    @Test
    void restartIsAQuestionMark() {
        assertEquals("read(3, 0x7f0000001000, 4096)           = ? ERESTARTSYS (To be restarted if SA_RESTART is set)\n",
                render("read", call(-512, 3, BUF, 4096)));
    }

    @Test
    void shortCallsAreAlignedAtColumn40() {
        assertEquals("close(3)                                = 0\n", render("close", call(0, 3)));
    }

    @Test
    void pidPrefixIsPaddedToFiveDigits() {
        Event e = TestEvents.syscall("close", call(0, 3).setTid(101).setPid(100).build());
        assertEquals("[pid   101] close(3)                    = 0\n", render(e, 2, new RenderOptions()));
    }

    @Test
    void unfinishedCallStopsBeforeItsOutputs() {
        Event e = TestEvents.syscall("read", call(0, 3, BUF, 10).setTid(100).setPid(100).setUnfinished(true).build());
        assertEquals("read(3,  <unfinished ...>\n", render(e, 1, new RenderOptions()));
        Event exit = TestEvents.syscall("exit_group", call(0, 0).setTid(100).setPid(100).setUnfinished(true).build());
        assertEquals("exit_group(0)                           = ?\n", render(exit, 1, new RenderOptions()));
    }

    @Test
    void exitAndSignalLines() {
        Event exited = TestEvents.of(Record.newBuilder().setExit(Exit.newBuilder().setTid(100).setPid(100)
                .setStatus(3)).build());
        assertEquals("+++ exited with 3 +++\n", render(exited, 1, new RenderOptions()));
        ByteBuffer si = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        si.putInt(0, 15).putInt(8, 0).putInt(16, 42).putInt(20, 0);
        Event signal = TestEvents.of(Record.newBuilder().setSignal(Signal.newBuilder().setTid(100).setPid(100)
                .setSigno(15).setSiginfo(ByteString.copyFrom(si.array()))).build());
        assertEquals("--- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=42, si_uid=0} ---\n",
                render(signal, 1, new RenderOptions()));
    }

    @Test
    void writevAndReadv() {
        Buffer a = Buffer.newBuilder().setArg(1).setPart(Buffer.Part.IOV).setIndex(0).setAddress(BUF).setLength(3)
                .setData(ByteString.copyFromUtf8("abc")).build();
        Buffer b = Buffer.newBuilder().setArg(1).setPart(Buffer.Part.IOV).setIndex(1).setAddress(BUF + 8)
                .setLength(5).setData(ByteString.copyFromUtf8("de\0fg")).build();
        assertEquals("writev(4, [{iov_base=\"abc\", iov_len=3}, {iov_base=\"de\\0fg\", iov_len=5}], 2) = 8\n",
                render("writev", call(8, 4, MSG, 2).addBuffers(a).addBuffers(b)));
        Buffer r0 = a.toBuilder().setAtExit(true).setLength(16).build();
        Buffer r1 = Buffer.newBuilder().setArg(1).setPart(Buffer.Part.IOV).setIndex(1).setAtExit(true)
                .setAddress(BUF + 16).setLength(64).build();
        assertEquals("readv(4, [{iov_base=\"abc\", iov_len=16}, {iov_base=\"\", iov_len=64}], 2) = 3\n",
                render("readv", call(3, 4, MSG, 2).addBuffers(r0).addBuffers(r1)));
    }

    @Test
    void recvmsgWithNameAndRights() {
        long name = BUF + 0x100;
        long iov = BUF + 0x200;
        long control = BUF + 0x300;
        ByteBuffer cmsg = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        cmsg.putLong(0, 20).putInt(8, 1).putInt(12, 1).putInt(16, 7);
        Syscall.Builder s = call(2, 3, MSG, 0)
                .addBuffers(Buffer.newBuilder().setArg(1).setAddress(MSG).setLength(56)
                        .setData(ByteString.copyFrom(msghdr(name, 128, iov, 1, control, 64))))
                .addBuffers(Buffer.newBuilder().setArg(1).setAtExit(true).setAddress(MSG).setLength(56)
                        .setData(ByteString.copyFrom(msghdr(name, 16, iov, 1, control, 24))))
                .addBuffers(Buffer.newBuilder().setArg(1).setAtExit(true).setPart(Buffer.Part.MSG_NAME)
                        .setAddress(name).setLength(16).setData(ByteString.copyFrom(inet(4000, 10, 0, 0, 2))))
                .addBuffers(Buffer.newBuilder().setArg(1).setAtExit(true).setPart(Buffer.Part.IOV).setIndex(0)
                        .setAddress(BUF).setLength(16).setData(ByteString.copyFromUtf8("hi")))
                .addBuffers(Buffer.newBuilder().setArg(1).setAtExit(true).setPart(Buffer.Part.MSG_CONTROL)
                        .setAddress(control).setLength(24).setData(ByteString.copyFrom(cmsg.array())));
        assertEquals("recvmsg(3, {msg_name={sa_family=AF_INET, sin_port=htons(4000), sin_addr=inet_addr(\"10.0.0.2\")},"
                + " msg_namelen=128 => 16, msg_iov=[{iov_base=\"hi\", iov_len=16}], msg_iovlen=1,"
                + " msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[7]}],"
                + " msg_controllen=24, msg_flags=0}, 0) = 2\n", render("recvmsg", s));
    }

    @Test
    void failedRecvmsgShowsTheNameLengthItWasGiven() {
        Syscall.Builder s = call(-11, 3, MSG, 0x40).addBuffers(Buffer.newBuilder().setArg(1).setAddress(MSG)
                .setLength(56).setData(ByteString.copyFrom(msghdr(BUF, 16, BUF, 1, 0, 0))));
        assertEquals("recvmsg(3, {msg_namelen=16}, MSG_DONTWAIT) = -1 EAGAIN (Resource temporarily unavailable)\n",
                render("recvmsg", s));
    }

    @Test
    void sendmsgWithoutName() {
        Syscall.Builder s = call(5, 3, MSG, 0x4000)
                .addBuffers(Buffer.newBuilder().setArg(1).setAddress(MSG).setLength(56)
                        .setData(ByteString.copyFrom(msghdr(0, 0, BUF, 1, 0, 0))))
                .addBuffers(Buffer.newBuilder().setArg(1).setPart(Buffer.Part.IOV).setIndex(0).setAddress(BUF)
                        .setLength(5).setData(ByteString.copyFromUtf8("hello")));
        assertEquals("sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"hello\", iov_len=5}],"
                + " msg_iovlen=1, msg_controllen=0, msg_flags=0}, MSG_NOSIGNAL) = 5\n", render("sendmsg", s));
    }

    @Test
    void fileAndDescriptorCalls() {
        assertEquals("mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000001000\n",
                render("mmap", call(BUF, 0, 8192, 3, 0x22, -1, 0)));
        assertEquals("pipe2([3, 4], O_NONBLOCK|O_CLOEXEC)     = 0\n", render("pipe2",
                call(0, BUF, 04000 | 02000000).addBuffers(buffer(0, true, new byte[] {3, 0, 0, 0, 4, 0, 0, 0}))));
        assertEquals("pipe2([3, 4], 0)                        = 0\n", render("pipe2",
                call(0, BUF, 0).addBuffers(buffer(0, true, new byte[] {3, 0, 0, 0, 4, 0, 0, 0}))));
        assertEquals("fcntl(3, F_GETFL)                       = 0x802 (flags O_RDWR|O_NONBLOCK)\n",
                render("fcntl", call(0x802, 3, 3)));
        assertEquals("fcntl(3, F_SETFD, FD_CLOEXEC)           = 0\n", render("fcntl", call(0, 3, 2, 1)));
        assertEquals("openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY|O_CLOEXEC) = 3\n", render("openat",
                call(3, -100, BUF, 02000000).addBuffers(buffer(1, false, "/etc/hosts".getBytes()))));
        assertEquals("openat(AT_FDCWD, \"/tmp/x\", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3\n", render("openat",
                call(3, -100, BUF, 01101, 0644).addBuffers(buffer(1, false, "/tmp/x".getBytes()))));
        assertEquals("access(\"/x\", F_OK)                      = -1 ENOENT (No such file or directory)\n",
                render("access", call(-2, BUF, 0).addBuffers(buffer(0, false, "/x".getBytes()))));
        assertEquals("statx(AT_FDCWD, \"/x\", AT_STATX_SYNC_AS_STAT, STATX_ALL, 0x7f0000002000) = 0\n",
                render("statx", call(0, -100, BUF, 0, 0xfff, MSG).addBuffers(buffer(1, false, "/x".getBytes()))));
        assertEquals("flock(6, LOCK_EX|LOCK_NB)               = 0\n", render("flock", call(0, 6, 6)));
        assertEquals("ioctl(1, TCGETS, 0x7f0000001000)        = -1 ENOTTY (Inappropriate ioctl for device)\n",
                render("ioctl", call(-25, 1, 0x5401, BUF)));
        assertEquals("getdents64(3, 0x7f0000001000 /* 0 entries */, 32768) = 0\n",
                render("getdents64", call(0, 3, BUF, 32768)));
        assertEquals("inotify_add_watch(3, \"/etc\", IN_MODIFY|IN_CREATE|IN_DELETE) = 1\n", render("inotify_add_watch",
                call(1, 3, BUF, 0x302).addBuffers(buffer(1, false, "/etc".getBytes()))));
        assertEquals("dup3(4, 9, O_CLOEXEC)                   = 9\n", render("dup3", call(9, 4, 9, 02000000)));
        assertEquals("getcwd(\"/work\", 4096)                   = 6\n",
                render("getcwd", call(6, BUF, 4096).addBuffers(buffer(0, true, "/work".getBytes()))));
    }

    @Test
    void socketOptions() {
        assertEquals("setsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=0}, 8) = 0\n",
                render("setsockopt", call(0, 3, 1, 13, BUF, 8)
                        .addBuffers(buffer(3, false, new byte[] {1, 0, 0, 0, 0, 0, 0, 0}))));
        assertEquals("getsockopt(3, SOL_TCP, TCP_NODELAY, [1], [4]) = 0\n",
                render("getsockopt", call(0, 3, 6, 1, BUF, MSG)
                        .addBuffers(buffer(3, true, new byte[] {1, 0, 0, 0}))
                        .addBuffers(buffer(4, false, new byte[] {4, 0, 0, 0}))
                        .addBuffers(buffer(4, true, new byte[] {4, 0, 0, 0}))));
    }

    /** Renders the calls in order with -yy, applying each to the state as the views do. */
    private static List<String> renderYy(Event... events) {
        Header h = Header.newBuilder().addProcesses(ProcessInfo.newBuilder().setPid(100)
                .addThreads(ThreadInfo.newBuilder().setTid(100))).build();
        TraceState state = new TraceState(h);
        RenderOptions options = new RenderOptions();
        options.fdDecoration = 2;
        LineRenderer r = new LineRenderer(h, Arch.X86_64, state, options);
        List<String> lines = new ArrayList<>();
        for (Event e : events) {
            LineBuffer out = new LineBuffer();
            r.render(e, out);
            state.apply(e);
            lines.add(out.toString().replaceAll(" +=", " ="));
        }
        return lines;
    }

    private static Event ev(String name, Syscall.Builder s) {
        return TestEvents.syscall(name, s.setTid(100).setPid(100).build());
    }

    @Test
    void socketDecorationsFollowWhatTheTraceTold() {
        List<String> lines = renderYy(
                ev("socket", call(5, 2, 1, 6)),
                ev("bind", call(0, 5, BUF, 16).addBuffers(buffer(1, false, inet(0, 127, 0, 0, 1)))),
                ev("getsockname", call(0, 5, BUF, MSG).addBuffers(buffer(1, true, inet(8080, 127, 0, 0, 1)))
                        .addBuffers(buffer(2, false, new byte[] {16, 0, 0, 0}))
                        .addBuffers(buffer(2, true, new byte[] {16, 0, 0, 0}))),
                ev("listen", call(0, 5, 8)),
                ev("pipe2", call(0, BUF, 0).addBuffers(buffer(0, true, new byte[] {6, 0, 0, 0, 7, 0, 0, 0}))),
                ev("dup2", call(9, 6, 9)),
                ev("socketpair", call(0, 1, 1, 0, BUF).addBuffers(buffer(3, true,
                        new byte[] {10, 0, 0, 0, 11, 0, 0, 0}))));
        assertEquals(List.of(
                "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 5<TCP:[]>\n",
                // port 0: the kernel's choice is not known until getsockname
                "bind(5<TCP:[]>, {sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0\n",
                "getsockname(5<TCP:[]>, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"127.0.0.1\")},"
                        + " [16]) = 0\n",
                "listen(5<TCP:[127.0.0.1:8080]>, 8) = 0\n",
                "pipe2([6<pipe:[]>, 7<pipe:[]>], 0) = 0\n",
                "dup2(6<pipe:[]>, 9) = 9<pipe:[]>\n",
                "socketpair(AF_UNIX, SOCK_STREAM, 0, [10<UNIX-STREAM:[]>, 11<UNIX-STREAM:[]>]) = 0\n"), lines);
    }

    @Test
    void prefixOnlyWhileMoreThanOneTaskIsTraced() {
        // the header's snapshot of a process the recorder started lists threads it made later
        Header h = Header.newBuilder().addProcesses(ProcessInfo.newBuilder().setPid(100)
                .addThreads(ThreadInfo.newBuilder().setTid(100)).addThreads(ThreadInfo.newBuilder().setTid(101))).build();
        TraceState state = new TraceState(h);
        LineRenderer r = new LineRenderer(h, Arch.X86_64, state, new RenderOptions());
        List<String> lines = new ArrayList<>();
        Event[] events = {
            TestEvents.of(Record.newBuilder().setTaskStart(io.jtrace.format.proto.TaskStart.newBuilder()
                    .setTid(100).setPid(100).setNewProcess(true)).build()),
            ev("close", call(0, 3)),
            TestEvents.of(Record.newBuilder().setTaskStart(io.jtrace.format.proto.TaskStart.newBuilder()
                    .setTid(101).setPid(100).setParentTid(100)).build()),
            ev("close", call(0, 4)),
            TestEvents.of(Record.newBuilder().setExit(Exit.newBuilder().setTid(101).setPid(100)).build()),
            ev("close", call(0, 5)),
        };
        for (Event e : events) {
            LineBuffer out = new LineBuffer();
            r.render(e, out);
            state.apply(e);
            if (out.length() > 0) {
                lines.add(out.toString().replaceAll(" +=", " ="));
            }
        }
        assertEquals(List.of("close(3) = 0\n", "[pid   100] close(4) = 0\n", "[pid   101] +++ exited with 0 +++\n",
                "close(5) = 0\n"), lines);
    }
}
