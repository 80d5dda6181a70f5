package io.jtrace.recorder.capture;

import io.jtrace.recorder.trace.SyscallEvent;
import java.nio.ByteBuffer;

/**
 * ioctl's third argument: the structure a request points to. A request built with _IOC carries its
 * direction and size: _IOC_WRITE's bytes are copied at entry, _IOC_READ's at exit (both for
 * read-write requests, strace prints some as {@code {in} => {out}}). Old-style requests (no
 * direction, no size: the terminal, socket, loop, block and nsfs ones) get their size from a small
 * table of the structures strace decodes. Never cut by the snap length (a structure is printed
 * whole); exit copies only for successful calls (strace prints a failed call's output as an address),
 * except SG_IO's ({@link SgIoCaptures}).
 */
final class IoctlCaptures {
    private static final int IOC_WRITE = 1;
    private static final int IOC_READ = 2;
    /** Kernel struct termios (asm/termbits.h): four flags, c_line, c_cc[19]. */
    private static final int TERMIOS = 36;
    /** struct termio: four shorts, c_line, c_cc[8]. */
    private static final int TERMIO = 18;
    private static final int WINSIZE = 8;
    private static final int INT = 4;
    private static final int LONG = 8;
    /** struct ifreq: IFNAMSIZ name and a 24-byte union. */
    private static final int IFREQ = 40;
    /** struct ifconf: ifc_len and (after padding) ifc_buf. */
    private static final int IFCONF = 16;
    private static final int IFCONF_BUF_MAX = 64 * 1024;
    private static final int LOOP_INFO = 168;
    private static final int LOOP_INFO64 = 232;
    private static final int LOOP_CONFIG = 304;
    private static final int RNDADDENTROPY = 0x40085203;
    /** struct rand_pool_info's buf follows its two ints; strace prints at most -s bytes of it. */
    private static final int ENTROPY_MAX = 64 * 1024;
    private static final int SIOCGIFCONF = 0x8912;
    /** _IOW, yet the kernel writes the value of its struct rtc_param back. */
    private static final int RTC_PARAM_GET = 0x40187013;
    private static final int RTC_PARAM = 24;
    /** Its argument is the filter string, read up to its NUL as a path is. */
    private static final int PERF_EVENT_IOC_SET_FILTER = 0x40082406;
    /** Its argument points to a struct perf_event_attr (an IOV buffer), though the code encodes a pointer's size. */
    private static final int PERF_EVENT_IOC_MODIFY_ATTRIBUTES = 0x4008240b;
    /** struct perf_event_query_bpf: ids_len, prog_cnt, then prog_cnt ids the kernel wrote. */
    private static final int PERF_EVENT_IOC_QUERY_BPF = 0xc008240a;
    private static final long BPF_IDS_MAX = 4096;
    /** An _IOR code strace still reads at entry (the u64 id an old kernel header declared so). */
    private static final int SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR = 0x80082102;
    /** _IOR, yet the kernel reads their struct uffdio_range. */
    private static final int UFFDIO_UNREGISTER = 0x8010aa01;
    private static final int UFFDIO_WAKE = 0x8010aa02;
    /** _IOW, yet the kernel fills their timestamps. */
    private static final int PTP_SYS_OFFSET = 0x43403d05;
    private static final int PTP_SYS_OFFSET2 = 0x43403d0e;
    private static final int PTP_SYS_OFFSET_SIZE = 832;
    /** BLKPG's struct blkpg_ioctl_arg points to a struct blkpg_partition. */
    private static final int BLKPG = 0x1269;
    private static final int BLKPG_PARTITION = 152;
    /** KEY_MAX + 1 bits, rounded up to a word: the largest evdev bit set strace prints. */
    private static final int EVDEV_BITS_MAX = 96;
    /** struct fiemap's extents follow it: strace -v prints the fm_mapped_extents ones (56 bytes each). */
    private static final int FS_IOC_FIEMAP = 0xc020660b;
    private static final int FIEMAP_EXTENT = 56;
    private static final long FIEMAP_EXTENTS_MAX = 4096;
    /** Largest size an _IOC request encodes (14 bits). */
    private static final int IOC_SIZE_MAX = (1 << 14) - 1;

    private IoctlCaptures() {
    }

    static void atEntry(SyscallEvent c, BufferReader r) {
        int code = (int) c.arg(1);
        long arg = c.arg(2);
        if (arg == 0) {
            return;
        }
        if (code == SgIoCaptures.SG_IO) {
            SgIoCaptures.at(arg, r, false);
            return;
        }
        if (code == SIOCGIFCONF) {
            r.unsnapped(2, arg, IFCONF, false);
            return;
        }
        if (code == PERF_EVENT_IOC_SET_FILTER) {
            r.string(2, arg, false);
            return;
        }
        int size = switch (code) {
            case SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR -> 8;
            case UFFDIO_UNREGISTER, UFFDIO_WAKE -> 16;
            default -> IoctlDirections.entry(code, encoded(code, IOC_WRITE));
        };
        if (size < 0) {
            size = oldStyleIn(code);
        }
        if (size > 0) {
            r.unsnapped(2, arg, size, false);
        }
        if (code == PERF_EVENT_IOC_MODIFY_ATTRIBUTES) {
            PerfCaptures.attr(r, 2, arg, false);
        }
        VtDiskIoctls.atEntry(c, r);
        if (code == BLKPG) {
            ByteBuffer blkpg = r.struct(arg, 24);
            if (blkpg != null && blkpg.getLong(16) != 0) {
                r.unsnapped(2, BufferReader.IOV, 0, blkpg.getLong(16), BLKPG_PARTITION, BLKPG_PARTITION, false);
            }
        }
        IoctlPointers.at(code, arg, r, false);
        KvmCaptures.atEntry(c, r);
        if (code == RNDADDENTROPY) {
            ByteBuffer info = r.struct(arg, 8);
            if (info != null) {
                long n = Math.min(info.getInt(4) & 0xffffffffL, ENTROPY_MAX);
                r.unsnapped(2, BufferReader.IOV, 0, arg + 8, n, ENTROPY_MAX, false);
            }
        }
    }

    static void atExit(SyscallEvent c, BufferReader r) {
        int code = (int) c.arg(1);
        long arg = c.arg(2);
        KvmCaptures.atExit(c, r);   // KVM_RUN's struct kvm_run is not its argument (NULL)
        if (arg == 0) {
            return;
        }
        if (code == SgIoCaptures.SG_IO) {
            SgIoCaptures.at(arg, r, true);
            return;
        }
        if (c.returnValue() < 0) {
            // only SG_IO's exit fields and TREE_SEARCH_V2's buf_size are printed for a failed call
            BtrfsCaptures.atFailedExit(code, arg, c.returnValue(), r);
            return;
        }
        if (code == SIOCGIFCONF) {
            r.unsnapped(2, arg, IFCONF, true);
            ByteBuffer ifc = r.struct(arg, IFCONF);
            if (ifc != null && ifc.getLong(8) != 0 && ifc.getInt(0) > 0) {
                long n = Math.min(ifc.getInt(0), IFCONF_BUF_MAX);
                r.unsnapped(2, BufferReader.IOV, 0, ifc.getLong(8), n, IFCONF_BUF_MAX, true);
            }
            return;
        }
        if (code == FS_IOC_FIEMAP) {
            ByteBuffer fiemap = r.struct(arg, 32);
            if (fiemap != null) {
                long n = Math.min(fiemap.getInt(20) & 0xffffffffL, FIEMAP_EXTENTS_MAX) * FIEMAP_EXTENT;
                r.unsnapped(2, BufferReader.IOV, 0, arg + 32, n, (int) n, true);
            }
        }
        if (code == PERF_EVENT_IOC_QUERY_BPF) {
            ByteBuffer query = r.struct(arg, 8);
            if (query != null) {
                long n = Math.min(query.getInt(4) & 0xffffffffL, BPF_IDS_MAX);
                r.unsnapped(2, BufferReader.IOV, 0, arg + 8, 4 * n, (int) (4 * BPF_IDS_MAX), true);
            }
        }
        IoctlPointers.at(code, arg, r, true);
        VtDiskIoctls.atExit(c, r);
        int size = switch (code) {
            case RTC_PARAM_GET -> RTC_PARAM;
            case PTP_SYS_OFFSET, PTP_SYS_OFFSET2 -> PTP_SYS_OFFSET_SIZE;
            default -> IoctlDirections.exit(code, encoded(code, IOC_READ));
        };
        if (size < 0) {
            size = oldStyleOut(code);
        }
        size = Math.max(size, evdevBitset(code, c.returnValue()));
        if (size > 0) {
            r.unsnapped(2, arg, size, true);
        }
    }

    /**
     * An evdev bit set request (EVIOCGBIT, EVIOCGKEY, ...): strace reads as many bytes as the call
     * returned, rounded up to 8, whatever size the request encodes (EVIOCGBIT(0, 0) too); KEY_MAX bits at most.
     */
    private static int evdevBitset(int code, long ret) {
        int nr = code & 0xff;
        boolean bitset = (nr & ~0x1f) == 0x20 || nr == 0x09 || nr == 0x18 || nr == 0x19 || nr == 0x1a || nr == 0x1b;
        if (((code >>> 8) & 0xff) != 'E' || (code >>> 30) != IOC_READ || !bitset || ret <= 0) {
            return 0;
        }
        return (int) ((Math.min(ret, EVDEV_BITS_MAX) + 7) / 8 * 8);
    }

    /** The size of an _IOC request with direction bit {@code dir}; 0 without it; -1 for an old-style request. */
    private static int encoded(int code, int dir) {
        int dirs = code >>> 30;
        if (dirs == 0) {
            return -1;
        }
        return (dirs & dir) != 0 ? Math.min((code >>> 16) & 0x3fff, IOC_SIZE_MAX) : 0;
    }

    /** What old-style requests read from their argument. */
    private static int oldStyleIn(int code) {
        return switch (code) {
            case 0x5402, 0x5403, 0x5404, 0x5457 -> TERMIOS;         // TCSETS, TCSETSW, TCSETSF, TIOCSLCKTRMIOS
            case 0x5406, 0x5407, 0x5408 -> TERMIO;                  // TCSETA, TCSETAW, TCSETAF
            case 0x5414 -> WINSIZE;                                 // TIOCSWINSZ
            case 0x5416, 0x5417, 0x5418, 0x5410, 0x5423, 0x5421, 0x5452, 0x5420, 0x541a,
                 0x8901, 0x8902, 0x8926 -> INT;                     // TIOCM*, TIOCSPGRP ... FIOSETOWN, SIOCSPGRP
            case 0x5412 -> 1;                                       // TIOCSTI
            case 0x89a0, 0x89a1 -> 16;                              // SIOCBRADDBR, SIOCBRDELBR: IFNAMSIZ
            case 0x8913, 0x8914, 0x8915, 0x8916, 0x8917, 0x8918, 0x8919, 0x891a, 0x891b, 0x891c,
                 0x891d, 0x891e, 0x8921, 0x8922, 0x8923, 0x8924, 0x8927, 0x8929, 0x8930, 0x8931,
                 0x8932, 0x8933, 0x8937, 0x8910, 0x8942, 0x8943, 0x8970, 0x8971,
                 0x89a2, 0x89a3 -> IFREQ;                           // SIOC[GS]IF*: struct ifreq
            case 0x4c02 -> LOOP_INFO;                               // LOOP_SET_STATUS
            case 0x4c04 -> LOOP_INFO64;                             // LOOP_SET_STATUS64
            case 0x4c0a -> LOOP_CONFIG;                             // LOOP_CONFIGURE
            case 0x125d -> INT;                                     // BLKROSET
            case 0x1277, 0x127d, 0x127f -> 16;                      // BLKDISCARD, BLKSECDISCARD, BLKZEROOUT: two u64
            case BLKPG -> 24;                                       // struct blkpg_ioctl_arg
            default -> VtDiskIoctls.in(code);
        };
    }

    /** What old-style requests write to their argument. */
    private static int oldStyleOut(int code) {
        return switch (code) {
            case 0x5401, 0x5456 -> TERMIOS;                         // TCGETS, TIOCGLCKTRMIOS
            case 0x5405 -> TERMIO;                                  // TCGETA
            case 0x5413 -> WINSIZE;                                 // TIOCGWINSZ
            case 0x5415, 0x540f, 0x5429, 0x5424, 0x5419, 0x541b, 0x5411,
                 0x8903, 0x8904, 0x8905, 0x8925, 0x894b, 0xb704 -> INT; // TIOCMGET ... FIONREAD, SIOCATMARK, NS_GET_OWNER_UID
            case 0x8913, 0x8915, 0x8917, 0x8919, 0x891b, 0x891d, 0x8921, 0x8927, 0x8929, 0x8933,
                 0x8910, 0x8942, 0x8970 -> IFREQ;                   // SIOCGIF*
            case 0x4c03 -> LOOP_INFO;                               // LOOP_GET_STATUS
            case 0x4c05 -> LOOP_INFO64;                             // LOOP_GET_STATUS64
            case 0x125e, 0x1268, 0x1278, 0x1279, 0x127a, 0x127b, 0x127c -> INT; // BLKROGET ... BLKDISCARDZEROES
            case 0x1267, 0x127e -> 2;                               // BLKSECTGET, BLKROTATIONAL: unsigned short
            case 0x1260, 0x1263, 0x1265 -> LONG;                    // BLKGETSIZE, BLKRAGET, BLKFRAGET
            default -> VtDiskIoctls.out(code);
        };
    }
}
