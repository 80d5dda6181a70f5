package io.jtrace.analyzer.render;

/** fanotify_init and fanotify_mark as strace 6.1's fanotify.c prints them. */
final class Fanotify {
    private static final long FAN_ALL_CLASS_BITS = 0xc;
    private static final int FAN_NOFD = -1;

    private static final Flags CLASSES = Flags.of("FAN_CLASS_???", "FAN_CLASS_NOTIF", 0, "FAN_CLASS_CONTENT", 4,
            "FAN_CLASS_PRE_CONTENT", 8);
    private static final Flags INIT = Flags.of("FAN_???", "FAN_CLOEXEC", 0x1, "FAN_NONBLOCK", 0x2,
            "FAN_UNLIMITED_QUEUE", 0x10, "FAN_UNLIMITED_MARKS", 0x20, "FAN_ENABLE_AUDIT", 0x40,
            "FAN_REPORT_PIDFD", 0x80, "FAN_REPORT_TID", 0x100, "FAN_REPORT_FID", 0x200, "FAN_REPORT_DIR_FID", 0x400,
            "FAN_REPORT_NAME", 0x800, "FAN_REPORT_TARGET_FID", 0x1000);
    private static final Flags MARK = Flags.of("FAN_MARK_???", "FAN_MARK_ADD", 0x1, "FAN_MARK_REMOVE", 0x2,
            "FAN_MARK_DONT_FOLLOW", 0x4, "FAN_MARK_ONLYDIR", 0x8, "FAN_MARK_MOUNT", 0x10,
            "FAN_MARK_IGNORED_MASK", 0x20, "FAN_MARK_IGNORED_SURV_MODIFY", 0x40, "FAN_MARK_FLUSH", 0x80,
            "FAN_MARK_FILESYSTEM", 0x100, "FAN_MARK_EVICTABLE", 0x200, "FAN_MARK_IGNORE", 0x400);
    /** fan_event_flags in strace's order (FAN_ONDIR before FAN_EVENT_ON_CHILD). */
    private static final Flags EVENTS = Flags.of("FAN_???", "FAN_ACCESS", 0x1, "FAN_MODIFY", 0x2, "FAN_ATTRIB", 0x4,
            "FAN_CLOSE_WRITE", 0x8, "FAN_CLOSE_NOWRITE", 0x10, "FAN_OPEN", 0x20, "FAN_MOVED_FROM", 0x40,
            "FAN_MOVED_TO", 0x80, "FAN_CREATE", 0x100, "FAN_DELETE", 0x200, "FAN_DELETE_SELF", 0x400,
            "FAN_MOVE_SELF", 0x800, "FAN_OPEN_EXEC", 0x1000, "FAN_Q_OVERFLOW", 0x4000, "FAN_FS_ERROR", 0x8000,
            "FAN_OPEN_PERM", 0x10000, "FAN_ACCESS_PERM", 0x20000, "FAN_OPEN_EXEC_PERM", 0x40000,
            "FAN_DIR_MODIFY", 0x80000, "FAN_ONDIR", 0x40000000, "FAN_EVENT_ON_CHILD", 0x08000000,
            "FAN_RENAME", 0x10000000);

    private Fanotify() {
    }

    /** fanotify_init's flags: the notification class, then the other flags. */
    static final Arg INIT_FLAGS = Arg.in((c, i, out) -> {
        long flags = c.arg(i) & 0xffffffffL;
        CLASSES.hexValue(out, flags & FAN_ALL_CLASS_BITS);
        if ((flags & ~FAN_ALL_CLASS_BITS) != 0) {
            INIT.flags(out.append('|'), flags & ~FAN_ALL_CLASS_BITS);
        }
    });

    static final Arg MARK_FLAGS = Args.flags(MARK);

    /** The mask is 64 bits wide (the kernel uses the lower 32). */
    static final Arg MASK = Arg.in((c, i, out) -> EVENTS.flags(out, c.arg(i)));

    /** FAN_NOFD, AT_FDCWD or a directory fd. */
    static final Arg DIRFD = Arg.fd((c, i, out) -> {
        if ((int) c.arg(i) == FAN_NOFD) {
            ConstStyle.named(out, FAN_NOFD, "FAN_NOFD");
        } else {
            Args.DIRFD.format().append(c, i, out);
        }
    });
}
