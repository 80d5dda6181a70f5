package io.jtrace.recorder.trace;

import io.jtrace.recorder.ptrace.WaitStatus;

/** How a task ended: an exit code, or a terminating signal. */
public record ExitStatus(int code, int signal, boolean coreDumped) {
    static ExitStatus fromWaitStatus(int status) {
        if (WaitStatus.exited(status)) {
            return new ExitStatus(WaitStatus.exitStatus(status), 0, false);
        }
        return new ExitStatus(0, WaitStatus.termSignal(status), WaitStatus.coreDumped(status));
    }

    /** The status a shell reports: the code, or 128 + signal. */
    public int shellStatus() {
        return signal != 0 ? 128 + signal : code;
    }
}
