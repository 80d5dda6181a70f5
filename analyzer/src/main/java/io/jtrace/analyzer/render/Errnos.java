package io.jtrace.analyzer.render;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** errno names and glibc messages, from errno.tsv (scripts/gen-errno-table). */
public final class Errnos {
    private static final int MAX = 1024;
    private static final String[] NAMES = new String[MAX];
    private static final String[] MESSAGES = new String[MAX];

    static {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Errnos.class.getResourceAsStream("errno.tsv"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", 3);
                int nr = Integer.parseInt(f[0]);
                NAMES[nr] = f[1];
                MESSAGES[nr] = f[2];
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Errnos() {
    }

    /** "ECONNREFUSED", or null for a number no header names. */
    public static String name(long errno) {
        return errno > 0 && errno < MAX ? NAMES[(int) errno] : null;
    }

    /** strace's print_err: an errno value in a structure, its name as the line's {@link ConstStyle} asks. */
    public static void print(io.jtrace.analyzer.output.LineBuffer out, long errno) {
        ConstStyle.value(out, errno, false, name(errno), null);
    }

    /**
     * strace's print_err for a negated errno in a structure ({@code error=-ENOSR}): the name with
     * its minus sign, the number, or both, as the line's {@link ConstStyle} asks.
     */
    public static void printNegated(io.jtrace.analyzer.output.LineBuffer out, long err) {
        String name = name(-err);
        ConstStyle style = ConstStyle.current();
        if (name == null || style != ConstStyle.ABBREV) {
            out.append(err);
        }
        if (name == null || style == ConstStyle.RAW) {
            return;
        }
        if (style == ConstStyle.ABBREV) {
            out.append('-').append(name);
        } else {
            ConstStyle.comment(out, "-" + name);
        }
    }

    public static String message(long errno) {
        return errno > 0 && errno < MAX ? MESSAGES[(int) errno] : null;
    }

    /** The kernel-internal restart codes that ptrace shows at exit, printed by strace as "= ?". */
    public static boolean restart(long errno) {
        return errno >= 512 && errno <= 516;
    }

    /** Errors are returned as -1..-4095 (the kernel's MAX_ERRNO). */
    public static boolean isError(long ret) {
        return ret < 0 && ret >= -4095;
    }
}
