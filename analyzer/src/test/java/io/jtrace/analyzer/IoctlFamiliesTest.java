package io.jtrace.analyzer;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ioctl families of strace's hdio.c, kd_ioctl.c and gpio_ioctl.c, and the structures of the
 * older decoders that -v prints whole (rtc, evdev, loop, termios, FIEMAP), checked against strace itself:
 * testdata/workload/ioctl_families.c makes each family's requests on fd -1, recorded once as they
 * fail (strace prints what it decodes at entry) and once with every ioctl's return injected (it
 * prints the structures the program filled in as the kernel's output), each compared with strace's
 * lines by default, with -v and with -s 1024, addresses and padding masked.
 */
class IoctlFamiliesTest {
    private static final String CALLS = "write,ioctl";
    private static final List<List<String>> OPTIONS = List.of(List.of(), List.of("-v"), List.of("-s", "1024"));

    @TempDir
    Path dir;

    @Test
    void hdioIsStraces() throws Exception {
        compare("hdio", 40);
    }

    @Test
    void kdIsStraces() throws Exception {
        compare("kd", 80);
    }

    @Test
    void gpioIsStraces() throws Exception {
        compare("gpio", 20);
    }

    @Test
    void verboseStructuresAreStraces() throws Exception {
        compare("structures", 15, List.of(List.of(), List.of("-v"), List.of("-e", "verbose=none")));
    }

    private void compare(String family, int minLines) throws Exception {
        compare(family, minLines, OPTIONS);
    }

    private void compare(String family, int minLines, List<List<String>> optionSets) throws Exception {
        for (List<String> tampering : List.of(List.<String>of(), List.of("-e", "inject=ioctl:retval=42"))) {
            StraceOracle oracle = StraceOracle.recordTampered(dir, "ioctl_families", CALLS, CALLS, tampering, family);
            for (List<String> options : optionSets) {
                oracle.compare(options, StraceOracle::fromMarker, minLines);
            }
        }
    }
}
