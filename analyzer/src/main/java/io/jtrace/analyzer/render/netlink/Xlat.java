package io.jtrace.analyzer.render.netlink;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.ConstStyle;
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

    /** printxval: the name, else the value in hex with {@code /* dflt *}{@code /}; in the line's {@link ConstStyle}. */
    public void value(LineBuffer out, long value, String dflt) {
        ConstStyle.value(out, value, true, name(value), dflt);
    }

    /** printxval_d: the name, else the value in decimal with {@code /* dflt *}{@code /}. */
    public void decimal(LineBuffer out, long value, String dflt) {
        ConstStyle.value(out, value, false, name(value), dflt);
    }

    /**
     * printflags_ex over several tables in turn: the set flags' names joined by '|', the rest in
     * hex; "0" (or a table's name for 0, NUD_NONE) for none; a value none of whose bits has a name gets
     * {@code /* dflt *}{@code /}. -X raw prints the number, -X verbose the number with the names in a comment.
     */
    public static void flags(LineBuffer out, long value, String dflt, Xlat... tables) {
        ConstStyle style = ConstStyle.current();
        if (style == ConstStyle.RAW) {
            Formats.hex(out, value);
            return;
        }
        if (value == 0) {
            String zero = null;   // a table's own name for 0, as printflags_ex prints it
            for (int i = 0; i < tables.length && zero == null; i++) {
                zero = tables[i] == null ? null : tables[i].name(0);
            }
            out.append(zero == null || style == ConstStyle.VERBOSE ? "0" : "");
            if (zero != null) {
                out.append(style == ConstStyle.VERBOSE ? " /* " + zero + " */" : zero);
            }
            return;
        }
        boolean verbose = style == ConstStyle.VERBOSE;
        if (verbose) {
            Formats.hex(out, value);
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
                    out.append(any ? "|" : verbose ? " /* " : "");
                    out.append(t.names.get(i));
                    rest &= ~v;
                    any = true;
                }
            }
        }
        if (!any) {
            if (!verbose) {
                Formats.hex(out, rest);
            }
            ConstStyle.comment(out, dflt);
            return;
        }
        if (rest != 0) {
            Formats.hex(out.append('|'), rest);
        }
        if (verbose) {
            out.append(" */");
        }
    }
}
