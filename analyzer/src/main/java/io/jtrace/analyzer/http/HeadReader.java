package io.jtrace.analyzer.http;

import java.util.ArrayDeque;
import java.util.Arrays;

/** Gathers one message head line by line, checking each line as it completes, with the times its bytes came at. */
final class HeadReader {
    enum Result { MORE, COMPLETE, REJECTED }

    /** Largest head (start line and fields) accepted; beyond it the bytes are not HTTP. */
    static final int LIMIT = 64 * 1024;

    private final boolean request;
    private final ByteBuf head = new ByteBuf();
    private int[] markOff = new int[8];
    private long[] markTime = new long[8];
    private int marks;
    /**
     * Each field line checked so far, three ints per line: its start, the colon after its name (-1 for a folded line)
     * and its end before the line ending.
     */
    private int[] lines = new int[48];
    private int lineCount;
    private boolean firstLineDone;
    private int firstLineEnd;
    private int lineStart;
    private Result result = Result.MORE;
    private int resumeAt;
    /**
     * A head taken whole from the caller's bytes ({@link #readWhole}): read there by {@link #message}, which the
     * caller asks for before its bytes change, rather than copied into {@code head} first; null otherwise.
     */
    private byte[] whole;
    private int wholeFrom;
    private int wholeLen;

    HeadReader(boolean request) {
        this.request = request;
    }

    Result result() {
        return result;
    }

    int length() {
        return whole != null ? wholeLen : head.len;
    }

    /** Time of the head's first byte. */
    long startNs() {
        return markTime[0];
    }

    /** When rejected: head bytes before this index are no message; those from it must be scanned again. */
    int resumeAt() {
        return resumeAt;
    }

    /** Consumes what belongs to the head from s: up to the end of the current line at most. */
    void read(Slice s) {
        int end = s.off + s.len;
        if (!firstLineDone && head.len == 0) {
            // the common case: check the start line where it lies, copy only what passes
            int r = StartLine.check(s.b, s.off, end, request);
            if (r == StartLine.NO) {
                append(s, 1);
                reject(1);
            } else if (r != StartLine.MORE && readWhole(s, r)) {
                return;
            } else {
                append(s, r == StartLine.MORE ? s.len : r - s.off);
                if (r != StartLine.MORE) {
                    firstLine();
                }
            }
            return;
        }
        int lf = s.off;
        while (lf < end && s.b[lf] != '\n') {
            lf++;
        }
        int avail = (lf < end ? lf + 1 : end) - s.off;
        int room = (firstLineDone ? LIMIT : StartLine.MAX + 2) - head.len;
        if (avail > room) {
            append(s, room);
            reject(firstLineDone ? lineStart : 1);
            return;
        }
        append(s, avail);
        if (head.last() != '\n') {
            return;
        }
        if (!firstLineDone) {
            if (StartLine.check(head.b, 0, head.len, request) == StartLine.NO) {
                reject(1);
            } else {
                firstLine();
            }
            return;
        }
        int to = head.len - 1;
        if (to > lineStart && head.b[to - 1] == '\r') {
            to--;
        }
        if (to == lineStart) {
            result = Result.COMPLETE;
        } else if (HeadParser.validLine(head.b, lineStart, to, lineStart != firstLineEnd)) {
            byte c = head.b[lineStart];
            line(lineCount++, lineStart, c == ' ' || c == '\t' ? -1 : HeadParser.colon(head.b, lineStart), to);
            lineStart = head.len;
        } else {
            // a message starting before this line would contain it too: resume the search at this line
            reject(lineStart);
        }
    }

    /**
     * The common case: the whole head lies in the call's bytes and every field line passes. It is taken in one pass
     * from the end of the start line, leaving the reader as reading it line by line would; false (nothing taken)
     * leaves anything else to the line-by-line way.
     */
    private boolean readWhole(Slice s, int firstEnd) {
        byte[] b = s.b;
        int base = s.off;
        int end = base + Math.min(s.len, LIMIT);   // a longer head is rejected, line by line
        int count = 0;
        int at = firstEnd;
        while (!blankLine(b, at, end)) {
            int colon = HeadParser.nameEnd(b, at, end);
            int to = colon < 0 ? -1 : HeadParser.valueEnd(b, colon + 1, end);
            if (to < 0) {
                return false;
            }
            line(count++, at - base, colon - base, to - base);
            at = to + (b[to] == '\r' ? 2 : 1);
        }
        mark(s.t);
        whole = b;
        wholeFrom = base;
        wholeLen = at + (b[at] == '\n' ? 1 : 2) - base;
        s.skip(wholeLen);
        lineCount = count;
        firstLineDone = true;
        firstLineEnd = firstEnd - base;
        lineStart = at - base;
        result = Result.COMPLETE;
        return true;
    }

    /** Keeps field line k: its start, the colon after its name (-1: folded), its end before the line ending. */
    private void line(int k, int start, int colon, int end) {
        if (3 * k + 3 > lines.length) {
            lines = Arrays.copyOf(lines, lines.length * 2);
        }
        lines[3 * k] = start;
        lines[3 * k + 1] = colon;
        lines[3 * k + 2] = end;
    }

    /** Whether an empty line (LF or CRLF), the end of a head, starts at b[at] before end. */
    private static boolean blankLine(byte[] b, int at, int end) {
        return at < end && (b[at] == '\n' || b[at] == '\r' && at + 1 < end && b[at + 1] == '\n');
    }

    HttpMessage message(int bodyLimit) {
        byte[] b = whole != null ? whole : head.b;
        int from = whole != null ? wholeFrom : 0;
        int firstEnd = firstLineEnd - 1;   // before the LF, and a CR before it
        if (firstEnd > 0 && b[from + firstEnd - 1] == '\r') {
            firstEnd--;
        }
        return HeadParser.parse(b, from, length(), firstEnd, lines, lineCount, request, bodyLimit);
    }

    /** Puts head bytes [from, length) back in front of the queue, each with the time it came at. */
    void requeue(int from, ArrayDeque<Slice> queue) {
        for (int k = marks - 1; k >= 0; k--) {
            int a = Math.max(markOff[k], from);
            int b = k + 1 < marks ? markOff[k + 1] : head.len;
            if (a < b) {
                queue.addFirst(new Slice(Arrays.copyOfRange(head.b, a, b), 0, b - a, markTime[k]));
            }
        }
    }

    void clear() {
        whole = null;
        head.reset();
        marks = 0;
        lineCount = 0;
        firstLineDone = false;
        result = Result.MORE;
    }

    private void firstLine() {
        firstLineDone = true;
        firstLineEnd = head.len;
        lineStart = head.len;
    }

    private void reject(int at) {
        result = Result.REJECTED;
        resumeAt = at;
    }

    private void append(Slice s, int n) {
        mark(s.t);
        head.append(s.b, s.off, n);
        s.skip(n);
    }

    /** The bytes from here on came at time t. */
    private void mark(long t) {
        if (marks == 0 || markTime[marks - 1] != t) {
            if (marks == markOff.length) {
                markOff = Arrays.copyOf(markOff, marks * 2);
                markTime = Arrays.copyOf(markTime, marks * 2);
            }
            markOff[marks] = head.len;
            markTime[marks++] = t;
        }
    }
}
