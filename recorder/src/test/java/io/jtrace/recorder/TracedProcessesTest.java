package io.jtrace.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jtrace.format.proto.ProcessInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The first header of a launch describes the command as its exec left it, also when the command has
 * already exited by the time the writer writes that header (a short program on a loaded machine: seen as
 * strace's dup-P test losing its dup(9) under -P, fd 9 being unknown).
 */
class TracedProcessesTest {
    private static final int SELF = (int) ProcessHandle.current().pid();

    @Test
    void aCommandThatExitedBeforeTheFirstHeaderIsInIt() {
        TracedProcesses processes = new TracedProcesses();
        processes.expectLaunch();
        processes.add(SELF);
        processes.execed(SELF);
        processes.remove(SELF);
        List<ProcessInfo> header = processes.describe();
        assertEquals(List.of(SELF), header.stream().map(ProcessInfo::getPid).toList());
        assertEquals(List.of(), processes.describe(), "later headers describe the processes traced then");
    }

    @Test
    void aRunningCommandIsDescribedOnce() {
        TracedProcesses processes = new TracedProcesses();
        processes.expectLaunch();
        processes.add(SELF);
        processes.execed(SELF);
        assertEquals(List.of(SELF), processes.describe().stream().map(ProcessInfo::getPid).toList());
    }
}
