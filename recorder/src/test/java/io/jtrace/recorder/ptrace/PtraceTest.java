package io.jtrace.recorder.ptrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The native layer's error reporting; needs no tracee. */
class PtraceTest {
    @Test
    void failedCallNamesRequestPidAndErrno() {
        Ptrace ptrace = new Ptrace(Arch.current());
        NativeException e = assertThrows(NativeException.class, () -> ptrace.seize(4_194_305, 0));
        assertEquals("ptrace(PTRACE_SEIZE, 4194305): ESRCH (No such process)", e.getMessage());
        assertEquals(Errno.ESRCH, e.errno());
    }

    @Test
    void waitWithoutChildrenIsEchild() {
        NativeException e = assertThrows(NativeException.class,
            () -> new Ptrace(Arch.current()).wait4(-1, PtraceConstants.WALL | PtraceConstants.WNOTHREAD));
        assertEquals(Errno.ECHILD, e.errno());
    }

    @Test
    void ownMemoryIsReadableAndUnmappedMemoryIsAnErrno() {
        TraceeMemory memory = new TraceeMemory(new Ptrace(Arch.current()));
        int self = Native.libc().getpid();
        jnr.ffi.Pointer p = jnr.ffi.Memory.allocateDirect(Native.runtime(), 100_000);
        byte[] pattern = new byte[100_000];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) i;
        }
        p.put(0, pattern, 0, pattern.length);

        TraceeBytes all = memory.read(self, p.address(), pattern.length, 0);
        assertEquals(0, all.errno());
        assertEquals(100_000, all.data().length); // more than one 64 KiB chunk
        assertEquals(java.util.Arrays.hashCode(pattern), java.util.Arrays.hashCode(all.data()));

        TraceeBytes snapped = memory.read(self, p.address(), pattern.length, 10);
        assertEquals(10, snapped.data().length);
        assertEquals(100_000, snapped.length());

        TraceeBytes bad = memory.read(self, 16, 8, 0);
        assertEquals(Errno.EFAULT, bad.errno());
        assertEquals(0, bad.data().length);
    }

    @Test
    void waitStatusDecoding() {
        assertEquals(true, WaitStatus.exited(7 << 8));
        assertEquals(7, WaitStatus.exitStatus(7 << 8));
        assertEquals(true, WaitStatus.signaled(9));
        assertEquals(false, WaitStatus.signaled(0x7f));
        int syscallStop = ((PtraceConstants.SIGTRAP | 0x80) << 8) | 0x7f;
        assertEquals(true, WaitStatus.stopped(syscallStop));
        assertEquals(PtraceConstants.SIGTRAP | 0x80, WaitStatus.stopSignal(syscallStop));
        int eventStop = (PtraceConstants.PTRACE_EVENT_STOP << 16) | (PtraceConstants.SIGSTOP << 8) | 0x7f;
        assertEquals(PtraceConstants.PTRACE_EVENT_STOP, WaitStatus.event(eventStop));
    }
}
