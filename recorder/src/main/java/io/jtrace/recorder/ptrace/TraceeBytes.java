package io.jtrace.recorder.ptrace;

/**
 * Bytes copied from a tracee: {@code length} is what the syscall argument said, {@code data} the
 * part that was kept and readable; {@code errno} is non-zero when nothing could be read.
 */
public record TraceeBytes(long address, long length, byte[] data, int errno) {
    public boolean failed() {
        return errno != 0;
    }
}
