package io.jtrace.analyzer.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jtrace.format.proto.Header;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ArchTest {
    private static Header header(String arch) {
        return Header.newBuilder().setArch(arch).build();
    }

    @Test
    void anX86_64HeaderPicksTheX86_64Tables() throws IOException {
        Arch arch = Arch.of(header("x86_64"));
        assertSame(Arch.X86_64, arch);
        assertEquals("x86_64", arch.syscalls().arch());
        // numbers that differ on aarch64 (read is 63, execve 221 there; openat 56)
        assertEquals("read", arch.syscalls().name(0));
        assertEquals("execve", arch.syscalls().name(59));
        assertEquals(257, arch.syscalls().number("openat"));
        assertEquals("SIGKILL", arch.signals().name(9));
        assertEquals("SIGRTMIN", arch.signals().name(32));
        assertEquals(64, arch.signals().max());
        assertSame(Arch.X86_64, Arch.ofAudit(0xc000003eL));
        assertNull(Arch.ofAudit(0xc00000b7L), "AUDIT_ARCH_AARCH64: no tables yet");
    }

    @Test
    void anotherArchitectureIsRefusedByName() {
        for (String name : new String[] {"aarch64", "", "x86_64 ", "../x86_64"}) {
            IOException e = assertThrows(IOException.class, () -> Arch.of(header(name)));
            assertEquals("trace header: unsupported architecture '" + name + "'", e.getMessage());
        }
    }
}
