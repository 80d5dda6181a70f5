package io.jtrace.analyzer.diff;

import io.jtrace.analyzer.fds.FdStats;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fds level: a line per fd generation from the {@code fds} view's table, without what varies between runs of one
 * program: fd numbers, call counts (they follow the read boundaries), EAGAIN counts and times. The client's end of a
 * TCP connection has its port masked; a listening port stays (numbered when ephemeral).
 */
final class FdLines {
    private static final Pattern PORT = Pattern.compile(":(\\d+)$");

    private FdLines() {
    }

    static void add(List<FdStats> rows, ThreadNames names, DiffOptions options, Groups groups) throws IOException {
        // a socket with a local end and no peer listened (or bound): its port is a service's
        Set<String> listening = new HashSet<>();
        for (FdStats s : rows) {
            if (s.peer() == null && s.local() != null && port(s.local()) != null) {
                listening.add(port(s.local()));
            }
        }
        boolean sizes = !options.ignores(DiffOptions.Field.SIZE);
        long n = 0;
        for (FdStats s : rows) {
            String local = s.local();
            String peer = s.peer();
            if (peer != null && local != null) {
                if (listening.contains(port(local))) {
                    peer = masked(peer, options);
                } else {
                    local = masked(local, options);
                }
            }
            String line = "[" + names.process(s.pid()) + "] " + s.kind() + " " + (local == null ? "-" : local)
                    + (peer == null ? "" : " -> " + peer)
                    + "  in " + (sizes ? s.bytesIn() : "*") + " B  out " + (sizes ? s.bytesOut() : "*") + " B"
                    + "  errors " + s.errors() + (s.protocol() == null ? "" : "  " + s.protocol());
            groups.add(n++, null, line);
        }
    }

    private static String port(String endpoint) {
        Matcher m = PORT.matcher(endpoint);
        return m.find() ? m.group(1) : null;
    }

    private static String masked(String endpoint, DiffOptions options) {
        Matcher m = PORT.matcher(endpoint);
        return m.find() && options.ephemeral(Integer.parseInt(m.group(1)))
                ? endpoint.substring(0, m.start()) + ":*" : endpoint;
    }
}
