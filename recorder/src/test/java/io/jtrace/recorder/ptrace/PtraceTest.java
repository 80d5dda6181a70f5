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

    /** The PTRACE_PEEKDATA fallback copies what process_vm_readv copies, whole words and a partial last one. */
    @Test
    void peeksReadWhatProcessVmReadvReads(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        io.jtrace.recorder.trace.Ptraces.require(dir);
        try (io.jtrace.recorder.trace.Target sleeper = io.jtrace.recorder.trace.Target.start(dir, "exec sleep 30")) {
            Ptrace ptrace = new Ptrace(Arch.current());
            ptrace.seize(sleeper.pid, 0);
            try {
                ptrace.interrupt(sleeper.pid);
                ptrace.wait4(sleeper.pid, PtraceConstants.WALL);
                String stack = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + sleeper.pid + "/maps"))
                        .stream().filter(l -> l.endsWith("[stack]")).findFirst().orElseThrow();
                long end = Long.parseUnsignedLong(stack.substring(stack.indexOf('-') + 1, stack.indexOf(' ')), 16);
                long start = end - 70_003; // more than one 64 KiB chunk, not a whole number of words
                TraceeBytes viaReadv = new TraceeMemory(ptrace).read(sleeper.pid, start, 70_003, 0);
                TraceeBytes viaPeek = new TraceeMemory(ptrace, false).read(sleeper.pid, start, 70_003, 0);
                assertEquals(0, viaPeek.errno());
                assertEquals(70_003, viaPeek.data().length);
                org.junit.jupiter.api.Assertions.assertArrayEquals(viaReadv.data(), viaPeek.data());
                TraceeBytes pastTheEnd = new TraceeMemory(ptrace, false).read(sleeper.pid, end - 5, 20, 0);
                assertEquals(0, pastTheEnd.errno());
                org.junit.jupiter.api.Assertions.assertArrayEquals(
                        java.util.Arrays.copyOfRange(viaReadv.data(), 70_003 - 5, 70_003), pastTheEnd.data());
            } finally {
                ptrace.detach(sleeper.pid, 0);
            }
        }
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
