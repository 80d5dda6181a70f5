package io.jtrace.analyzer.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Which arguments of a syscall are fds, and whether it returns one, from the decoder table. */
public final class FdPositions {
    private static final int[] NONE = {};
    private static final Map<String, int[]> CACHE = new ConcurrentHashMap<>();
    private static final int F_DUPFD = 0;
    private static final int F_DUPFD_CLOEXEC = 1030;

    private FdPositions() {
    }

    public static int[] of(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            Decoders.Decoder d = Decoders.forName(n);
            if (d == null) {
                return NONE;
            }
            List<Integer> fds = new ArrayList<>();
            for (int i = 0; i < d.args().length; i++) {
                if (d.args()[i].isFd()) {
                    fds.add(i);
                }
            }
            return fds.stream().mapToInt(Integer::intValue).toArray();
        });
    }

    /** True when a successful call returns an fd ({@code arg1}: fcntl's command). */
    public static boolean returnsFd(String name, long arg1) {
        Decoders.Decoder d = Decoders.forName(name);
        if (d == null) {
            return false;
        }
        if (name.equals("fcntl")) {
            return arg1 == F_DUPFD || arg1 == F_DUPFD_CLOEXEC;
        }
        return d.ret() == Decoders.NEW_FD || d.ret() == Decoders.DUP_FD;
    }
}
