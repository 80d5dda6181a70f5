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
 * Usage: java -cp ... TraceFloor FILE start|none|walk|proto
 */
public class TraceFloor {
    static final byte[] WORD = "POST".getBytes();
    static long records, hits;

    public static void main(String[] a) throws Exception {
        if (a[1].equals("start")) {
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
}
