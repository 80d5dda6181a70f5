package io.jtrace.analyzer.render.netlink;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Formats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * strace's constant tables for netlink (src/xlat/*.in, with this machine's kernel header values), from
 * xlat.tsv (scripts/gen-netlink-tables), printed as strace's printxval and printflags print them.
 */
public final class Xlat {
    private static final Map<String, Xlat> TABLES = load();

    private final List<String> names = new ArrayList<>();
    private final List<Long> values = new ArrayList<>();

    private Xlat() {
    }

    private static Map<String, Xlat> load() {
        Map<String, Xlat> tables = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Xlat.class.getResourceAsStream("xlat.tsv"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                Xlat t = tables.computeIfAbsent(f[0], k -> new Xlat());
                t.names.add(f[1]);
                t.values.add(Long.parseUnsignedLong(f[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    /** A table by strace's name for it ("nl_route_types"); an empty one when not known. */
    public static Xlat table(String name) {
        return TABLES.getOrDefault(name, new Xlat());
    }

    /** The name of {@code value} in table {@code table}, or null. */
    public static String name(String table, long value) {
        return table(table).name(value);
    }

    public String name(long value) {
        int i = values.indexOf(value);
        return i < 0 ? null : names.get(i);
    }

    /** The value of constant {@code name} in this table, or -1 when it has none. */
    long valueOf(String name) {
        int i = names.indexOf(name);
        return i < 0 ? -1 : values.get(i);
    }

    /** printxval: the name, else the value in hex with {@code /* dflt *}{@code /}. */
    public void value(LineBuffer out, long value, String dflt) {
        String n = name(value);
        if (n != null) {
            out.append(n);
        } else {
            Formats.hex(out, value);
            if (dflt != null) {
                out.append(" /* ").append(dflt).append(" */");
            }
        }
    }

    /** printxval_d: the name, else the value in decimal with {@code /* dflt *}{@code /}. */
    public void decimal(LineBuffer out, long value, String dflt) {
        String n = name(value);
        if (n != null) {
            out.append(n);
        } else {
            out.append(value);
            if (dflt != null) {
                out.append(" /* ").append(dflt).append(" */");
            }
        }
    }

    /**
     * printflags_ex over several tables in turn: the set flags' names joined by '|', the rest in
     * hex; "0" (or the name of 0) for none; a value none of whose bits has a name gets {@code /* dflt *}{@code /}.
     */
    public static void flags(LineBuffer out, long value, String dflt, Xlat... tables) {
        if (value == 0) {
            String zero = null;   // a table's own name for 0 (NUD_NONE), as printflags_ex prints it
            for (int i = 0; i < tables.length && zero == null; i++) {
                zero = tables[i] == null ? null : tables[i].name(0);
            }
            out.append(zero != null ? zero : "0");
            return;
        }
        long rest = value;
        boolean any = false;
        for (Xlat t : tables) {
            if (t == null) {
                continue;
            }
            for (int i = 0; i < t.values.size(); i++) {
                long v = t.values.get(i);
                if (v != 0 && (rest & v) == v) {
                    if (any) {
                        out.append('|');
                    }
                    out.append(t.names.get(i));
                    rest &= ~v;
                    any = true;
                }
            }
        }
        if (rest != 0) {
            if (any) {
                out.append('|');
            }
            Formats.hex(out, rest);
            if (!any && dflt != null) {
                out.append(" /* ").append(dflt).append(" */");
            }
        }
    }
}
