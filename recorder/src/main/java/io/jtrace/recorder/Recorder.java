package io.jtrace.recorder;

import io.jtrace.format.proto.CaptureOptions;
import io.jtrace.format.proto.Header;
import io.jtrace.recorder.capture.CaptureTable;
import io.jtrace.recorder.output.OutputException;
import io.jtrace.recorder.output.OutputFiles;
import io.jtrace.recorder.output.RecordQueue;
import io.jtrace.recorder.output.StatusLine;
import io.jtrace.recorder.output.TaskNames;
import io.jtrace.recorder.output.Totals;
import io.jtrace.recorder.output.WriterThread;
import io.jtrace.recorder.proc.FdProbe;
import io.jtrace.recorder.proc.PidNamespaces;
import io.jtrace.recorder.proc.NetInterfaces;
import io.jtrace.recorder.ptrace.Signals;
import io.jtrace.recorder.trace.AttachException;
import io.jtrace.recorder.trace.ExitStatus;
import io.jtrace.recorder.trace.InitReaper;
import io.jtrace.recorder.trace.SyscallFilter;
import io.jtrace.recorder.trace.TraceOptions;
import io.jtrace.recorder.trace.TraceResult;
import io.jtrace.recorder.trace.Tracer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * One recording: output prepared first (an unwritable path touches no process), then attach or
 * launch, then the writer; ends on a signal, -c, --duration, an output failure or the tracees'
 * exit, always by detaching every tracee before the file is finished.
 */
final class Recorder {
    private final RecorderConfig config;
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private final TracedProcesses processes = new TracedProcesses();
    /** Written into every file's header: tells the files of this run from another run's (format 1.6). */
    private final com.google.protobuf.ByteString runId = randomRunId();
    private volatile Tracer tracer;
    private volatile WriterThread writer;
    private int killedBy;

    Recorder(RecorderConfig config) {
        this.config = config;
    }

    int run() throws Exception {
        RecordQueue queue = new RecordQueue(config.drop());
        RecordingSink sink = new RecordingSink(new CaptureTable(config.table()), new FdProbe(config.table()), config.snaplen(), queue,
                config.count(), () -> requestStop("count"), processes, PidNamespaces.fromProc(config.table()));
        WriterThread writer = new WriterThread(queue, config.table(), new OutputFiles(config.output()), config.output(),
                this::header, () -> requestStop("output error"), TaskNames.fromProc(config.table()));
        this.writer = writer;
        writer.prepare();
        TraceOptions options = new TraceOptions(config.followForks(),
                SyscallFilter.of(config.traceSet().toArray(config.table().size())), installSignalHandlers(),
                config.seccompBpf()).withInjections(config.injections());
        long started = System.nanoTime();
        try {
            if (config.command().isEmpty()) {
                processes.addAll(config.pids());
                tracer = Tracer.attach(options, sink, config.pids());
            } else {
                processes.expectLaunch();
                tracer = Tracer.launch(options, sink, config.command());
                processes.add(tracer.launchedPid());
            }
        } catch (AttachException e) {
            writer.abandon();
            throw new RecorderException(e.getMessage(), e);
        }
        announceAttach();
        TraceResult result;
        StatusLine status = StatusLine.forStderr(config.quiet(), started);
        try {
            scheduleDuration();
            if (stopReason.get() != null) {
                tracer.stop(); // a limit was reached, or a signal came, while attaching
            }
            writer.showStatus(status);
            writer.start();
            result = tracer.await();
        } finally {
            tracer.stop();
        }
        String reason = stopReason.get() != null ? stopReason.get()
                : result.reason() == TraceResult.Reason.TRACEES_EXITED ? "tracees exited" : "stopped";
        writer.finish(reason);
        if (status != null) {
            status.clear(); // the writer thread has ended: it draws no more
        }
        if (!config.quiet()) {
            System.err.println(statusLine(writer.totals(), System.nanoTime() - started));
        }
        var errors = tracer.errors();
        if (!errors.isEmpty()) {
            // the tracer survived these (tracees were never left stopped); the records are losses
            System.err.println("jtrace-record: warning: " + errors.size() + " internal error(s) while tracing, first: "
                    + errors.get(0));
        }
        if (writer.failure() != null) {
            return outputFailed(writer.failure());
        }
        if (result.failure() != null) {
            throw new RecorderException("tracing failed: " + result.failure().getMessage(), result.failure());
        }
        if (config.command().isEmpty()) {
            return 0;
        }
        if (config.seccompBpf() && result.reason() != TraceResult.Reason.TRACEES_EXITED && !config.quiet()) {
            System.err.println("jtrace-record: " + config.command().get(0) + " keeps its seccomp filter: the recorder "
                    + "stays its tracer, recording nothing, until it exits");
        }
        ExitStatus launched = tracer.waitForLaunched();
        killedBy = launched.signal();
        InitReaper.reapAll(() -> stopReason.get() != null, () -> {
            if (!config.quiet()) {
                System.err.println("jtrace-record: pid 1 of its pid namespace: waiting for the processes "
                        + config.command().get(0) + " left running, which its end would kill (Ctrl-C ends them)");
            }
        });
        return launched.shellStatus();
    }

    /** The signal that killed the launched command, 0 if none: the recorder then dies by it too, as strace does. */
    int killedBy() {
        return killedBy;
    }

    /** strace's "Process N attached": the line that says when recording begins. */
    private void announceAttach() {
        if (config.quiet() || !config.command().isEmpty()) {
            return;
        }
        tracer.attachedThreads().forEach((pid, threads) -> System.err.println("jtrace-record: process " + pid
                + " attached" + (threads > 1 ? " with " + threads + " threads" : "")));
    }

    /**
     * The output failed and every tracee was detached. In launch mode the command runs on
     * untraced: it is waited for, never orphaned silently, and its status is told with the error.
     * Exit status 1 either way: the recording failed.
     */
    private int outputFailed(OutputException failure) throws InterruptedException, RecorderException {
        if (config.command().isEmpty()) {
            throw new RecorderException(failure.getMessage(), failure);
        }
        String command = config.command().get(0);
        boolean ended = tracer.await().launchedExit().isPresent();
        if (!ended) {
            System.err.println("jtrace-record: " + failure.getMessage() + "; " + command
                    + " runs on untraced, waiting for it to exit");
        }
        ExitStatus status = tracer.waitForLaunched();
        String how = status.signal() != 0 ? " was killed by signal " + status.signal()
                : " exited with status " + status.code();
        throw new RecorderException((ended ? failure.getMessage() + "; " : "") + command + how, failure);
    }

    private void requestStop(String reason) {
        stopReason.compareAndSet(null, reason);
        Tracer t = tracer;
        if (t != null) {
            t.stop();
        }
        WriterThread w = writer;
        if (w != null) {
            w.giveUpIfStalled(); // a stop must not wait forever on an output that does not move
        }
    }

    /**
     * SIGINT, SIGTERM and SIGHUP stop the recording, from before the attach on. A shell starts a
     * script's background job with SIGINT ignored, and HotSpot installs no handler over an
     * inherited SIG_IGN; like strace and tcpdump we take SIGINT and SIGTERM anyway and keep an
     * inherited SIG_IGN only for SIGHUP (nohup). Returns the signals that were ignored.
     */
    private List<String> installSignalHandlers() {
        List<String> ignored = new ArrayList<>();
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            Signal signal = new Signal(name);
            if (Signals.ignored(signal.getNumber())) {
                ignored.add(name);
                if (name.equals("HUP")) {
                    continue;
                }
                Signals.interruptOnly(signal.getNumber()); // no longer SIG_IGN: HotSpot's handler goes in
            }
            Signal.handle(signal, s -> requestStop("SIG" + name));
        }
        return ignored;
    }

    private void scheduleDuration() {
        if (config.durationSeconds() <= 0) {
            return;
        }
        Thread timer = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(config.durationSeconds());
                requestStop("duration");
            } catch (InterruptedException ignored) {
                // recording ended first
            }
        }, "jtrace-duration");
        timer.setDaemon(true);
        timer.start();
    }

    /** A header for a new file: processes as /proc shows them now (a launched command: as it was at exec). */
    private Header header() {
        Header.Builder h = Header.newBuilder()
                .setRunId(runId)
                .setRecorderVersion(new RecordCommand.Version().getVersion()[0])
                .setHost(hostName())
                .setKernel(firstLine("/proc/sys/kernel/osrelease"))
                .setArch(config.table().arch())
                .setPageSize(4096)
                .addAllCommandLine(config.commandLine())
                .setOptions(CaptureOptions.newBuilder().setSnaplen(config.snaplen())
                        .setTraceSet(config.traceSet().expression())
                        .addAllSyscalls(java.util.Arrays.stream(config.traceSet().numbers()).boxed().toList())
                        .setFollowForks(config.followForks()).setDropWhenBehind(config.drop()));
        h.addAllProcesses(processes.describe());
        h.addAllInterfaces(NetInterfaces.read());
        return h.build(); // TraceWriter stamps magic and format version
    }

    private static com.google.protobuf.ByteString randomRunId() {
        byte[] id = new byte[16];
        new java.security.SecureRandom().nextBytes(id);
        return com.google.protobuf.ByteString.copyFrom(id);
    }

    private static String hostName() {
        String name = firstLine("/proc/sys/kernel/hostname");
        if (!name.isEmpty()) {
            return name;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "";
        }
    }

    private static String firstLine(String path) {
        try {
            return Files.readString(Path.of(path)).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private String statusLine(Totals t, long elapsedNs) {
        return String.format(Locale.ROOT, "jtrace-record: %d syscalls recorded, %s of buffers, %d lost, %s written"
                + " to %s in %.1f s", t.syscalls(), StatusLine.size(t.capturedBytes()), t.lostRecords(), StatusLine.size(t.bytesWritten()),
                config.output().toStdout() ? "stdout" : config.output().path(), elapsedNs / 1e9);
    }

    /** A failure of the recording itself; its message is the user's one line. */
    static final class RecorderException extends Exception {
        RecorderException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
