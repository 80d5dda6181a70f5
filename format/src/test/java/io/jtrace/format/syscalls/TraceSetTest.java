package io.jtrace.format.syscalls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TraceSetTest {
    private final SyscallTable x86 = SyscallTable.forArch("x86_64");

    private int[] set(String expr) {
        return TraceSet.parse(expr, x86).numbers();
    }

    private int nr(String name) {
        return x86.number(name);
    }

    @Test
    void namesAndNumbersMatchTheKernel() {
        assertEquals(0, nr("read"));
        assertEquals(44, nr("sendto"));
        assertEquals(288, nr("accept4"));
        assertEquals("epoll_wait", x86.name(232));
        assertEquals(3, x86.argCount(nr("write")));
        assertEquals(6, x86.argCount(nr("sendto")));
        assertEquals(1, x86.argCount(nr("close")));
        assertEquals(6, x86.argCount(999));
        assertEquals("syscall_0x3e7", x86.name(999));
        assertThrows(IllegalArgumentException.class, () -> SyscallTable.forArch("sparc"));
    }

    @Test
    void namesClassesAndAliases() {
        assertArrayEquals(new int[] {nr("read"), nr("write")}, set("trace=write,read"));
        assertArrayEquals(set("%network"), set("%net"));
        assertArrayEquals(set("%network"), set("network"));
        assertTrue(Arrays.stream(set("%net")).anyMatch(n -> n == nr("recvmsg")));
        assertTrue(Arrays.stream(set("%net")).noneMatch(n -> n == nr("read")));
        assertTrue(Arrays.stream(set("%file")).anyMatch(n -> n == nr("openat")));
        assertTrue(Arrays.stream(set("%process")).anyMatch(n -> n == nr("clone3")));
        assertArrayEquals(new int[] {nr("fstat"), nr("newfstatat"), nr("statx")}, set("%fstat"));
        assertEquals(5, set("%%stat").length);
    }

    @Test
    void negationRegexAllAndNone() {
        assertEquals(x86.size(), set("all").length);
        assertEquals(0, set("none").length);
        assertEquals(x86.size() - 1, set("!write").length);
        TraceSet notFile = TraceSet.parse("!%file", x86);
        assertFalse(notFile.contains(nr("openat")));
        assertTrue(notFile.contains(nr("sendto")));
        assertArrayEquals(new int[] {nr("recvfrom"), nr("recvmsg"), nr("recvmmsg")}, set("/^recv"));
    }

    @Test
    void unknownNamesFailUnlessOptional() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> set("read,frobnicate"));
        assertEquals("invalid system call 'frobnicate'", e.getMessage());
        assertArrayEquals(new int[] {nr("read")}, set("read,?frobnicate"));
        assertThrows(IllegalArgumentException.class, () -> set("%nosuchclass"));
        assertThrows(IllegalArgumentException.class, () -> set(""));
        assertEquals("invalid regular expression '(['",
                assertThrows(IllegalArgumentException.class, () -> set("/([")).getMessage());
        assertEquals("unsupported qualifier 'signal'",
                assertThrows(IllegalArgumentException.class, () -> set("signal=SIGINT")).getMessage());
    }

    @Test
    void defaultSetCoversWhatTheViewsNeed() {
        TraceSet d = TraceSet.defaults(x86);
        for (String name : new String[] {"read", "write", "readv", "writev", "sendto", "recvfrom", "sendmsg",
            "recvmsg", "connect", "accept", "accept4", "socket", "close", "dup2", "fcntl", "sendfile", "getpeername"}) {
            assertTrue(d.contains(nr(name)), name);
        }
        assertFalse(d.contains(nr("futex")));
        assertFalse(d.contains(nr("epoll_wait")));
        boolean[] lookup = d.toArray(x86.size());
        assertTrue(lookup[nr("write")]);
        assertFalse(lookup[nr("mmap")]);
    }
}
