package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import io.jtrace.analyzer.render.Quote;
import io.jtrace.analyzer.trace.Signals;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The ioctl call being printed, as the request decoders see it: its registers, the argument's bytes
 * the recorder copied (at entry, and at exit of a successful call) and the print options.
 */
public abstract class IoctlCall {
    public abstract long arg(int i);

    public abstract long ret();

    public abstract boolean failed();

    /** The call was still in the kernel when the recording ended: strace printed its entry only. */
    public abstract boolean unfinished();

    /** The argument's bytes copied at entry, or null. */
    protected abstract byte[] entryBytes();

    /** The argument's bytes copied at exit of a successful call, or null. */
    protected abstract byte[] exitBytes();

    /** What the argument's structure points to (ifc_buf, rand_pool_info's buf), copied at entry or exit; or null. */
    protected abstract byte[] pointed(boolean atExit);

    /**
     * The {@code index}-th memory the argument's structure points to (0 is {@link #pointed}), as much of
     * it as was readable; null when nothing was (an array whose first element is unreadable).
     */
    protected abstract byte[] pointed(boolean atExit, int index);

    /**
     * strace's printstrn of {@code length} bytes at {@code address} that the argument's structure
     * points to (copied at entry or at exit): quoted up to -s, or the address when not copied.
     */
    public final void pointedString(LineBuffer out, boolean atExit, long address, long length) {
        pointedString(out, atExit, address, length, false);
    }

    /** {@link #pointedString(LineBuffer, boolean, long, long)}, every byte in hex with {@code forceHex} (QUOTE_FORCE_HEX). */
    public abstract void pointedString(LineBuffer out, boolean atExit, long address, long length, boolean forceHex);

    /** {@link #pointedString(LineBuffer, boolean, long, long)} of the {@code index}-th memory the structure points to. */
    public final void pointedString(LineBuffer out, boolean atExit, int index, long address, long length) {
        pointedString(out, atExit, index, address, length, false);
    }

    /** {@link #pointedString(LineBuffer, boolean, int, long, long)}, every byte in hex with {@code forceHex}. */
    public abstract void pointedString(LineBuffer out, boolean atExit, int index, long address, long length,
                                       boolean forceHex);

    /**
     * strace's printstr_ex of {@code length} bytes of the argument itself, as copied at entry or at
     * exit (the address for a failed call or bytes not copied), every byte in hex with {@code forceHex}.
     */
    public abstract void argString(LineBuffer out, boolean atExit, long length, boolean forceHex);

    /** strace's abbrev(tcp): structures abbreviated (not under -v). */
    public abstract boolean abbrev();

    /** strace's verbose(tcp): structures decoded (not when -e verbose= leaves the call out). */
    public abstract boolean verbose();

    /** strace's printstrn of {@code length} bytes of the argument as copied at exit. */
    public abstract void exitString(LineBuffer out, long length);

    public abstract void fd(LineBuffer out, long fd);

    /** The fd the call returned, as strace's RVAL_FD prints it: decorated with what it refers to under -y. */
    public abstract void newFd(LineBuffer out);

    /** strace's -e kvm=vcpu: KVM_RUN's return value names the vCPU's exit reason. */
    public abstract boolean kvmVcpu();

    /** The start of the memory the fd argument maps (KVM_RUN's struct kvm_run), copied at exit; or null. */
    protected abstract byte[] mappedAtExit();

    public abstract Quote.Hex hex();

    public abstract int stringLimit();

    /** A sockaddr of {@code len} bytes, as strace prints it (interface names from the trace). */
    public abstract String sockaddr(byte[] b, int len);

    public abstract String interfaceName(int index);

    /** The errno's name (ENOSR), or null. */
    public abstract String errnoName(long errno);

    /** The name of syscall {@code nr} of an architecture named by its AUDIT_ARCH_ value, or null. */
    public abstract String syscallName(long auditArch, int nr);

    /** The signal numbering of the trace's architecture. */
    public abstract Signals signals();

    /** strace's open_mode_flags of the trace's architecture. */
    public abstract Flags openModeFlags();

    /** A process id the argument holds, as strace's PRINT_FIELD_TGID prints it (--decode-pids). */
    public void tgid(LineBuffer out, int pid) {
        out.append(pid);
    }

    final long address() {
        return arg(2);
    }

    /**
     * The first {@code size} bytes copied at entry, little-endian; null when fewer were, or when -e
     * verbose= leaves the call out (strace's umove_or_printaddr then prints the address).
     */
    final ByteBuffer in(int size) {
        return verbose() ? le(entryBytes(), size) : null;
    }

    /** The first {@code size} bytes copied at exit; null for a failed call, when fewer were copied, or not verbose. */
    final ByteBuffer out(int size) {
        return failed() || !verbose() ? null : le(exitBytes(), size);
    }

    private static ByteBuffer le(byte[] b, int size) {
        if (b == null || b.length < size) {
            return null;
        }
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** strace's printaddr: NULL or the hex address of the argument. */
    final void address(LineBuffer out) {
        Formats.pointer(out, address());
    }
}
