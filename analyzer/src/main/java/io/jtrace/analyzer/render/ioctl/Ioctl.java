package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;

/**
 * ioctl as strace 6.1 prints it (ioctl.c): the fd, the request's name, and the argument decoded by
 * the request's family (chosen by _IOC_TYPE as ioctl_decode chooses it) or printed in hex.
 */
public final class Ioctl {
    private Ioctl() {
    }

    /** Appends "fd, REQUEST[, arg]". */
    public static void args(IoctlCall c, LineBuffer out) {
        c.fd(out, c.arg(0));
        int code = (int) c.arg(1);
        IoctlNames.request(out.append(", "), code);
        if (!decode(c, code, out)) {
            Print.hexArg(c, out);
        }
    }

    /** The return value: a few requests return an fd or a value strace names. */
    public static void ret(IoctlCall c, LineBuffer out) {
        int code = (int) c.arg(1);
        if (IoctlNames.type(code) == 0xb7) {
            Nsfs.ret(c, code, out);
        } else if (IoctlNames.type(code) == Kvm.TYPE && Kvm.decodesReturn(code)) {
            Kvm.ret(c, code, out);
        } else {
            out.append(c.ret());
            if (V4l2.returnsString(code) && !c.failed()) {
                V4l2.createBuffersRet(c, out);
            }
        }
    }

    /** True when the family printed the argument (or decided there is none to print). */
    private static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (IoctlNames.type(code)) {
            case 'T' -> Term.decode(c, code, out);
            case 0x89 -> SockIoctl.decode(c, code, out);
            case 'R' -> RandomIoctl.decode(c, code, out);
            case 0xb7 -> Nsfs.decode(c, code, out);
            case 'I' -> inotify(c, code, out);
            case 0x12 -> Block.decode(c, code, out);
            case 'f' -> FsIoctl.decodeF(c, code, out);
            case 'X' -> FsIoctl.decodeX(c, code, out);
            case 0x94 -> FsIoctl.decode94(c, code, out);
            case 'p' -> Rtc.decode(c, code, out);
            case 'L' -> Loop.decode(c, code, out);
            case '$' -> Perf.decode(c, code, out);
            case '!' -> Seccomp.decode(c, code, out);
            case '>' -> Counter.decode(c, code, out);
            case 0xab -> Nbd.decode(c, code, out);
            case 0xaa -> Uffdio.decode(c, code, out);
            case '=' -> Ptp.decode(c, code, out);
            case 'E' -> Evdev.decode(c, code, out);
            case 'W' -> Watchdog.decode(c, code, out);
            case 'V' -> V4l2.decode(c, code, out);
            case 'M' -> Mtd.decode(c, code, out);
            case 'o', 'O' -> Ubi.decode(c, code, out);
            case 'i' -> Lirc.decode(c, code, out);
            case '"' -> Scsi.decode(c, code, out);
            case 0xa4 -> Tee.decode(c, code, out);
            case 0xfd -> Dm.decode(c, code, out);
            case 0x03 -> Hdio.decode(c, code, out);
            case 'K' -> Kd.decode(c, code, out);
            case 0xb4 -> Gpio.decode(c, code, out);
            case Kvm.TYPE -> Kvm.decode(c, code, out);
            default -> false;
        };
    }

    /** INOTIFY_IOC_SETNEXTWD takes an int by value. */
    private static boolean inotify(IoctlCall c, int code, LineBuffer out) {
        if (code != 0x40044900) {
            return false;
        }
        out.append(", ").append((int) c.address());
        return true;
    }
}
