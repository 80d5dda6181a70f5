package io.jtrace.recorder.ptrace;

/** A libc call failed: names the call, its arguments and the errno, e.g. "ptrace(PTRACE_SEIZE, 1234): EPERM (Operation not permitted)". */
public final class NativeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public NativeException(String call, int errno) {
        super(call + ": " + Errno.describe(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
