/* KVM ioctls for KvmDecodingTest, after strace's tests/ioctl_kvm_run_common.c: a VM with one page of
 * guest memory and one vCPU that writes a byte to port 0x3f8 and halts (two KVM_RUNs: KVM_EXIT_IO, then
 * KVM_EXIT_HLT), with the capability, memory region, register, special register and CPUID requests
 * around it, and a few failing ones (NULL, an unmapped address, an unknown capability, a vCPU fd
 * mapped nowhere). Exits 77 when /dev/kvm cannot be used. Runs on CPU 0 only: KVM_GET_SUPPORTED_CPUID's
 * leaf 1 holds the APIC id of the CPU that asked, which strace's run and the recorded one must share. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/kvm.h>

extern const char code[];
extern const unsigned short code_size;

__asm__(
    ".type code, @object\n"
    "code:\n"
    "    mov $0xd80003f8, %edx\n"
    "    mov $'\\n', %al\n"
    "    out %al, (%dx)\n"
    "    hlt\n"
    ".size code, . - code\n"
    ".type code_size, @object\n"
    "code_size:\n"
    "    .short . - code\n"
    ".size code_size, . - code_size\n");

#define BAD ((void *) 0xbadc0ded000UL)

static void need(int ok)
{
    if (!ok)
        exit(77);
}

int main(void)
{
    cpu_set_t cpu0;
    CPU_ZERO(&cpu0);
    CPU_SET(0, &cpu0);
    sched_setaffinity(0, sizeof(cpu0), &cpu0);
    int kvm = open("/dev/kvm", O_RDWR);
    need(kvm >= 0);
    write(-1, "kvm", 3);   /* the marker the test compares from */
    need(ioctl(kvm, KVM_GET_API_VERSION, 0) == KVM_API_VERSION);
    ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_USER_MEMORY);
    ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_NR_VCPUS);
    ioctl(kvm, KVM_CHECK_EXTENSION, 0xdead);
    int vm = ioctl(kvm, KVM_CREATE_VM, 0);
    need(vm >= 0);

    size_t page = sysconf(_SC_PAGESIZE);
    void *mem = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    need(mem != MAP_FAILED);
    struct kvm_userspace_memory_region region = {
        .slot = 0, .guest_phys_addr = page, .memory_size = page, .userspace_addr = (uintptr_t) mem,
    };
    need(ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region) == 0);
    struct kvm_userspace_memory_region odd = {
        .slot = 7, .flags = KVM_MEM_READONLY | 0x80, .guest_phys_addr = 0x100000, .memory_size = page,
        .userspace_addr = (uintptr_t) mem,
    };
    ioctl(vm, KVM_SET_USER_MEMORY_REGION, &odd);
    ioctl(vm, KVM_SET_USER_MEMORY_REGION, NULL);
    ioctl(vm, KVM_SET_USER_MEMORY_REGION, BAD);

    int vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
    need(vcpu >= 0);
    int unmapped = ioctl(vm, KVM_CREATE_VCPU, 1);
    int size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
    need(size > 0);
    struct kvm_run *run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
    need(run != MAP_FAILED);

    size_t nent = 80;
    struct kvm_cpuid2 *cpuid = calloc(1, sizeof(*cpuid) + nent * sizeof(cpuid->entries[0]));
    ioctl(kvm, KVM_GET_SUPPORTED_CPUID, cpuid);   /* nent 0: E2BIG */
    cpuid->nent = nent;
    need(ioctl(kvm, KVM_GET_SUPPORTED_CPUID, cpuid) == 0);
    struct kvm_cpuid2 none = { .nent = 0 };
    ioctl(vcpu, KVM_SET_CPUID2, &none);
    need(ioctl(vcpu, KVM_SET_CPUID2, cpuid) == 0);
    ioctl(vcpu, KVM_SET_CPUID2, NULL);
    ioctl(vcpu, KVM_GET_SUPPORTED_CPUID, BAD);

    struct kvm_sregs sregs;
    need(ioctl(vcpu, KVM_GET_SREGS, &sregs) == 0);
    sregs.cs.base = 0;
    sregs.cs.selector = 0;
    need(ioctl(vcpu, KVM_SET_SREGS, &sregs) == 0);
    ioctl(vcpu, KVM_GET_SREGS, NULL);
    struct kvm_regs regs = { .rip = page, .rax = 2, .rbx = 2, .rflags = 0x2, .r9 = 0x1234, .rsp = 0xfff0 };
    need(ioctl(vcpu, KVM_SET_REGS, &regs) == 0);
    struct kvm_regs back;
    need(ioctl(vcpu, KVM_GET_REGS, &back) == 0);
    ioctl(vcpu, KVM_SET_REGS, BAD);

    memcpy(mem, code, code_size);
    for (int i = 0; i < 4; i++) {
        need(ioctl(vcpu, KVM_RUN, NULL) == 0);
        if (run->exit_reason == KVM_EXIT_HLT)
            break;
        need(run->exit_reason == KVM_EXIT_IO);
    }
    if (unmapped >= 0)
        ioctl(unmapped, KVM_RUN, 0);   /* no struct kvm_run mapped: no exit reason */
    ioctl(kvm, KVM_RUN, 0);            /* not a vCPU: EINVAL... */
    close(unmapped);
    close(vcpu);
    close(vm);
    close(kvm);
    return 0;
}
