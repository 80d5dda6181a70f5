package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --const-print-style checked against strace's -X: programs that print constants of every kind
 * (flags known, unknown and mixed, values, socket levels and options, sockaddr families, ports and
 * addresses, AT_FDCWD, open's and memfd_create's composite flags, errno values in structures) are
 * recorded once and run under strace -Xraw and -Xverbose; jtrace-analyze's lines must be
 * strace's, with what differs from run to run masked (addresses, pids, ephemeral ports).
 */
class ConstStyleTest {
    private static final String DESC_CALLS = "write,fcntl,sendfile,splice,tee,copy_file_range,open,openat,"
            + "memfd_create,close_range,readv,writev,preadv,pwritev,preadv2,pwritev2,lseek,fadvise64,flock,fallocate,"
            + "ftruncate,readahead,pread64,dup3,pipe2,eventfd2,epoll_create1,epoll_ctl,timerfd_create,inotify_init1,"
            + "signalfd4,sync_file_range,close,dup,dup2,fsync,getdents64,unlinkat,renameat2,faccessat2,statx,"
            + "vmsplice,fchmod,fchown,mkdirat";
    private static final List<String> STYLES = List.of("raw", "verbose", "abbrev");

    @TempDir
    Path dir;

    /** Unknown and known socket constants: families, types, protocols, flags, levels. */
    @Test
    void socketConstants() throws Exception {
        compare(LiveRecording.compileResource("sockconst", dir), List.of(), "%net", STYLES);
    }

    /** Option names per level and values: ints, errno values, structures with addresses and ifindexes. */
    @Test
    void socketOptions() throws Exception {
        compare(LiveRecording.compileResource("sockopt", dir), List.of(), "setsockopt,getsockopt", STYLES);
    }

    /** sockaddrs: families, ports and addresses in bytes, sin6_flowinfo, sin6_scope_id by interface. */
    @Test
    void socketAddresses() throws Exception {
        Path sockets = Files.createDirectories(dir.resolve("sockets"));
        compare(LiveRecording.compileResource("sockaddr", dir), List.of(sockets.toString()), "%net", STYLES);
    }

    /**
     * sockaddr_rxrpc (services, socket types, AF_INET and AF_INET6 transports whole and cut, other
     * families), AF_VSOCK, AF_QIPCRTR, AF_XDP and AF_MCTP addresses whole and one byte short.
     */
    @Test
    void otherFamilies() throws Exception {
        compare(LiveRecording.compileResource("sockaddr_families", dir), List.of(), "connect", STYLES);
    }

    /** fanotify_init's class and flags, fanotify_mark's 64-bit mask, FAN_NOFD and AT_FDCWD. */
    @Test
    void fanotify() throws Exception {
        compare(LiveRecording.compileResource("fanotify", dir), List.of(), "fanotify_init,fanotify_mark", STYLES);
    }

    /**
     * The desc class: AT_FDCWD, open's, fcntl's and memfd_create's flags as one number, values
     * and flags of many tables, statx's flags argument 0 (left empty by -Xraw: ", , ").
     */
    @Test
    void descriptorCalls() throws Exception {
        LiveRecording.requireRecorder();
        compare(LiveRecording.compileC("desc_calls", dir, dir.resolve("gcc.log")), List.of(), DESC_CALLS,
                List.of("verbose", "raw"));
    }

    private void compare(Path binary, List<String> args, String traceSet, List<String> styles) throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(args);
        Path trace = dir.resolve("trace.jtr");
        List<String> record = new ArrayList<>(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(),
                "-q", "-e", "trace=" + traceSet, "-w", trace.toString(), "--"));
        record.addAll(command);
        LiveRecording.run(record, 120, dir.resolve("record.log"));
        int[] ports = LiveRecording.ephemeralPorts();
        for (String style : styles) {
            Path out = dir.resolve("strace-" + style + ".txt");
            List<String> strace = new ArrayList<>(List.of("strace", "-X", style, "-e", "trace=" + traceSet, "-o",
                    out.toString()));
            strace.addAll(command);
            LiveRecording.run(strace, 120, dir.resolve("strace.log"));
            Run jtrace = Run.of("--const-print-style=" + style, "-r", trace.toString());
            assertEquals(0, jtrace.status(), jtrace.show());
            String want = normalise(Files.readString(out), ports);
            assertTrue(want.lines().count() > 8, want);
            assertEquals(want, normalise(jtrace.out(), ports), binary.getFileName() + " with -X" + style);
        }
    }

    /** A port as each style prints it: htons(N), or its two bytes in hex. */
    private static final Pattern PORT = Pattern.compile("htons\\((\\d+)\\)|port=\"\\\\x(\\p{XDigit}{2})\\\\x(\\p{XDigit}{2})\"");

    private static String normalise(String lines, int[] ports) {
        StringBuilder s = new StringBuilder();
        for (String line : lines.split("\n", -1)) {
            line = line.replaceAll("0x[0-9a-f]{6,}", "0xADDR").replaceAll("\\bpid=[0-9]{2,}", "pid=PID");
            Matcher m = PORT.matcher(line);
            StringBuilder masked = new StringBuilder();
            while (m.find()) {
                int port = m.group(1) != null ? Integer.parseInt(m.group(1))
                        : Integer.parseInt(m.group(2) + m.group(3), 16);
                m.appendReplacement(masked, port >= ports[0] && port <= ports[1] ? "EPHEMERAL" : "$0");
            }
            m.appendTail(masked);
            s.append(masked.toString().replaceFirst("\\) +=( |$)", ") =$1")).append('\n');
        }
        return s.toString();
    }
}
