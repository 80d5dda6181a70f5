package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import io.jtrace.analyzer.render.Quote;

/** The keymap requests of strace's kd_ioctl.c: struct kbentry (KDGKBENT, KDSKBENT) and kbsentry (KDGKBSENT, KDSKBSENT). */
final class KdKeys {
    private static final Flags TABLES = IoctlXlat.table("kd_key_tables", null);
    private static final Flags KEYMAP_FLAGS = IoctlXlat.table("kd_keymap_flags", "K_???");
    private static final Flags TYPES = IoctlXlat.table("kd_key_types", null);
    /** The key names by key type (KTYP), as kd_kbd_entry's xlat_tables: null where strace has none. */
    private static final Flags[] KEYS_BY_TYPE = {
        null, IoctlXlat.table("kd_key_fn_keys", null), IoctlXlat.table("kd_key_spec_keys", null),
        IoctlXlat.table("kd_key_pad_keys", null), IoctlXlat.table("kd_key_dead_keys", null), null,
        IoctlXlat.table("kd_key_cur_keys", null), IoctlXlat.table("kd_key_shift_keys", null), null,
        IoctlXlat.table("kd_key_ascii_keys", null), IoctlXlat.table("kd_key_lock_keys", null), null,
        IoctlXlat.table("kd_key_slock_keys", null), null, IoctlXlat.table("kd_key_brl_keys", null),
    };
    private static final int KT_LATIN = 0;
    private static final int KT_META = 8;
    private static final int KT_LETTER = 11;
    private static final int KT_DEAD2 = 13;
    private static final int KB_STRING = 512;

    private KdKeys() {
    }

    /** {kb_table, kb_index} at entry; kb_value from entry (set) or exit (get), "???" when not readable. */
    static void entry(IoctlCall c, LineBuffer out, boolean get) {
        out.append(", ");
        byte[] in = c.address() == 0 ? null : c.entryBytes();
        if (in == null || in.length < 2) {
            c.address(out);
            return;
        }
        int table = in[0] & 0xff;
        out.append("{kb_table=");
        if (TABLES.name(table) != null) {
            TABLES.hexValue(out, table);
        } else {
            KEYMAP_FLAGS.flags(out, table);
        }
        out.append(", kb_index=").append(in[1] & 0xff);
        if (get && c.unfinished()) {
            return;
        }
        if (!get || !c.failed()) {
            byte[] b = get ? c.exitBytes() : in;
            out.append(", kb_value=");
            if (b == null || b.length < 4) {
                out.append("???");
            } else {
                value(out, (b[2] & 0xff) | (b[3] & 0xff) << 8);
            }
        }
        out.append('}');
    }

    /** kb_value in hex with the key's name (or K(type, value)) in a comment. */
    private static void value(LineBuffer out, int v) {
        Formats.hex(out, v);
        if (ConstStyle.current() == ConstStyle.RAW) {
            return;
        }
        int type = v >> 8;
        int val = v & 0xff;
        String name = type < KEYS_BY_TYPE.length && KEYS_BY_TYPE[type] != null ? KEYS_BY_TYPE[type].name(v) : null;
        if (name != null) {
            ConstStyle.comment(out, name);
            return;
        }
        out.append(" /* K(");
        ConstStyle.abbrev(out, o -> TYPES.hexValue(o, type));
        out.append(", ");
        if (type == KT_LATIN || type == KT_META || type == KT_LETTER || type == KT_DEAD2) {
            quotedChar(out, val);
        } else {
            Formats.hex(out, val);
        }
        out.append(") */");
    }

    /** {kb_func} at entry; kb_string from entry (set) or exit (get). */
    static void stringEntry(IoctlCall c, LineBuffer out, boolean get) {
        out.append(", ");
        byte[] in = c.address() == 0 ? null : c.entryBytes();
        if (in == null || in.length < 1) {
            c.address(out);
            return;
        }
        out.append("{kb_func=");
        Kd.fnKeyVal(out, in[0] & 0xff);
        if (get && (c.failed() || c.unfinished())) {
            if (!c.unfinished()) {
                out.append('}');
            }
            return;
        }
        out.append(", kb_string=");
        byte[] b = get ? c.exitBytes() : in;
        kbString(c, out, b == null ? new byte[0] : b);
        out.append('}');
    }

    /**
     * umovestr of the 512-byte kb_string after kb_func, printed with QUOTE_OMIT_TRAILING_0: "???"
     * when memory ends before a NUL, "..." when no NUL ends what -s shows.
     */
    private static void kbString(IoctlCall c, LineBuffer out, byte[] b) {
        int have = Math.max(b.length - 1, 0);
        int nul = -1;
        for (int i = 0; i < have; i++) {
            if (b[1 + i] == 0) {
                nul = i;
                break;
            }
        }
        if (nul < 0 && have < KB_STRING) {
            out.append("???");
            return;
        }
        int read = nul >= 0 ? nul + 1 : KB_STRING;
        int size = Math.min(c.stringLimit(), read);
        boolean allHex = c.hex() == Quote.Hex.ALL || c.hex() == Quote.Hex.NON_ASCII && needsHex(b, 1, size);
        boolean ended = false;
        int n = size;
        if (!allHex && size > 0 && b[size] == 0) {
            n = size - 1;               // QUOTE_OMIT_TRAILING_0
            ended = true;
        }
        Quote.append(out, b, 1, n, c.hex(), false);
        if (!ended) {
            out.append("...");
        }
    }

    private static boolean needsHex(byte[] b, int off, int n) {
        for (int i = 0; i < n; i++) {
            int ch = b[off + i] & 0xff;
            if (ch > 0x7e || ch < ' ' && (ch < 9 || ch > 13)) {
                return true;
            }
        }
        return false;
    }

    /** print_char with SCF_QUOTES | SCF_ESC_WS: {@code 'a'}, {@code '\n'}, {@code '\x00'}. */
    static void quotedChar(LineBuffer out, int ch) {
        out.append('\'');
        if (ch >= ' ' && ch < 0x7f) {
            if (ch == '\'' || ch == '\\') {
                out.append('\\');
            }
            out.append((char) ch);
        } else if (ch >= '\t' && ch <= '\r') {
            out.append('\\').append("tnvfr".charAt(ch - '\t'));
        } else {
            out.append("\\x").append(Character.forDigit(ch >> 4, 16)).append(Character.forDigit(ch & 0xf, 16));
        }
        out.append('\'');
    }
}
