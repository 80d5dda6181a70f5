package io.jtrace.analyzer.render;

/**
 * Arguments of mknod/mknodat, setns and userfaultfd, as strace 6.1 prints them (mknod.c,
 * printmode.c, print_dev_t.c, clone.c, userfaultfd.c).
 */
final class NsArgs {
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_ISUID = 04000;
    private static final int S_ISGID = 02000;
    private static final int S_ISVTX = 01000;

    /** strace's modetypes. */
    static final Flags MODE_TYPES = Flags.of(null, "S_IFREG", 0100000, "S_IFSOCK", 0140000, "S_IFIFO", 0010000,
            "S_IFLNK", 0120000, "S_IFDIR", 0040000, "S_IFBLK", 0060000, "S_IFCHR", 0020000);
    static final Flags SETNS_TYPES = Flags.of("CLONE_NEW???", "CLONE_NEWTIME", 0x80, "CLONE_NEWNS", 0x20000,
            "CLONE_NEWCGROUP", 0x2000000, "CLONE_NEWUTS", 0x4000000, "CLONE_NEWIPC", 0x8000000,
            "CLONE_NEWUSER", 0x10000000, "CLONE_NEWPID", 0x20000000, "CLONE_NEWNET", 0x40000000);
    static final Flags UFFD_FLAGS = Flags.of("UFFD_???", "UFFD_USER_MODE_ONLY", 1, "O_NONBLOCK", 04000,
            "O_CLOEXEC", 02000000);
    private NsArgs() {
    }

    /**
     * mknod's mode and, for a device only, the next argument, its number: {@code S_IFCHR|0600,
     * makedev(0x1, 0x3)} (strace prints three arguments for other files).
     */
    static final Arg MKNOD_MODE = Arg.in((c, i, out) -> {
        int mode = (int) c.arg(i) & 0xffff;   // strace reads it as an unsigned short
        String type = (mode & S_IFMT) != 0 ? MODE_TYPES.name(mode & S_IFMT) : "";
        if (type == null) {
            out.append(String.format("%#03o", mode));
            return;
        }
        out.append(type).append(type.isEmpty() ? "" : "|");
        if ((mode & S_ISUID) != 0) {
            out.append("S_ISUID|");
        }
        if ((mode & S_ISGID) != 0) {
            out.append("S_ISGID|");
        }
        if ((mode & S_ISVTX) != 0) {
            out.append("S_ISVTX|");
        }
        out.append(String.format("%#03o", mode & ~(S_IFMT | S_ISUID | S_ISGID | S_ISVTX)));
        if ((mode & S_IFMT) == S_IFCHR || (mode & S_IFMT) == S_IFBLK) {
            long dev = c.arg(i + 1) & 0xffffffffL;   // strace passes an unsigned int
            long major = (dev >>> 8) & 0xfff;
            long minor = dev & 0xff | (dev >>> 12) & 0xfff00;
            out.append(", makedev(").append("0x" + Long.toHexString(major)).append(", ")
                    .append("0x" + Long.toHexString(minor)).append(')');
        }
    });
}
