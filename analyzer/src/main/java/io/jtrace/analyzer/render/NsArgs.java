package io.jtrace.analyzer.render;

/**
 * Arguments of mknod/mknodat, setns and userfaultfd, as strace 6.1 prints them (mknod.c,
 * printmode.c, print_dev_t.c, clone.c, userfaultfd.c).
 */
final class NsArgs {
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;

    static final Flags SETNS_TYPES = Flags.of("CLONE_NEW???", "CLONE_NEWTIME", 0x80, "CLONE_NEWNS", 0x20000,
            "CLONE_NEWCGROUP", 0x2000000, "CLONE_NEWUTS", 0x4000000, "CLONE_NEWIPC", 0x8000000,
            "CLONE_NEWUSER", 0x10000000, "CLONE_NEWPID", 0x20000000, "CLONE_NEWNET", 0x40000000);
    private NsArgs() {
    }

    /**
     * mknod's mode and, for a device only, the next argument, its number: {@code S_IFCHR|0600,
     * makedev(0x1, 0x3)} (strace prints three arguments for other files).
     */
    static final Arg MKNOD_MODE = Arg.in((c, i, out) -> {
        int mode = (int) c.arg(i) & 0xffff;   // strace reads it as an unsigned short
        FileModes.mode(out, mode);
        if ((mode & S_IFMT) == S_IFCHR || (mode & S_IFMT) == S_IFBLK) {
            long dev = c.arg(i + 1) & 0xffffffffL;   // strace passes an unsigned int
            FileModes.dev(out.append(", "), dev);
        }
    });
}
