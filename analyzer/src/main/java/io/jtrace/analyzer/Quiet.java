package io.jtrace.analyzer;

import io.jtrace.analyzer.error.UsageException;
import io.jtrace.analyzer.render.RenderOptions;
import java.util.List;

/** strace's --quiet=SET (and -q, -qq, -qqq): which of strace's messages are not printed. */
final class Quiet {
    private static final List<String> NAMES = List.of("attach", "exit", "exits", "path-resolution", "personality",
            "superseded", "thread-execve");

    private Quiet() {
    }

    /**
     * Takes strace's {@code -e quiet=SET} (also silent=, silence=, q=) out of the -e expressions,
     * which the filters parse, and returns the last one's set, or null when there is none.
     */
    static String qualifier(List<String> expressions) {
        String set = null;
        for (var i = expressions.iterator(); i.hasNext(); ) {
            String e = i.next();
            int eq = e.indexOf('=');
            String kind = eq < 0 ? "" : e.substring(0, eq);
            if (kind.equals("quiet") || kind.equals("silent") || kind.equals("silence") || kind.equals("q")) {
                set = e.substring(eq + 1);
                i.remove();
            }
        }
        return set;
    }

    /** The set of the last -e KIND=SET of these kinds, taken out of the expressions (display options, not filters); null when none. */
    static String take(List<String> expressions, String... kinds) {
        String set = null;
        for (var i = expressions.iterator(); i.hasNext(); ) {
            String e = i.next();
            int eq = e.indexOf('=');
            if (eq > 0 && java.util.Arrays.asList(kinds).contains(e.substring(0, eq))) {
                set = e.substring(eq + 1);
                i.remove();
            }
        }
        return set;
    }

    /** Sets the options' quiet flags from a set: names separated by commas, all or none, a leading ! negates. */
    static void apply(String set, RenderOptions o) {
        boolean negate = set.startsWith("!");
        String body = negate ? set.substring(1) : set;
        boolean exit = false;
        boolean superseded = false;
        for (String name : body.split(",", -1)) {
            switch (name) {
                case "all" -> {
                    exit = true;
                    superseded = true;
                }
                case "none" -> {
                }
                case "exit", "exits" -> exit = true;
                case "superseded", "thread-execve" -> superseded = true;
                default -> {
                    if (!NAMES.contains(name)) {
                        throw new UsageException("invalid --quiet value '" + name + "' (attach, exit, "
                                + "path-resolution, personality, thread-execve, all or none)");
                    }
                }
            }
        }
        o.quietExit = exit != negate;
        o.quietSuperseded = superseded != negate;
    }
}
