package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.netlink.NetlinkDecoder;
import io.jtrace.analyzer.trace.Calls;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.FdInfo;
import io.jtrace.analyzer.trace.TraceState;
import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.proto.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The syscall being rendered, with the options and the state the argument formats need. */
public final class Call {
    final RecordedSyscall syscall;
    final Event event;
    final RenderOptions options;
    final TraceState state;
    /** The trace's architecture's tables, resolved once by the renderer. */
    final ArchTables arch;
    private final Bytes bytes;

    /** A byte array that one renderer's calls reuse for the bytes they quote, rather than one per line. */
    static final class Bytes {
        /** Larger arrays (-s in the megabytes) are not kept: the heap is small. */
        private static final int KEPT = 1 << 16;
        private byte[] array = new byte[64];

        byte[] atLeast(int n) {
            if (n > KEPT) {
                return new byte[n];
            }
            if (array.length < n) {
                array = new byte[Math.max(n, array.length * 2)];
            }
            return array;
        }
    }

    Call(Event event, RenderOptions options, TraceState state, ArchTables arch, Bytes bytes) {
        this.event = event;
        this.syscall = event.syscall();
        this.options = options;
        this.state = state;
        this.arch = arch;
        this.bytes = bytes;
    }

    long arg(int i) {
        return Calls.arg(syscall, i);
    }

    long ret() {
        return syscall.getRet();
    }

    boolean failed() {
        return Errnos.isError(syscall.getRet());
    }

    RecordedBuffer atEntry(int arg) {
        return Calls.buffer(syscall, arg, Buffer.Part.WHOLE, false);
    }

    RecordedBuffer atExit(int arg) {
        return Calls.buffer(syscall, arg, Buffer.Part.WHOLE, true);
    }

    RecordedBuffer part(int arg, Buffer.Part part, int index, boolean atExit) {
        return Calls.buffer(syscall, arg, part, index, atExit);
    }

    /** A part of message {@code message} of a sendmmsg/recvmmsg vector. */
    RecordedBuffer part(int arg, Buffer.Part part, int message, int index, boolean atExit) {
        return Calls.buffer(syscall, arg, part, message, index, atExit);
    }

    /** strace's abbrev(tcp): structures print abbreviated (not under -v, nor outside -e abbrev=SET). */
    boolean abbrev() {
        return !options.noAbbrev && (options.abbrev == null || options.abbrev.contains(syscall.getNr()));
    }

    /** strace's verbose(tcp): structures are decoded (unless -e verbose=SET leaves the call out). */
    boolean verbose() {
        return options.verbose == null || options.verbose.contains(syscall.getNr());
    }

    /** The name of a network interface index, as strace's if_indextoname gives it, or null. */
    String interfaceName(int index) {
        return state.interfaceName(index);
    }

    /** A pid the call passed or got, as strace's printpid prints it (--decode-pids). */
    void pid(LineBuffer out, int pid, io.jtrace.analyzer.trace.PidNamespaceIds.Type type) {
        Pids.append(out, options, state, syscall.getTid(), pid, type);
    }

    /** A pid that is a process when positive, a process group below -1, as strace's printpid_tgid_pgid. */
    void tgidOrPgid(LineBuffer out, int pid) {
        Pids.tgidOrPgid(out, options, state, syscall.getTid(), pid);
    }

    /** An fd number, with {@code <path>} or {@code <TCP:[a->b]>} under -y/-yy. */
    void fd(LineBuffer out, long fd) {
        int n = (int) fd;
        number(out, n);
        if (options.fdDecoration > 0) {
            decorate(out, state.fd(syscall.getPid(), n));
        }
    }

    /**
     * An fd of SCM_RIGHTS: a received one (recvmsg's output) as the recorder saw it after the call,
     * a sent one as the state knows it.
     */
    void receivedFd(LineBuffer out, long fd) {
        int n = (int) fd;
        FdInfo received = syscall.getFdsCount() > 0 ? state.probedFd(syscall, n) : null;
        if (received == null) {
            fd(out, n);
            return;
        }
        number(out, n);
        if (options.fdDecoration > 0) {
            decorate(out, received);
        }
    }

    /** An fd's number alone, or its name when the options name fds. */
    void number(LineBuffer out, long fd) {
        if (options.fdNames != null) {
            options.fdNames.append(out, syscall.getPid(), (int) fd);
        } else {
            out.append((int) fd);
        }
    }

    /**
     * strace's printfd_pid: a socket's details (--decode-fds=socket), a device's path and numbers
     * (dev), else the path (path); nothing when the set asks for none of what the fd is.
     */
    void decorate(LineBuffer out, FdInfo info) {
        if (info == null) {
            return;
        }
        int set = decodeFds();
        boolean socket = info.kind() == FdInfo.Kind.SOCKET;
        String device = info.device();
        String text;
        if ((set & RenderOptions.DECODE_SOCKET) != 0 && socket) {
            text = FdText.endpoints(info);
        } else if ((set & RenderOptions.DECODE_DEV) != 0 && device != null && FdText.path(info) != null
                && FdText.path(info).startsWith("/")) {
            text = FdText.path(info);
        } else if ((set & RenderOptions.DECODE_PATH) != 0) {
            text = FdText.path(info);
            device = null;
        } else {
            return;
        }
        if (text == null) {
            return;
        }
        out.append('<');
        if (socket && text.indexOf('[') > 0) {
            out.append(text);   // strace prints socket descriptions as they are
        } else {
            // a path: strace quotes it without the quotes, escaping the brackets too
            byte[] b = text.equals(FdText.path(info)) ? FdText.pathBytes(info) : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            LineBuffer quoted = new LineBuffer(b.length + 2);
            Quote.append(quoted, b, 0, b.length, options.hex, false);
            String q = quoted.toString();
            for (int i = 1; i < q.length() - 1; i++) {
                char c = q.charAt(i);
                if (c == '<' || c == '>') {
                    // three digits when a digit follows, as strace's octal escapes
                    char next = i + 1 < q.length() - 1 ? q.charAt(i + 1) : 0;
                    out.append(next >= '0' && next <= '7' ? "\\0" : "\\").append(Integer.toOctalString(c));
                } else {
                    out.append(c);
                }
            }
            if (device != null) {
                out.append('<').append(device).append('>');
            } else if (info.deleted()) {
                out.append(">(deleted)");
                return;
            }
        }
        out.append('>');
    }

    /** The --decode-fds set; options that set only the -y level mean path (1) or all (2). */
    private int decodeFds() {
        if (options.decodeFds != 0) {
            return options.decodeFds;
        }
        return options.fdDecoration > 1 ? RenderOptions.DECODE_ALL
                : options.fdDecoration > 0 ? RenderOptions.DECODE_PATH : 0;
    }

    /**
     * A data buffer as strace prints it: quoted, cut at -s with "..." when longer; the address when
     * nothing was captured (a failed call, unreadable memory).
     */
    void data(LineBuffer out, RecordedBuffer b, long address, long shownLength) {
        if (b == null || b.getError() != 0 || shownLength < 0) {
            Formats.pointer(out, address);
            return;
        }
        int limit = options.stringLimit;
        long shown = Math.min(shownLength, b.getLength());
        int n = (int) Math.min(Math.min(shown, limit), b.getData().size());
        byte[] quoted = bytes.atLeast(n);
        b.getData().copyTo(quoted, 0, 0, n);
        Quote.append(out, quoted, 0, n, options.hex, false);
        if (shown > n) {
            out.append("...");
        }
    }

    /** Whether {@code fd} is a netlink socket, whose data strace decodes as netlink messages. */
    boolean isNetlink(long fd) {
        FdInfo info = state.fd(syscall.getPid(), (int) fd);
        return info != null && info.kind() == FdInfo.Kind.SOCKET && info.family() == 16;
    }

    /** {@code length} bytes at {@code address} sent to or received from the netlink socket of argument 0. */
    void netlinkData(LineBuffer out, RecordedBuffer b, long address, long length) {
        FdInfo info = state.fd(syscall.getPid(), (int) arg(0));
        NetlinkDecoder.decode(out, b, address, length, info == null ? -1 : info.netlinkProtocol(),
                options.stringLimit, options.hex, state::interfaceName, this::fd, abbrev(), pid -> {
                    LineBuffer text = new LineBuffer(32);
                    pid(text, pid, io.jtrace.analyzer.trace.PidNamespaceIds.Type.TGID);
                    return text.toString();
                });
    }

    /**
     * The first {@code size} bytes of a buffer in little-endian order, as strace's umove reads a
     * structure; null when they were not captured (a failed read, memory that ended first).
     */
    ByteBuffer struct(RecordedBuffer b, int size) {
        if (b == null || b.getError() != 0 || b.getData().size() < size) {
            return null;
        }
        return b.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * strace's printstr_ex: {@code length} bytes at {@code address} (a negative int sign-extends to
     * a huge length), at most -s of them quoted with "..." after when there are more; the address
     * when the -s + 1 bytes strace would read were not all readable. {@code forceHex}: every byte in
     * hex (QUOTE_FORCE_HEX).
     */
    void string(LineBuffer out, RecordedBuffer b, long address, long length, boolean forceHex) {
        if (address == 0) {
            out.append("NULL");
            return;
        }
        int limit = options.stringLimit;
        long size = Long.compareUnsigned(length, limit + 1L) < 0 ? length : limit + 1L;
        if (b == null || b.getError() != 0 || b.getData().size() < size && !state.wholeCapture(b)) {
            Formats.pointer(out, address);
            return;
        }
        int n = (int) Math.min(Math.min(size, limit), b.getData().size());
        byte[] quoted = bytes.atLeast(n);
        b.getData().copyTo(quoted, 0, 0, n);
        Quote.append(out, quoted, 0, n, forceHex ? Quote.Hex.ALL : options.hex, false);
        if (Long.compareUnsigned(length, limit) > 0) {
            out.append("...");
        }
    }

    /** A NUL-terminated string captured whole (paths): never cut at -s. */
    void path(LineBuffer out, RecordedBuffer b, long address) {
        if (b == null || b.getError() != 0) {
            Formats.pointer(out, address);
            return;
        }
        byte[] bytes = b.getData().toByteArray();
        Quote.append(out, bytes, 0, bytes.length, options.hex, true);
        if (b.getLength() > bytes.length) {
            out.append("...");
        }
    }
}
