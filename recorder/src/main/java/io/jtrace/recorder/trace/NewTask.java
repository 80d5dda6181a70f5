package io.jtrace.recorder.trace;

/**
 * A task the tracer now follows.
 *
 * @param parentTid  thread whose clone/fork created it; 0 when unknown or found at attach
 * @param cloneFlags the clone flags, when the creating call was seen (fork: SIGCHLD)
 * @param newProcess a new thread group (fork), not a thread
 * @param attached   it existed before the tracer attached
 */
public record NewTask(int tid, int pid, int parentTid, long cloneFlags, boolean newProcess, boolean attached,
                      long timeNanos) {
}
