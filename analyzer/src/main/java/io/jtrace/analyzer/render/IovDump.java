package io.jtrace.analyzer.render;

import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.proto.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.List;

/**
 * strace's dumpiov_upto, the -e read=/write= dump of an iovec array: each element up to what is
 * left of the bytes the call moved, {@code * 3 bytes in buffer 0} then its bytes, stopping at the
 * first element left empty; an element whose memory ended is dumped as dumpstr reads it.
 */
final class IovDump {
    private IovDump() {
    }

    /**
     * Dumps the IOV buffers of argument 1; {@code total} is what a read returned, or -1 (all of each
     * element: what a write was handed); {@code snaplen} the recording's (0 unlimited), which cut the
     * call's data as a whole.
     */
    static void write(RecordedSyscall s, long total, long snaplen, io.jtrace.analyzer.output.LineBuffer out, OutputStream to)
            throws IOException {
        List<RecordedBuffer> iov = s.getBuffersList().stream()
                .filter(b -> b.getPart() == Buffer.Part.IOV && b.getArg() == 1)
                .sorted(Comparator.comparingInt(RecordedBuffer::getIndex)).toList();
        long left = total;
        long snap = snaplen > 0 ? snaplen : Long.MAX_VALUE;
        for (RecordedBuffer b : iov) {
            long n = Long.compareUnsigned(b.getLength(), left) < 0 ? b.getLength() : left;
            if (n == 0) {
                break;
            }
            left -= n;
            out.clear().append(" * ").appendUnsigned(n).append(" bytes in buffer ").append(b.getIndex()).append('\n')
                    .writeTo(to);
            int have = b.getError() != 0 ? 0 : b.getData().size();
            // what the recorder kept of a readable element: n bytes, as far as the snap length went
            long kept = Long.compareUnsigned(n, snap) < 0 ? n : snap;
            snap -= kept;
            if (Long.compareUnsigned(have, kept) >= 0) {
                HexDump.write(out, b.getData().substring(0, (int) Math.min(have, kept)), to);
            } else {
                HexDump.writeReadable(out, b.getData().substring(0, have), n, b.getAddress(), s.getTid(), to);
            }
        }
    }
}
