package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import java.nio.ByteBuffer;

/** struct stat as strace's print_struct_stat prints it: mode and size, or every field under -v. */
final class Stats {
    /** struct stat of x86_64. */
    static final int SIZE = 144;
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;

    private Stats() {
    }

    /** The stat buffer a call filled (fstat, stat, lstat, newfstatat). */
    static final Arg STAT_OUT = Arg.out((c, i, out) -> {
        ByteBuffer st = Umove.orAddress(c, out, c.atExit(i), c.arg(i), SIZE, true);
        if (st != null) {
            stat(c, out, st);
        }
    });

    static void stat(Call c, LineBuffer out, ByteBuffer st) {
        long dev = st.getLong(0);
        long ino = st.getLong(8);
        long nlink = st.getLong(16);
        int mode = st.getInt(24);
        long uid = st.getInt(28) & 0xffffffffL;
        long gid = st.getInt(32) & 0xffffffffL;
        long rdev = st.getLong(40);
        long size = st.getLong(48);
        long blksize = st.getLong(56);
        long blocks = st.getLong(64);
        boolean abbrev = c.abbrev();
        out.append('{');
        if (!abbrev) {
            out.append("st_dev=");
            FileModes.dev(out, dev);
            out.append(", st_ino=").appendUnsigned(ino).append(", st_mode=");
            FileModes.mode(out, mode);
            out.append(", st_nlink=").appendUnsigned(nlink).append(", st_uid=").append(uid)
                    .append(", st_gid=").append(gid).append(", st_blksize=").appendUnsigned(blksize)
                    .append(", st_blocks=").appendUnsigned(blocks);
        } else {
            out.append("st_mode=");
            FileModes.mode(out, mode);
        }
        int type = mode & S_IFMT;
        if (type == S_IFCHR || type == S_IFBLK) {
            out.append(", st_rdev=");
            FileModes.dev(out, rdev);
        } else {
            out.append(", st_size=").appendUnsigned(size);
        }
        if (!abbrev) {
            String[] names = {"st_atime", "st_mtime", "st_ctime"};
            for (int k = 0; k < 3; k++) {
                long sec = st.getLong(72 + 16 * k);
                long nsec = st.getLong(80 + 16 * k);
                out.append(", ").append(names[k]).append('=').append(sec);
                Times.comment(out, Times.date(c, sec, nsec, 999_999_999L, 9));
                out.append(", ").append(names[k]).append("_nsec=").appendUnsigned(nsec);
            }
        } else {
            out.append(", ...");
        }
        out.append('}');
    }

    /** ustat's device: a 32-bit dev_t as strace reads it. */
    static final Arg DEV32 = Arg.in((c, i, out) -> FileModes.dev(out, c.arg(i) & 0xffffffffL));
}
