package io.jtrace.recorder;

import io.jtrace.format.TraceEvent;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Fd;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.ProcessInfo;
import io.jtrace.format.proto.Syscall;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Bytes and calls on sockets in a trace, tallied the simple way a test can trust: fds become
 * sockets at socket/accept and stop being at close; fds in the header's table count too.
 */
final class SocketTally {
    // x86_64 numbers
    private static final int READ = 0, WRITE = 1, CLOSE = 3, READV = 19, WRITEV = 20, SOCKET = 41, ACCEPT = 43,
            SENDTO = 44, RECVFROM = 45, SENDMSG = 46, RECVMSG = 47, ACCEPT4 = 288;

    long sent;
    long received;
    long sentCaptured;
    long receivedCaptured;
    int requestWrites;
    int bodyOnlyWrites;
    int responseWrites;
    int syscalls;
    int taskStarts;
    /** Socket fds by (pid, fd), with the exit time of the call that created each. */
    private final java.util.Map<Long, Long> sockets = new java.util.HashMap<>();

    static SocketTally of(Header header, List<TraceEvent> events) {
        SocketTally t = new SocketTally();
        for (ProcessInfo p : header.getProcessesList()) {
            for (Fd fd : p.getFdsList()) {
                if (fd.getKind() == Fd.Kind.SOCKET) {
                    t.sockets.put(key(p.getPid(), fd.getFd()), Long.MIN_VALUE);
                }
            }
        }
        t.addAll(events, 0);
        return t;
    }

    private void addAll(List<TraceEvent> events, long offsetNs) {
        for (TraceEvent e : events) {
            if (e.record().hasTaskStart()) {
                taskStarts++;
            }
            if (e.record().hasSyscall()) {
                syscalls++;
                add(e.record().getSyscall(), offsetNs + e.timeNs());
            }
        }
    }

    /**
     * The files of one rotated recording read as one stream: fds known from the first header, times
     * made comparable through each header's start. A later header's fd table is a snapshot taken
     * when the writer opened that file, so records of calls made just before may follow it.
     */
    static SocketTally ofFiles(List<Header> headers, List<List<TraceEvent>> events) {
        SocketTally t = of(headers.get(0), List.of());
        long start = headers.get(0).getStartMonotonicNs();
        for (int i = 0; i < headers.size(); i++) {
            long offset = headers.get(i).getStartMonotonicNs() - start;
            t.addAll(events.get(i), offset);
        }
        return t;
    }

    private static long key(int pid, long fd) {
        return ((long) pid << 32) | (fd & 0xffffffffL);
    }

    private void add(Syscall s, long entryNs) {
        long fd = s.getArgsCount() > 0 ? s.getArgs(0) : 0;
        long k = key(s.getPid(), fd);
        long ret = s.getRet();
        switch (s.getNr()) {
            case SOCKET, ACCEPT, ACCEPT4 -> {
                if (ret >= 0) {
                    sockets.put(key(s.getPid(), ret), entryNs + s.getDurationNs());
                }
            }
            // Records come in the order the tracer saw exits; a syscall runs between its entry and
            // exit stops. A close that entered before the call creating this fd returned may have
            // closed the previous fd of that number: only a close entered later ends this one.
            case CLOSE -> {
                Long created = sockets.get(k);
                if (created != null && entryNs > created) {
                    sockets.remove(k);
                }
            }
            case WRITE, SENDTO, WRITEV, SENDMSG -> {
                if (sockets.containsKey(k) && ret > 0) {
                    sent += ret;
                    sentCaptured += dataBytes(s, false);
                    String text = firstData(s);
                    if (text.startsWith("POST ")) {
                        requestWrites++;
                        if (!text.contains("\r\n\r\n{")) {
                            bodyOnlyWritesExpected++;
                        }
                    } else if (text.startsWith("{\"client\"")) {
                        bodyOnlyWrites++;
                    } else if (text.startsWith("HTTP/1.1 201")) {
                        responseWrites++;
                    }
                }
            }
            case READ, RECVFROM, READV, RECVMSG -> {
                if (sockets.containsKey(k) && ret > 0) {
                    received += ret;
                    receivedCaptured += dataBytes(s, true);
                }
            }
            default -> { }
        }
    }

    /** Requests whose headers were written without the body: each must be followed by a body write. */
    int bodyOnlyWritesExpected;

    private static long dataBytes(Syscall s, boolean atExit) {
        long n = 0;
        for (Buffer b : s.getBuffersList()) {
            boolean payload = b.getPart() == Buffer.Part.IOV
                    || (b.getPart() == Buffer.Part.WHOLE && b.getArg() == 1 && s.getNr() != SENDMSG && s.getNr() != RECVMSG);
            if (payload && b.getAtExit() == atExit) {
                n += b.getData().size();
            }
        }
        return n;
    }

    private static String firstData(Syscall s) {
        for (Buffer b : s.getBuffersList()) {
            if (!b.getData().isEmpty()) {
                return b.getData().toString(StandardCharsets.ISO_8859_1);
            }
        }
        return "";
    }
}
