package io.jtrace.analyzer.trace;

import io.jtrace.format.proto.TaskPids;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ids tasks of other pid namespaces have there, from the recorder's TaskPids records (format
 * 1.4): a pid a syscall passes or returns is a number of the caller's namespace, and this gives the
 * recorder's number for it, as strace's translate_pid does by reading /proc (src/pidns.c).
 */
public final class PidNamespaceIds {
    /** strace's enum pid_type. */
    public enum Type {
        TID, TGID, PGID, SID
    }

    /** Each told task's namespace inode. */
    private final Map<Integer, Long> nsOfTid = new HashMap<>();
    /** Per type: namespace inode to (id there to the recorder's id). */
    private final Map<Long, Map<Integer, Integer>>[] ids;

    @SuppressWarnings("unchecked")
    PidNamespaceIds() {
        ids = new Map[Type.values().length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = new HashMap<>();
        }
    }

    void add(TaskPids p) {
        nsOfTid.put(p.getTid(), p.getPidNs());
        put(Type.TID, p.getPidNs(), p.getTidsList());
        put(Type.TGID, p.getPidNs(), p.getTgidsList());
        put(Type.PGID, p.getPidNs(), p.getPgidsList());
        put(Type.SID, p.getPidNs(), p.getSidsList());
    }

    /** The task exited: its tid may come back as a task of another namespace (its ids stay: a group outlives it). */
    void forget(int tid) {
        nsOfTid.remove(tid);
    }

    private void put(Type type, long ns, List<Integer> list) {
        if (list.size() < 2 || list.get(0) == 0 || list.get(list.size() - 1) == 0) {
            return; // the group is not visible in one of the two namespaces
        }
        ids[type.ordinal()].computeIfAbsent(ns, k -> new HashMap<>()).put(list.get(list.size() - 1), list.get(0));
    }

    /**
     * The recorder's number for {@code id}, a number of task {@code tid}'s namespace: {@code id}
     * itself when the task shares the recorder's namespace, 0 when it names no task known.
     */
    public int translate(int tid, int id, Type type) {
        if (id <= 0) {
            return 0;
        }
        Long ns = nsOfTid.get(tid);
        if (ns == null) {
            return id;
        }
        Map<Integer, Integer> there = ids[type.ordinal()].get(ns);
        Integer ours = there == null ? null : there.get(id);
        return ours == null ? 0 : ours;
    }
}
