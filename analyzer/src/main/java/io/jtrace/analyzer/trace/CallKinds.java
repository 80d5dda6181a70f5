package io.jtrace.analyzer.trace;

/**
 * What the state does with a syscall's records, found by name once per syscall number, so that the
 * path every record takes tests bits rather than sets of names. A slot keeps the name it was
 * found for (the syscall table's own String): an event named otherwise is looked up again.
 */
final class CallKinds {
    /** The state reads the record beyond the probed fds ({@link TraceState#reads}). */
    static final int READS_STATE = 1;
    static final int CONNECT = 2;
    static final int ACCEPT = 4;

    private final int[] kinds = new int[1024];
    private final String[] names = new String[1024];

    /** The kind bits of a syscall event. */
    int of(Event e) {
        int nr = e.syscall().getNr();
        String name = e.name();
        if (nr < 0 || nr >= kinds.length) {
            return kindOf(name);
        }
        if (names[nr] != name) {
            kinds[nr] = kindOf(name);
            names[nr] = name;
        }
        return kinds[nr];
    }

    private static int kindOf(String name) {
        return (TraceState.reads(name) ? READS_STATE : 0)
                | (name.equals("connect") ? CONNECT : 0)
                | (name.equals("accept") || name.equals("accept4") ? ACCEPT : 0);
    }
}
