package io.jtrace.recorder.ptrace;

import static io.jtrace.recorder.ptrace.PtraceConstants.PTRACE_PEEKDATA;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * Copies tracee memory with process_vm_readv through one reusable native buffer, falling back to
 * PTRACE_PEEKDATA word by word when process_vm_readv is refused (ENOSYS, EPERM). Unreadable
 * memory is an errno in the result, never an exception: one bad pointer must not stop tracing.
 * Use on the tracer thread only (the fallback needs it, and the buffers are shared).
 */
public final class TraceeMemory {
    private static final int CHUNK = 64 * 1024;

    private final LibC libc = Native.libc();
    private final Ptrace ptrace;
    private final Pointer buffer = Memory.allocateDirect(Native.runtime(), CHUNK);
    // Two struct iovec {void *base; size_t len}: [0] local, [1] remote.
    private final Pointer iovecs = Memory.allocateDirect(Native.runtime(), 32);
    private final Pointer remoteIovec = iovecs.slice(16);
    private final Pointer word = Memory.allocateDirect(Native.runtime(), 8);
    private boolean vmReadvWorks = true;

    public TraceeMemory(Ptrace ptrace) {
        this(ptrace, true);
    }

    /** {@code vmReadv} false: peeks only, as after process_vm_readv was refused (tests). */
    TraceeMemory(Ptrace ptrace, boolean vmReadv) {
        this.ptrace = ptrace;
        this.vmReadvWorks = vmReadv;
        iovecs.putAddress(0, buffer.address());
    }

    /**
     * Reads the first {@code min(length, maxBytes)} bytes at {@code address} ({@code maxBytes <= 0}:
     * no limit beyond what a Java array holds). A short read (the buffer crosses into unmapped
     * memory) returns what was readable; errno is set only when nothing was.
     */
    public TraceeBytes read(int tid, long address, long length, int maxBytes) {
        long want = maxBytes > 0 ? Math.min(length, maxBytes) : length;
        int size = (int) Math.max(0, Math.min(want, Integer.MAX_VALUE - 16));
        byte[] data = new byte[size];
        int got = readInto(tid, address, data, 0, size);
        if (got < 0) {
            return new TraceeBytes(address, length, new byte[0], -got);
        }
        if (got < size) {
            byte[] shorter = new byte[got];
            System.arraycopy(data, 0, shorter, 0, got);
            data = shorter;
        }
        return new TraceeBytes(address, length, data, 0);
    }

    /** Copies up to {@code count} bytes into {@code dest}; returns the bytes copied or -errno if none could be. */
    public int readInto(int tid, long address, byte[] dest, int offset, int count) {
        if (count == 0) {
            return 0;
        }
        if (vmReadvWorks) {
            int done = 0;
            while (done < count) {
                int n = Math.min(CHUNK, count - done);
                iovecs.putLong(8, n);
                iovecs.putAddress(16, address + done);
                iovecs.putLong(24, n);
                long rc = libc.process_vm_readv(tid, iovecs, 1, remoteIovec, 1, 0);
                if (rc <= 0) {
                    int errno = rc == 0 ? Errno.EFAULT : Native.errno();
                    if (done > 0) {
                        return done;
                    }
                    if (errno != Errno.ENOSYS && errno != Errno.EPERM) {
                        return -errno;
                    }
                    vmReadvWorks = false; // e.g. a seccomp or LSM policy: peeks still work for the tracer
                    return peekInto(tid, address, dest, offset, count);
                }
                buffer.get(0, dest, offset + done, (int) rc);
                done += (int) rc;
                if (rc < n) {
                    return done;
                }
            }
            return done;
        }
        return peekInto(tid, address, dest, offset, count);
    }

    /**
     * Copies up to {@code count} bytes straight to native memory at {@code dest} (one
     * process_vm_readv, no Java copy); returns the bytes copied or -errno if none could be.
     */
    public int readNative(int tid, long address, long dest, int count) {
        if (count == 0) {
            return 0;
        }
        if (vmReadvWorks) {
            iovecs.putAddress(0, dest);
            iovecs.putLong(8, count);
            iovecs.putAddress(16, address);
            iovecs.putLong(24, count);
            long rc = libc.process_vm_readv(tid, iovecs, 1, remoteIovec, 1, 0);
            iovecs.putAddress(0, buffer.address());
            if (rc > 0) {
                return (int) rc;
            }
            int errno = rc == 0 ? Errno.EFAULT : Native.errno();
            if (errno != Errno.ENOSYS && errno != Errno.EPERM) {
                return -errno;
            }
            vmReadvWorks = false; // e.g. a seccomp or LSM policy: peeks still work for the tracer
        }
        return peekNative(tid, address, dest, count);
    }

    /**
     * PTRACE_PEEKDATA into native memory at {@code dest}, one aligned word at a time (an aligned
     * word never straddles the end of a mapping, so a read stops where process_vm_readv's would).
     * Returns the bytes copied or -errno if none could be.
     */
    private int peekNative(int tid, long address, long dest, int count) {
        Pointer to = Pointer.wrap(Native.runtime(), dest);
        long end = address + count;
        int done = 0;
        for (long w = address & ~7L; w < end; w += 8) {
            long rc = ptrace.tryRequest(PTRACE_PEEKDATA, tid, w, word.address());
            if (rc < 0) {
                return done > 0 ? done : (int) rc;
            }
            int from = (int) Math.max(address - w, 0);
            int n = (int) Math.min(end - w, 8) - from;
            word.transferTo(from, to, done, n); // memory order: the bytes as they lie in the tracee
            done += n;
        }
        return done;
    }

    /** The fallback for a Java array: peeks a chunk at a time through {@link #buffer}. */
    private int peekInto(int tid, long address, byte[] dest, int offset, int count) {
        int done = 0;
        while (done < count) {
            int n = Math.min(CHUNK, count - done);
            int got = peekNative(tid, address + done, buffer.address(), n);
            if (got < 0) {
                return done > 0 ? done : got;
            }
            buffer.get(0, dest, offset + done, got);
            done += got;
            if (got < n) {
                return done;
            }
        }
        return done;
    }
}
