package io.jtrace.analyzer.render;

import io.jtrace.analyzer.trace.Arch;
import io.jtrace.analyzer.trace.Signals;

/**
 * The decoding tables that differ between Linux architectures, for the trace's {@link Arch}: each
 * renderer resolves them once and its calls read them from {@link Call}. The tables every
 * architecture jtrace may meet shares stay in {@link Consts} and beside their decoders (ANALYZER.md,
 * "Architectures").
 */
final class ArchTables {
    private static final ArchTables X86_64 = new ArchTables(Arch.X86_64,
            // open flags
            Flags.of(null, "O_CREAT", 0100, "O_EXCL", 0200, "O_NOCTTY", 0400,
                    "O_TRUNC", 01000, "O_APPEND", 02000, "O_NONBLOCK", 04000, "O_SYNC", 04010000, "__O_SYNC", 04000000,
                    "O_DSYNC", 010000, "O_DIRECT", 040000, "O_LARGEFILE", 0100000, "O_NOFOLLOW", 0400000,
                    "O_NOATIME", 01000000, "O_CLOEXEC", 02000000, "O_PATH", 010000000, "O_TMPFILE", 020200000,
                    "__O_TMPFILE", 020000000, "O_DIRECTORY", 0200000, "FASYNC", 020000),
            // strace's open_mode_flags (seccomp's newfd_flags)
            Flags.of("O_???", "O_CREAT", 0x40L, "O_EXCL", 0x80L, "O_NOCTTY", 0x100L,
                    "O_TRUNC", 0x200L, "O_APPEND", 0x400L, "O_NONBLOCK", 0x800L, "O_SYNC", 0x101000L, "O_DSYNC", 0x1000L,
                    "O_DIRECT", 0x4000L, "O_LARGEFILE", 0x8000L, "O_NOFOLLOW", 0x20000L, "O_NOATIME", 0x40000L,
                    "O_CLOEXEC", 0x80000L, "O_PATH", 0x200000L, "O_TMPFILE", 0x410000L, "O_DIRECTORY", 0x10000L,
                    "FASYNC", 0x2000L),
            0100, 020000000,
            // O_CLOEXEC and O_NONBLOCK by other names
            Flags.of("SOCK_???", "SOCK_CLOEXEC", 02000000, "SOCK_NONBLOCK", 04000),
            Flags.of("TFD_???", "TFD_TIMER_ABSTIME", 1, "TFD_TIMER_CANCEL_ON_SET", 2,
                    "TFD_CLOEXEC", 02000000, "TFD_NONBLOCK", 04000),
            Flags.of("IN_???", "IN_NONBLOCK", 04000, "IN_CLOEXEC", 02000000),
            Flags.of("EFD_???", "EFD_SEMAPHORE", 1, "EFD_CLOEXEC", 02000000, "EFD_NONBLOCK", 04000),
            Flags.of("SFD_???", "SFD_CLOEXEC", 02000000, "SFD_NONBLOCK", 04000),
            Flags.of("EPOLL_???", "EPOLL_CLOEXEC", 02000000),
            Flags.of("UFFD_???", "UFFD_USER_MODE_ONLY", 1, "O_NONBLOCK", 04000, "O_CLOEXEC", 02000000),
            Flags.of("O_???", "O_NONBLOCK", 04000),
            // strace's mmap_flags order for x86_64, without the type bits
            Flags.of(null, "MAP_FIXED", 0x10, "MAP_ANONYMOUS", 0x20, "MAP_32BIT", 0x40,
                    "MAP_NORESERVE", 0x4000, "MAP_POPULATE", 0x8000, "MAP_NONBLOCK", 0x10000, "MAP_GROWSDOWN", 0x100,
                    "MAP_DENYWRITE", 0x800, "MAP_EXECUTABLE", 0x1000, "MAP_LOCKED", 0x2000, "MAP_STACK", 0x20000,
                    "MAP_HUGETLB", 0x40000, "MAP_SYNC", 0x80000, "MAP_UNINITIALIZED", 0x4000000,
                    "MAP_FIXED_NOREPLACE", 0x100000),
            Stats.Layout.X86_64,
            12);

    final Arch arch;
    final Signals signals;
    /**
     * open's flags beyond the access mode: O_DIRECTORY, O_NOFOLLOW, O_DIRECT and O_LARGEFILE differ
     * on arm, arm64 and powerpc, most of them on alpha, mips, parisc and sparc.
     */
    final Flags openFlags;
    /** strace's open_mode_flags, another order of the open flags (seccomp's newfd_flags). */
    final Flags openModeFlags;
    /** O_CREAT and __O_TMPFILE (O_TMPFILE without O_DIRECTORY): whether open and mq_open are given a mode. */
    final long oCreat;
    final long oTmpfile;
    /** Flags that are O_CLOEXEC and O_NONBLOCK under other names, so they follow the open flags. */
    final Flags sockFlags;
    /** strace's timerfdflags, for timerfd_create and timerfd_settime alike. */
    final Flags timerfdFlags;
    final Flags inotifyInitFlags;
    final Flags eventfdFlags;
    final Flags signalfdFlags;
    final Flags epollCreateFlags;
    final Flags userfaultfdFlags;
    /** struct mq_attr's mq_flags. */
    final Flags mqAttrFlags;
    /** mmap's flags besides the type: MAP_32BIT is x86's, and strace prints them in each architecture's order. */
    final Flags mapFlags;
    final Stats.Layout stat;
    /** struct epoll_event's size: x86_64 packs it to 12 bytes, events then data; elsewhere data is aligned (16). */
    final int epollEventSize;

    private ArchTables(Arch arch, Flags openFlags, Flags openModeFlags, long oCreat, long oTmpfile, Flags sockFlags,
            Flags timerfdFlags, Flags inotifyInitFlags, Flags eventfdFlags, Flags signalfdFlags,
            Flags epollCreateFlags, Flags userfaultfdFlags, Flags mqAttrFlags, Flags mapFlags, Stats.Layout stat,
            int epollEventSize) {
        this.arch = arch;
        this.signals = arch.signals();
        this.openFlags = openFlags;
        this.openModeFlags = openModeFlags;
        this.oCreat = oCreat;
        this.oTmpfile = oTmpfile;
        this.sockFlags = sockFlags;
        this.timerfdFlags = timerfdFlags;
        this.inotifyInitFlags = inotifyInitFlags;
        this.eventfdFlags = eventfdFlags;
        this.signalfdFlags = signalfdFlags;
        this.epollCreateFlags = epollCreateFlags;
        this.userfaultfdFlags = userfaultfdFlags;
        this.mqAttrFlags = mqAttrFlags;
        this.mapFlags = mapFlags;
        this.stat = stat;
        this.epollEventSize = epollEventSize;
    }

    /** The tables of an architecture: a new {@link Arch} does not compile without its entry here. */
    static ArchTables of(Arch arch) {
        return switch (arch) {
            case X86_64 -> X86_64;
        };
    }
}
