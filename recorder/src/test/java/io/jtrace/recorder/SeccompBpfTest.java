package io.jtrace.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jtrace.format.TraceEvent;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.TaskStart;
import io.jtrace.recorder.RecordCommandTest.Trace;
import io.jtrace.recorder.trace.Ptraces;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** jtrace-record --seccomp-bpf end to end: the same records as without it, the refusals, EXITKILL. */
@Timeout(180)
@ExtendWith(Ptraces.class)
class SeccompBpfTest {
    // accept, getsockname, getpeername, accept4: their buffers hold ephemeral ports
    private static final Set<Integer> ADDRESSES = Set.of(43, 51, 52, 288);
    private static final int CONNECT = 42;

    @TempDir
    Path dir;

    @Test
    void recordsAreTheSameWithAndWithoutTheFilter() throws Exception {
        requireTool("/bin/bash");
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread pong = new Thread(() -> pong(server), "pong");
            pong.setDaemon(true);
            pong.start();
            Path work = Files.createDirectories(dir.resolve("work"));
            String script = "cd " + work + "; printf 'abc\\n' > f1; cat f1 > f2; cat f2 | wc -c; "
                + "exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort() + "; printf 'ping\\n' >&3; cat <&3; exit 3";

            // bash is a third-party program; should its calls ever differ between two runs for a
            // reason of its own (a CI run once saw task 0 differ, never reproduced in 40 runs under
            // load), the pair is recorded again once and the first difference kept in the log.
            String difference = compareOnePair(script, 1);
            if (difference != null) {
                System.err.println("SeccompBpfTest: the first pair of recordings differed; again. " + difference);
                difference = compareOnePair(script, 2);
            }
            if (difference != null) {
                fail(difference);
            }
        }
    }

    /** Records the script without and with --seccomp-bpf; null when the records are the same, else the difference. */
    private String compareOnePair(String script, int attempt) throws Exception {
        List<String> outputs = new ArrayList<>();
        List<Map<String, List<String>>> calls = new ArrayList<>();
        for (boolean seccomp : new boolean[] {false, true}) {
            String name = (seccomp ? "with" : "without") + attempt;
            Path out = dir.resolve(name + ".jtr");
            Path stdout = dir.resolve(name + ".out");
            List<String> args = new ArrayList<>(List.of("-q", "-f", "-w", out.toString()));
            if (seccomp) {
                args.add("--seccomp-bpf");
            }
            args.addAll(List.of("--", "/bin/bash", "-c", script));
            RecorderRun r = RecorderRun.start(dir, java.lang.ProcessBuilder.Redirect.to(stdout.toFile()), List.of(),
                args.toArray(String[]::new));
            assertEquals(3, r.await(60), "the command's exit status: " + r.stderr());
            assertEquals("", r.stderr());
            outputs.add(Files.readString(stdout));
            Trace t = Trace.read(out);
            assertEquals("tracees exited", t.trailer().getStopReason());
            assertEquals(0, t.trailer().getLostRecords());
            calls.add(callsPerTask(t.events()));
        }
        assertEquals("4\npong\n", outputs.get(0));
        assertEquals(outputs.get(0), outputs.get(1), "the command's output");
        assertTrue(calls.get(0).values().stream().mapToInt(List::size).sum() > 50, calls.get(0).toString());
        assertTrue(calls.get(0).get("0").stream().anyMatch(c -> c.startsWith("nr=1 ret=5 ") && c.contains(hex("ping\n"))),
            "bash's write to the socket: " + calls.get(0).get("0"));
        if (!calls.get(0).keySet().equals(calls.get(1).keySet())) {
            return "not the same tasks: " + calls.get(0).keySet() + " without the filter, " + calls.get(1).keySet() + " with it";
        }
        for (String task : calls.get(0).keySet()) {
            List<String> without = calls.get(0).get(task);
            List<String> with = calls.get(1).get(task);
            if (!without.equals(with)) {
                return "task " + task + " (without the filter / with it): " + firstDifference(without, with);
            }
        }
        return null;
    }

    @Test
    void refusedWithAttachAndWithoutFollowForks() throws Exception {
        RecorderRun p = RecorderRun.run(dir, "--seccomp-bpf", "-f", "-p", "1", "-w", dir.resolve("p.jtr").toString());
        assertEquals(2, p.exitValue());
        assertEquals(1, p.stderr().lines().count(), p.stderr());
        assertTrue(p.stderr().startsWith("jtrace-record: --seccomp-bpf cannot be used with -p"), p.stderr());

        RecorderRun f = RecorderRun.run(dir, "--seccomp-bpf", "-w", dir.resolve("f.jtr").toString(), "--", "true");
        assertEquals(2, f.exitValue());
        assertEquals(1, f.stderr().lines().count(), f.stderr());
        assertTrue(f.stderr().startsWith("jtrace-record: --seccomp-bpf needs -f"), f.stderr());
        assertFalse(Files.exists(dir.resolve("f.jtr")));
    }

    @Test
    void killingTheRecorderKillsTheCommand() throws Exception {
        Path pidFile = dir.resolve("pid");
        try (RecorderRun r = RecorderRun.start(dir, "-q", "-f", "--seccomp-bpf", "-w", dir.resolve("k.jtr").toString(),
                "--", "sh", "-c", "echo $$ > " + pidFile + ".tmp && mv " + pidFile + ".tmp " + pidFile + "; exec sleep 60")) {
            int pid = awaitPid(pidFile, r);
            awaitComm(pid, "sleep");
            r.signal("KILL");
            r.await(10);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (alive(pid)) {
                if (System.nanoTime() > deadline) {
                    fail("the command " + pid + " outlived its killed recorder (PTRACE_O_EXITKILL)");
                }
                Thread.sleep(20);
            }
        }
    }

    /** Per task (keyed by its place in the process tree: "0", "0.1", ...): "nr ret buffers" of each call. */
    private static Map<String, List<String>> callsPerTask(List<TraceEvent> events) {
        Map<Integer, String> keys = new HashMap<>();
        Map<String, Integer> children = new HashMap<>();
        Map<String, List<String>> calls = new LinkedHashMap<>();
        for (TraceEvent e : events) {
            if (e.record().hasTaskStart()) {
                TaskStart s = e.record().getTaskStart();
                String parent = keys.get(s.getParentTid());
                String key = parent == null ? "0" : parent + "." + children.merge(parent, 1, Integer::sum);
                keys.put(s.getTid(), key);
            } else if (e.record().hasSyscall()) {
                Syscall c = e.record().getSyscall();
                String key = keys.getOrDefault(c.getTid(), "unknown " + c.getTid());
                String buffers = ADDRESSES.contains(c.getNr()) ? "" : c.getBuffersList().stream()
                    .map(b -> buffer(c.getNr(), b)).collect(Collectors.joining(","));
                calls.computeIfAbsent(key, k -> new ArrayList<>())
                    .add("nr=" + c.getNr() + " ret=" + c.getRet() + " " + buffers + (c.getUnfinished() ? " unfinished" : ""));
            }
        }
        return calls;
    }

    private static String firstDifference(List<String> a, List<String> b) {
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
            i++;
        }
        if (i == a.size() || i == b.size()) {
            return "call " + i + " of " + a.size() + "/" + b.size() + ": one task made fewer calls";
        }
        String x = a.get(i);
        String y = b.get(i);
        int c = 0;
        while (c < x.length() && c < y.length() && x.charAt(c) == y.charAt(c)) {
            c++;
        }
        int from = Math.max(0, c - 60);
        return "call " + i + " of " + a.size() + "/" + b.size() + ", character " + c + ": "
            + x.substring(0, Math.min(40, x.length())) + " ..." + x.substring(from, Math.min(x.length(), c + 60))
            + " vs ..." + y.substring(from, Math.min(y.length(), c + 60));
    }

    private static String buffer(int nr, Buffer b) {
        byte[] data = b.getData().toByteArray();
        if (nr == CONNECT && data.length > 2 && data[0] == 1 && data[1] == 0) {
            // glibc connects to nscd's socket with the whole sizeof(struct sockaddr_un): the bytes after
            // the path's NUL are whatever was on the stack, addresses that ASLR changes from run to run
            int end = 2;
            while (end < data.length && data[end] != 0) {
                end++;
            }
            data = java.util.Arrays.copyOf(data, Math.min(data.length, end + 1));
        }
        return b.getArg() + ":" + b.getPart() + ":" + b.getLength() + ":" + HexFormat.of().formatHex(data);
    }

    private static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static void pong(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                while (in.read() != '\n') {
                    // up to the end of "ping\n"
                }
                OutputStream out = s.getOutputStream();
                out.write("pong\n".getBytes(StandardCharsets.US_ASCII)); // one write: one read at the other end
                out.flush();
            } catch (Exception e) {
                return;
            }
        }
    }

    private static void requireTool(String path) {
        if (!Files.isExecutable(Path.of(path))) {
            if ("true".equals(System.getenv("CI"))) {
                fail(path + " is missing under CI=true");
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(false, path + " is missing");
        }
    }

    private static int awaitPid(Path file, RecorderRun r) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline || !r.process.isAlive()) {
                fail("no pid file; recorder stderr: " + r.stderr());
            }
            Thread.sleep(20);
        }
        return Integer.parseInt(Files.readString(file).trim());
    }

    private static void awaitComm(int pid, String comm) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!comm.equals(readOrEmpty(Path.of("/proc/" + pid + "/comm")))) {
            if (System.nanoTime() > deadline) {
                fail(pid + " never became " + comm);
            }
            Thread.sleep(20);
        }
    }

    /** Running or stopped; a zombie (waiting for whoever reaps orphans here) counts as dead. */
    private static boolean alive(int pid) {
        String stat = readOrEmpty(Path.of("/proc/" + pid + "/stat"));
        return !stat.isEmpty() && !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    }

    private static String readOrEmpty(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
