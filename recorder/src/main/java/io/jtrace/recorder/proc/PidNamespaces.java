package io.jtrace.recorder.proc;

import io.jtrace.format.proto.TaskPids;
import io.jtrace.format.syscalls.SyscallTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ids of tasks that live in another pid namespace than the recorder (a container, unshare
 * --pid): their tid, tgid, pgid and sid in each namespace from the recorder's down, so that the
 * analyzer can show a pid a syscall passes in the caller's namespace as the recorder's number
 * (strace --pidns-translation). Tracer thread: a task is checked once (one readlink); a task of the
 * recorder's namespace then costs an array look-up per recorded syscall. FORMAT.md "Pid namespaces".
 */
public final class PidNamespaces {
    /** The value of a task of the recorder's namespace (or one that could not be read). */
    private static final int OURS = -1;

    private final String ours;
    /** Ids of the namespaces above the recorder's that /proc lists first; -1: /proc shows no ids of ours. */
    private final int procLevels;
    private final int setsid;
    private final int setpgid;
    /** Bumped by a successful setsid/setpgid: tasks told before are told again (their groups may have changed). */
    private int generation = 1;
    /** tid to OURS or the generation its ids were told in; a direct-mapped cache before the map. */
    private final Map<Integer, Integer> tasks = new HashMap<>();
    private final int[] cacheTid = new int[1024];
    private final int[] cacheValue = new int[1024];

    PidNamespaces(String ours, int procLevels, int setsid, int setpgid) {
        this.ours = ours;
        this.procLevels = procLevels;
        this.setsid = setsid;
        this.setpgid = setpgid;
    }

    /** The recorder's namespace and /proc's, as /proc/self shows them. */
    public static PidNamespaces fromProc(SyscallTable table) {
        String ours = ProcessSnapshot.readLink(Path.of("/proc/self/ns/pid")).orElse("");
        return new PidNamespaces(ours, ours.isEmpty() ? -1 : ProcPids.levels(), table.number("setsid"), table.number("setpgid"));
    }

    /**
     * At a recorded syscall's exit: the ids of its task to queue before its record, when the task is
     * of another namespace and has not told them since the last group change; else null.
     */
    public TaskPids due(int tid, int pid, int nr, long ret) {
        if ((nr == setsid || nr == setpgid) && ret >= 0 && ret < 0x7fffffffL) {
            generation++;
        }
        int slot = tid & (cacheTid.length - 1);
        int value;
        if (cacheTid[slot] == tid && tid != 0) {
            value = cacheValue[slot];
        } else {
            Integer known = tasks.get(tid);
            value = known == null ? 0 : known;
        }
        if (value == OURS || value == generation) {
            remember(tid, slot, value);
            return null;
        }
        TaskPids ids = read(tid, pid);
        remember(tid, slot, ids == null ? OURS : generation);
        return ids;
    }

    /** The task exited: its tid may come back as another task's. */
    public void forget(int tid) {
        tasks.remove(tid);
        int slot = tid & (cacheTid.length - 1);
        if (cacheTid[slot] == tid) {
            cacheTid[slot] = 0;
        }
    }

    private void remember(int tid, int slot, int value) {
        if (cacheTid[slot] != tid || cacheValue[slot] != value) {
            tasks.put(tid, value);
            cacheTid[slot] = tid;
            cacheValue[slot] = value;
        }
    }

    /** The task's ids, or null when it is of our namespace (or gone, or /proc cannot tell). */
    private TaskPids read(int tid, int pid) {
        if (procLevels < 0) {
            return null;
        }
        int procTid = procLevels == 0 ? tid : ProcPids.of(tid);
        if (procTid <= 0) {
            return null;
        }
        Path task = Path.of("/proc", Integer.toString(procTid));
        String ns = ProcessSnapshot.readLink(task.resolve("ns/pid")).orElse(null);
        if (ns == null || ns.equals(ours)) {
            return null;
        }
        List<String> status;
        try {
            status = Files.readAllLines(task.resolve("status"));
        } catch (IOException e) {
            return null;
        }
        TaskPids.Builder b = TaskPids.newBuilder().setTid(tid).setPid(pid).setPidNs(inode(ns));
        for (String line : status) {
            int colon = line.indexOf(':');
            String key = colon < 0 ? "" : line.substring(0, colon);
            if (!key.equals("NSpid") && !key.equals("NStgid") && !key.equals("NSpgid") && !key.equals("NSsid")) {
                continue;
            }
            int[] ids = ProcPids.parse(line.substring(colon + 1));
            for (int i = procLevels; i < ids.length; i++) {
                switch (key) {
                    case "NSpid" -> b.addTids(ids[i]);
                    case "NStgid" -> b.addTgids(ids[i]);
                    case "NSpgid" -> b.addPgids(ids[i]);
                    default -> b.addSids(ids[i]);
                }
            }
        }
        return b.getTidsCount() > 1 ? b.build() : null;
    }

    /** "pid:[4026531836]" to 4026531836. */
    private static long inode(String link) {
        int open = link.indexOf('[');
        int close = link.indexOf(']');
        try {
            return open >= 0 && close > open ? Long.parseLong(link.substring(open + 1, close)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
