package io.jtrace.analyzer.fds;

import io.jtrace.analyzer.trace.Calls;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.EventSink;
import io.jtrace.analyzer.trace.FdGenerations;
import io.jtrace.analyzer.trace.FdInfo;
import io.jtrace.analyzer.trace.Mmsgs;
import io.jtrace.analyzer.trace.TraceState;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Syscall;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-fd statistics, one row per fd generation: a close, or a new socket, accept, open or dup onto
 * the same number, ends one generation and starts the next, so reused fd numbers never merge.
 */
public final class FdTable implements EventSink {
    private static final long EAGAIN = 11;
    private static final long EBADF = 9;
    private static final long CLOSE_RANGE_CLOEXEC = 4;

    private final TraceState state;
    private final FdGenerations<FdStats> open = new FdGenerations<>();
    private final List<FdStats> rows = new ArrayList<>();
    private long order;

    public FdTable(TraceState state) {
        this.state = state;
    }

    @Override
    public void accept(Event e) {
        if (!e.isSyscall()) {
            if (e.kind() == io.jtrace.format.proto.Record.KindCase.EXIT && e.tid() == e.pid()) {
                open.endProcess(e.pid(), st -> st.closed = true);   // the process is gone, and its fds with it
            }
            return;
        }
        Syscall s = e.syscall();
        String name = e.name();
        boolean in = Calls.READS.contains(name);
        boolean out = Calls.WRITES.contains(name);
        if (in || out) {
            transfer(e, s, in);
        } else if (name.equals("close") && !s.getUnfinished() && s.getRet() != -EBADF) {
            FdStats st = open.close(s.getPid(), Calls.arg(s, 0), e.timeNs());
            if (st != null) {
                touch(st, e, s);
                st.closed = true;
            }
        } else if (name.equals("close_range") && !s.getUnfinished() && s.getRet() == 0
                && (Calls.arg(s, 2) & CLOSE_RANGE_CLOEXEC) == 0) {
            open.closeRange(s.getPid(), Calls.arg(s, 0), Calls.arg(s, 1) & 0xffffffffL, e.timeNs(),
                    st -> st.closed = true);
        }
        if (!s.getUnfinished() && s.getRet() >= 0 && io.jtrace.analyzer.render.FdPositions.returnsFd(name,
                Calls.arg(s, 1))) {
            FdInfo created = state.created(e);
            if (created == null && (name.startsWith("dup") || name.equals("fcntl"))) {
                created = state.fd(s.getPid(), Calls.arg(s, 0));
            }
            start(s.getPid(), s.getRet(), created, e);
        }
        if (name.equals("connect") || name.equals("bind") || name.equals("getsockname") || name.equals("getpeername")
                || name.equals("accept") || name.equals("accept4")) {
            FdStats st = stats(s.getPid(), Calls.arg(s, 0));
            touch(st, e, s);
        }
    }

    /** A generation created by a call: it exists from the call's return (an accept may block for long). */
    private void start(int pid, long fd, FdInfo info, Event e) {
        FdStats st = new FdStats(pid, (int) fd, order++, info);
        long created = e.timeNs() + e.syscall().getDurationNs();
        st.firstNs = created;
        st.lastNs = created;
        FdStats old = open.start(pid, fd, st, created);
        if (old != null) {
            old.closed = true;
        }
        rows.add(st);
    }

    /** The open generation of an fd, started on first sight for fds that predate the recording. */
    private FdStats stats(int pid, long fd) {
        FdStats st = open.get(pid, fd);
        if (st == null) {
            st = new FdStats(pid, (int) fd, order++, state.fd(pid, fd));
            open.start(pid, fd, st, FdGenerations.BEFORE_RECORDING);
            rows.add(st);
        }
        return st;
    }

    private void touch(FdStats st, Event e, Syscall s) {
        st.firstNs = Math.min(st.firstNs, e.timeNs());
        st.lastNs = Math.max(st.lastNs, e.timeNs() + s.getDurationNs());
        st.ns += s.getDurationNs();
        FdInfo now = state.fd(s.getPid(), st.fd);
        if (now != null) {
            st.info = now;   // endpoints learned later (getsockname after connect) show up
        }
        if (!s.getUnfinished() && s.getRet() < 0 && s.getRet() >= -4095) {
            if (-s.getRet() == EAGAIN) {
                st.eagain++;
            } else {
                st.errors++;
            }
        }
    }

    private void transfer(Event e, Syscall s, boolean in) {
        FdStats st = stats(s.getPid(), Calls.arg(s, 0));
        touch(st, e, s);
        if (s.getUnfinished()) {
            return;
        }
        if (in) {
            st.callsIn++;
        } else {
            st.callsOut++;
        }
        // sendmmsg and recvmmsg return a count of messages: their bytes are the messages' msg_len
        long moved = Mmsgs.isMmsg(e.name()) ? Mmsgs.bytes(s) : s.getRet();
        if (moved <= 0) {
            return;
        }
        if (in) {
            st.bytesIn += moved;
        } else {
            st.bytesOut += moved;
        }
        if (st.protocol != null) {
            return;   // decided by the first bytes: nothing more to look at
        }
        for (Buffer b : s.getBuffersList()) {
            if (Calls.isPayload(e.name(), b) && !b.getData().isEmpty()) {
                byte[] first = b.getData().substring(0, Math.min(16, b.getData().size())).toByteArray();
                st.sniff(first, first.length);
                break;
            }
        }
    }

    @Override
    public void close() {
    }

    /** Every generation seen, in order of first sight. */
    public List<FdStats> rows() {
        return rows;
    }
}
