package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import java.nio.ByteBuffer;

/** struct stat as strace's print_struct_stat prints it: mode and size, or every field under -v. */
final class Stats {
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;

    private Stats() {
    }

    /**
     * Where an architecture's struct stat keeps its fields. x86_64 has a layout of its own;
     * asm-generic's (arm64, riscv) puts st_mode before st_nlink and has a 4-byte st_nlink and st_blksize.
     */
    record Layout(int size, int nlink, int nlinkBytes, int mode, int uid, int gid, int rdev, int fileSize,
                  int blksize, int blksizeBytes, int blocks, int times) {
        static final Layout X86_64 = new Layout(144, 16, 8, 24, 28, 32, 40, 48, 56, 8, 64, 72);

        long nlink(ByteBuffer st) {
            return nlinkBytes == 8 ? st.getLong(nlink) : st.getInt(nlink) & 0xffffffffL;
        }

        long blksize(ByteBuffer st) {
            return blksizeBytes == 8 ? st.getLong(blksize) : st.getInt(blksize);
        }
    }

    /** The stat buffer a call filled (fstat, stat, lstat, newfstatat). */
    static final Arg STAT_OUT = Arg.out((c, i, out) -> {
        ByteBuffer st = Umove.orAddress(c, out, c.atExit(i), c.arg(i), c.arch.stat.size(), true);
        if (st != null) {
            stat(c, out, st);
        }
    });

    static void stat(Call c, LineBuffer out, ByteBuffer st) {
        Layout at = c.arch.stat;
        long dev = st.getLong(0);
        long ino = st.getLong(8);
        long nlink = at.nlink(st);
        int mode = st.getInt(at.mode());
        long uid = st.getInt(at.uid()) & 0xffffffffL;
        long gid = st.getInt(at.gid()) & 0xffffffffL;
        long rdev = st.getLong(at.rdev());
        long size = st.getLong(at.fileSize());
        long blksize = at.blksize(st);
        long blocks = st.getLong(at.blocks());
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
                long sec = st.getLong(at.times() + 16 * k);
                long nsec = st.getLong(at.times() + 8 + 16 * k);
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
