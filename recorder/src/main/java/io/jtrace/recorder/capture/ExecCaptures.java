package io.jtrace.recorder.capture;

import io.jtrace.recorder.capture.CaptureTable.Capture;

/**
 * execve's and execveat's path, argv and envp, copied at entry: a successful exec replaces the
 * memory they are in before the call returns. Each array is the WHOLE buffer of its argument (the
 * pointers up to the NULL); string {@code i} of it is the IOV buffer of index {@code i}, read as a
 * path is (NUL-terminated, up to 4096 bytes), so that the analyzer can print it cut at its -s.
 */
final class ExecCaptures {
    /** Pointers read from one array at most; the format's index of a string is 16 bits. */
    static final int MAX_POINTERS = 32768;

    private ExecCaptures() {
    }

    /** The capture of a call whose path is argument {@code pathArg}, argv and envp the two after. */
    static Capture atEntry(int pathArg) {
        return (c, r) -> {
            r.string(pathArg, c.arg(pathArg), false);
            strings(r, pathArg + 1, c.arg(pathArg + 1));
            strings(r, pathArg + 2, c.arg(pathArg + 2));
        };
    }

    private static void strings(BufferReader r, int arg, long address) {
        if (address == 0) {
            return;
        }
        long[] pointers = r.pointerArray(arg, address, MAX_POINTERS);
        for (int i = 0; i < pointers.length; i++) {
            r.string(arg, BufferReader.IOV, i, pointers[i], false, BufferReader.PATH_MAX);
        }
    }
}
