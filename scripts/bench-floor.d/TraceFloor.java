import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.jtrace.format.internal.FrameReader;
import io.jtrace.format.proto.Record;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What reading a trace costs at least, whatever the analyzer then does with the records (scripts/bench-floor).
 * Single-threaded, through the format module's frame reader:
 *   start  nothing: the JVM starts and stops
 *   none   decompress every frame, look at no record
 *   walk   also walk every record's fields with CodedInputStream, building nothing, and search the buffers'
 *          bytes for the word as --grep does
 *   proto  also parse every record with protobuf's generated parser (what the analyzer does today)
 *   lines  the least a --grep could do on two cores: one thread decompresses, the other walks each record
 *          without building objects and, for those whose buffers hold the word, writes a strace-like line
 *          (pid, name, fd, the first 32 bytes of the buffer quoted, length, result) to stdout
 *   split  as lines, with the records of alternate frames walked and written by two threads (their lines
 *          put back in order), and fields read by hand rather than with CodedInputStream: work spread over
 *          both cores, the best a JVM could do with no state between frames
 *   every  as lines, with a line for every syscall (its first buffer quoted): the least the default view does
 *   http   as lines, the walking thread following each fd's two byte streams as the http view does, in the
 *          simplest case: a head arrives whole in one buffer, Content-Length frames the body; a line per
 *          exchange (time, pid, tid, fd, method, target, Host, status, reason, sizes, duration) once the
 *          response ends: the least the http view does
 *   httpproto, everyproto  as http and every, with the records parsed by protobuf's generated parser on the
 *          decompressing thread and handed over as objects in batches of 256, as the analyzer reads them: what the
 *          objects cost those views
 *   httprec, everyrec  as http and every, over the analyzer's own reader (io.jtrace.format.TraceReader): its
 *          decoding thread makes the syscall records without protobuf's objects and hands them over in batches,
 *          as every view of the analyzer reads them: the least those views do over the records they get
 *   httpstream, everystream  as httprec and everyrec, over the analyzer's stream of events
 *          (io.jtrace.analyzer.trace.TraceStream: the reader, and the fd model and loss count every view reads
 *          through): the least those views do over what every view of the analyzer gets
 * Usage: java -cp ... TraceFloor FILE start|none|walk|proto|lines|split|every|http|httpproto|everyproto|httprec|everyrec
 *        |httpstream|everystream
 */
public class TraceFloor {
    static final byte[] WORD = "POST".getBytes();
    static long records, hits;
    static boolean every;

    public static void main(String[] a) throws Exception {
        if (a[1].equals("start")) {
            return;
        }
        if (a[1].equals("split")) {
            split(Path.of(a[0]));
            return;
        }
        if (a[1].equals("httprec") || a[1].equals("everyrec")) {
            overRecords(Path.of(a[0]), a[1].equals("httprec"));
            return;
        }
        if (a[1].equals("httpstream") || a[1].equals("everystream")) {
            overStream(Path.of(a[0]), a[1].equals("httpstream"));
            return;
        }
        if (a[1].equals("httpproto") || a[1].equals("everyproto")) {
            overObjects(Path.of(a[0]), a[1].equals("httpproto"));
            return;
        }
        if (a[1].equals("lines") || a[1].equals("every") || a[1].equals("http")) {
            every = a[1].equals("every");
            lines(Path.of(a[0]), a[1].equals("http") ? new Http() : null);
            return;
        }
        boolean proto = a[1].equals("proto");
        boolean none = a[1].equals("none");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(a[0])), 1 << 16);
             FrameReader frames = FrameReader.open(in)) {
            for (int n; (n = frames.next()) >= 0; ) {
                byte[] raw = frames.raw();
                int pos = 0;
                while (pos < n) {
                    int len = 0, shift = 0, b;
                    do { b = raw[pos++] & 0xff; len |= (b & 0x7f) << shift; shift += 7; } while (b >= 0x80);
                    if (none) {
                        pos += len;
                        continue;
                    }
                    if (proto) {
                        Record r = Record.parser().parseFrom(CodedInputStream.newInstance(raw, pos, len));
                        if (r.hasSyscall()) {
                            for (var buf : r.getSyscall().getBuffersList()) {
                                if (find(buf.getData().toByteArray(), 0, buf.getData().size())) { hits++; break; }
                            }
                        }
                    } else {
                        walk(raw, pos, len, 0);
                    }
                    records++;
                    pos += len;
                }
            }
        }
        System.out.println(records + " records, " + hits + " with the word");
    }

    /** What the reading thread does with each decompressed frame (its first n bytes), then at the end. */
    interface FrameSink {
        void frame(byte[] raw, int n) throws Exception;

        void end() throws Exception;
    }

    /** Starts a daemon thread that decompresses every frame of the file and hands it to {@code sink}. */
    static void readFrames(Path file, FrameSink sink) {
        Thread reader = new Thread(() -> {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                 FrameReader frames = FrameReader.open(in)) {
                for (int n; (n = frames.next()) >= 0; ) {
                    sink.frame(frames.raw(), n);
                }
                sink.end();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Frames decompressed on a second thread, handed over as copies; null ends. */
    static void lines(Path file, Http http) throws Exception {
        var queue = new java.util.concurrent.ArrayBlockingQueue<byte[]>(4);
        readFrames(file, new FrameSink() {
            public void frame(byte[] raw, int n) throws Exception {
                queue.put(java.util.Arrays.copyOf(raw, n));
            }

            public void end() throws Exception {
                queue.put(new byte[0]);
            }
        });
        java.io.OutputStream out = new java.io.BufferedOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16);
        byte[] line = new byte[512];
        long lines = 0;
        for (byte[] raw; (raw = queue.take()).length > 0; ) {
            int pos = 0;
            long time = 0;
            while (pos < raw.length) {
                int len = 0, shift = 0, b;
                do { b = raw[pos++] & 0xff; len |= (b & 0x7f) << shift; shift += 7; } while (b >= 0x80);
                if (http != null) {
                    time = http.record(raw, pos, pos + len, time, out);
                    records++;
                    pos += len;
                    continue;
                }
                int n = line(raw, pos, len, line);
                if (n > 0) {
                    out.write(line, 0, n);
                    lines++;
                }
                records++;
                pos += len;
            }
        }
        out.flush();
        System.err.println(records + " records, " + (http != null ? http.exchanges + " exchanges" : lines + " lines"));
    }

    /** The http or every floor over protobuf's objects: frames parsed on a second thread, batches handed over. */
    static void overObjects(Path file, boolean httpView) throws Exception {
        // batches of 256 records, four waiting at most, as the analyzer's reader hands them over; the first of
        // a frame says so (record times count from the frame's start)
        var queue = new java.util.concurrent.ArrayBlockingQueue<java.util.List<Record>>(4);
        readFrames(file, new FrameSink() {
            public void frame(byte[] raw, int n) throws Exception {
                var batch = new java.util.ArrayList<Record>(257);
                batch.add(null);   // a frame starts
                for (int pos = 0; pos < n; ) {
                    int len = 0, shift = 0, b;
                    do { b = raw[pos++] & 0xff; len |= (b & 0x7f) << shift; shift += 7; } while (b >= 0x80);
                    batch.add(Record.parser().parseFrom(CodedInputStream.newInstance(raw, pos, len)));
                    pos += len;
                    if (batch.size() >= 256) {
                        queue.put(batch);
                        batch = new java.util.ArrayList<>(256);
                    }
                }
                if (!batch.isEmpty()) {
                    queue.put(batch);
                }
            }

            public void end() throws Exception {
                queue.put(java.util.List.of());   // the end
            }
        });
        Floor floor = new Floor(httpView);
        long time = 0;
        for (java.util.List<Record> batch; !(batch = queue.take()).isEmpty(); ) {
            for (Record r : batch) {
                if (r == null) {
                    time = 0;
                    continue;
                }
                time += r.getTimeDelta();
                records++;
                if (r.hasSyscall()) {
                    var s = r.getSyscall();
                    floor.syscall(s.getBuffersCount() > 0 ? s.getBuffers(0).getData() : null, s.getTid(), s.getPid(),
                            s.getNr(), s.getArgsCount() > 0 ? s.getArgs(0) : -1, s.getArgsCount() > 2 ? s.getArgs(2) : 0,
                            s.getRet(), time);
                }
            }
        }
        floor.end();
    }

    /** The http or every floor over the analyzer's reader: records decoded on its thread, handed over in batches. */
    static void overRecords(Path file, boolean httpView) throws Exception {
        Floor floor = new Floor(httpView);
        try (io.jtrace.format.TraceReader r = io.jtrace.format.TraceReader.open(file)) {
            while (r.hasNext()) {
                io.jtrace.format.TraceEvent e = r.next();
                records++;
                if (e.syscall() != null) {
                    floor.syscall(e.syscall(), e.timeNs());
                }
            }
        }
        floor.end();
    }

    /** The http or every floor over the analyzer's stream of events: its reader, fd model and loss count. */
    static void overStream(Path file, boolean httpView) throws Exception {
        Floor floor = new Floor(httpView);
        try (io.jtrace.analyzer.trace.TraceStream stream = io.jtrace.analyzer.trace.TraceStream.open(file)) {
            for (io.jtrace.analyzer.trace.Event e; (e = stream.next()) != null; ) {
                records++;
                if (e.isSyscall()) {
                    floor.syscall(e.syscall(), e.timeNs());
                }
            }
        }
        floor.end();
    }

    /** What the every and http floors over objects (proto, rec, stream) do with each syscall record. */
    static final class Floor {
        final java.io.OutputStream out = new java.io.BufferedOutputStream(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16);
        final boolean httpView;
        final Http http = new Http();
        byte[] scratch = new byte[1 << 16];
        final byte[] line = new byte[512];
        long lines;

        Floor(boolean httpView) {
            this.httpView = httpView;
        }

        void syscall(io.jtrace.format.RecordedSyscall s, long timeNs) throws IOException {
            syscall(s.getBuffersCount() > 0 ? s.getBuffers(0).getData() : null, s.getTid(), s.getPid(), s.getNr(),
                    s.getArgsCount() > 0 ? s.getArgs(0) : -1, s.getArgsCount() > 2 ? s.getArgs(2) : 0, s.getRet(), timeNs);
        }

        /** A syscall: its first buffer's bytes (null: none), the fields the floors read, its first two arguments. */
        void syscall(com.google.protobuf.ByteString d, long tid, long pid, long nr, long fd, long count, long ret,
                long timeNs) throws IOException {
            int dataLen = 0;
            int data = -1;
            if (d != null) {
                dataLen = d.size();
                if (scratch.length < dataLen) {
                    scratch = new byte[dataLen];
                }
                d.copyTo(scratch, 0);
                data = 0;
            }
            if (httpView) {
                http.data(scratch, data, dataLen, tid, pid, nr, fd, ret, timeNs, out);
            } else {
                out.write(line, 0, render(line, scratch, pid, nr, fd, 0, dataLen, count, ret));
                lines++;
            }
        }

        void end() throws IOException {
            out.flush();
            System.err.println(records + " records, " + (httpView ? http.exchanges + " exchanges" : lines + " lines"));
        }
    }

    /** Frames decompressed on one thread, walked and written by two more, written out in order. */
    static void split(Path file) throws Exception {
        var frames = new java.util.concurrent.ArrayBlockingQueue<byte[]>(4);
        var done = new java.util.concurrent.ConcurrentHashMap<Long, byte[]>();
        readFrames(file, new FrameSink() {
            public void frame(byte[] raw, int n) throws Exception {
                frames.put(java.util.Arrays.copyOf(raw, n));
            }

            public void end() throws Exception {
                frames.put(new byte[0]);   // one end for each worker
                frames.put(new byte[0]);
            }
        });
        var next = new java.util.concurrent.atomic.AtomicLong();
        var written = new java.util.concurrent.atomic.AtomicLong();
        Object order = new Object();
        Runnable worker = () -> {
            byte[] line = new byte[512];
            var out = new java.io.ByteArrayOutputStream(1 << 20);
            try {
                while (true) {
                    long index;
                    byte[] raw;
                    synchronized (order) {   // frames taken in order, so an index names a frame
                        raw = frames.take();
                        index = raw.length == 0 ? -1 : next.getAndIncrement();
                    }
                    if (index < 0) {
                        return;
                    }
                    out.reset();
                    int pos = 0;
                    while (pos < raw.length) {
                        int len = 0, shift = 0, b;
                        do { b = raw[pos++] & 0xff; len |= (b & 0x7f) << shift; shift += 7; } while (b >= 0x80);
                        int n = fastLine(raw, pos, pos + len, line);
                        if (n > 0) {
                            out.write(line, 0, n);
                        }
                        pos += len;
                    }
                    while (index - written.get() > 4) {   // at most a few frames' lines wait to be written
                        Thread.onSpinWait();
                    }
                    done.put(index, out.toByteArray());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread w1 = new Thread(worker), w2 = new Thread(worker);
        w1.setDaemon(true);
        w2.setDaemon(true);
        w1.start();
        w2.start();
        java.io.OutputStream out = new java.io.FileOutputStream(java.io.FileDescriptor.out);
        long lines = 0;
        for (long i = 0; ; i++) {
            byte[] chunk;
            while ((chunk = done.remove(i)) == null) {
                if (!w1.isAlive() && !w2.isAlive() && (chunk = done.remove(i)) == null) {
                    System.err.println(i + " frames");
                    return;
                }
                if (chunk != null) {
                    break;
                }
                Thread.sleep(0, 200_000);
            }
            out.write(chunk);
            written.set(i + 1);
        }
    }

    static int pos;

    static long varint(byte[] b) {
        long v = 0;
        int shift = 0;
        while (true) {
            int x = b[pos++];
            v |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                return v;
            }
            shift += 7;
        }
    }

    /** As line(), with fields read by hand; p is a local cursor per call. */
    static int fastLine(byte[] raw, int from, int end, byte[] line) {
        int[] c = {from};
        int sys = -1, sysEnd = 0;
        while (c[0] < end) {
            long tag = vi(raw, c);
            int type = (int) tag & 7;
            if (tag >>> 3 == 2 && type == 2) {
                int l = (int) vi(raw, c);
                sys = c[0];
                sysEnd = sys + l;
                break;
            }
            skip(raw, c, type);
        }
        if (sys < 0) {
            return 0;
        }
        c[0] = sys;
        long pid = 0, nr = 0, ret = 0, fd = 0, count = 0;
        int nargs = 0, data = -1, dataLen = 0;
        while (c[0] < sysEnd) {
            long tag = vi(raw, c);
            int type = (int) tag & 7;
            switch ((int) (tag >>> 3)) {
                case 2 -> pid = vi(raw, c);
                case 3 -> nr = vi(raw, c);
                case 4 -> {
                    if (type == 2) {
                        int l = (int) vi(raw, c), e = c[0] + l;
                        while (c[0] < e) { long v = vi(raw, c); if (nargs == 0) fd = v; else if (nargs == 2) count = v; nargs++; }
                    } else { long v = vi(raw, c); if (nargs == 0) fd = v; else if (nargs == 2) count = v; nargs++; }
                }
                case 5 -> { long z = vi(raw, c); ret = (z >>> 1) ^ -(z & 1); }
                case 7 -> {
                    int l = (int) vi(raw, c), at = c[0], e = at + l;
                    while (c[0] < e) {
                        long t = vi(raw, c);
                        if (t >>> 3 == 7) {
                            int dl = (int) vi(raw, c), d = c[0];
                            if (data < 0 && find(raw, d, dl)) { data = d; dataLen = dl; }
                            c[0] += dl;
                        } else {
                            skip(raw, c, (int) t & 7);
                        }
                    }
                }
                default -> skip(raw, c, type);
            }
        }
        if (data < 0) {
            return 0;
        }
        return render(line, raw, pid, nr, fd, data, dataLen, count, ret);
    }

    static long vi(byte[] b, int[] c) {
        long v = 0;
        int shift = 0, p = c[0];
        while (true) {
            int x = b[p++];
            v |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                c[0] = p;
                return v;
            }
            shift += 7;
        }
    }

    static void skip(byte[] b, int[] c, int type) {
        switch (type) {
            case 0 -> vi(b, c);
            case 1 -> c[0] += 8;
            case 2 -> { int l = (int) vi(b, c); c[0] += l; }
            case 5 -> c[0] += 4;
            default -> throw new IllegalStateException("wire type " + type);
        }
    }

    /** The record's line into {@code line} when a buffer holds the word; its length, or 0. */
    static int line(byte[] raw, int off, int len, byte[] line) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(raw, off, len);
        int sys = -1, sysLen = 0;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (WireFormat.getTagFieldNumber(tag) == 2 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                sysLen = in.readRawVarint32();
                sys = off + in.getTotalBytesRead();
                break;
            }
            in.skipField(tag);
        }
        if (sys < 0) {
            return 0;
        }
        in = CodedInputStream.newInstance(raw, sys, sysLen);
        long pid = 0, nr = 0, ret = 0, fd = 0, count = 0;
        int nargs = 0, data = -1, dataLen = 0;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 2 -> pid = in.readUInt32();
                case 3 -> nr = in.readUInt32();
                case 4 -> {
                    if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int l = in.readRawVarint32(), limit = in.pushLimit(l);
                        while (!in.isAtEnd()) { long v = in.readUInt64(); if (nargs == 0) fd = v; else if (nargs == 2) count = v; nargs++; }
                        in.popLimit(limit);
                    } else { long v = in.readUInt64(); if (nargs == 0) fd = v; else if (nargs == 2) count = v; nargs++; }
                }
                case 5 -> ret = in.readSInt64();
                case 7 -> {
                    int l = in.readRawVarint32();
                    int at = sys + in.getTotalBytesRead();
                    CodedInputStream bin = CodedInputStream.newInstance(raw, at, l);
                    while (!bin.isAtEnd()) {
                        int t = bin.readTag();
                        if (WireFormat.getTagFieldNumber(t) == 7) {
                            int dl = bin.readRawVarint32();
                            int d = at + bin.getTotalBytesRead();
                            if (data < 0 && (every || find(raw, d, dl))) { data = d; dataLen = dl; }
                            bin.skipRawBytes(dl);
                        } else {
                            bin.skipField(t);
                        }
                    }
                    in.skipRawBytes(l);
                }
                default -> in.skipField(tag);
            }
        }
        if (data < 0 && !every) {
            return 0;
        }
        return render(line, raw, pid, nr, fd, Math.max(data, 0), dataLen, count, ret);
    }

    static int render(byte[] line, byte[] raw, long pid, long nr, long fd, int data, int dataLen, long count, long ret) {
        int p = 0;
        p = put(line, p, "[pid ");
        p = num(line, p, pid);
        p = put(line, p, "] ");
        p = put(line, p, nr == 0 ? "read(" : nr == 1 ? "write(" : "syscall(");
        p = num(line, p, fd);
        p = put(line, p, ", \"");
        for (int i = data, end = data + Math.min(32, dataLen); i < end; i++) {
            int c = raw[i] & 0xff;
            if (c == '\r') { line[p++] = '\\'; line[p++] = 'r'; }
            else if (c == '\n') { line[p++] = '\\'; line[p++] = 'n'; }
            else if (c == '"' || c == '\\') { line[p++] = '\\'; line[p++] = (byte) c; }
            else if (c >= 0x20 && c < 0x7f) { line[p++] = (byte) c; }
            else { line[p++] = '\\'; line[p++] = 'x'; line[p++] = (byte) "0123456789abcdef".charAt(c >> 4); line[p++] = (byte) "0123456789abcdef".charAt(c & 15); }
        }
        p = put(line, p, dataLen > 32 ? "\"..., " : "\", ");
        p = num(line, p, count);
        p = put(line, p, ") = ");
        p = num(line, p, ret);
        line[p++] = '\n';
        return p;
    }

    static int put(byte[] b, int p, String s) {
        for (int i = 0; i < s.length(); i++) b[p++] = (byte) s.charAt(i);
        return p;
    }

    static int num(byte[] b, int p, long v) {
        if (v < 0) { b[p++] = '-'; v = -v; }
        int start = p;
        do { b[p++] = (byte) ('0' + v % 10); v /= 10; } while (v > 0);
        for (int i = start, j = p - 1; i < j; i++, j--) { byte t = b[i]; b[i] = b[j]; b[j] = t; }
        return p;
    }

    /** Walks a message's fields; depth 0 Record, 1 Syscall, 2 Buffer. */
    static boolean walk(byte[] raw, int off, int len, int depth) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(raw, off, len);
        boolean hit = false;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int l = in.readRawVarint32();
                int at = off + in.getTotalBytesRead();
                if (depth == 0 && field == 2) {
                    if (walk(raw, at, l, 1)) hits++;
                } else if (depth == 1 && field == 7) {
                    hit |= walk(raw, at, l, 2);
                } else if (depth == 2 && field == 7) {
                    hit |= find(raw, at, l);
                }
                in.skipRawBytes(l);
            } else {
                in.skipField(tag);
            }
        }
        return hit;
    }

    static boolean find(byte[] b, int off, int len) {
        outer:
        for (int i = off, end = off + len - WORD.length; i <= end; i++) {
            for (int j = 0; j < WORD.length; j++) if (b[i + j] != WORD[j]) continue outer;
            return true;
        }
        return false;
    }

    /**
     * The http floor's state: per pid and fd, the two byte streams (written, read), each either at a message's
     * start or inside a body of known length; a request waits on its stream until the response that answers it
     * ends. Fields are read by hand, as in split.
     */
    static final class Http {
        static final class Dir {
            long remaining;        // body bytes still to come; 0: the next byte starts a message
            boolean response;      // the message in progress is a response
            long size;             // its bytes so far
            byte[] partial;        // the start of a head that did not arrive whole, or null
        }

        static final class Conn {
            final Dir out = new Dir(), in = new Dir();
            byte[] method, target, host;
            long reqStart, reqSize;
            int status;
            byte[] reason;
        }

        final java.util.HashMap<Long, Conn> conns = new java.util.HashMap<>();
        final byte[] line = new byte[1024];
        long exchanges;

        /** Reads one record at [from, end); returns the frame's clock after it. */
        long record(byte[] raw, int from, int end, long time, java.io.OutputStream out) throws IOException {
            int[] c = {from};
            int sys = -1, sysEnd = 0;
            while (c[0] < end) {
                long tag = vi(raw, c);
                int type = (int) tag & 7;
                if (tag >>> 3 == 1 && type == 0) {
                    long z = vi(raw, c);
                    time += (z >>> 1) ^ -(z & 1);
                } else if (tag >>> 3 == 2 && type == 2) {
                    int l = (int) vi(raw, c);
                    sys = c[0];
                    sysEnd = sys + l;
                    c[0] = sysEnd;
                } else {
                    skip(raw, c, type);
                }
            }
            if (sys < 0) {
                return time;
            }
            c[0] = sys;
            long tid = 0, pid = 0, nr = 0, ret = 0, fd = -1;
            int nargs = 0, data = -1, dataLen = 0;
            while (c[0] < sysEnd) {
                long tag = vi(raw, c);
                int type = (int) tag & 7;
                switch ((int) (tag >>> 3)) {
                    case 1 -> tid = vi(raw, c);
                    case 2 -> pid = vi(raw, c);
                    case 3 -> nr = vi(raw, c);
                    case 4 -> {
                        if (type == 2) {
                            int l = (int) vi(raw, c), e = c[0] + l;
                            while (c[0] < e) { long v = vi(raw, c); if (nargs++ == 0) fd = v; }
                        } else { long v = vi(raw, c); if (nargs++ == 0) fd = v; }
                    }
                    case 5 -> { long z = vi(raw, c); ret = (z >>> 1) ^ -(z & 1); }
                    case 7 -> {
                        int l = (int) vi(raw, c), e = c[0] + l;
                        while (c[0] < e) {
                            long t = vi(raw, c);
                            if (t >>> 3 == 7) {
                                int dl = (int) vi(raw, c);
                                if (data < 0) { data = c[0]; dataLen = dl; }
                                c[0] += dl;
                            } else {
                                skip(raw, c, (int) t & 7);
                            }
                        }
                    }
                    default -> skip(raw, c, type);
                }
            }
            data(raw, data, dataLen, tid, pid, nr, fd, ret, time, out);
            return time;
        }

        /** Applies one syscall: a close ends its fd's streams, a read or write moves bytes along them. */
        void data(byte[] raw, int data, int dataLen, long tid, long pid, long nr, long fd, long ret, long time,
                java.io.OutputStream out) throws IOException {
            long key = pid << 32 | (fd & 0xffffffffL);
            if (nr == 3) {   // close
                conns.remove(key);
                return;
            }
            boolean write = nr == 1 || nr == 44;
            if (!(write || nr == 0 || nr == 45) || ret <= 0 || data < 0) {
                return;
            }
            Conn conn = conns.get(key);
            if (conn == null) {
                conn = new Conn();
                conns.put(key, conn);
            }
            Dir d = write ? conn.out : conn.in;
            int p = data, stop = data + (int) Math.min(dataLen, ret);
            while (p < stop) {
                if (d.remaining > 0) {
                    int n = (int) Math.min(d.remaining, stop - p);
                    d.remaining -= n;
                    d.size += n;
                    p += n;
                } else if (d.partial != null) {
                    // a head in pieces: joined, then read from the copy
                    byte[] joined = java.util.Arrays.copyOf(d.partial, d.partial.length + stop - p);
                    System.arraycopy(raw, p, joined, d.partial.length, stop - p);
                    int head = headEnd(joined, 0, joined.length);
                    if (head < 0) {
                        d.partial = joined;
                        return;
                    }
                    d.partial = null;
                    p += head(joined, 0, head, conn, d, time) - (joined.length - (stop - p));
                } else {
                    int head = headEnd(raw, p, stop);
                    if (head < 0) {
                        d.partial = java.util.Arrays.copyOfRange(raw, p, stop);
                        return;
                    }
                    p = head(raw, p, head, conn, d, time);
                }
                if (d.remaining == 0 && d.response && conn.method != null) {
                    print(conn, pid, tid, fd, time, d.size, out);
                    d.response = false;
                }
            }
        }

        /** The end of the head starting at p (after its blank line), or -1. */
        static int headEnd(byte[] b, int p, int stop) {
            for (int i = p + 3; i < stop; i++) {
                if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                    return i + 1;
                }
            }
            return -1;
        }

        /** Reads the head at [p, end) into the connection; returns end. */
        int head(byte[] b, int p, int end, Conn conn, Dir d, long time) {
            int eol = p;
            while (b[eol] != '\r') eol++;
            d.response = eol - p > 5 && b[p] == 'H' && b[p + 1] == 'T' && b[p + 2] == 'T' && b[p + 3] == 'P' && b[p + 4] == '/';
            int sp1 = p;
            while (sp1 < eol && b[sp1] != ' ') sp1++;
            int sp2 = sp1 + 1;
            while (sp2 < eol && b[sp2] != ' ') sp2++;
            if (d.response) {
                int status = 0;
                for (int i = sp1 + 1; i < sp2; i++) status = status * 10 + b[i] - '0';
                conn.status = status;
                conn.reason = java.util.Arrays.copyOfRange(b, Math.min(sp2 + 1, eol), eol);
            } else {
                conn.method = java.util.Arrays.copyOfRange(b, p, sp1);
                conn.target = java.util.Arrays.copyOfRange(b, sp1 + 1, sp2);
                conn.reqStart = time;
                conn.host = null;
            }
            long length = 0;
            for (int q = eol + 2; q < end - 2; ) {
                int e = q;
                while (b[e] != '\r') e++;
                int colon = q;
                while (colon < e && b[colon] != ':') colon++;
                int v = colon + 1;
                while (v < e && b[v] == ' ') v++;
                if (colon - q == 14 && lower(b, q, "content-length")) {
                    for (int i = v; i < e; i++) length = length * 10 + b[i] - '0';
                } else if (!d.response && colon - q == 4 && lower(b, q, "host")) {
                    conn.host = java.util.Arrays.copyOfRange(b, v, e);
                }
                q = e + 2;
            }
            d.remaining = length;
            d.size = end - p + length;   // counted whole: what the line shows as the message's size
            if (!d.response) {
                conn.reqSize = d.size;
            }
            d.size -= length;
            return end;
        }

        static boolean lower(byte[] b, int p, String name) {
            for (int i = 0; i < name.length(); i++) if ((b[p + i] | 0x20) != name.charAt(i)) return false;
            return true;
        }

        void print(Conn conn, long pid, long tid, long fd, long time, long respSize, java.io.OutputStream out)
                throws IOException {
            int p = num(line, 0, conn.reqStart / 1000);
            p = put(line, p, " [pid ");
            p = num(line, p, pid);
            p = put(line, p, " tid ");
            p = num(line, p, tid);
            p = put(line, p, "] fd ");
            p = num(line, p, fd);
            line[p++] = ' ';
            p = copy(line, p, conn.method);
            line[p++] = ' ';
            p = copy(line, p, Math.min(conn.target.length, 200), conn.target);
            p = put(line, p, "  host ");
            p = conn.host == null ? put(line, p, "-") : copy(line, p, Math.min(conn.host.length, 200), conn.host);
            line[p++] = ' ';
            line[p++] = ' ';
            p = num(line, p, conn.status);
            line[p++] = ' ';
            p = copy(line, p, Math.min(conn.reason.length, 200), conn.reason);
            p = put(line, p, "  req ");
            p = num(line, p, conn.reqSize);
            p = put(line, p, " B  resp ");
            p = num(line, p, respSize);
            p = put(line, p, " B  ");
            p = num(line, p, (time - conn.reqStart) / 1000);
            p = put(line, p, " us\n");
            out.write(line, 0, p);
            conn.method = null;
            exchanges++;
        }

        static int copy(byte[] to, int p, byte[] from) {
            return copy(to, p, Math.min(from.length, 32), from);
        }

        static int copy(byte[] to, int p, int n, byte[] from) {
            System.arraycopy(from, 0, to, p, n);
            return p + n;
        }
    }
}
