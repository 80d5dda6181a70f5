package io.jtrace.analyzer;

import static io.jtrace.analyzer.AnalyzeCommandTest.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.jtrace.analyzer.pcap.PcapngWriter;
import io.jtrace.analyzer.pcap.PcapngWriterTest;
import io.jtrace.analyzer.trace.Calls;
import io.jtrace.format.Codec;
import io.jtrace.format.TraceEvent;
import io.jtrace.format.TraceWriter;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Fd;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Loss;
import io.jtrace.format.proto.ProcessInfo;
import io.jtrace.format.proto.Socket;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.ThreadInfo;
import io.jtrace.format.proto.Trailer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pcap on the checked-in recording of HttpWorkload (client and server threads in one process), read back with
 * tshark: the HTTP requests and responses the http view reports, no checksum or TCP analysis complaint, a stream's
 * bytes exactly as the calls moved them, comments naming pid, comm and fd. Then a hand-made trace for what that
 * recording lacks: a connection older than the recording, a read cut by the snap length, lost records, UDP, a unix
 * socket. Without tshark the tshark tests fail when CI=true and are skipped otherwise.
 */
class PcapCommandTest {
    static final Path TRACE = Run.trace("http-all.jtr");

    @TempDir
    Path dir;

    static boolean hasTshark() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "tshark"))) {
                return true;
            }
        }
        return false;
    }

    /** tshark's standard output; its stderr ("Running as user root...") is dropped. */
    static String tshark(Path file, String... args) throws Exception {
        LiveRecording.require(hasTshark(), "tshark not installed (apt-get install tshark)");
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(),
                "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE"));
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark timed out");
        assertEquals(0, p.exitValue(), "tshark " + command);
        return new String(out, StandardCharsets.UTF_8);
    }

    Path export(Path trace, String... more) {
        Path out = dir.resolve("out.pcapng");
        List<String> args = new ArrayList<>(List.of("pcap", "-r", trace.toString(), "-w", out.toString()));
        args.addAll(Arrays.asList(more));
        Run run = Run.of(args.toArray(String[]::new));
        assertEquals(0, run.status(), run.show());
        assertEquals("", run.out());
        return out;
    }

    static List<String> sorted(List<String> l) {
        return l.stream().sorted().toList();
    }

    @Test
    void requestsAndResponsesAreThoseOfTheHttpView() throws Exception {
        Path pcap = export(TRACE);
        // both ends of each connection are in the trace: the http view reports each exchange on both sides,
        // a capture shows each connection once
        List<Map<String, Object>> http = ok("http", "-r", TRACE.toString(), "--json").lines().stream()
                .map(Json::object).filter(x -> x.get("side").equals("client")).toList();
        assertEquals(10, http.size());
        List<String> requests = tshark(pcap, "-Y", "http.request", "-T", "fields", "-e", "http.request.method",
                "-e", "http.request.uri").lines().toList();
        assertEquals(sorted(http.stream().map(x -> x.get("method") + "\t" + x.get("url")).toList()), sorted(requests));
        List<String> responses = tshark(pcap, "-Y", "http.response", "-T", "fields", "-e", "http.response_for.uri",
                "-e", "http.response.code").lines().map(l -> l.replaceFirst("^http://[^/]+", "")).toList();
        assertEquals(sorted(http.stream().map(x -> x.get("url") + "\t" + x.get("status")).toList()), sorted(responses));
    }

    @Test
    void checksumsVerifyAndTcpAnalysisFindsNothingAmiss() throws Exception {
        Path pcap = export(TRACE);
        List<String> status = tshark(pcap, "-T", "fields", "-e", "ip.checksum.status", "-e", "tcp.checksum.status")
                .lines().toList();
        assertTrue(status.size() >= 2 * (3 + 5 + 5 + 2), "handshakes, requests, responses, closes: " + status.size());
        assertEquals(List.of("1\t1"), status.stream().distinct().toList(), "every checksum verified good (1)");
        assertEquals("", tshark(pcap, "-Y", "tcp.analysis.flags || _ws.malformed || _ws.expert.severity >= 0x600000"),
                "no TCP analysis flag, malformed packet, warning or error");
        String expert = tshark(pcap, "-q", "-z", "expert");
        assertTrue(!expert.contains("Warns") && !expert.contains("Errors") && expert.contains("Chats"), expert);
        assertEquals(2, tshark(pcap, "-Y", "tcp.flags.syn == 1 && tcp.flags.ack == 0").lines().count(),
                "one SYN per connection: both ends traced, each connection exported once");
    }

    @Test
    void followReproducesTheBytesTheCallsMoved() throws Exception {
        Path pcap = export(TRACE);
        for (int stream = 0; stream < 2; stream++) {
            String follow = tshark(pcap, "-q", "-z", "follow,tcp,raw," + stream);
            ByteArrayOutputStream node0 = new ByteArrayOutputStream();
            ByteArrayOutputStream node1 = new ByteArrayOutputStream();
            for (String line : follow.lines().toList()) {
                if (line.matches("\t?[0-9a-f]+")) {
                    (line.startsWith("\t") ? node1 : node0).writeBytes(HexFormat.of().parseHex(line.strip()));
                }
            }
            // the exported end: its pid and fd from the SYN's comment, then its writes and reads in the trace
            String syn = tshark(pcap, "-Y", "tcp.stream == " + stream + " && tcp.flags.syn == 1 && tcp.flags.ack == 0",
                    "-T", "fields", "-e", "frame.comment").strip();
            var m = java.util.regex.Pattern.compile("pid (\\d+) tid \\d+ comm \\S+ fd (\\d+) (connect|accept)").matcher(syn);
            assertTrue(m.matches(), syn);
            int pid = Integer.parseInt(m.group(1));
            long fd = Long.parseLong(m.group(2));
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            Records records = Records.read(TRACE);
            boolean open = false;   // the fd number had other uses before the connection
            for (TraceEvent e : records.syscalls()) {
                io.jtrace.format.RecordedSyscall s = e.syscall();
                String name = records.name(e);
                if (s.getPid() != pid) {
                    continue;
                }
                if (name.equals("connect") && Calls.arg(s, 0) == fd || name.startsWith("accept") && s.getRet() == fd) {
                    open = true;
                } else if (name.equals("close") && Calls.arg(s, 0) == fd) {
                    open = false;
                }
                if (!open || Calls.arg(s, 0) != fd || s.getRet() <= 0 || !name.matches("read|write")) {
                    continue;
                }
                ByteString data = s.getBuffers(0).getData();
                assertEquals(s.getRet(), data.size(), "captured whole");
                (name.equals("write") ? written : read).writeBytes(data.toByteArray());
            }
            boolean client = m.group(3).equals("connect");   // node 0 sent the SYN
            assertTrue(written.size() > 500 && read.size() > 500);
            assertArrayEquals((client ? written : read).toByteArray(), node0.toByteArray(), "stream " + stream);
            assertArrayEquals((client ? read : written).toByteArray(), node1.toByteArray(), "stream " + stream);
        }
    }

    @Test
    void commentsNameTheProcessThreadAndFd() throws Exception {
        Path pcap = export(TRACE);
        List<String> comments = tshark(pcap, "-T", "fields", "-e", "frame.comment").lines().toList();
        long pid = ((Number) Json.object(ok("http", "-r", TRACE.toString(), "--json").lines().get(0)).get("pid"))
                .longValue();
        for (String c : comments) {
            assertTrue(c.matches("pid " + pid + " tid \\d+ comm (client-\\d|server-\\d|http-acceptor) fd \\d+ "
                    + "(connect|accept|write|read|shutdown|close)( = 0 \\(end of file\\))?"), c);
        }
        assertTrue(comments.stream().anyMatch(c -> c.contains("comm client-0 fd ") && c.endsWith(" write")));
    }

    @Test
    void filtersSelectTheCallsThePacketsAreMadeOf() throws Exception {
        Path pcap = export(TRACE, "--comm", "client-0");
        List<String> comments = tshark(pcap, "-T", "fields", "-e", "frame.comment").lines().toList();
        assertTrue(comments.size() > 10 && comments.stream().allMatch(c -> c.contains(" comm client-0 ")), comments.toString());
        assertEquals(5, tshark(pcap, "-Y", "http.request").lines().count());
        Path none = export(TRACE, "--pid", "1");
        assertEquals(2, PcapngWriterTest.parse(Files.readAllBytes(none)).size(), "section header and interface only");
    }

    @Test
    void fileHeaderModeAndStdout() throws Exception {
        Path pcap = export(TRACE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pcap)));
        var blocks = PcapngWriterTest.parse(Files.readAllBytes(pcap));
        String app = new String(blocks.get(0).options().get(PcapngWriter.SHB_USERAPPL), StandardCharsets.UTF_8);
        assertTrue(app.matches("jtrace-analyze \\S+ \\(trace format \\d+\\.\\d+\\)"), app);
        Run stdout = Run.of("pcap", "-r", TRACE.toString(), "-w", "-");
        assertEquals(0, stdout.status(), stdout.show());
        assertTrue(stdout.out().startsWith("\n\r\r\n") && stdout.out().contains(app), "pcapng on stdout");
    }

    @Test
    void usageAndDataErrors() throws Exception {
        for (String[] args : List.of(new String[] {"pcap", "-r", TRACE.toString()},
                new String[] {"pcap", "-r", TRACE.toString(), "-w", TRACE.toString()},
                new String[] {"pcap", "-r", TRACE.toString(), "-w", dir.resolve("x").toString(), "--since", "soon"})) {
            Run run = Run.of(args);
            assertEquals(2, run.status(), run.show());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("jtrace-analyze: "), run.err());
        }
        byte[] b = Files.readAllBytes(TRACE);
        b[b.length - 100] ^= 0x04;
        Path damaged = Files.write(dir.resolve("damaged.jtr"), b);
        Run run = Run.of("pcap", "-r", damaged.toString(), "-w", dir.resolve("d.pcapng").toString());
        assertEquals(1, run.status(), run.show());
        assertTrue(run.err().matches("jtrace-analyze: checksum mismatch in frame \\d+ at byte \\d+\n"), run.err());
        Run missing = Run.of("pcap", "-r", "/nonexistent.jtr", "-w", dir.resolve("m.pcapng").toString());
        assertEquals(1, missing.status());
        assertEquals("jtrace-analyze: /nonexistent.jtr: No such file or directory\n", missing.err());
    }

    // x86_64 syscall numbers
    static final int READ = 0;
    static final int WRITE = 1;
    static final int CLOSE = 3;
    static final int SENDTO = 44;

    static Syscall.Builder call(int nr, long ret, long... args) {
        Syscall.Builder s = Syscall.newBuilder().setPid(100).setTid(101).setNr(nr).setRet(ret).setDurationNs(500);
        for (long a : args) {
            s.addArgs(a);
        }
        return s;
    }

    static Buffer buffer(int arg, byte[] data, long length, boolean atExit) {
        return Buffer.newBuilder().setArg(arg).setData(ByteString.copyFrom(data)).setLength(length).setAtExit(atExit)
                .build();
    }

    static Fd socket(int fd, int family, int type, byte[] local, int localPort, byte[] peer, int peerPort) {
        Socket.Builder s = Socket.newBuilder().setFamily(family).setType(type).setLocalAddr(ByteString.copyFrom(local))
                .setLocalPort(localPort).setPeerAddr(ByteString.copyFrom(peer)).setPeerPort(peerPort);
        return Fd.newBuilder().setFd(fd).setKind(Fd.Kind.SOCKET).setTarget("socket:[" + fd + "]").setSocket(s).build();
    }

    /** A process whose TCP connection, unix socket and UDP socket predate the recording. */
    Path handMade() throws Exception {
        byte[] app = {10, 1, 1, 1};
        Header header = Header.newBuilder().setArch("x86_64").setHost("h").setKernel("6.1").setStartWallNs(1_000_000_000L)
                .addProcesses(ProcessInfo.newBuilder().setPid(100).setComm("app")
                        .addThreads(ThreadInfo.newBuilder().setTid(101).setComm("worker"))
                        .addFds(socket(5, 2, 1, app, 43210, new byte[] {10, 2, 2, 2}, 8080))
                        .addFds(Fd.newBuilder().setFd(6).setKind(Fd.Kind.SOCKET).setTarget("socket:[6]")
                                .setSocket(Socket.newBuilder().setFamily(1).setType(1).setPath("/run/x.sock")))
                        .addFds(socket(7, 2, 2, app, 41000, new byte[0], 0)))
                .build();
        byte[] get = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] response = "HTTP/1.1 200 OK\r\nContent-Length: 1962\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] head = Arrays.copyOf(response, 100);   // 100 bytes of a 2000-byte read captured
        Arrays.fill(head, response.length, 100, (byte) 'x');
        byte[] sockaddr = {2, 0, (byte) 0x9c, 0x40, 10, 3, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0};   // 10.3.3.3:40000
        Path trace = dir.resolve("hand.jtr");
        try (TraceWriter w = TraceWriter.create(trace, Codec.NONE, header)) {
            w.write(1000, call(WRITE, get.length, 5, 0x1000, get.length).addBuffers(buffer(1, get, get.length, false)).build());
            w.write(2000, call(READ, 2000, 5, 0x1000, 4096).addBuffers(buffer(1, head, 2000, true)).build());
            w.write(3000, Loss.newBuilder().setTid(101).setRecords(3).build());
            w.write(4000, call(WRITE, get.length, 5, 0x1000, get.length).addBuffers(buffer(1, get, get.length, false)).build());
            w.write(5000, call(WRITE, 5, 6, 0x1000, 5).addBuffers(buffer(1, "hello".getBytes(), 5, false)).build());
            w.write(6000, call(SENDTO, 4, 7, 0x1000, 4, 0, 0x2000, 16).addBuffers(buffer(1, "ping".getBytes(), 4, false))
                    .addBuffers(buffer(4, sockaddr, 16, false)).build());
            w.write(7000, call(READ, 0, 5, 0x1000, 4096).build());
            w.write(8000, call(CLOSE, 0, 5).build());
            w.writeTrailer(9000, Trailer.getDefaultInstance());
        }
        return trace;
    }

    @Test
    void aHandMadeTraceOfWhatTheRecordingLacks() throws Exception {
        Path trace = handMade();
        Path out = dir.resolve("hand.pcapng");
        Run run = Run.of("pcap", "-r", trace.toString(), "-w", out.toString());
        assertEquals(0, run.status(), run.show());
        assertEquals("jtrace-analyze: warning: 3 records lost by the recorder (unknown: 3): the output lacks what they"
                + " held\njtrace-analyze: 1 unix or other non-IP socket carrying bytes not exported (pcapng here holds IP"
                + " packets only)\n", run.err());
        List<String> rows = tshark(out, "-T", "fields", "-E", "separator=|", "-e", "frame.time_epoch", "-e", "ip.src",
                "-e", "tcp.srcport", "-e", "udp.srcport", "-e", "ip.dst", "-e", "tcp.flags.str", "-e", "tcp.len",
                "-e", "frame.len", "-e", "frame.cap_len", "-e", "frame.comment").lines().toList();
        String who = "pid 100 tid 101 comm worker fd 5 ";
        List<String> expected = List.of(
                // the connection predates the recording: handshake synthesised at the first data; the lower port
                // (8080) is taken as the server's
                "1.000001000|10.1.1.1|43210||10.2.2.2|··········S·|0|48|48|" + who + "write; handshake synthesised: the connection predates the recording",
                "1.000001000|10.2.2.2|8080||10.1.1.1|·······A··S·|0|48|48|" + who + "write; handshake synthesised: the connection predates the recording",
                "1.000001000|10.1.1.1|43210||10.2.2.2|·······A····|0|40|40|" + who + "write; handshake synthesised: the connection predates the recording",
                "1.000001000|10.1.1.1|43210||10.2.2.2|·······AP···|28|68|68|" + who + "write",
                // a read returns at its entry plus its duration; 1900 of its 2000 bytes were not captured
                "1.000002500|10.2.2.2|8080||10.1.1.1|·······AP···|2000|2040|140|" + who + "read; 1900 bytes not captured",
                "1.000004000|10.1.1.1|43210||10.2.2.2|·······AP···|28|68|68|" + who + "write; records were lost before this packet: bytes may be missing",
                "1.000006000|10.1.1.1||41000|10.3.3.3|||32|32|pid 100 tid 101 comm worker fd 7 sendto",
                "1.000007500|10.2.2.2|8080||10.1.1.1|·······A···F|0|40|40|" + who + "read = 0 (end of file)",
                "1.000007500|10.1.1.1|43210||10.2.2.2|·······A····|0|40|40|" + who + "read = 0 (end of file)",
                "1.000008000|10.1.1.1|43210||10.2.2.2|·······A···F|0|40|40|" + who + "close",
                "1.000008000|10.2.2.2|8080||10.1.1.1|·······A····|0|40|40|" + who + "close");
        assertEquals(String.join("\n", expected), String.join("\n", rows));
        assertEquals("", tshark(out, "-Y", "tcp.analysis.flags || _ws.malformed || ip.checksum.status == 0 "
                + "|| tcp.checksum.status == 0 || udp.checksum.status == 0"), "nothing amiss but the cut segment's length");
    }
}
