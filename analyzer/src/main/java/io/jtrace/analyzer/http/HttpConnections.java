package io.jtrace.analyzer.http;

import io.jtrace.analyzer.http.Exchange.Side;
import io.jtrace.analyzer.http.HttpStreamParser.Direction;
import io.jtrace.analyzer.trace.Calls;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.EventSink;
import io.jtrace.analyzer.trace.FdCalls;
import io.jtrace.analyzer.trace.FdGenerations;
import io.jtrace.analyzer.trace.FdInfo;
import io.jtrace.analyzer.trace.Payload;
import io.jtrace.analyzer.trace.Source;
import io.jtrace.analyzer.trace.TraceState;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.proto.Record;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The connection layer under the {@code http} view. A connection is (pid, fd, generation): a close, or a new
 * socket/accept/open/dup onto the same number, starts a new one (FORMAT.md's close-versus-create order rule
 * applies). Each has two byte streams, in (read family) and out (write family), fed to HTTP parsers; a snap
 * length cut or sendfile is a gap of known length, lost records a gap of unknown length. The side comes from
 * connect (client) or accept (server), or, for a connection older than the recording, from whichever direction
 * first parses as a request or a response. Final responses pair with requests first in, first out.
 *
 * <p>Streaming: memory is bounded by the open connections, their unanswered requests and the body limit.
 */
public final class HttpConnections implements EventSink {
    /**
     * Exchanges held back at most so that the output is in order of start time; past this many, the oldest go
     * out anyway (a request that is never answered must not hold everything up).
     */
    static final int REORDER_LIMIT = 10_000;
    /** Calls of each direction looked at for HTTP/2's start (the preface comes first; frames may start later). */
    static final int H2_CHECKS = 8;

    /** Where exchanges go, in order of start time (within {@link #REORDER_LIMIT}). */
    @FunctionalInterface
    public interface Output {
        void exchange(Exchange x) throws IOException;
    }

    private final TraceState state;
    private final Output output;
    private final int bodyLimit;
    private final FdGenerations<Conn> conns = new FdGenerations<>();
    private final Map<Long, Integer> generations = new HashMap<>();
    private final Payload payload = new Payload();
    /** Finished exchanges, held until no exchange still in flight started before them. */
    private final PriorityQueue<Exchange> ready = new PriorityQueue<>((a, b) -> a.startNs() != b.startNs()
            ? Long.compare(a.startNs(), b.startNs()) : Long.compare(a.sequence(), b.sequence()));
    /** Start times of the exchanges in flight (a multiset). */
    private final StartTimes inFlight = new StartTimes();
    private long sequence;
    private long lastNs;
    private long connections;
    private long exchanges;

    /** @param bodyLimit body bytes kept per message (0: sizes only) */
    public HttpConnections(TraceState state, int bodyLimit, Output output) {
        this.state = state;
        this.bodyLimit = bodyLimit;
        this.output = output;
    }

    /** Connections that carried at least one HTTP message. */
    public long connections() {
        return connections;
    }

    public long exchanges() {
        return exchanges;
    }

    @Override
    public void accept(Event e) throws IOException {
        lastNs = Math.max(lastNs, e.timeNs());
        conns.apply(e, lifecycle);
        if (e.isSyscall()) {
            syscall(e);
        } else if (e.kind() == Record.KindCase.LOSS
                && e.record().getLoss().getReason() == io.jtrace.format.proto.Loss.Reason.FILES_MISSING) {
            // files of the recording are missing: what was under way ends there, parsing starts again after
            long t = e.timeNs();
            long n = e.record().getLoss().getRecords();
            String missing = n == 0 ? "the lost end of a file" : n + (n == 1 ? " missing file" : " missing files");
            conns.forEach(0, c -> c.restart(t, missing));
        } else if (e.kind() == Record.KindCase.LOSS) {
            // records of this thread (or of anyone) are missing: every stream it may have used lost bytes
            int pid = e.tid() == 0 ? 0 : state.pidOf(e.tid());
            long t = e.timeNs();
            conns.forEach(pid, c -> c.lost(t));
        }
        drain();
    }

    /**
     * A connection per socket a call creates: an accepted one is the server's end; a socket's side is known at its
     * connect; a dup's is its original's. Files, pipes, epoll and the like carry no HTTP.
     */
    private final FdGenerations.Lifecycle<Conn> lifecycle = new FdGenerations.Lifecycle<>() {
        @Override
        public Conn created(Event e, int pid, int fd, FdCalls.Origin origin, Conn from) {
            Side side = null;
            boolean http = switch (origin) {
                case ACCEPT -> {
                    side = Side.SERVER;
                    yield true;
                }
                case SOCKET, SOCKETPAIR -> true;
                case DUP -> {
                    FdInfo info = state.fd(pid, Calls.arg(e.syscall(), 0));
                    side = from == null ? null : from.side;
                    yield from != null ? from.http : info == null || info.kind() == FdInfo.Kind.SOCKET;
                }
                default -> false;
            };
            return new Conn(e.source(), pid, fd, side, http);
        }

        @Override
        public void ended(Conn c, Event e, FdGenerations.End how) {
            c.end(e.timeNs(), true);   // a reused number's close was not recorded, but it was closed
        }
    };

    @Override
    public void close() throws IOException {
        long t = lastNs;
        conns.endAll(c -> c.end(t, false));   // the recording ended, not the connections
        drain();
    }

    private void drain() throws IOException {
        while (!ready.isEmpty() && (inFlight.isEmpty() || ready.peek().startNs() <= inFlight.least()
                || ready.size() > REORDER_LIMIT)) {
            exchanges++;
            output.exchange(ready.poll());
        }
    }

    private void started(long t) {
        inFlight.add(t);
    }

    private void finished(long t) {
        inFlight.remove(t);
    }

    private void syscall(Event e) {
        RecordedSyscall s = e.syscall();
        String name = e.name();
        int pid = s.getPid();
        Calls.Flow flow = Calls.flow(name);
        if (flow != Calls.Flow.NONE) {
            Conn c = conn(e, pid, Calls.arg(s, 0));
            if (c.http) {
                c.transfer(e, flow == Calls.Flow.IN);
            }
        } else if (name.equals("connect")) {
            Conn c = conn(e, pid, Calls.arg(s, 0));
            if (c.side == null) {
                c.settle(Side.CLIENT);
            }
        }
    }

    /** The open connection on the fd; a first sight of an fd older than the recording starts one. */
    private Conn conn(Event e, int pid, long fd) {
        Conn c = conns.get(pid, fd);
        if (c == null) {
            FdInfo info = state.fd(pid, fd);
            c = new Conn(e.source(), pid, (int) fd, null, info == null || info.kind() == FdInfo.Kind.SOCKET);
            c.predates = true;
            conns.start(pid, fd, c, FdGenerations.BEFORE_RECORDING);
        }
        return c;
    }

    /** One request awaiting its response, or one exchange awaiting its end. */
    private static final class Pending {
        final HttpMessage request;
        final int tid;
        /** The request's first byte; for a request not seen, the call whose gap held it, or its response's start. */
        final long startNs;
        HttpMessage response;
        /** Interim responses and notes: nearly every exchange has none, so a list is made at the first. */
        List<HttpMessage> interim = List.of();
        List<String> notes = List.of();
        boolean requestDone;
        boolean responseDone;

        Pending(HttpMessage request, int tid, long startNs) {
            this.request = request;
            this.tid = tid;
            this.startNs = startNs;
            this.requestDone = request == null;
        }

        long startNs() {
            return startNs;
        }

        void note(String note) {
            if (!notes.contains(note)) {
                if (notes.isEmpty()) {
                    notes = new ArrayList<>(2);
                }
                notes.add(note);
            }
        }

        void interim(HttpMessage m) {
            if (interim.isEmpty()) {
                interim = new ArrayList<>(1);
            }
            interim.add(m);
        }
    }

    /** "a gap of N bytes", or "lost records" when the count is unknown. */
    private static String gap(long gapBytes) {
        return gapBytes < 0 ? "lost records" : "a gap of " + gapBytes + " bytes";
    }

    private static long plus(long a, long b) {
        return a == Long.MAX_VALUE || b == Long.MAX_VALUE ? Long.MAX_VALUE : a + b;
    }

    private final class Conn {
        /** The input where the connection was first seen. */
        final Source source;
        final int pid;
        final int fd;
        final boolean http;
        final String id;
        Side side;
        String local;
        String peer;
        final Stream in = new Stream(true);
        final Stream out = new Stream(false);
        /** Requests not yet answered by a final response, oldest first. */
        final ArrayDeque<Pending> unanswered = new ArrayDeque<>();
        /** Exchanges not yet emitted, in request order. */
        final ArrayDeque<Pending> open = new ArrayDeque<>();
        Pending responding;
        boolean sawHttp;
        boolean ended;
        /** Opened before the recording: HTTP/2 is found from its frames, there being no preface to see. */
        boolean predates;
        /** The connection's HTTP/2 streams, once it is found to carry HTTP/2; HTTP/1 parsing stops then. */
        H2Connection h2;

        // Gaps (snap length, lost records) may hide whole messages; what pairing then knows (ANALYZER.md, HTTP):
        /** Final responses possibly lost in gaps beyond those counted: the true answer may lie this far down. */
        long responseSlack;
        long responseSlackBefore;
        long responsesCounted;
        String responseNote;
        /** Requests possibly lost in a gap beyond the placeholders counted, sent at requestSlackNs. */
        long requestSlack;
        long requestRunSlack;
        long requestsCounted;
        long requestSlackNs;
        String requestNote;
        /** A response was paired with a seen request although a request lost in a gap may have been its own. */
        boolean requestShifted;

        Conn(Source source, int pid, int fd, Side side, boolean http) {
            this.source = source;
            this.pid = pid;
            this.fd = fd;
            this.http = http;
            long key = (long) pid << 32 | fd;
            int n = generations.merge(key, 1, Integer::sum);
            this.id = pid + "/" + fd + "/" + n;
            if (http) {
                in.open(side);
                out.open(side);
                this.side = side;
            }
        }

        void transfer(Event e, boolean inbound) {
            if (peer == null || local == null) {
                FdInfo info = state.fd(pid, fd);
                if (info != null) {
                    peer = info.peer();
                    local = info.local();
                }
            }
            // a read's bytes arrived when it returned; a write's were handed over when it entered
            long t = inbound ? e.timeNs() + e.syscall().getDurationNs() : e.timeNs();
            Stream st = inbound ? in : out;
            st.note(t, e.tid());
            st.parsed = e.note() instanceof ParsedHead h ? h : null;
            Payload.Moved moved = payload.walk(e, st.at(t));
            st.parsed = null;
            if (moved == Payload.Moved.UNKNOWN) {
                st.lost(t);
            }
        }

        void lost(long t) {
            if (http) {
                in.lost(t);
                out.lost(t);
            }
        }

        /** The side is known: each direction keeps the one parser it needs. */
        void settle(Side s) {
            side = s;
            out.keep(s == Side.CLIENT ? Direction.REQUESTS : Direction.RESPONSES);
            in.keep(s == Side.CLIENT ? Direction.RESPONSES : Direction.REQUESTS);
        }

        Stream requestStream() {
            return side == Side.CLIENT ? out : in;
        }

        /** Closed (or its process exited) when {@code closed}; otherwise the recording ended. */
        void end(long t, boolean closed) {
            if (ended || !http) {
                return;
            }
            ended = true;
            in.end(t, closed);
            out.end(t, closed);
            if (h2 != null) {
                h2.end(t);
            }
            if (responding != null) {
                responding.responseDone = true;
                responding = null;
            }
            for (Pending p : open) {
                emit(p);
            }
            open.clear();
            unanswered.clear();
        }

        /**
         * Files of the recording are missing from {@code t} (a set's gap): the exchanges under way are emitted as far
         * as they were seen, and both directions are parsed anew, as on a connection older than the recording, the
         * side kept; a gap of unknown content shifts no pairing after it, since nothing from before it is pending.
         */
        void restart(long t, String missing) {
            if (ended || !http) {
                return;
            }
            in.stop(t);
            out.stop(t);
            if (responding != null) {
                responding.responseDone = true;
                responding = null;
            }
            for (Pending p : unanswered) {
                p.note("response not seen (in " + missing + ")");
                p.responseDone = true;
            }
            for (Pending p : open) {
                p.requestDone = true;
                emit(p);
            }
            open.clear();
            unanswered.clear();
            responseSlack = 0;
            responseSlackBefore = 0;
            responsesCounted = 0;
            requestSlack = 0;
            requestRunSlack = 0;
            requestsCounted = 0;
            requestShifted = false;
            in.reopen(side, sawHttp);
            out.reopen(side, sawHttp);
        }

        void emit(Pending p) {
            finished(p.startNs());
            if (p.request == null && p.notes.stream().noneMatch(n -> n.startsWith("request not seen"))) {
                p.note("request not seen");
            }
            if (p.response == null && p.notes.stream().noneMatch(n -> n.startsWith("response not seen"))) {
                p.note("response not seen");
            }
            ready.add(new Exchange(source, pid, p.tid, state.threadComm(p.tid, pid), fd, id, side, local, peer,
                    p.request, p.response, p.interim, p.startNs, p.notes, sequence++));
        }

        void emitFinished() {
            while (!open.isEmpty()) {
                Pending p = open.peekFirst();
                if (!p.requestDone || !p.responseDone) {
                    break;   // later exchanges wait, so they come out in request order
                }
                open.pollFirst();
                emit(p);
            }
        }

        void messageStart(Stream st, Direction role, HttpMessage m) {
            if (!sawHttp) {
                sawHttp = true;
                connections++;
            }
            if (side == null) {
                settle(st.inbound == (role == Direction.REQUESTS) ? Side.SERVER : Side.CLIENT);
                Stream other = st == in ? out : in;
                other.assumeHttp();
            }
            if (role == Direction.REQUESTS) {
                Pending p = new Pending(m, st.tidAt(m.startNs()), m.startNs());
                unanswered.addLast(p);
                open.addLast(p);
                started(m.startNs());
            } else if (m.isInterim()) {
                Pending p = unanswered.peekFirst();
                if (p != null) {
                    p.interim(m);
                }
            } else {
                Answer a = answer(m);
                Pending p;
                if (a.pending != null) {
                    p = unanswered.pollFirst();
                } else if (a.lostRequest) {
                    // its request was one more of those a gap may have held
                    p = new Pending(null, st.tidAt(m.startNs()), requestSlackNs);
                    p.note("request not seen (in " + requestNote + ")");
                    open.addLast(p);
                    started(p.startNs());
                    if (!requestShifted && requestSlack != Long.MAX_VALUE) {
                        requestSlack--;   // one fewer unknown: this one is counted now
                    }
                } else {
                    p = new Pending(null, st.tidAt(m.startNs()), m.startNs());   // its request predates the recording
                    open.addLast(p);
                    started(m.startNs());
                }
                if (a.uncertain != null) {
                    p.note(a.uncertain);
                }
                if (a.aligns) {
                    responseSlack = 0;   // no other request was there to answer: aligned again
                }
                if (a.shifts) {
                    requestShifted = true;
                }
                p.response = m;
                responding = p;
            }
        }

        /**
         * Which pending request a final response answers: the oldest unanswered one sent before it, unless gaps
         * may have swallowed requests or responses, in which case the pairing is the likeliest one and says so.
         *
         * @param pending  the request answered, or null for a request not seen
         * @param lostRequest  the request not seen is one a gap held (else it predates the recording)
         * @param uncertain  the note when other pairings are possible, else null
         * @param shifts  the pairing may give a seen request a response that was a lost request's
         * @param aligns  responses were possibly lost, but no other request than this one can be the answered one
         */
        private record Answer(Pending pending, boolean lostRequest, String uncertain, boolean shifts, boolean aligns) {
            Answer(Pending pending, boolean lostRequest, String uncertain, boolean shifts) {
                this(pending, lostRequest, uncertain, shifts, false);
            }
        }

        private Answer answer(HttpMessage m) {
            long t = m.startNs();
            Pending head = unanswered.peekFirst();
            boolean headSent = head != null && head.startNs <= t;
            String uncertain = requestShifted ? "pairing unknown after " + requestNote : null;
            if (requestSlack > 0 && (head == null || head.startNs > requestSlackNs)) {
                if (!headSent) {
                    // nothing we saw was sent before it: it answers a request a gap held
                    return new Answer(null, true, uncertain, false);
                }
                return new Answer(head, false, "pairing unknown after " + requestNote, true);
            }
            if (!headSent) {
                return new Answer(null, false, uncertain, false);
            }
            if (responseSlack > 0) {
                if (sentBy(t, 2) > 1) {
                    // responses lost in a gap may have answered the head and more: any request sent before it may
                    // be its own
                    return new Answer(head, false, "pairing unknown after " + responseNote, false);
                }
                return new Answer(head, false, uncertain, false, true);
            }
            return new Answer(head, false, uncertain, false);
        }

        /** How many unanswered requests were sent by time t, counting at most limit. */
        private int sentBy(long t, int limit) {
            int n = 0;
            for (Pending p : unanswered) {
                if (p.startNs > t || n >= limit) {
                    break;
                }
                n++;
            }
            return n;
        }

        /**
         * The request stream skipped a run with gaps (see {@link HttpListener#unseen}): the requests that surely
         * started there are counted as unseen exchanges now, before their responses come; the others possible
         * leave the pairing of later responses unknown until it is certain again.
         */
        void requestsUnseen(Stream st, long min, long max, long gapBytes, boolean fresh, long t) {
            if (fresh) {
                requestsCounted = 0;
                requestRunSlack = 0;
            }
            requestNote = gap(gapBytes);
            for (; requestsCounted < min; requestsCounted++) {
                Pending p = new Pending(null, st.tidAt(t), t);
                p.note("request not seen (in " + requestNote + ")");
                unanswered.addLast(p);
                open.addLast(p);
                started(t);
            }
            long slack = max == Long.MAX_VALUE ? Long.MAX_VALUE : max - min;
            if (slack != requestRunSlack) {
                requestSlack = requestSlack == Long.MAX_VALUE || slack == Long.MAX_VALUE ? Long.MAX_VALUE
                        : requestSlack + slack - requestRunSlack;
                requestRunSlack = slack;
            }
            requestSlackNs = t;
        }

        /**
         * The response stream skipped a run with gaps: the responses that surely started there answered the oldest
         * requests sent before the gap (unless one may have been a 100 Continue); how many more may have is the
         * slack that makes later pairings unknown.
         */
        void responsesUnseen(long min, long max, long gapBytes, boolean fresh, long t) {
            if (fresh) {
                responsesCounted = 0;
                responseSlackBefore = responseSlack;
            }
            responseNote = gap(gapBytes);
            int candidates = sentBy(t, Integer.MAX_VALUE);
            boolean interimPossible = false;
            int i = 0;
            for (Pending p : unanswered) {
                if (i++ >= candidates) {
                    break;
                }
                interimPossible |= p.request != null && p.request.headers().contains(HttpHeaders.Name.EXPECT);
            }
            if (!interimPossible) {
                for (; responsesCounted < min && candidates > 0; responsesCounted++, candidates--) {
                    Pending p = unanswered.pollFirst();
                    p.responseDone = true;
                    p.note("response not seen (in " + responseNote + ")");
                }
            }
            long more = max == Long.MAX_VALUE ? Long.MAX_VALUE : max - responsesCounted;
            responseSlack = Math.min(plus(responseSlackBefore, more), candidates);
            emitFinished();
        }

        void messageEnd(Direction role, HttpMessage m, long t) {
            if (role == Direction.REQUESTS) {
                Pending last = open.peekLast();
                if (last != null && last.request == m) {
                    last.requestDone = true;   // the usual case, found without an iterator
                } else {
                    for (Pending p : open) {
                        if (p.request == m) {
                            p.requestDone = true;
                            break;
                        }
                    }
                }
            } else if (!m.isInterim() && responding != null && responding.response == m) {
                Pending p = responding;
                responding.responseDone = true;
                responding = null;
                if (m.has(HttpMessage.Flag.UPGRADED)) {
                    requestStream().stop(t);   // what follows a 101 or CONNECT's 2xx is not HTTP
                    if (H2Connection.upgradesTo(p.request, m)) {
                        open.remove(p);   // its request is stream 1's, which goes on over HTTP/2
                        finished(p.startNs());
                        h2 = H2Connection.upgraded(side, h2Sink, bodyLimit, p.request, m, p.tid, p.startNs(),
                                p.notes);
                    }
                }
            }
            emitFinished();
        }

        /**
         * Whether this call's bytes start HTTP/2: the client preface first in a direction, or, on a connection older
         * than the recording that showed no HTTP/1, a call of whole frames (within its first calls).
         */
        boolean h2Starts(Stream st, byte[] b, int off, int len) {
            if (st.h2Checks >= H2_CHECKS || sawHttp) {
                return false;
            }
            boolean first = st.h2Checks++ == 0;
            int n = Math.min(len, H2Frames.PREFACE.length);
            if (first && n >= 14 && java.util.Arrays.equals(b, off, off + n, H2Frames.PREFACE, 0, n)) {
                h2 = H2Connection.prior(side, st.inbound, h2Sink, bodyLimit);
            } else if (predates && H2Connection.startsWithFrames(b, off, len)) {
                h2 = H2Connection.midway(side, h2Sink, bodyLimit);
            } else {
                return false;
            }
            sawHttp = true;
            connections++;
            return true;
        }

        /** How HTTP/2 streams become exchanges of this connection. */
        final H2Connection.Sink h2Sink = new H2Connection.Sink() {
            @Override
            public void started(long t) {
                HttpConnections.this.started(t);
            }

            @Override
            public int tid(boolean inbound, long t) {
                return (inbound ? in : out).tidAt(t);
            }

            @Override
            public void side(Side s) {
                if (side == null) {
                    settle(s);
                }
            }

            @Override
            public void exchange(int stream, int tid, Side sd, HttpMessage request, HttpMessage response,
                    List<HttpMessage> interim, long startNs, List<String> notes, GrpcCall grpc) {
                finished(startNs);
                ready.add(new Exchange(source, pid, tid, state.threadComm(tid, pid), fd, id, sd, local, peer, request,
                        response, interim, startNs, notes, sequence++, stream, grpc));
            }
        };

        String methodAnswered(HttpMessage response) {
            Answer a = answer(response);
            return a.pending == null || a.pending.request == null ? null : a.pending.request.method();
        }

        /** One direction: a request parser and a response parser until the side is known, then one of them. */
        final class Stream {
            final boolean inbound;
            HttpStreamParser requests;
            HttpStreamParser responses;
            private final long[] times = new long[16];
            private final int[] tids = new int[16];
            private int calls;
            private long now;
            /** Calls looked at for the start of HTTP/2 (see {@link Conn#h2Starts}). */
            int h2Checks;
            /** The head the call's first bytes start with, parsed where its record was decoded; null after them. */
            ParsedHead parsed;
            private final Payload.Sink sink = new Payload.Sink() {
                @Override
                public void data(byte[] b, int off, int len) {
                    ParsedHead head = parsed;
                    parsed = null;
                    if (h2 != null || h2Starts(Stream.this, b, off, len)) {
                        h2.data(inbound, b, off, len, now);
                        return;
                    }
                    if (requests != null) {
                        requests.data(b, off, len, now, head);
                    }
                    if (responses != null) {   // may have been dropped by what the request parser found
                        responses.data(b, off, len, now, head);
                    }
                }

                @Override
                public void gap(long length) {
                    if (h2 != null) {
                        h2.gap(inbound, length, now);
                        return;
                    }
                    each(p -> p.gap(length, now));
                }
            };

            Stream(boolean inbound) {
                this.inbound = inbound;
            }

            void open(Side side) {
                boolean requestsHere = side == null || (side == Side.SERVER) == inbound;
                boolean responsesHere = side == null || (side == Side.CLIENT) == inbound;
                if (requestsHere) {
                    requests = parser(Direction.REQUESTS);
                }
                if (responsesHere) {
                    responses = parser(Direction.RESPONSES);
                }
            }

            /** New parsers, as on a first sight of the connection; {@code http}: its bytes are known to be HTTP. */
            void reopen(Side side, boolean http) {
                requests = null;
                responses = null;
                open(side);
                if (http) {
                    assumeHttp();
                }
            }

            private HttpStreamParser parser(Direction role) {
                HttpStreamParser p = new HttpStreamParser(role, new Tap(this, role), bodyLimit);
                if (role == Direction.RESPONSES) {
                    p.pendingRequests(Conn.this::methodAnswered);
                }
                return p;
            }

            void keep(Direction role) {
                if (role == Direction.REQUESTS) {
                    responses = null;
                } else {
                    requests = null;
                }
            }

            /** Runs the action on each parser this direction still has, the request parser first. */
            void each(java.util.function.Consumer<HttpStreamParser> action) {
                if (requests != null) {
                    action.accept(requests);
                }
                if (responses != null) {   // may have been dropped by what the request parser found
                    action.accept(responses);
                }
            }

            void assumeHttp() {
                each(HttpStreamParser::assumeHttp);
            }

            /** Whether this direction still runs its parser for the role (each role has one parser per direction). */
            boolean active(Direction role) {
                return (role == Direction.REQUESTS ? requests : responses) != null;
            }

            Payload.Sink at(long t) {
                now = t;
                return sink;
            }

            void note(long t, int tid) {
                times[calls & 15] = t;
                tids[calls & 15] = tid;
                calls++;
            }

            /** The thread of the recent call at time t (a message's first byte), else of the last call. */
            int tidAt(long t) {
                for (int i = 1; i <= Math.min(calls, 16); i++) {
                    int slot = (calls - i) & 15;
                    if (times[slot] == t) {
                        return tids[slot];
                    }
                }
                return calls == 0 ? 0 : tids[(calls - 1) & 15];
            }

            void lost(long t) {
                if (h2 != null) {
                    h2.lost(inbound, t);
                    return;
                }
                each(p -> p.lost(t));
            }

            void stop(long t) {
                each(p -> p.stop(t));
            }

            /** The connection closed (a body read until close ends), or the recording ended (it is incomplete). */
            void end(long t, boolean closed) {
                each(closed ? p -> p.end(t) : p -> p.stop(t));
            }
        }

        /** One parser's reports, ignored once that parser has lost to the other for its direction. */
        final class Tap implements HttpListener {
            private final Stream stream;
            private final Direction role;

            Tap(Stream stream, Direction role) {
                this.stream = stream;
                this.role = role;
            }

            @Override
            public void messageStart(HttpMessage head, long timeNs) {
                if (side == null || stream.active(role)) {
                    Conn.this.messageStart(stream, role, head);
                }
            }

            @Override
            public void messageEnd(HttpMessage message, long timeNs) {
                if (stream.active(role)) {
                    Conn.this.messageEnd(role, message, timeNs);
                }
            }

            @Override
            public void protocol(String label, long timeNs) {
            }

            @Override
            public void resynced(long skippedBytes, long timeNs) {
            }

            @Override
            public void afterUpgrade(byte[] b, int off, int len, long timeNs) {
                if (h2 != null) {
                    h2.data(stream.inbound, b, off, len, timeNs);
                }
            }

            @Override
            public void unseen(long min, long max, long gapBytes, boolean fresh, long timeNs) {
                if (side == null || !stream.active(role)) {
                    return;   // no pairing yet (a side is found from a message), or this parser lost its direction
                }
                if (role == Direction.REQUESTS) {
                    requestsUnseen(stream, min, max, gapBytes, fresh, timeNs);
                } else {
                    responsesUnseen(min, max, gapBytes, fresh, timeNs);
                }
            }
        }
    }
}
