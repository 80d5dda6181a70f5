package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records testdata/workload/SyscallWorkload.java under strace 6 and under jtrace-record, renders
 * the .jtr with jtrace-analyze in-process and compares the lines after normalising what differs
 * from run to run (pid prefixes, strace's unfinished/resumed halves, the padding before " = " that
 * depends on the prefix, addresses, ephemeral ports, pids).
 *
 * <p>Asserted: every line of the workload's marked part (its main thread between the two marker
 * writes: sockets, addresses, options, data through every send/receive call, iovecs, msghdr with
 * names and SCM_RIGHTS, errors, pipes, fcntl, dup family, opens and file calls) is identical; and
 * every distinct exit, exit_group, "--- SIG" and "+++ exited" line of the whole run is; and the
 * marked part is identical again with -xx (strace run a second time, the same .jtr rendered with -xx);
 * and the lines strace prints without a "[pid N]" prefix (a third run writing to stderr) are ours.
 * Reported: the match rate of all lines, JVM start-up included, as a multiset (threads interleave
 * differently). Needs strace, ptrace and the recorder jar: without them it fails when CI=true and
 * is skipped otherwise.
 */
class FidelityTest {
    private static final Path ROOT = Path.of(System.getProperty("jtrace.root", "..")).toAbsolutePath().normalize();
    private static final String TRACE_SET = "%network,read,write,readv,writev,pread64,pwrite64,preadv,pwritev,"
            + "preadv2,pwritev2,close,close_range,dup,dup2,dup3,fcntl,sendfile,open,openat,openat2,creat,"
            + "pipe,pipe2,splice,%file,%desc,exit,exit_group";
    /** JVM options that keep the workload's own JVM from reading files that change between runs. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:-UseContainerSupport", "-XX:+UseSerialGC",
            "-XX:-UsePerfData", "-Xshare:auto");
    private static final String BEGIN = marker("jtrace-fidelity-begin", false);
    private static final String END = marker("jtrace-fidelity-end", false);

    /**
     * Arguments that are NUL-terminated strings the recorder captures at entry (or, for readlink
     * and getcwd, results at exit). Used only while the recorder does not capture them yet: the
     * analyzer then prints their address, and strace's string is masked the same way.
     */
    private static final Map<String, int[]> STRING_ARGS = Map.ofEntries(
            Map.entry("open", new int[] {0}), Map.entry("creat", new int[] {0}), Map.entry("stat", new int[] {0}),
            Map.entry("lstat", new int[] {0}), Map.entry("access", new int[] {0}), Map.entry("unlink", new int[] {0}),
            Map.entry("mkdir", new int[] {0}), Map.entry("rmdir", new int[] {0}), Map.entry("chdir", new int[] {0}),
            Map.entry("chmod", new int[] {0}), Map.entry("truncate", new int[] {0}),
            Map.entry("statfs", new int[] {0}), Map.entry("execve", new int[] {0}),
            Map.entry("readlink", new int[] {0, 1}), Map.entry("getcwd", new int[] {0}),
            Map.entry("openat", new int[] {1}), Map.entry("newfstatat", new int[] {1}),
            Map.entry("statx", new int[] {1}), Map.entry("faccessat", new int[] {1}),
            Map.entry("faccessat2", new int[] {1}), Map.entry("unlinkat", new int[] {1}),
            Map.entry("mkdirat", new int[] {1}), Map.entry("fchmodat", new int[] {1}),
            Map.entry("readlinkat", new int[] {1, 2}), Map.entry("rename", new int[] {0, 1}),
            Map.entry("link", new int[] {0, 1}), Map.entry("symlink", new int[] {0, 1}),
            Map.entry("renameat", new int[] {1, 3}), Map.entry("renameat2", new int[] {1, 3}),
            Map.entry("linkat", new int[] {1, 3}), Map.entry("symlinkat", new int[] {0, 2}),
            Map.entry("fchownat", new int[] {1}), Map.entry("utimensat", new int[] {1}),
            Map.entry("memfd_create", new int[] {0}), Map.entry("inotify_add_watch", new int[] {1}));

    private static final Pattern STRACE_LINE = Pattern.compile("^(\\d+)\\s+(.*)$");
    private static final Pattern JTRACE_LINE = Pattern.compile("^\\[pid +(\\d+)\\] (.*)$");
    private static final Pattern RESUMED = Pattern.compile("^<\\.\\.\\. [a-z0-9_]+ resumed>(.*)$");
    private static final Pattern PADDING = Pattern.compile("^(.*\\)) +(= [^\"]*)$");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{6,}");
    private static final Pattern PORT = Pattern.compile("htons\\(\\d+\\)");

    @TempDir
    Path tmp;

    @Test
    void linesMatchStrace() throws Exception {
        Path recorderJar = ROOT.resolve("recorder/target/jtrace-recorder.jar");
        LiveRecording.require(Files.isRegularFile(recorderJar), "recorder jar not built: " + recorderJar);
        LiveRecording.require(straceWorks(), "strace with ptrace is not available");

        Path classes = Files.createDirectories(tmp.resolve("classes"));
        String libs = ROOT.resolve("recorder/target/lib").toString() + "/*";
        run(List.of("javac", "-cp", libs, "-d", classes.toString(),
                ROOT.resolve("testdata/workload/SyscallWorkload.java").toString()), 60);
        Path work = Files.createDirectories(tmp.resolve("work"));
        List<String> workload = new ArrayList<>(List.of("java"));
        workload.addAll(JVM_OPTIONS);
        workload.addAll(List.of("-cp", classes + ":" + libs, "SyscallWorkload", work.toString()));

        Path straceOut = tmp.resolve("strace.txt");
        List<String> strace = new ArrayList<>(List.of("strace", "-f", "-q", "-s", "32", "-e", "trace=" + TRACE_SET,
                "-o", straceOut.toString()));
        strace.addAll(workload);
        run(strace, 60);

        Path trace = tmp.resolve("workload.jtr");
        List<String> record = new ArrayList<>(List.of(ROOT.resolve("scripts/jtrace-record").toString(), "-q", "-e",
                "trace=" + TRACE_SET, "-w", trace.toString(), "--"));
        record.addAll(workload);
        run(record, 60);
        Run analyzed = Run.of("-r", trace.toString());
        assertEquals(0, analyzed.status(), analyzed.err());

        List<Line> expected = straceLines(Files.readAllLines(straceOut, StandardCharsets.UTF_8));
        List<Line> actual = jtraceLines(analyzed.out());
        boolean stringsCaptured = actual.stream().anyMatch(l -> l.text.startsWith("openat(AT_FDCWD, \""));
        Set<String> pids = new HashSet<>();
        expected.forEach(l -> pids.add(l.pid));
        actual.forEach(l -> pids.add(l.pid));
        pids.removeIf(p -> !p.matches("\\d+"));
        List<String> want = normalise(expected, pids, !stringsCaptured);
        List<String> got = normalise(actual, pids, false);

        List<String> wantMarked = marked(expected, want);
        List<String> gotMarked = marked(actual, got);
        double rate = matchRate(want, got);
        String report = String.format("fidelity: marked part %d lines; all lines: %d of %d strace lines matched "
                        + "(%.1f%%), jtrace printed %d; paths captured by the recorder: %s%n", wantMarked.size(),
                matched(want, got), want.size(), 100 * rate, got.size(), stringsCaptured);
        System.out.print(report);
        Files.writeString(ROOT.resolve("analyzer/target/fidelity-report.txt"), report + "\n--- strace only\n"
                + String.join("\n", difference(want, got)) + "\n--- jtrace only\n"
                + String.join("\n", difference(got, want)) + "\n");

        assertTrue(wantMarked.size() > 100, "the workload's marked part was not found in strace's output");
        // how tasks end, and the signals they get: every kind of line strace printed, jtrace prints
        // (as sets: how many JIT compiler threads a JVM starts varies from run to run)
        assertEquals(String.join("\n", wantMarked), String.join("\n", gotMarked),
                "lines of the workload's marked part differ from strace's");
        assertEquals(lifecycle(want), lifecycle(got), "exit, signal and +++ lines differ from strace's");

        // -xx: every byte of every string in hex, addresses in sockaddrs included
        Path straceHex = tmp.resolve("strace-xx.txt");
        List<String> straceXx = new ArrayList<>(List.of("strace", "-f", "-q", "-xx", "-s", "32", "-e",
                "trace=" + TRACE_SET, "-o", straceHex.toString()));
        straceXx.addAll(workload);
        run(straceXx, 60);
        Run hex = Run.of("-xx", "-r", trace.toString());
        assertEquals(0, hex.status(), hex.err());
        List<Line> expectedHex = straceLines(Files.readAllLines(straceHex, StandardCharsets.UTF_8));
        List<Line> actualHex = jtraceLines(hex.out());
        String beginHex = marker("jtrace-fidelity-begin", true);
        String endHex = marker("jtrace-fidelity-end", true);
        List<String> wantHex = marked(expectedHex, normalise(expectedHex, pids, !stringsCaptured), beginHex, endHex);
        List<String> gotHex = marked(actualHex, normalise(actualHex, pids, false), beginHex, endHex);
        assertEquals(wantMarked.size(), wantHex.size(), "the -xx run's marked part was not found");
        assertEquals(String.join("\n", wantHex), String.join("\n", gotHex),
                "with -xx, lines of the workload's marked part differ from strace's");

        // [pid N] prefixes: strace writing to stderr rather than -o prints them only while more than
        // one task is traced; the lines printed without one (start-up before the JVM's first thread,
        // the last exit) must be the same lines.
        Path straceStderr = tmp.resolve("strace-stderr.txt");
        List<String> plain = new ArrayList<>(List.of("strace", "-f", "-q", "-s", "32", "-e", "trace=" + TRACE_SET));
        plain.addAll(workload);
        Process p = new ProcessBuilder(plain).directory(ROOT.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(straceStderr.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "strace timed out");
        assertEquals(0, p.exitValue(), "strace failed: " + Files.readString(straceStderr));
        assertEquals(String.join("\n", unprefixed(Files.readAllLines(straceStderr), !stringsCaptured)),
                String.join("\n", unprefixed(List.of(analyzed.out().split("\n")), false)),
                "lines printed without a [pid N] prefix differ from strace's");
        // the launcher's search of PATH is not the program's: the first line is the execve that runs it, as
        // strace's is (strace searches PATH itself)
        String ours = analyzed.out().split("\n")[0];
        String theirs = Files.readAllLines(straceStderr).stream().filter(l -> l.startsWith("execve(")).findFirst()
                .orElseThrow();
        assertTrue(ours.startsWith("execve(") && ours.endsWith(" = 0"), ours);
        assertEquals(theirs.substring(0, theirs.indexOf("], ")), ours.substring(0, ours.indexOf("], ")));
    }

    private static boolean straceWorks() {
        try {
            Process p = new ProcessBuilder("strace", "-o", "/dev/null", "true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run(List<String> command, int seconds) throws Exception {
        LiveRecording.run(command, seconds, tmp.resolve("command.log"));
    }

    /** One printed line: the task it belongs to and its text without the prefix. */
    record Line(String pid, String text) {
    }

    /** strace -o lines: "PID  text"; an "<unfinished ...>" half is joined with its "resumed" half. */
    static List<Line> straceLines(List<String> raw) {
        List<Line> lines = new ArrayList<>();
        Map<String, String> pending = new HashMap<>();
        for (String s : raw) {
            Matcher m = STRACE_LINE.matcher(s);
            if (!m.matches()) {
                lines.add(new Line("?", s));
                continue;
            }
            String pid = m.group(1);
            String text = m.group(2);
            if (text.endsWith(" <unfinished ...>")) {
                pending.put(pid, text.substring(0, text.length() - " <unfinished ...>".length()));
                continue;
            }
            Matcher r = RESUMED.matcher(text);
            if (r.matches() && pending.containsKey(pid)) {
                text = pending.remove(pid) + r.group(1);
            }
            lines.add(new Line(pid, text));
        }
        // An exit or exit_group never resumed is strace's "= ?" cut in two by another thread's line
        // (the process ended inside it): which of the two strace prints depends on the interleaving.
        pending.forEach((pid, text) -> lines.add(new Line(pid, text.startsWith("exit(") || text.startsWith("exit_group(")
                ? text + ") = ?" : text + " <unfinished ...>")));
        return lines;
    }

    /** jtrace-analyze lines: "[pid N] text", or the text alone while one task is traced. */
    static List<Line> jtraceLines(String out) {
        List<Line> lines = new ArrayList<>();
        String last = "?";
        for (String s : out.split("\n")) {
            if (s.isEmpty()) {
                continue;
            }
            Matcher m = JTRACE_LINE.matcher(s);
            if (m.matches()) {
                last = m.group(1);
                lines.add(new Line(last, m.group(2)));
            } else {
                lines.add(new Line(last, s));
            }
        }
        return lines;
    }

    static List<String> normalise(List<Line> lines, Set<String> pids, boolean maskStrings) {
        Pattern pid = Pattern.compile("\\b(" + String.join("|", pids) + ")\\b");
        List<String> out = new ArrayList<>(lines.size());
        for (Line l : lines) {
            String s = l.text;
            if (maskStrings) {
                s = maskStrings(s);
            }
            Matcher m = PADDING.matcher(s);
            if (m.matches()) {
                s = m.group(1) + " " + m.group(2);
            }
            s = ADDRESS.matcher(s).replaceAll("0xADDR");
            s = PORT.matcher(s).replaceAll("htons(PORT)");
            if (!s.startsWith("write(-1, ") && !pids.isEmpty()) {
                s = pid.matcher(s).replaceAll("PID");
            }
            out.add(s);
        }
        return out;
    }

    /** Replaces the quoted string arguments the recorder did not capture with an address. */
    static String maskStrings(String line) {
        int open = line.indexOf('(');
        if (open < 0) {
            return line;
        }
        int[] positions = STRING_ARGS.get(line.substring(0, open));
        if (positions == null) {
            return line;
        }
        List<int[]> args = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        boolean quoted = false;
        int i = open + 1;
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            } else if (c == ')') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                args.add(new int[] {start, i});
                start = i + 2;
            }
        }
        args.add(new int[] {start, i});
        StringBuilder b = new StringBuilder(line);
        for (int k = positions.length - 1; k >= 0; k--) {
            int p = positions[k];
            if (p < args.size()) {
                int[] a = args.get(p);
                if (a[0] < a[1] && line.charAt(a[0]) == '"') {
                    b.replace(a[0], a[1], "0xADDR");
                }
            }
        }
        return b.toString();
    }

    private static final Pattern PRINTED_CALL = Pattern.compile("^([a-z_0-9]+\\(|\\+\\+\\+ |--- ).*");

    /** Lines without a "[pid N] " prefix, normalised; execve lines and anything not strace's left out. */
    static List<String> unprefixed(List<String> lines, boolean maskStrings) {
        List<Line> kept = new ArrayList<>();
        for (String s : lines) {
            if (!s.startsWith("[pid ") && !s.startsWith("execve(") && PRINTED_CALL.matcher(s).matches()) {
                kept.add(new Line("?", s));
            }
        }
        return normalise(kept, Set.of(), maskStrings);
    }

    static Set<String> lifecycle(List<String> lines) {
        Set<String> set = new java.util.TreeSet<>();
        for (String s : lines) {
            if (s.startsWith("+++ ") || s.startsWith("--- ") || s.startsWith("exit(") || s.startsWith("exit_group(")) {
                set.add(s);
            }
        }
        return set;
    }

    /** The line of a marker write, as printed by default or with -xx. */
    static String marker(String text, boolean hex) {
        StringBuilder quoted = new StringBuilder();
        for (char c : text.toCharArray()) {
            quoted.append(hex ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return "write(-1, \"" + quoted + "\", " + text.length() + ") = -1 EBADF (Bad file descriptor)";
    }

    static List<String> marked(List<Line> lines, List<String> normalised) {
        return marked(lines, normalised, BEGIN, END);
    }

    /** The lines of the thread that wrote the begin marker, from that marker to the end marker. */
    static List<String> marked(List<Line> lines, List<String> normalised, String begin, String end) {
        String thread = null;
        List<String> part = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String s = normalised.get(i);
            if (thread == null) {
                if (s.equals(begin)) {
                    thread = lines.get(i).pid;
                    part.add(s);
                }
            } else if (lines.get(i).pid.equals(thread)) {
                part.add(s);
                if (s.equals(end)) {
                    break;
                }
            }
        }
        return part;
    }

    private static Map<String, Integer> counts(List<String> lines) {
        Map<String, Integer> m = new TreeMap<>();
        lines.forEach(l -> m.merge(l, 1, Integer::sum));
        return m;
    }

    static int matched(List<String> a, List<String> b) {
        Map<String, Integer> cb = counts(b);
        int n = 0;
        for (var e : counts(a).entrySet()) {
            n += Math.min(e.getValue(), cb.getOrDefault(e.getKey(), 0));
        }
        return n;
    }

    static double matchRate(List<String> a, List<String> b) {
        return a.isEmpty() ? 0 : (double) matched(a, b) / a.size();
    }

    /** Lines of {@code a} not in {@code b}, as a multiset, sorted. */
    static List<String> difference(List<String> a, List<String> b) {
        Map<String, Integer> cb = counts(b);
        List<String> out = new ArrayList<>();
        for (var e : counts(a).entrySet()) {
            for (int k = cb.getOrDefault(e.getKey(), 0); k < e.getValue(); k++) {
                out.add(e.getKey());
            }
        }
        return out;
    }
}
