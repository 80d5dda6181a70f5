package io.jtrace.recorder.inject;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * strace's poke_enter= and poke_exit= (src/poke.c): bytes written into the tracee's memory where a
 * syscall argument points, at the call's entry stop (before the kernel reads it) or its exit stop
 * (after the kernel wrote it). {@code @argN=HEX,...}: N from 1 to 7, an even number of hex digits,
 * at most 1024 bytes.
 *
 * @param enter what to write at entry, one {@link Poke} per argument
 * @param exit  what to write at exit
 */
public record Pokes(List<Poke> enter, List<Poke> exit) {
    public static final Pokes NONE = new Pokes(List.of(), List.of());
    private static final int MAX_BYTES = 1024;

    /** {@code data} written at the address argument {@code arg} (from 1) holds. */
    public record Poke(int arg, byte[] data) {
    }

    public boolean isEmpty() {
        return enter.isEmpty() && exit.isEmpty();
    }

    /** Adds the payloads of a poke_enter= ({@code atEntry}) or poke_exit= value; null when it is not valid or repeats. */
    Pokes with(String value, boolean atEntry) {
        if ((atEntry ? enter : exit).size() > 0 || value.isEmpty()) {
            return null;
        }
        List<Poke> pokes = new ArrayList<>();
        for (String token : value.split(",")) {
            if (token.isEmpty()) {
                continue; // strtok skips empty tokens
            }
            if (!token.startsWith("@arg") || token.length() < 7 || token.charAt(4) < '1' || token.charAt(4) > '7'
                    || token.charAt(5) != '=') {
                return null;
            }
            String hex = token.substring(6);
            if (hex.isEmpty() || hex.length() % 2 != 0 || hex.length() > 2 * MAX_BYTES) {
                return null;
            }
            byte[] data;
            try {
                data = HexFormat.of().parseHex(hex);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int arg = token.charAt(4) - '0';
            if (pokes.stream().anyMatch(p -> p.arg() == arg)) {
                return null; // strace's poke_add refuses a duplicate
            }
            pokes.add(new Poke(arg, data));
        }
        if (pokes.isEmpty()) {
            return null;
        }
        return atEntry ? new Pokes(List.copyOf(pokes), exit) : new Pokes(enter, List.copyOf(pokes));
    }
}
