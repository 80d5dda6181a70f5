package io.jtrace.recorder.capture;

import io.jtrace.recorder.proc.ProcPids;
import io.jtrace.recorder.trace.SyscallEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What strace's kvm.c reads beyond an ioctl's own argument: the CPUID entries that follow a struct
 * kvm_cpuid2 (KVM_SET_CPUID2 at entry, KVM_GET_SUPPORTED_CPUID and KVM_GET_EMULATED_CPUID at exit),
 * and for {@code -e kvm=vcpu} the head of the struct kvm_run a successful KVM_RUN left in the vCPU
 * fd's shared mapping (its exit_reason), kept as arg 0's buffer at exit, at the mapping's address.
 *
 * <p>The mapping is found as strace finds it: the /proc/PID/maps line of the fd's link target
 * ({@code anon_inode:kvm-vcpu:0}). It is looked up once per vCPU fd and again when the copy fails
 * (the mapping moved or went away) or the process exec'd, not at every KVM_RUN: a VMM calls KVM_RUN
 * thousands of times a second.
 */
final class KvmCaptures {
    private static final int KVM_RUN = 0xae80;
    private static final int KVM_GET_SUPPORTED_CPUID = 0xc008ae05;
    private static final int KVM_GET_EMULATED_CPUID = 0xc008ae09;
    private static final int KVM_SET_CPUID2 = 0x4008ae90;
    private static final int CPUID2 = 8;
    private static final int CPUID_ENTRY = 40;
    /** KVM_MAX_CPUID_ENTRIES: the kernel takes no more. */
    private static final long CPUID_ENTRIES_MAX = 256;
    /** struct kvm_run up to and including exit_reason and the flags after it. */
    private static final int RUN_HEAD = 16;
    private static final String VCPU = "anon_inode:kvm-vcpu:";
    /**
     * Where each (process, vCPU fd)'s struct kvm_run is mapped: keys {@code pid << 32 | fd} (0: free)
     * and addresses, scanned linearly, the oldest replaced when full: no object per KVM_RUN on the
     * tracer thread. Guarded by the class (one tracer thread per recorder; tests run several).
     */
    private static final int SLOTS = 256;
    private static final long[] KEYS = new long[SLOTS];
    private static final long[] ADDRESSES = new long[SLOTS];
    private static int next;

    private KvmCaptures() {
    }

    /** Process {@code pid} exited or exec'd: its mappings are gone. */
    static synchronized void forget(int pid) {
        for (int i = 0; i < SLOTS; i++) {
            if (KEYS[i] != 0 && (int) (KEYS[i] >>> 32) == pid) {
                KEYS[i] = 0;
            }
        }
    }

    /** The remembered address of the key's struct kvm_run, or 0. */
    private static synchronized long remembered(long key) {
        for (int i = 0; i < SLOTS; i++) {
            if (KEYS[i] == key) {
                return ADDRESSES[i];
            }
        }
        return 0;
    }

    /** Remembers {@code address} for the key (0: forgets it). */
    private static synchronized void remember(long key, long address) {
        int free = -1;
        for (int i = 0; i < SLOTS; i++) {
            if (KEYS[i] == key) {
                KEYS[i] = 0;
            }
            if (KEYS[i] == 0 && free < 0) {
                free = i;
            }
        }
        if (address == 0) {
            return;
        }
        if (free < 0) {
            free = next;
            next = (next + 1) % SLOTS;
        }
        KEYS[free] = key;
        ADDRESSES[free] = address;
    }

    static void atEntry(SyscallEvent c, BufferReader r) {
        if ((int) c.arg(1) == KVM_SET_CPUID2) {
            entries(c.arg(2), r, false);
        }
    }

    static void atExit(SyscallEvent c, BufferReader r) {
        int code = (int) c.arg(1);
        if (c.returnValue() < 0) {
            return;
        }
        if (code == KVM_GET_SUPPORTED_CPUID || code == KVM_GET_EMULATED_CPUID) {
            entries(c.arg(2), r, true);
        } else if (code == KVM_RUN) {
            run(c, r);
        }
    }

    private static void entries(long arg, BufferReader r, boolean atExit) {
        ByteBuffer cpuid = r.struct(arg, CPUID2);
        if (cpuid != null) {
            long n = Math.min(cpuid.getInt(0) & 0xffffffffL, CPUID_ENTRIES_MAX) * CPUID_ENTRY;
            r.unsnapped(2, BufferReader.IOV, 0, arg + CPUID2, n, (int) n, atExit);
        }
    }

    private static void run(SyscallEvent c, BufferReader r) {
        int fd = (int) c.arg(0);
        long key = (long) c.pid() << 32 | (fd & 0xffffffffL);
        long address = remembered(key);
        if (address == 0 || r.struct(address, RUN_HEAD) == null) {
            address = mapping(c.tid(), fd);
            remember(key, address);
            if (address == 0) {
                return;
            }
        }
        r.unsnapped(0, address, RUN_HEAD, true);
    }

    /** The start of the first mapping of the vCPU that {@code fd} refers to, or 0 (not a vCPU, not mapped). */
    private static long mapping(int tid, int fd) {
        int proc = ProcPids.of(tid);
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/" + proc + "/fd/" + fd)).toString();
            if (!target.startsWith(VCPU)) {
                return 0;
            }
            try (BufferedReader maps = Files.newBufferedReader(Path.of("/proc/" + proc + "/maps"),
                    StandardCharsets.ISO_8859_1)) {
                for (String line; (line = maps.readLine()) != null; ) {
                    // start-end perms offset major:minor inode path; an anon inode's device major is 0
                    String[] f = line.split("\\s+", 6);
                    if (f.length == 6 && f[5].equals(target) && f[3].startsWith("00:")) {
                        return Long.parseUnsignedLong(f[0].substring(0, f[0].indexOf('-')), 16);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the fd or the task is gone: no exit reason
        }
        return 0;
    }
}
