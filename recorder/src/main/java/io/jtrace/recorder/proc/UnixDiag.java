package io.jtrace.recorder.proc;

import io.jtrace.recorder.ptrace.LibC;
import io.jtrace.recorder.ptrace.Native;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * The peer of a UNIX socket, asked of the kernel's sock_diag as strace asks it for {@code -yy}
 * ({@code UNIX-STREAM:[3326388->3326386]}): one request for one inode (unix_diag_req with
 * UDIAG_SHOW_PEER), the answer's UNIX_DIAG_PEER attribute. The netlink socket is opened once.
 */
final class UnixDiag {
    private static final int AF_NETLINK = 16;
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int NETLINK_SOCK_DIAG = 4;
    private static final int SOCK_DIAG_BY_FAMILY = 20;
    private static final int NLM_F_REQUEST = 1;
    private static final int NLMSG_ERROR = 2;
    private static final int UDIAG_SHOW_PEER = 4;
    private static final int UNIX_DIAG_PEER = 2;
    private static final int NLMSG_HDRLEN = 16;
    /** struct unix_diag_req: family, protocol, pad, states, ino, show, cookie[2]. */
    private static final int REQUEST_LEN = NLMSG_HDRLEN + 24;
    /** struct unix_diag_msg: family, type, state, pad, ino, cookie[2]. */
    private static final int MSG_LEN = 16;
    private static final int ANSWER_MAX = 8192;
    private static final long SYS_SOCKET = 41;

    private final LibC libc = Native.libc();
    private final Pointer request = Memory.allocateDirect(Native.runtime(), REQUEST_LEN, true);
    private final Pointer answer = Memory.allocateDirect(Native.runtime(), ANSWER_MAX, true);
    private int fd = -1;
    private boolean unavailable;
    private int seq;

    /** The inode of the socket connected to UNIX socket {@code inode}, or 0 when none or not known. */
    long peer(long inode) {
        if (unavailable || inode <= 0 || inode > 0xffffffffL) {
            return 0;
        }
        if (fd < 0) {
            fd = (int) libc.syscall(SYS_SOCKET, AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG, 0);
            if (fd < 0) {
                unavailable = true;   // no sock_diag here: peers stay unknown
                return 0;
            }
        }
        request.putInt(0, REQUEST_LEN);
        request.putShort(4, (short) SOCK_DIAG_BY_FAMILY);
        request.putShort(6, (short) NLM_F_REQUEST);
        request.putInt(8, ++seq);
        request.putInt(12, 0);
        request.putByte(16, (byte) AF_UNIX);
        request.putByte(17, (byte) 0);
        request.putShort(18, (short) 0);
        request.putInt(20, -1);                  // every state
        request.putInt(24, (int) inode);
        request.putInt(28, UDIAG_SHOW_PEER);
        request.putInt(32, -1);                  // no cookie
        request.putInt(36, -1);
        if (libc.write(fd, request, REQUEST_LEN) != REQUEST_LEN) {
            return 0;
        }
        long n = libc.read(fd, answer, ANSWER_MAX);
        if (n < NLMSG_HDRLEN + MSG_LEN || answer.getShort(4) == NLMSG_ERROR || answer.getInt(8) != seq) {
            return 0;
        }
        int end = (int) Math.min(n, answer.getInt(0) & 0xffffffffL);
        for (int at = NLMSG_HDRLEN + MSG_LEN; at + 4 <= end; ) {
            int len = answer.getShort(at) & 0xffff;
            int type = answer.getShort(at + 2) & 0xffff;
            if (len < 4) {
                break;
            }
            if (type == UNIX_DIAG_PEER && len >= 8) {
                return answer.getInt(at + 4) & 0xffffffffL;
            }
            at += (len + 3) & ~3;
        }
        return 0;
    }
}
