package io.jtrace.recorder.trace;

import io.jtrace.recorder.inject.InjectRule;
import io.jtrace.recorder.inject.Injections;
import io.jtrace.recorder.inject.Pokes;
import io.jtrace.recorder.ptrace.Ptrace;

/**
 * {@code -e inject=} and {@code -e fault=} at the syscall stops, as strace 6.1's
 * tamper_with_syscall_entering/exiting (src/syscall.c): at a recorded call's entry, count it
 * (per syscall and per thread, a thread starting afresh) and when its when= says so, set the
 * syscall number register to -1, so that the kernel skips the call, and ask for the signal; at
 * the exit, write the return value the user chose (-errno or retval) into the return register.
 * Only calls the trace filter selects are tampered with, as strace tampers only with traced
 * calls. Nothing is touched for a syscall without a rule, and no object is made per call.
 */
final class Tampering {
    private final Injections injections;
    private final Ptrace ptrace;

    Tampering(Injections injections, Ptrace ptrace) {
        this.injections = injections;
        this.ptrace = ptrace;
    }

    /**
     * At the entry stop of a selected call: tampers with it when its turn has come. Returns the
     * signal to deliver (signal=), 0 for none.
     */
    int atEntry(Tracee t, SyscallEvent call) {
        t.poked = false;
        t.pokeExit = null;
        InjectRule rule = injections.rule(call.nr);
        if (rule == null) {
            return 0;
        }
        int[] counts = t.injectCounts;
        if (counts == null) {
            counts = t.injectCounts = new int[2 * injections.size()];
            java.util.Arrays.fill(counts, -1);
        }
        int i = 2 * (int) call.nr;
        if (counts[i] < 0) {
            counts[i] = rule.first();
            counts[i + 1] = rule.last();
        }
        // strace's countdown: first = calls until the next tampered one, last = calls left
        if (counts[i] == 0 || counts[i + 1] == 0) {
            return 0;
        }
        if (counts[i + 1] != InjectRule.LAST_INF) {
            counts[i + 1]--;
        }
        if (--counts[i] != 0) {
            return 0;
        }
        counts[i] = rule.step();
        if (rule.tampers()) {
            ptrace.pokeUser(t.tid, ptrace.arch().syscallNumberUserOffset(), -1);
            t.tampered = true;
            t.injectedReturn = rule.returnValue();
        }
        poke(t, call, rule.pokes().enter());
        if (!rule.pokes().exit().isEmpty()) {
            t.pokeExit = rule.pokes().exit();
        }
        return rule.signal();
    }

    /** Whether the exit stop of the current call has something to do ({@link #atExit}). */
    static boolean dueAtExit(Tracee t) {
        return t.tampered || t.poked || t.pokeExit != null;
    }

    /**
     * At the exit stop of a call {@link #atEntry} tampered with: poke_exit= writes its bytes, and
     * the chosen return value replaces the kernel's ENOSYS.
     */
    void atExit(Tracee t, SyscallEvent call) {
        if (t.pokeExit != null) {
            poke(t, call, t.pokeExit);
            t.pokeExit = null;
        }
        call.poked = t.poked;
        t.poked = false;
        if (t.tampered) {
            t.tampered = false;
            ptrace.pokeUser(t.tid, ptrace.arch().returnValueUserOffset(), t.injectedReturn);
            call.returnValue = t.injectedReturn;
            call.injected = true;
        }
    }

    /**
     * strace's poke_tcb: each payload written where its argument points, a word at a time (a
     * partial last word keeps the tracee's other bytes); a payload that cannot be written is skipped.
     */
    private void poke(Tracee t, SyscallEvent call, java.util.List<Pokes.Poke> pokes) {
        for (Pokes.Poke p : pokes) {
            if (p.arg() > call.args.length) {
                continue; // strace: "requested to tamper with argument #7", and goes on
            }
            long address = call.args[p.arg() - 1];
            byte[] data = p.data();
            try {
                for (int at = 0; at < data.length; at += 8) {
                    int n = Math.min(8, data.length - at);
                    long word = n == 8 ? 0 : ptrace.peekData(t.tid, address + at);
                    for (int i = 0; i < n; i++) {
                        word = word & ~(0xffL << (8 * i)) | (data[at + i] & 0xffL) << (8 * i);
                    }
                    ptrace.pokeData(t.tid, address + at, word);
                }
                t.poked = true;
            } catch (RuntimeException e) {
                // unmapped or read-only beyond reach: strace reports "couldn't poke" and goes on
            }
        }
    }
}
