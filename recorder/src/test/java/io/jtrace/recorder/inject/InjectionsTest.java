package io.jtrace.recorder.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.syscalls.SyscallTable;
import org.junit.jupiter.api.Test;

/** strace 6.1's inject= and fault= syntax (src/filter_qualify.c parse_inject_token), as the recorder reads it. */
class InjectionsTest {
    private static final SyscallTable TABLE = SyscallTable.forArch("x86_64");

    private static InjectRule rule(String qualifier, String syscall) {
        boolean fault = qualifier.startsWith("fault=");
        return Injections.none().with(qualifier.substring(qualifier.indexOf('=') + 1), fault, TABLE)
                .rule(TABLE.number(syscall));
    }

    @Test
    void whenReadsAsStraceDoes() {
        // F == F..INF+0, F+ == F..INF+1, F+S, F..L == F..L+1, F..L+S; default 1..INF+1
        assertEquals(new InjectRule(1, InjectRule.LAST_INF, 1, true, false, 2, 0), rule("inject=open:error=ENOENT", "open"));
        assertEquals(new InjectRule(3, InjectRule.LAST_INF, 0, true, false, 2, 0), rule("inject=open:error=2:when=3", "open"));
        assertEquals(new InjectRule(3, InjectRule.LAST_INF, 1, true, false, 2, 0), rule("inject=open:error=2:when=3+", "open"));
        assertEquals(new InjectRule(3, InjectRule.LAST_INF, 4, true, false, 2, 0), rule("inject=open:error=2:when=3+4", "open"));
        assertEquals(new InjectRule(2, 5, 1, true, false, 2, 0), rule("inject=open:error=2:when=2..5", "open"));
        assertEquals(new InjectRule(2, 9, 3, true, false, 2, 0), rule("inject=open:error=2:when=2..9+3", "open"));
        for (String bad : new String[] {"0", "2..1", "2..65535", "3+0", "x", "1.5", "65536"}) {
            assertThrows(IllegalArgumentException.class, () -> rule("inject=open:error=2:when=" + bad, "open"), bad);
        }
    }

    @Test
    void pokesReadAsStraceDoes() {
        InjectRule r = rule("inject=sendfile:poke_enter=@arg3=0000000000000000,@arg1=ff:poke_exit=@arg3=ffffffffffffffff",
                "sendfile");
        assertTrue(!r.tampers() && r.signal() == 0, "poke_ alone lets the call run");
        assertEquals(2, r.pokes().enter().size());
        assertEquals(3, r.pokes().enter().get(0).arg());
        assertEquals(8, r.pokes().enter().get(0).data().length);
        assertEquals((byte) 0xff, r.pokes().enter().get(1).data()[0]);
        assertEquals(1, r.pokes().exit().size());
        assertTrue(rule("inject=read:retval=1:poke_exit=@arg2=41", "read").tampers());
        for (String bad : new String[] {"inject=read:poke_enter=", "inject=read:poke_enter=@arg0=00",
                "inject=read:poke_enter=@arg8=00", "inject=read:poke_enter=@arg2=0", "inject=read:poke_enter=@arg2=zz",
                "inject=read:poke_enter=@arg2=00,@arg2=01", "inject=read:poke_enter=@arg2=00:poke_enter=@arg3=00",
                "inject=read:poke_enter=arg2=00", "fault=read:poke_exit=@arg2=00",
                "inject=read:poke_exit=@arg2=" + "00".repeat(1025)}) {
            assertThrows(IllegalArgumentException.class, () -> rule(bad, "read"), bad);
        }
    }

    @Test
    void valuesAndSignals() {
        InjectRule r = rule("inject=getpid:retval=0x2a:signal=usr1", "getpid");
        assertEquals(42, r.returnValue());
        assertEquals(10, r.signal());
        assertEquals(-38, rule("fault=getpid", "getpid").returnValue(), "fault= defaults to ENOSYS");
        assertEquals(-13, rule("fault=getpid:error=eacces", "getpid").returnValue(), "names in any case, as strcasecmp");
        assertEquals(34, rule("inject=getpid:signal=SIGRT_2", "getpid").signal());
        assertTrue(!rule("inject=getpid:signal=9", "getpid").tampers(), "signal= alone lets the call run");
        for (String bad : new String[] {"inject=getpid", "inject=getpid:when=2", "fault=getpid:retval=1",
                "fault=getpid:signal=USR1", "inject=getpid:error=0", "inject=getpid:error=4096",
                "inject=getpid:error=ENOPE", "inject=getpid:error=1:retval=1", "inject=getpid:signal=65",
                "inject=getpid:retval=x", "inject=nosuchcall:error=1", "inject=:error=1",
                "inject=getpid:delay_enter=1s"}) {
            assertThrows(IllegalArgumentException.class, () -> rule(bad, "getpid"), bad);
        }
    }

    @Test
    void aLaterQualifierReplacesTheRuleOfTheSyscallsItNames() {
        Injections i = Injections.none().with("dup,dup2:error=EBADF", false, TABLE).with("dup:error=EMFILE:when=2", true, TABLE);
        assertEquals(-24, i.rule(TABLE.number("dup")).returnValue());
        assertEquals(2, i.rule(TABLE.number("dup")).first());
        assertEquals(-9, i.rule(TABLE.number("dup2")).returnValue());
        assertNull(i.rule(TABLE.number("dup3")));
        assertEquals("dup,dup2", i.names(TABLE));
        assertTrue(Injections.none().isEmpty());
    }
}
