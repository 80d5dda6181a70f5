package io.jtrace.analyzer.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.Arch;
import org.junit.jupiter.api.Test;

class FlagsTest {
    private static String bits(Flags f, long v) {
        LineBuffer out = new LineBuffer();
        f.bits(out, v);
        return out.toString();
    }

    private static String value(Flags f, long v) {
        LineBuffer out = new LineBuffer();
        f.value(out, v);
        return out.toString();
    }

    @Test
    void bitsInTableOrderWithLeftoverHex() {
        assertEquals("MSG_DONTWAIT|MSG_NOSIGNAL", bits(Consts.MSG, 0x4040));
        assertEquals("MSG_PEEK|MSG_CMSG_COMPAT", bits(Consts.MSG, 0x80000002L));
        assertEquals("MSG_PEEK|0x100000", bits(Consts.MSG, 0x100002L));
        assertEquals("0x100000 /* MSG_??? */", bits(Consts.MSG, 0x100000L), "no bit named: strace's comment");
        assertEquals("0", bits(Consts.MSG, 0));
        assertEquals("O_NONBLOCK|O_CLOEXEC", bits(ArchTables.of(Arch.X86_64).openFlags, 04000 | 02000000));
        assertEquals("MAP_FIXED|MAP_ANONYMOUS", bits(ArchTables.of(Arch.X86_64).mapFlags, 0x30));
    }

    @Test
    void unknownValueCarriesAComment() {
        assertEquals("SO_REUSEADDR", value(Consts.SO, 2));
        assertEquals("99 /* SO_??? */", value(Consts.SO, 99));
        LineBuffer out = new LineBuffer();
        Consts.SO.hexValue(out, 0x7fff);
        assertEquals("0x7fff /* SO_??? */", out.toString());
    }
}
