package io.jtrace.analyzer.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.Arch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class SiginfoTest {
    private static String render(int signo, ByteBuffer b) {
        LineBuffer out = new LineBuffer();
        Siginfo.append(out, Arch.X86_64.signals(), b.array(), signo);
        return out.toString();
    }

    @Test
    void childExited() {
        ByteBuffer b = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 17).putInt(8, 1).putInt(16, 1234).putInt(20, 1000).putInt(24, 3).putLong(32, 5).putLong(40, 2);
        assertEquals("{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=1234, si_uid=1000, si_status=3, si_utime=5, "
                + "si_stime=2}", render(17, b));
    }

    @Test
    void segfault() {
        ByteBuffer b = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 11).putInt(8, 1).putLong(16, 0);
        assertEquals("{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL}", render(11, b));
    }

    @Test
    void sentByTkill() {
        ByteBuffer b = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 10).putInt(8, -6).putInt(16, 77).putInt(20, 0);
        assertEquals("{si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=77, si_uid=0}", render(10, b));
    }
}
