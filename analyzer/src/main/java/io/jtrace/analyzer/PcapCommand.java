package io.jtrace.analyzer;

import io.jtrace.analyzer.filter.FilterOptions;
import io.jtrace.analyzer.pcap.PcapView;
import io.jtrace.analyzer.trace.TraceStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pcap}: the connections' byte streams as synthetic TCP and UDP packets in a pcapng file, for Wireshark. */
@Command(name = "pcap", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write each TCP connection's byte streams as synthetic TCP segments (handshake, data with " +
            "consistent sequence and acknowledgement numbers, FINs at close) and each UDP send or " +
            "receive as a datagram, to a pcapng file of raw IP packets. Endpoints are the real ones " +
            "where the trace names them, else placeholders from the documentation ranges 192.0.2.0/24 " +
            "and 2001:db8::/32. Each packet's comment names the pid, thread, comm, fd and call it comes " +
            "from. Bytes the snap length cut are in the packets' lengths but not captured, as tcpdump " +
            "-s leaves them. Unix sockets are not exported (counted on stderr). The filters select the " +
            "syscalls the packets are made from.",
        footer = {"", "Examples:", "  jtrace-analyze pcap -r app.jtr -w app.pcapng     # open it in Wireshark",
            "  jtrace-analyze pcap -r app.jtr -w - --pid 3314 | tshark -r - -Y http.request",
            "  jtrace-analyze pcap -r app.jtr -w nio.pcapng --comm 'http-nio-*'"})
final class PcapCommand implements Callable<Integer> {
    @Mixin
    TraceInput.Required input;

    @Option(names = "-w", paramLabel = "OUT", required = true,
            description = "The pcapng file to write (mode 0600; - for stdout).")
    Path out;

    @Mixin
    FilterOptions filters;

    @Override
    public Integer call() throws Exception {
        input.refuseOverwrite("-w", out);
        try (TraceStream stream = input.open()) {
            PcapView.run(stream, TraceInput.filter(filters, stream), out, new AnalyzeCommand.Version().getVersion()[0],
                    System.out, System.err);
        }
        return 0;
    }
}
