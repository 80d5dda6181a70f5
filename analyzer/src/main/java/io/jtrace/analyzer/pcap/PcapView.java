package io.jtrace.analyzer.pcap;

import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.Pipeline;
import io.jtrace.analyzer.trace.TraceStream;
import io.jtrace.format.TraceWriter;
import io.jtrace.format.proto.Header;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Predicate;

/** The pcap view: the byte streams of the syscalls that pass the filters, as packets in a pcapng file. */
public final class PcapView {
    private PcapView() {
    }

    /**
     * Reads {@code stream} to its end and writes the pcapng file.
     *
     * @param out     the file (mode 0600), or {@code -} for stdout
     * @param version the application the file names as its writer
     */
    public static void run(TraceStream stream, Predicate<Event> filter, Path out, String version, PrintStream stdout,
                           PrintStream err) throws IOException {
        boolean toStdout = out.toString().equals("-");
        Header h = stream.header();
        OutputStream os = toStdout ? new BufferedOutputStream(stdout, 1 << 16) : TraceWriter.openOwnerOnly(out);
        try {
            PcapngWriter writer = new PcapngWriter(os, h.getArch(), "Linux " + h.getKernel(), version, "jtrace",
                    "synthesised from the syscalls of a jtrace recording on " + h.getHost());
            PcapExport export = new PcapExport(stream.state(), writer, h.getStartWallNs());
            Pipeline.run(stream, filter, export, err);
            if (export.notExported() > 0) {
                err.println("jtrace-analyze: " + export.notExported() + " unix or other non-IP socket"
                        + (export.notExported() == 1 ? "" : "s") + " carrying bytes not exported (pcapng here"
                        + " holds IP packets only)");
            }
        } finally {
            if (toStdout) {
                os.flush();   // stdout stays open
            } else {
                os.close();
            }
        }
    }
}
