package io.jtrace.analyzer.filter;

import io.jtrace.analyzer.error.UsageException;
import io.jtrace.analyzer.trace.Event;
import java.util.function.Predicate;

/**
 * strace's -e status=SET (--status=SET): which syscalls print by how they ended: successful,
 * failed, unfinished (the recording ended or the task was detached while the call was in the
 * kernel: {@code <unfinished ...>}), unavailable (no return value: {@code = ?}, exit and exit_group,
 * or a task killed in the call), detached (jtrace never detaches mid-call: none); all, none, ! negates.
 */
final class StatusSet {
    private static final int SUCCESSFUL = 1;
    private static final int FAILED = 2;
    private static final int UNFINISHED = 4;
    private static final int UNAVAILABLE = 8;
    private static final int DETACHED = 16;
    private static final int ALL = 31;

    private StatusSet() {
    }

    /** The syscalls the set keeps (other records pass). */
    static Predicate<Event> of(String set) {
        boolean negated = set.startsWith("!");
        int bits = 0;
        for (String item : (negated ? set.substring(1) : set).split(",", -1)) {
            bits |= switch (item.trim()) {
                case "successful" -> SUCCESSFUL;
                case "failed" -> FAILED;
                case "unfinished" -> UNFINISHED;
                case "unavailable" -> UNAVAILABLE;
                case "detached" -> DETACHED;
                case "all" -> ALL;
                case "none" -> 0;
                default -> throw new UsageException("invalid status '" + item
                        + "' (successful, failed, unfinished, unavailable, detached, all or none)");
            };
        }
        int kept = negated ? ALL & ~bits : bits;
        return e -> !e.isSyscall() || (status(e) & kept) != 0;
    }

    private static int status(Event e) {
        if (e.syscall().getUnfinished()) {
            return neverReturns(e.name()) ? UNAVAILABLE : UNFINISHED;
        }
        return e.failed() ? FAILED : SUCCESSFUL;
    }

    private static boolean neverReturns(String name) {
        return name.equals("exit") || name.equals("exit_group");
    }
}
