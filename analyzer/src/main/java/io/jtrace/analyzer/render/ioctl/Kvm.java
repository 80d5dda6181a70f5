package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * KVM requests as strace 6.1 prints them on x86_64 (kvm.c, linux/x86_64/arch_kvm.c): KVM_CHECK_EXTENSION's
 * capability, the memory region, registers, special registers and CPUID entries, the vCPU number;
 * the fds KVM_CREATE_VM and KVM_CREATE_VCPU return; and under {@code -e kvm=vcpu} KVM_RUN's exit reason,
 * read from the vCPU's mapped struct kvm_run that the recorder copies at exit.
 */
final class Kvm {
    static final int TYPE = 0xae;
    static final int KVM_CREATE_VM = 0xae01;
    static final int KVM_CREATE_VCPU = 0xae41;
    private static final int KVM_CHECK_EXTENSION = 0xae03;
    private static final int KVM_RUN = 0xae80;
    private static final int KVM_SET_USER_MEMORY_REGION = 0x4020ae46;
    private static final int KVM_GET_REGS = 0x8090ae81;
    private static final int KVM_SET_REGS = 0x4090ae82;
    private static final int KVM_GET_SREGS = 0x8138ae83;
    private static final int KVM_SET_SREGS = 0x4138ae84;
    private static final int KVM_GET_SUPPORTED_CPUID = 0xc008ae05;
    private static final int KVM_GET_EMULATED_CPUID = 0xc008ae09;
    private static final int KVM_SET_CPUID2 = 0x4008ae90;
    private static final int REGS = 144;
    private static final int SREGS = 312;
    private static final int CPUID2 = 8;
    private static final int CPUID_ENTRY = 40;
    /** struct kvm_run's exit_reason, after request_interrupt_window, immediate_exit and padding. */
    private static final int EXIT_REASON = 8;
    private static final String[] SEGMENTS = {"cs", "ds", "es", "fs", "gs", "ss", "tr", "ldt"};
    private static final String[] CONTROL = {"cr0", "cr2", "cr3", "cr4", "cr8", "efer"};
    private static final Flags CAPS = IoctlXlat.table("kvm_cap", "KVM_CAP_???");
    private static final Flags EXIT_REASONS = IoctlXlat.table("kvm_exit_reason", "KVM_EXIT_???");
    private static final Flags CPUID_FLAGS = IoctlXlat.table("kvm_cpuid_flags", "KVM_CPUID_FLAG_???");
    private static final Flags MEM_FLAGS = IoctlXlat.table("kvm_mem_flags", "KVM_MEM_???");

    private Kvm() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case KVM_CREATE_VCPU -> {
                out.append(", ").appendUnsigned(c.address() & 0xffffffffL);
                yield true;
            }
            case KVM_CHECK_EXTENSION -> {
                CAPS.hexValue(out.append(", "), c.address());
                yield true;
            }
            case KVM_SET_USER_MEMORY_REGION -> Print.in(c, out, 32, b -> memoryRegion(out, b));
            case KVM_GET_REGS -> Print.out(c, out, REGS, b -> regs(c, out, b));
            case KVM_SET_REGS -> Print.in(c, out, REGS, b -> regs(c, out, b));
            case KVM_GET_SREGS -> Print.out(c, out, SREGS, b -> sregs(c, out, b));
            case KVM_SET_SREGS -> Print.in(c, out, SREGS, b -> sregs(c, out, b));
            case KVM_GET_SUPPORTED_CPUID, KVM_GET_EMULATED_CPUID -> Print.out(c, out, CPUID2, b -> cpuid2(c, out, b, true));
            case KVM_SET_CPUID2 -> Print.in(c, out, CPUID2, b -> cpuid2(c, out, b, false));
            case KVM_RUN -> c.unfinished();   // printed at exit, as a number
            default -> false;
        };
    }

    /** True when the request's return value is not a plain number: an fd, or KVM_RUN's exit reason. */
    static boolean decodesReturn(int code) {
        return code == KVM_CREATE_VM || code == KVM_CREATE_VCPU || code == KVM_RUN;
    }

    /** {@code 4<anon_inode:kvm-vm>}, or {@code 0 (KVM_EXIT_IO)} under -e kvm=vcpu. */
    static void ret(IoctlCall c, int code, LineBuffer out) {
        if (code != KVM_RUN) {
            c.newFd(out);
            return;
        }
        out.append(c.ret());
        byte[] run = c.kvmVcpu() ? c.mappedAtExit() : null;
        if (run != null && run.length >= EXIT_REASON + 4) {
            long reason = ByteBuffer.wrap(run).order(ByteOrder.LITTLE_ENDIAN).getInt(EXIT_REASON) & 0xffffffffL;
            String name = EXIT_REASONS.name(reason);
            out.append(" (").append(name != null ? name : "KVM_EXIT_???").append(')');
        }
    }

    private static void memoryRegion(LineBuffer out, ByteBuffer b) {
        out.append("{slot=").appendUnsigned(b.getInt(0) & 0xffffffffL).append(", flags=");
        MEM_FLAGS.flags(out, b.getInt(4) & 0xffffffffL);
        Formats.hex(out.append(", guest_phys_addr="), b.getLong(8));
        out.append(", memory_size=").appendUnsigned(b.getLong(16));
        Formats.hex(out.append(", userspace_addr="), b.getLong(24)).append('}');
    }

    /** struct kvm_regs: rax, rsp, rbp, rip and rflags, the others only under -v. */
    private static void regs(IoctlCall c, LineBuffer out, ByteBuffer b) {
        reg(out.append('{'), "rax", b, 0);
        if (c.abbrev()) {
            out.append(", ...");
        } else {
            String[] names = {"rbx", "rcx", "rdx", "rsi", "rdi"};
            for (int i = 0; i < names.length; i++) {
                reg(out.append(", "), names[i], b, 8 * (i + 1));
            }
        }
        reg(out.append(", "), "rsp", b, 48);
        reg(out.append(", "), "rbp", b, 56);
        if (c.abbrev()) {
            out.append(", ...");
        } else {
            for (int i = 8; i <= 15; i++) {
                reg(out.append(", "), "r" + i, b, 64 + 8 * (i - 8));
            }
        }
        reg(out.append(", "), "rip", b, 128);
        reg(out.append(", "), "rflags", b, 136).append('}');
    }

    private static LineBuffer reg(LineBuffer out, String name, ByteBuffer b, int at) {
        return Formats.hex(out.append(name).append('='), b.getLong(at));
    }

    /** struct kvm_sregs: cs, then "..." unless -v. */
    private static void sregs(IoctlCall c, LineBuffer out, ByteBuffer b) {
        segment(out.append("{cs="), b, 0);
        if (c.abbrev()) {
            out.append(", ...}");
            return;
        }
        for (int i = 1; i < SEGMENTS.length; i++) {
            segment(out.append(", ").append(SEGMENTS[i]).append('='), b, 24 * i);
        }
        dtable(out.append(", gdt="), b, 192);
        dtable(out.append(", idt="), b, 208);
        for (int i = 0; i < CONTROL.length; i++) {
            out.append(", ").append(CONTROL[i]).append('=').appendUnsigned(b.getLong(224 + 8 * i));
        }
        Formats.hex(out.append(", apic_base="), b.getLong(272));
        out.append(", interrupt_bitmap=[");
        for (int i = 0; i < 4; i++) {
            Formats.hex(out.append(i > 0 ? ", " : ""), b.getLong(280 + 8 * i));
        }
        out.append("]}");
    }

    /** struct kvm_segment: base, limit, selector, then the u8 attributes. */
    private static void segment(LineBuffer out, ByteBuffer b, int at) {
        Formats.hex(out.append("{base="), b.getLong(at));
        out.append(", limit=").appendUnsigned(b.getInt(at + 8) & 0xffffffffL)
                .append(", selector=").append(b.getShort(at + 12) & 0xffff);
        String[] names = {"type", "present", "dpl", "db", "s", "l", "g", "avl"};
        for (int i = 0; i < names.length; i++) {
            out.append(", ").append(names[i]).append('=').append(b.get(at + 14 + i) & 0xff);
        }
        out.append('}');
    }

    private static void dtable(LineBuffer out, ByteBuffer b, int at) {
        Formats.hex(out.append("{base="), b.getLong(at));
        out.append(", limit=").append(b.getShort(at + 8) & 0xffff).append('}');
    }

    /** struct kvm_cpuid2: nent, and its entries ("[...]" unless -v), which follow it. */
    private static void cpuid2(IoctlCall c, LineBuffer out, ByteBuffer b, boolean atExit) {
        long nent = b.getInt(0) & 0xffffffffL;
        out.append("{nent=").appendUnsigned(nent).append(", entries=");
        if (c.abbrev()) {
            out.append(nent != 0 ? "[...]" : "[]");
        } else {
            PrintArray.array(c, out, c.pointed(atExit), c.address() + CPUID2, nent, CPUID_ENTRY,
                    (o, e, at) -> cpuidEntry(o, e, at));
        }
        out.append('}');
    }

    private static void cpuidEntry(LineBuffer out, ByteBuffer e, int at) {
        Formats.hex(out.append("{function="), e.getInt(at) & 0xffffffffL);
        Formats.hex(out.append(", index="), e.getInt(at + 4) & 0xffffffffL);
        CPUID_FLAGS.flags(out.append(", flags="), e.getInt(at + 8) & 0xffffffffL);
        String[] names = {"eax", "ebx", "ecx", "edx"};
        for (int i = 0; i < names.length; i++) {
            Formats.hex(out.append(", ").append(names[i]).append('='), e.getInt(at + 12 + 4 * i) & 0xffffffffL);
        }
        out.append('}');
    }
}
