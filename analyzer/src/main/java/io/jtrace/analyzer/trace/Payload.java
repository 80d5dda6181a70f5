package io.jtrace.analyzer.trace;

import com.google.protobuf.ByteString;
import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.RecordedSyscall;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte stream a read- or write-family call moved on its fd, in order: the captured bytes, and gaps of known
 * length for what the snap length cut or what is never captured (sendfile). A write moved only its return value's
 * worth of what it was handed; a read's capture is limited by the return value already (FORMAT.md).
 */
public final class Payload {
    /** Where the bytes of one call go. */
    public interface Sink {
        /** Captured bytes, in order, in one or more pieces; the array is reused after the call returns. */
        void data(byte[] b, int off, int len);

        /** Bytes moved but not captured. */
        void gap(long length);
    }

    /** What a call did to its fd's stream. */
    public enum Moved {
        /** Nothing: failed, unfinished, zero bytes, or a peek that leaves the bytes queued. */
        NOTHING,
        /** Bytes went to the sink. */
        BYTES,
        /** Bytes moved, but how many is not known (sendmmsg/recvmmsg of a trace before format 1.4). */
        UNKNOWN
    }

    private static final long MSG_PEEK = 2;
    /** Captured bytes go to the sink this many at a time: a buffer of megabytes is never copied whole. */
    private static final int PIECE = 64 << 10;

    private final List<RecordedBuffer> segments = new ArrayList<>();
    private final byte[] scratch = new byte[PIECE];

    /** The pieces of a walk as they lie in the record: captured bytes, gaps; false from a piece ends the walk. */
    private interface Pieces {
        boolean piece(ByteString data, int from, int n);

        void gap(long length);
    }

    /** Hands each piece to a sink through the scratch array (one serves every walk: a walk makes no object). */
    private final class Copying implements Pieces {
        Sink sink;

        @Override
        public boolean piece(ByteString data, int from, int n) {
            data.copyTo(scratch, from, 0, n);
            sink.data(scratch, 0, n);
            return true;
        }

        @Override
        public void gap(long length) {
            sink.gap(length);
        }
    }

    private final Copying copying = new Copying();

    /** Feeds the stream bytes of a read (in) or write (out) call to the sink. */
    public Moved walk(Event e, Sink sink) {
        copying.sink = sink;
        try {
            return walk(e.syscall(), e.name(), copying);
        } finally {
            copying.sink = null;
        }
    }

    /** Keeps the first piece of a walk, and ends it there. */
    private static final class First implements Pieces {
        ByteString data;
        int from;
        int n;

        @Override
        public boolean piece(ByteString data, int from, int n) {
            this.data = data;
            this.from = from;
            this.n = n;
            return false;
        }

        @Override
        public void gap(long length) {
        }
    }

    private final First first = new First();

    /**
     * Copies into {@code into} the start of the bytes a {@link #walk} of the call hands to its sink's first
     * {@code data}, as many as fit, and returns how many that {@code data} gets (at most {@link #PIECE}), or -1 when
     * it gets none. Work on those bytes alone can so be done apart from the walk, as where records are decoded, and
     * be found again by their count.
     */
    public int firstPiece(RecordedSyscall s, String name, byte[] into) {
        first.data = null;
        walk(s, name, first);
        if (first.data == null) {
            return -1;
        }
        first.data.copyTo(into, first.from, 0, Math.min(first.n, into.length));
        first.data = null;
        return first.n;
    }

    private Moved walk(RecordedSyscall s, String name, Pieces sink) {
        if (s.getUnfinished() || s.getRet() <= 0) {
            return Moved.NOTHING;
        }
        switch (name) {
            case "recvfrom" -> {
                if ((Calls.arg(s, 3) & MSG_PEEK) != 0) {
                    return Moved.NOTHING;
                }
            }
            case "recvmsg" -> {
                if ((Calls.arg(s, 2) & MSG_PEEK) != 0) {
                    return Moved.NOTHING;
                }
            }
            case "sendmmsg" -> {
                return messages(s, sink);
            }
            case "recvmmsg" -> {
                return (Calls.arg(s, 3) & MSG_PEEK) != 0 ? Moved.NOTHING : messages(s, sink);
            }
            case "sendfile" -> {
                sink.gap(s.getRet());
                return Moved.BYTES;
            }
            default -> {
            }
        }
        boolean msgCall = Calls.isMsgCall(name);
        int n = s.getBuffersCount();
        if (n == 1) {
            // one buffer, as nearly every read and write has: fed as the list of it would be, without the list
            RecordedBuffer b = s.getBuffers(0);
            long left = Calls.isPayload(msgCall, b) ? feed(b, s.getRet(), sink) : s.getRet();
            if (left > 0) {
                sink.gap(left);   // not captured at all
            }
            return Moved.BYTES;
        }
        segments.clear();
        for (int i = 0; i < n; i++) {
            RecordedBuffer b = s.getBuffers(i);
            if (Calls.isPayload(msgCall, b)) {
                segments.add(b);
            }
        }
        feed(s.getRet(), sink);
        return Moved.BYTES;
    }

    /** Each message's iovecs up to its msg_len, message after message; UNKNOWN for a trace that lacks the vector. */
    private Moved messages(RecordedSyscall s, Pieces sink) {
        long[] lengths = Mmsgs.lengths(s);
        if (lengths == null) {
            return Moved.UNKNOWN;
        }
        for (int k = 0; k < lengths.length; k++) {
            segments.clear();
            for (int i = 0, n = s.getBuffersCount(); i < n; i++) {
                RecordedBuffer b = s.getBuffers(i);
                if (b.getPart() == Buffer.Part.IOV && b.getArg() == 1 && b.getMessage() == k) {
                    segments.add(b);
                }
            }
            if (!feed(lengths[k], sink)) {
                break;
            }
        }
        return Moved.BYTES;
    }

    /**
     * The bytes of one segment, of the {@code left} the call still moves: its captured ones, and a gap for the rest of
     * its length; what is then left, or -1 when the sink ended the walk.
     */
    private static long feed(RecordedBuffer b, long left, Pieces sink) {
        long moved = Math.min(b.getLength(), left);
        int captured = (int) Math.min(b.getError() != 0 ? 0 : b.getData().size(), moved);
        if (captured > 0) {
            ByteString data = b.getData();
            for (int from = 0; from < captured; from += PIECE) {
                if (!sink.piece(data, from, Math.min(PIECE, captured - from))) {
                    return -1;
                }
            }
        }
        if (moved > captured) {
            sink.gap(moved - captured);
        }
        return left - moved;
    }

    /**
     * {@code total} bytes from the segments in order of their index, what was not captured as gaps; false when the
     * sink ended the walk.
     */
    private boolean feed(long total, Pieces sink) {
        if (segments.size() > 1) {
            segments.sort((a, b) -> Integer.compare(a.getIndex(), b.getIndex()));
        }
        long left = total;
        for (int k = 0, count = segments.size(); k < count && left > 0; k++) {
            left = feed(segments.get(k), left, sink);
        }
        if (left < 0) {
            return false;
        }
        if (left > 0) {
            sink.gap(left);   // not captured at all (e.g. recorded with a trace set that skips the buffer)
        }
        return true;
    }
}
