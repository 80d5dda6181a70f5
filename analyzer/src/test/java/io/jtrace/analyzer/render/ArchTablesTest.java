package io.jtrace.analyzer.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.Arch;
import io.jtrace.format.proto.Header;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ArchTablesTest {
    private static String bits(Flags f, long v) {
        LineBuffer out = new LineBuffer();
        f.bits(out, v);
        return out.toString();
    }

    @Test
    void anX86_64HeaderDecodesWithX86_64Constants() throws IOException {
        ArchTables t = ArchTables.of(Arch.of(Header.newBuilder().setArch("x86_64").build()));
        assertSame(Arch.X86_64, t.arch);
        assertSame(Arch.X86_64.signals(), t.signals);
        // x86_64's values; arm64 has O_DIRECTORY 040000, O_NOFOLLOW 0100000, O_DIRECT 0200000, O_LARGEFILE 0400000
        assertEquals("O_DIRECTORY", bits(t.openFlags, 0200000));
        assertEquals("O_NOFOLLOW", bits(t.openFlags, 0400000));
        assertEquals("O_DIRECT", bits(t.openFlags, 040000));
        assertEquals("O_LARGEFILE", bits(t.openFlags, 0100000));
        assertEquals("MAP_32BIT", bits(t.mapFlags, 0x40));
        assertEquals("SOCK_CLOEXEC|SOCK_NONBLOCK", bits(t.sockFlags, 04000 | 02000000));
        assertEquals("EFD_NONBLOCK", bits(t.eventfdFlags, 04000));
        assertEquals(0100, t.oCreat);
        // x86_64's own struct stat (asm-generic's is 128 bytes) and packed epoll_event (16 elsewhere)
        assertEquals(144, t.stat.size());
        assertEquals(24, t.stat.mode());
        assertEquals(12, t.epollEventSize);
    }
}
