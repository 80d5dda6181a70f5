package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.ioctl.Ioctl;
import io.jtrace.analyzer.render.ioctl.IoctlCall;
import io.jtrace.analyzer.trace.Arch;
import io.jtrace.analyzer.trace.Signals;
import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.syscalls.SyscallTable;

/** ioctl's decoder (render/ioctl/) seen from the decoder table: the call's registers, buffers and options. */
final class IoctlArg {
    private IoctlArg() {
    }

    /** fd, request and argument, printed as one: what the argument is depends on the request. */
    static final Arg ARGS = Arg.fd((c, i, out) -> Ioctl.args(view(c), out));

    static final Decoders.Ret RET = (c, out) -> Ioctl.ret(view(c), out);

    private static IoctlCall view(Call c) {
        return new IoctlCall() {
            @Override
            public long arg(int i) {
                return c.arg(i);
            }

            @Override
            public long ret() {
                return c.ret();
            }

            @Override
            public boolean failed() {
                return c.failed();
            }

            @Override
            public boolean unfinished() {
                return c.syscall.getUnfinished();
            }

            @Override
            protected byte[] entryBytes() {
                return bytes(c.atEntry(2));
            }

            @Override
            protected byte[] exitBytes() {
                return bytes(c.atExit(2));
            }

            @Override
            protected byte[] pointed(boolean atExit) {
                return bytes(c.part(2, Buffer.Part.IOV, 0, atExit));
            }

            @Override
            protected byte[] pointed(boolean atExit, int index) {
                return bytes(c.part(2, Buffer.Part.IOV, index, atExit));
            }

            @Override
            public void pointedString(LineBuffer out, boolean atExit, int index, long address, long length,
                                      boolean forceHex) {
                c.string(out, c.part(2, Buffer.Part.IOV, index, atExit), address, length, forceHex);
            }

            @Override
            public void pointedString(LineBuffer out, boolean atExit, long address, long length, boolean forceHex) {
                c.string(out, c.part(2, Buffer.Part.IOV, 0, atExit), address, length, forceHex);
            }

            @Override
            public void argString(LineBuffer out, boolean atExit, long length, boolean forceHex) {
                c.string(out, atExit ? (c.failed() ? null : c.atExit(2)) : c.atEntry(2), c.arg(2), length, forceHex);
            }

            @Override
            public boolean abbrev() {
                return c.abbrev();
            }

            @Override
            public boolean verbose() {
                return c.verbose();
            }

            @Override
            public void exitString(LineBuffer out, long length) {
                c.string(out, c.failed() ? null : c.atExit(2), c.arg(2), length, false);
            }

            @Override
            public void fd(LineBuffer out, long fd) {
                c.fd(out, fd);
            }

            @Override
            public void newFd(LineBuffer out) {
                Decoders.NEW_FD.append(c, out);
            }

            @Override
            public boolean kvmVcpu() {
                return c.options.kvmVcpu;
            }

            @Override
            protected byte[] mappedAtExit() {
                return c.failed() ? null : bytes(c.atExit(0));
            }

            @Override
            public Quote.Hex hex() {
                return c.options.hex;
            }

            @Override
            public int stringLimit() {
                return c.options.stringLimit;
            }

            @Override
            public String sockaddr(byte[] b, int len) {
                return SockaddrText.strace(b, len, c.options.hex, c::interfaceName);
            }

            @Override
            public String interfaceName(int index) {
                return c.interfaceName(index);
            }

            @Override
            public String errnoName(long errno) {
                return Errnos.name(errno);
            }

            @Override
            public void tgid(LineBuffer out, int pid) {
                c.pid(out, pid, io.jtrace.analyzer.trace.PidNamespaceIds.Type.TGID);
            }

            @Override
            public String syscallName(long auditArch, int nr) {
                Arch arch = Arch.ofAudit(auditArch);
                SyscallTable table = arch == null ? null : arch.syscalls();
                String name = table != null && nr >= 0 && nr < table.size() ? table.name(nr) : null;
                return name == null || name.startsWith("syscall_0x") ? null : name;
            }

            @Override
            public Signals signals() {
                return c.arch.signals;
            }

            @Override
            public Flags openModeFlags() {
                return c.arch.openModeFlags;
            }
        };
    }

    private static byte[] bytes(RecordedBuffer b) {
        return b == null || b.getError() != 0 ? null : b.getData().toByteArray();
    }
}
