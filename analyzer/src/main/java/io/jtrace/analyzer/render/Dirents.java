package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.format.RecordedBuffer;
import java.nio.ByteBuffer;

/**
 * The directory entries getdents and getdents64 returned, as strace's xgetdents prints them: the
 * address and {@code /* 3 entries *}{@code /}, or under -v each entry.
 */
final class Dirents {
    /** offsetof(d_name): struct linux_dirent (d_type is its last byte) and linux_dirent64. */
    private static final int HEADER = 18;
    private static final int HEADER64 = 19;
    private static final int D_NAME_LEN_MAX = 256;
    private static final Flags TYPES = Flags.of("DT_???", "DT_UNKNOWN", 0, "DT_FIFO", 1, "DT_CHR", 2, "DT_DIR", 4,
            "DT_BLK", 6, "DT_REG", 8, "DT_LNK", 10, "DT_SOCK", 12, "DT_WHT", 14);

    private Dirents() {
    }

    static final Arg DIRENTS = Arg.out((c, i, out) -> dirents(c, out, i, false));
    static final Arg DIRENTS64 = Arg.out((c, i, out) -> dirents(c, out, i, true));

    private static void dirents(Call c, LineBuffer out, int arg, boolean is64) {
        long address = c.arg(arg);
        long count = c.arg(arg + 1) & 0xffffffffL;
        if (c.failed() || !c.verbose() || Long.compareUnsigned(c.ret(), count) > 0) {
            Formats.pointer(out, address);
            return;
        }
        RecordedBuffer b = c.atExit(arg);
        int have = Umove.readable(c, b);
        ByteBuffer data = have > 0 ? Umove.bytes(b) : null;
        int header = is64 ? HEADER64 : HEADER;
        boolean abbrev = c.abbrev();
        if (abbrev) {
            Formats.pointer(out, address);
        }
        long len = c.ret();
        int offset = 0;
        int entries = 0;
        while (true) {
            if (len < header) {
                if (!abbrev) {
                    if (len == 0) {
                        out.append('[');
                        entries++;
                    } else {
                        c.string(out, b == null ? null : part(b, offset, (int) len), address + offset, len, true);
                    }
                }
                break;
            }
            if (offset + header > have) {
                if (!abbrev) {
                    if (entries > 0) {
                        Formats.hex(out.append("... /* "), address + offset).append(" */");
                    } else {
                        Formats.pointer(out, address + offset);
                    }
                }
                break;
            }
            if (!abbrev && entries == 0) {
                out.append('[');
            }
            entries++;
            int reclen = data.getShort(offset + 16) & 0xffff;
            if (!abbrev) {
                out.append("{d_ino=").appendUnsigned(data.getLong(offset)).append(", d_off=")
                        .appendUnsigned(data.getLong(offset + 8)).append(", d_reclen=").append(reclen);
            }
            int next;
            long nextLen;
            if (reclen > len) {
                out.append(" /* ").append(abbrev ? "d_reclen " : "").append(reclen - len).append(" bytes overflow */");
                reclen = (int) len;
                next = -1;
                nextLen = 0;
            } else if (reclen < header) {
                out.append(" /* ").append(abbrev ? "d_reclen " : "").append(header - reclen)
                        .append(" bytes underflow */");
                reclen = header;
                nextLen = len - header;
                next = -1;
            } else {
                nextLen = len - reclen;
                next = nextLen != 0 ? offset + reclen : -1;
            }
            len = nextLen;
            if (!abbrev) {
                boolean ok = tail(c, out, data, have, address, offset, header, reclen - header, is64);
                if (next >= 0) {
                    out.append(", ");
                    if (!ok) {
                        out.append("...");
                        break;
                    }
                }
            }
            if (next < 0) {
                break;
            }
            offset = next;
        }
        if (!abbrev) {
            if (entries > 0) {
                out.append(']');
            }
        } else {
            out.append(" /* ").append(entries).append(len != 0 ? "+" : "").append(" entries */");
        }
    }

    /** d_type and d_name (linux_dirent: d_name, then d_type in the record's last byte); false when unreadable. */
    private static boolean tail(Call c, LineBuffer out, ByteBuffer data, int have, long address, int offset,
                                int header, int rest, boolean is64) {
        boolean ok = true;
        if (is64) {
            out.append(", d_type=");
            TYPES.hexValue(out, data.get(offset + 18) & 0xff);
            if (rest > 0) {
                ok = name(c, out.append(", d_name="), data, have, address, offset + header, Math.min(rest, D_NAME_LEN_MAX) - 1);
            }
        } else if (rest > 0) {
            int nameLen = rest - 1;
            if (nameLen > 0) {
                ok = name(c, out.append(", d_name="), data, have, address, offset + header,
                        Math.min(nameLen, D_NAME_LEN_MAX) - 1);
            }
            out.append(", d_type=");
            int at = offset + header + rest - 1;
            if (at < have) {
                TYPES.hexValue(out, data.get(at) & 0xff);
            } else {
                Formats.pointer(out, address + at);
                ok = false;
            }
        }
        out.append('}');
        return ok;
    }

    /** strace's printpathn: at most {@code n} bytes up to a NUL, quoted; the address when unreadable. */
    private static boolean name(Call c, LineBuffer out, ByteBuffer data, int have, long address, int at, int n) {
        if (n < 0 || at >= have) {
            Formats.pointer(out, address + at);
            return false;
        }
        int end = at;
        while (end < have && end - at < n && data.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - at];
        for (int k = 0; k < bytes.length; k++) {
            bytes[k] = data.get(at + k);
        }
        Quote.append(out, bytes, 0, bytes.length, c.options.hex, true);
        return true;
    }

    /** {@code length} bytes of a buffer from {@code offset}, as a buffer of their own. */
    private static RecordedBuffer part(RecordedBuffer b, int offset, int length) {
        int end = Math.min(offset + length, b.getData().size());
        return new RecordedBuffer(0, 0, 0, false, b.getAddress() + offset, length,
                b.getData().substring(Math.min(offset, end), end), 0, 0);
    }
}
