package io.jtrace.recorder.trace;

import static io.jtrace.recorder.ptrace.PtraceConstants.*;

import io.jtrace.recorder.ptrace.Native;
import io.jtrace.recorder.ptrace.NativeException;
import io.jtrace.recorder.ptrace.Spawn;
import io.jtrace.recorder.ptrace.WaitStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * environment and process group (so a terminal's Ctrl-C reaches it too), and gets the other fds
 * jtrace-record was given, as under strace ({@code jtrace-record -- cmd 9>>/dev/full}): the launcher
 * script lists them in {@value #INHERITED_FDS}, the fds the JVM opened itself are closed. With
 * {@code --seccomp-bpf} the trampoline gets its filter at its execve ({@link SeccompInstaller}).
 */
final class Launcher {
    private static final String TRAMPOLINE = "kill -STOP $$; exec \"$0\" \"$@\"";
    /** Set by scripts/launch: the fds above 2 the recorder's JVM inherited, open on exec. */
    static final String INHERITED_FDS = "JTRACE_INHERITED_FDS";

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
            Map<String, String> env = new HashMap<>(System.getenv());
            Set<Integer> passed = inheritedFds(env.remove(INHERITED_FDS));
            pid = Spawn.spawn("/bin/sh", argv, env, -1, false, passed);
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

    /** The fd numbers of {@value #INHERITED_FDS} (space-separated); none when unset or malformed. */
    static Set<Integer> inheritedFds(String list) {
        Set<Integer> fds = new HashSet<>();
        if (list != null) {
            for (String t : list.trim().split("\\s+")) {
                try {
                    fds.add(Integer.parseInt(t));
                } catch (NumberFormatException e) {
                    return Set.of();
                }
            }
        }
        fds.removeIf(fd -> fd <= 2);
        return fds;
    }
}
