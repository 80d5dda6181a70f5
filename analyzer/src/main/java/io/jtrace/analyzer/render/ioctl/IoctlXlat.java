package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.render.Flags;
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
 * strace's constant tables of the ioctl families decoded (src/xlat/*.in with this machine's kernel
 * header values), as {@link Flags} in strace's order: xlat.tsv (scripts/gen-ioctl-xlat),
 * xlat-kd-hdio-gpio.tsv (scripts/gen-ioctl-xlat-kd-hdio-gpio) and
 * xlat-kvm.tsv (scripts/gen-ioctl-xlat-kvm).
 */
final class IoctlXlat {
    private static final Map<String, List<Object>> TABLES = load();

    private IoctlXlat() {
    }

    private static Map<String, List<Object>> load() {
        Map<String, List<Object>> tables = new HashMap<>();
        for (String file : new String[] {"xlat.tsv", "xlat-kd-hdio-gpio.tsv", "xlat-kvm.tsv"}) {
            load(file, tables);
        }
        return tables;
    }

    private static void load(String file, Map<String, List<Object>> tables) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                IoctlXlat.class.getResourceAsStream(file), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                List<Object> t = tables.computeIfAbsent(f[0], k -> new ArrayList<>());
                t.add(f[1]);
                t.add(Long.parseUnsignedLong(f[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Table {@code name} ("v4l2_buf_types"); {@code unknown} names a value not in it ("V4L2_BUF_TYPE_???"). */
    static Flags table(String name, String unknown) {
        return Flags.of(unknown, TABLES.getOrDefault(name, List.of()).toArray());
    }

    /** The table's values in strace's order. */
    static long[] values(String name) {
        List<Object> t = TABLES.getOrDefault(name, List.of());
        long[] v = new long[t.size() / 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = (Long) t.get(2 * i + 1);
        }
        return v;
    }

    /** The table's names in strace's order. */
    static String[] names(String name) {
        List<Object> t = TABLES.getOrDefault(name, List.of());
        String[] n = new String[t.size() / 2];
        for (int i = 0; i < n.length; i++) {
            n[i] = (String) t.get(2 * i);
        }
        return n;
    }
}
