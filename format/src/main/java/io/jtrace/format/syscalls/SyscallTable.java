package io.jtrace.format.syscalls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Syscall numbers, names, argument counts and strace classes of one architecture, so the recorder can resolve
 * {@code -e trace=} and the analyzer can name {@code Syscall.nr}. Loaded from a resource
 * ({@code syscalls/ARCH.tsv}, written by scripts/gen-syscall-table).
 */
public final class SyscallTable {
    private static final Map<String, SyscallTable> LOADED = new HashMap<>();

    private final String arch;
    private final String[] names;
    private final int[] argCounts;
    private final Map<String, Integer> numbers = new HashMap<>();
    private final Map<String, Set<Integer>> classes = new HashMap<>();

    private SyscallTable(String arch, List<String[]> rows) {
        this.arch = arch;
        int max = rows.stream().mapToInt(r -> Integer.parseInt(r[0])).max().orElse(-1);
        this.names = new String[max + 1];
        this.argCounts = new int[max + 1];
        java.util.Arrays.fill(argCounts, 6);
        for (String[] row : rows) {
            int nr = Integer.parseInt(row[0]);
            names[nr] = row[1];
            argCounts[nr] = Integer.parseInt(row[2]);
            numbers.put(row[1], nr);
            if (row.length > 3 && !row[3].isEmpty()) {
                for (String c : row[3].split(",")) {
                    classes.computeIfAbsent(c, k -> new TreeSet<>()).add(nr);
                }
            }
        }
    }

    /**
     * The table of an architecture as named in {@code Header.arch} ("x86_64").
     *
     * @throws IllegalArgumentException when the architecture is not supported
     */
    public static synchronized SyscallTable forArch(String arch) {
        SyscallTable t = LOADED.get(arch);
        if (t == null) {
            t = load(arch);
            LOADED.put(arch, t);
        }
        return t;
    }

    private static SyscallTable load(String arch) {
        InputStream in = SyscallTable.class.getResourceAsStream(arch + ".tsv");
        if (in == null || !arch.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("unsupported architecture '" + arch + "'");
        }
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SyscallTable(arch, rows);
    }

    public String arch() {
        return arch;
    }

    /** One more than the highest syscall number known. */
    public int size() {
        return names.length;
    }

    /** The name of syscall {@code nr}, or {@code syscall_0xNNN} as strace prints an unknown one. */
    public String name(int nr) {
        if (nr >= 0 && nr < names.length && names[nr] != null) {
            return names[nr];
        }
        return "syscall_0x" + Integer.toHexString(nr);
    }

    /** How many argument registers syscall {@code nr} reads (6 when unknown). */
    public int argCount(int nr) {
        return nr >= 0 && nr < argCounts.length ? argCounts[nr] : 6;
    }

    /** The number of a syscall name, or -1. */
    public int number(String name) {
        return numbers.getOrDefault(name, -1);
    }

    /** Members of a class as strace names them without the percent sign ("network", "desc"). */
    public Set<Integer> classMembers(String className) {
        return Collections.unmodifiableSet(classes.getOrDefault(className, Set.of()));
    }

    public boolean hasClass(String className) {
        return classes.containsKey(className);
    }

    /** Every known syscall name, by number. */
    public List<String> names() {
        List<String> all = new ArrayList<>();
        for (String n : names) {
            if (n != null) {
                all.add(n);
            }
        }
        return all;
    }
}
