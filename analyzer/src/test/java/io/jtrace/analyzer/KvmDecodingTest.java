package io.jtrace.analyzer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KVM requests render/ioctl/Kvm decodes checked against strace itself: testdata/workload/kvm_calls.c
 * runs a one-page guest through /dev/kvm (after strace's ioctl_kvm_run tests), compared by default,
 * with -y (the fds KVM_CREATE_VM and KVM_CREATE_VCPU return, named as the recorder's probe saw them),
 * -v (registers, special registers and CPUID entries whole), -e kvm=vcpu (KVM_RUN's exit reason from
 * the vCPU's mapped struct kvm_run), the constant styles and -e verbose=none. Needs /dev/kvm: a
 * machine without it (most CI runners) skips the test whatever CI says, since that is hardware, not
 * a tool the job could install.
 */
class KvmDecodingTest {
    private static final List<List<String>> OPTIONS = List.of(List.of(), List.of("-y"), List.of("-v", "-y"),
            List.of("-y", "-e", "kvm=vcpu"), List.of("-v", "-e", "kvm=vcpu"), List.of("--const-print-style=verbose"),
            List.of("--const-print-style=raw", "-v"), List.of("-e", "verbose=none"));

    @TempDir
    Path dir;

    @Test
    void kvmRequestsAreStraces() throws Exception {
        Path kvm = Path.of("/dev/kvm");
        Assumptions.assumeTrue(Files.exists(kvm), "no /dev/kvm on this machine (no KVM support or not exposed)");
        Assumptions.assumeTrue(Files.isReadable(kvm) && Files.isWritable(kvm), "/dev/kvm is not usable by this user");
        // open is recorded for -y's 3</dev/kvm>, and shown as strace shows what it traces
        StraceOracle oracle = StraceOracle.recordShowing(dir, "kvm_calls", "openat,write,ioctl", "write,ioctl");
        for (List<String> options : OPTIONS) {
            oracle.compare(options, StraceOracle::fromMarker, 30);
        }
    }
}
