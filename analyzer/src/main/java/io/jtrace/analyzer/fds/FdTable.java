package io.jtrace.analyzer.fds;

import io.jtrace.analyzer.trace.Calls;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.EventSink;
import io.jtrace.analyzer.trace.FdCalls;
import io.jtrace.analyzer.trace.FdGenerations;
import io.jtrace.analyzer.trace.FdInfo;
import io.jtrace.analyzer.trace.Mmsgs;
import io.jtrace.analyzer.trace.Payload;
import io.jtrace.analyzer.trace.TraceState;
import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.RecordedSyscall;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-fd statistics, one row per fd generation: a close, or a new socket, accept, open or dup onto
 * the same number, ends one generation and starts the next, so reused fd numbers never merge.
 */
public final class FdTable implements EventSink {
    private static final long EAGAIN = 11;

    private final TraceState state;
    private final FdGenerations<FdStats> open = new FdGenerations<>();
    private final List<FdStats> rows = new ArrayList<>();
    private final Payload payload = new Payload();
    private long order;

    public FdTable(TraceState state) {
        this.state = state;
    }

    @Override
    public void accept(Event e) {
        open.apply(e, lifecycle);
        if (!e.isSyscall()) {
            return;
        }
        RecordedSyscall s = e.syscall();
        String name = e.name();
        Calls.Flow flow = Calls.flow(name);
        if (flow != Calls.Flow.NONE) {
            transfer(e, s, flow == Calls.Flow.IN);
        }
        if (name.equals("connect") || name.equals("bind") || name.equals("getsockname") || name.equals("getpeername")
                || name.equals("accept") || name.equals("accept4")) {
            FdStats st = stats(e, s.getPid(), Calls.arg(s, 0));
            touch(st, e, s);
        }
    }

    /** Rows start when a call creates an fd (from its return: an accept may block for long) and end when it goes. */
    private final FdGenerations.Lifecycle<FdStats> lifecycle = new FdGenerations.Lifecycle<>() {
        @Override
        public FdStats created(Event e, int pid, int fd, FdCalls.Origin origin, FdStats from) {
            FdInfo created = state.created(e);
            if (origin == FdCalls.Origin.PIPE || origin == FdCalls.Origin.SOCKETPAIR) {
                created = state.pairMember(e, fd);
            } else if (created == null && origin == FdCalls.Origin.DUP) {
                created = state.fd(pid, Calls.arg(e.syscall(), 0));
            }
            FdStats st = new FdStats(e.source(), pid, fd, order++, created);
            st.firstNs = FdCalls.exitNs(e);
            st.lastNs = st.firstNs;
            rows.add(st);
            return st;
        }

        @Override
        public void ended(FdStats st, Event e, FdGenerations.End how) {
            if (how == FdGenerations.End.CLOSED && e.name().equals("close")) {
                touch(st, e, e.syscall());
            }
            st.closed = true;
        }
    };

    /** The open generation of an fd, started on first sight for fds that predate the recording. */
    private FdStats stats(Event e, int pid, long fd) {
        FdStats st = open.get(pid, fd);
        if (st == null) {
            st = new FdStats(e.source(), pid, (int) fd, order++, state.fd(pid, fd));
            st.predates = true;
            open.start(pid, fd, st, FdGenerations.BEFORE_RECORDING);
            rows.add(st);
        }
        return st;
    }

    private void touch(FdStats st, Event e, RecordedSyscall s) {
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

    private void transfer(Event e, RecordedSyscall s, boolean in) {
        FdStats st = stats(e, s.getPid(), Calls.arg(s, 0));
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
        if (st.protocol == null || st.protocol.equals("http")) {
            for (RecordedBuffer b : s.getBuffersList()) {
                if (Calls.isPayload(e.name(), b) && !b.getData().isEmpty()) {
                    if (st.protocol == null) {
                        st.sniff(b.getData(), in);
                    } else {
                        st.sniffUpgrade(b.getData(), in);   // HTTP/1 until an h2c upgrade
                    }
                    break;
                }
            }
        }
        if (st.probe != null && st.probeInbound == in) {
            if (payload.walk(e, st.probe) == Payload.Moved.UNKNOWN) {
                st.probe.lost();
            }
            st.probed();
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
