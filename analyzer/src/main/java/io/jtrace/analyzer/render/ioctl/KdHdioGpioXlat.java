package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.render.Flags;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * strace's constant tables of the kd, hdio and gpio decoders (src/xlat/*.in with this machine's
 * kernel header values), from xlat-kd-hdio-gpio.tsv (scripts/gen-ioctl-xlat-kd-hdio-gpio), in strace's order.
 */
final class KdHdioGpioXlat {
    private static final Map<String, List<Object>> TABLES = load();

    private KdHdioGpioXlat() {
    }

    /** The table strace calls {@code name}, a value outside it named {@code unknown} ("LED_???"). */
    static Flags table(String name, String unknown) {
        List<Object> pairs = TABLES.get(name);
        if (pairs == null) {
            throw new IllegalArgumentException("no xlat table " + name);
        }
        return Flags.of(unknown, pairs.toArray());
    }

    private static Map<String, List<Object>> load() {
        Map<String, List<Object>> tables = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                KdHdioGpioXlat.class.getResourceAsStream("xlat-kd-hdio-gpio.tsv"), StandardCharsets.UTF_8))) {
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
        return tables;
    }
}
