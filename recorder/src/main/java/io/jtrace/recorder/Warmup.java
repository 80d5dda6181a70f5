package io.jtrace.recorder;

import io.jtrace.format.proto.Record;
import io.jtrace.format.syscalls.SyscallTable;
import io.jtrace.recorder.ptrace.Native;

/**
 * Start-up work that does not depend on the command line, begun on a second thread while picocli
 * parses it on the main thread: binding libc through jnr-ffi (it generates and loads its call
 * stubs), loading zstd-jni's native library, the protobuf classes and the syscall table. Each is
 * a class initialisation, so a main thread that needs one before it is done waits for it, as it
 * would have waited for its own; nothing here has an effect beyond loading code. On two cores
 * this takes the libc binding, the largest single cost after picocli's, off the path to the first
 * PTRACE_SEIZE (BENCHMARKS.md, "Start-up and attach").
 *
 * <p>A failure here is left for the main thread to meet and report where it would have anyway.
 * {@code -Djtrace.warmup=false} (in JAVA_OPTS) turns it off, for measuring what it saves.
 */
final class Warmup {
    private Warmup() {
    }

    static void start() {
        if (!Boolean.parseBoolean(System.getProperty("jtrace.warmup", "true"))) {
            return;
        }
        Thread t = new Thread(Warmup::run, "jtrace-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        try {
            Native.libc();
            Record.getDefaultInstance();
            Class.forName("com.github.luben.zstd.ZstdOutputStream", true, Warmup.class.getClassLoader());
            SyscallTable.forArch(RecorderConfig.arch());
        } catch (Throwable e) {
            // the main thread meets the same failure where it needs the code, and says so
        }
    }
}
