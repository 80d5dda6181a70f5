package io.jtrace.analyzer.trace;

import io.jtrace.format.proto.Header;
import io.jtrace.format.syscalls.SyscallTable;
import java.io.IOException;

/**
 * The architecture a trace was recorded on, chosen once per stream by the header's {@code arch}:
 * its syscall table (numbers to names and argument counts) and signal numbering here, and through
 * {@code render/ArchTables} the constants and structure layouts that differ between Linux
 * architectures. A header naming an architecture without an entry here is refused, so that no
 * view decodes its records with another architecture's numbers.
 */
public enum Arch {
    X86_64("x86_64", 0xc000003eL, Signals.GENERIC);

    private final String headerName;
    private final long auditArch;
    private final SyscallTable syscalls;
    private final Signals signals;

    Arch(String headerName, long auditArch, Signals signals) {
        this.headerName = headerName;
        this.auditArch = auditArch;
        this.syscalls = SyscallTable.forArch(headerName);
        this.signals = signals;
    }

    /**
     * The architecture a trace header names.
     *
     * @throws IOException naming the architecture, when this analyzer has no tables for it
     */
    public static Arch of(Header header) throws IOException {
        for (Arch a : values()) {
            if (a.headerName.equals(header.getArch())) {
                return a;
            }
        }
        throw new IOException("trace header: unsupported architecture '" + header.getArch() + "'");
    }

    /** The architecture of a seccomp_data's {@code arch} (an AUDIT_ARCH_ value), or null. */
    public static Arch ofAudit(long auditArch) {
        for (Arch a : values()) {
            if (a.auditArch == auditArch) {
                return a;
            }
        }
        return null;
    }

    /** The name the recorder writes in the header ({@code uname -m}). */
    public String headerName() {
        return headerName;
    }

    public SyscallTable syscalls() {
        return syscalls;
    }

    public Signals signals() {
        return signals;
    }
}
