package io.jtrace.recorder.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much of a msghdr's control data is copied: what strace reads of it, the kernel's
 * {@code net.core.optmem_max} (the most ancillary data a socket accepts), read once at start.
 */
final class ControlLimit {
    /** The kernel's default before 6.9, when the sysctl cannot be read. */
    private static final int DEFAULT = 20480;
    /** Never more than this, whatever the sysctl says: one record must stay within the format's limit. */
    private static final int MAX = 1 << 20;
    static final int BYTES = read(Path.of("/proc/sys/net/core/optmem_max"));

    private ControlLimit() {
    }

    static int read(Path sysctl) {
        try {
            long value = Long.parseLong(Files.readAllLines(sysctl).get(0).trim());
            return (int) Math.max(0, Math.min(value, MAX));
        } catch (IOException | RuntimeException e) {
            return DEFAULT;
        }
    }
}
