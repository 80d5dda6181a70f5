package io.jtrace.analyzer;

import io.jtrace.format.proto.Record;
import io.jtrace.format.syscalls.SyscallTable;

/**
 * Start-up work that does not depend on the command line, begun on a second thread while picocli
 * parses it on the main thread, as the recorder's own warm-up does: zstd-jni's native library,
 * the protobuf classes with their descriptors, the syscall table and, for the default view (no
 * view named), the renderer's tables. Each is a class initialisation, so a main thread that needs
 * one before it is done waits for it, as it would have waited for its own; nothing here has an
 * effect beyond loading code (BENCHMARKS.md, "Start-up").
 *
 * <p>A failure here is left for the main thread to meet and report where it would have anyway.
 * {@code -Djtrace.warmup=false} (in JAVA_OPTS) turns it off, for measuring what it saves.
 */
final class Warmup {
    /** What the warm-up met, for the main thread's message: a class whose initialisation failed fails again without its reason. */
    private static volatile Throwable failure;

    private Warmup() {
    }

    static Throwable failure() {
        return failure;
    }

    static void start(boolean defaultView) {
        if (!Boolean.parseBoolean(System.getProperty("jtrace.warmup", "true"))) {
            return;
        }
        Thread t = new Thread(() -> run(defaultView), "jtrace-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void run(boolean defaultView) {
        try {
            ClassLoader loader = Warmup.class.getClassLoader();
            Class.forName("com.github.luben.zstd.Zstd", true, loader);
            Record.getDefaultInstance();
            SyscallTable.forArch("x86_64");
            if (defaultView) {
                Class.forName("io.jtrace.analyzer.render.LineRenderer", true, loader);
            }
        } catch (Throwable e) {
            // the main thread meets the same failure where it needs the code, and says so
            failure = e;
        }
    }
}
