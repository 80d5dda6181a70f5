package io.jtrace.analyzer.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the normaliser rewrites in syscall lines, and what it leaves alone. */
class NormaliserTest {
    static String fd(int pid, int fd, int generation, boolean closes) {
        char m = closes ? Normaliser.CLOSED_FD_MARK : Normaliser.FD_MARK;
        return "" + m + pid + "." + fd + "." + generation + m;
    }

    @Test
    void fdsNamedLowestFreeFirstPerGroup() {
        Normaliser n = new Normaliser(new DiffOptions(), true);
        n.group();
        assertEquals("socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = fd1",
                n.line("socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = " + fd(100, 7, 0, false)));
        assertEquals("openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY) = fd2",
                n.line("openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY) = " + fd(100, 9, 0, false)));
        assertEquals("close(fd2) = 0", n.line("close(" + fd(100, 9, 0, true) + ") = 0"));
        // the name is free again: an fd opened and closed in one run only leaves the later names alone
        assertEquals("read(fd2, \"\", 10) = 0", n.line("read(" + fd(100, 9, 1, false) + ", \"\", 10) = 0"));
        assertEquals("write(1, \"x\", 1) = 1", n.line("write(1, \"x\", 1) = 1"));
        n.group();   // another thread: its own names
        assertEquals("read(fd1, \"\", 10) = 0", n.line("read(" + fd(100, 9, 1, false) + ", \"\", 10) = 0"));
    }

    @Test
    void ephemeralPortsNumberedOthersKept() {
        Normaliser n = new Normaliser(new DiffOptions(), true);
        String s = n.line("connect(3, {sa_family=AF_INET, sin_port=htons(41234), sin_addr=inet_addr(\"127.0.0.1\")}, 16)");
        assertEquals("connect(3, {sa_family=AF_INET, sin_port=htons(E1), sin_addr=inet_addr(\"127.0.0.1\")}, 16)", s);
        assertEquals("x htons(8080) htons(E2) htons(E1)", n.line("x htons(8080) htons(50000) htons(41234)"));
        assertEquals("write(3, \"Host: 127.0.0.1:E1\\r\\n\", 20) = 20",
                n.line("write(3, \"Host: 127.0.0.1:41234\\r\\n\", 20) = 20"), "in captured strings too");
        assertEquals("[::1]:E3 10.0.0.1:443", new Normaliser(new DiffOptions(), false).line("[::1]:40000 10.0.0.1:443")
                .replace("E1", "E3"));
    }

    @Test
    void addressesAndPaddingOutsideStringsOnly() {
        Normaliser n = new Normaliser(new DiffOptions(), true);
        assertEquals("mmap(0xADDR, 4096) = 0xADDR", n.line("mmap(0x7f12345678, 4096)         = 0x7f00001000"));
        assertEquals("write(3, \"0x7f12345678)   = \", 17) = 17",
                n.line("write(3, \"0x7f12345678)   = \", 17)        = 17"));
        assertEquals("--- SIGCHLD {si_utime=*, si_stime=*} ---", n.line("--- SIGCHLD {si_utime=3, si_stime=12} ---"));
    }

    @Test
    void volatileHeadersMaskedInsideStrings() {
        DiffOptions o = new DiffOptions();
        Normaliser n = new Normaliser(o, true);
        assertEquals("write(3, \"HTTP/1.1 200 OK\\r\\nDate: *\\r\\nServer: x\\r\\n\"..., 99) = 99",
                n.line("write(3, \"HTTP/1.1 200 OK\\r\\nDate: Mon, 23 Nov 2026 10:00:00 GMT\\r\\nServer: x\\r\\n\"..., 99) = 99"));
        o.ignoredHeaders.remove("date");
        String kept = "write(3, \"\\r\\nDate: Mon\", 11) = 11";
        assertEquals(kept, new Normaliser(o, true).line(kept));
    }
}
