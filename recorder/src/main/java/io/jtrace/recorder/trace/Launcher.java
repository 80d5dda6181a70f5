package io.jtrace.recorder.trace;

import static io.jtrace.recorder.ptrace.PtraceConstants.*;

import io.jtrace.recorder.ptrace.Native;
import io.jtrace.recorder.ptrace.NativeException;
import io.jtrace.recorder.ptrace.Spawn;
import io.jtrace.recorder.ptrace.WaitStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code -- CMD ARGS}: starts the command so that the tracer thread, not the JDK, is its parent.
 *
 * <p>Design: posix_spawn (through jnr-ffi, on the tracer thread) runs
 * {@code /bin/sh -c 'kill -STOP $$; exec "$0" "$@"' CMD ARGS}. The JDK never learns the pid, so
 * its process reaper (which waits on every ProcessBuilder child and would steal the ptrace stops)
 * stays away; our own wait4 uses __WNOTHREAD so it never steals the JDK's children either. The
 * shell stops itself before exec; we see that stop as its real parent (WUNTRACED), PTRACE_SEIZE
 * it, and SIGCONT it: the exec of CMD and everything after is traced from the first instruction,
 * and its exit status arrives with the tracee's death report. The command shares our stdio,
 * environment and process group (so a terminal's Ctrl-C reaches it too), and the other fds the
 * recorder inherited ({@code jtrace-record -- CMD 9>>LOG}, a socket-activated service), as it would
 * under strace: the launcher script names them in {@value #INHERITED_FDS}, since the JVM cannot
 * tell them from its own. With
 * {@code --seccomp-bpf} the trampoline gets its filter at its execve ({@link SeccompInstaller}).
 */
final class Launcher {
    private static final String TRAMPOLINE = "kill -STOP $$; exec \"$0\" \"$@\"";
    /** The system property listing the fds above 2 the recorder inherited, as "3,9" (scripts/launch). */
    static final String INHERITED_FDS = "jtrace.inheritedFds";
    /** Bounds the close actions posix_spawn runs for the fds below the highest one kept. */
    private static final int MAX_INHERITED_FD = 65536;

    private final EventLoop loop;

    Launcher(EventLoop loop) {
        this.loop = loop;
    }

    void launch(List<String> command) throws AttachException {
        if (command.isEmpty()) {
            throw new AttachException("no command to run");
        }
        // A signal the recorder inherited as ignored (a script's background job: SIGINT) is
        // handled by the recorder now; the command gets it ignored, as it would have untraced.
        String ignore = loop.options.ignoredSignals().isEmpty() ? ""
                : "trap '' " + String.join(" ", loop.options.ignoredSignals()) + "; ";
        List<String> argv = new ArrayList<>(List.of("sh", "-c", ignore + TRAMPOLINE));
        argv.addAll(command);
        int pid;
        try {
            pid = Spawn.spawn("/bin/sh", argv, System.getenv(), -1, false, inheritedFds(System.getProperty(INHERITED_FDS)));
        } catch (NativeException e) {
            throw new AttachException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        loop.ptrace.wait4(pid, WUNTRACED | WALL);
        int status = loop.ptrace.lastStatus();
        if (!WaitStatus.stopped(status)) {
            throw new AttachException("cannot start " + command.get(0) + ": /bin/sh ended before exec, status " + status);
        }
        try {
            loop.ptrace.seize(pid, loop.ptraceOptions());
        } catch (NativeException e) {
            Native.libc().kill(pid, SIGKILL); // ours and not yet the user's program
            loop.ptrace.wait4(pid, WALL);
            throw Attacher.explain(pid, e);
        }
        Tracee t = new Tracee(pid, pid);
        t.launching = true;
        loop.add(t);
        loop.launchedPid = pid;
        loop.tasks.start(t, 0, 0, false, System.nanoTime());
        // The seize turned the group-stop into a trap-stop; SIGCONT ends the group-stop so the
        // shell runs on to exec once the loop restarts it.
        Native.check(Native.libc().kill(pid, SIGCONT), "kill(" + pid + ", SIGCONT)");
        if (loop.options.seccompBpf()) {
            new SeccompInstaller(loop).installBeforeExec(t, command.get(0));
        }
    }

    /** The fds of {@value #INHERITED_FDS}: numbers above 2 separated by commas; anything else is ignored. */
    static Set<Integer> inheritedFds(String list) {
        Set<Integer> fds = new TreeSet<>();
        if (list == null) {
            return fds;
        }
        for (String s : list.split(",")) {
            try {
                int fd = Integer.parseInt(s.trim());
                if (fd > 2 && fd < MAX_INHERITED_FD) {
                    fds.add(fd);
                }
            } catch (NumberFormatException notAnFd) {
                // a hand-written property: keep the rest
            }
        }
        return fds;
    }
}
