package io.jtrace.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyzer writes UTF-8 whatever the locale: run as from a shell or cron job without LANG (where JDK 17 would
 * print '?' for every character beyond ASCII), a file named café.txt is café.txt in every view, text and JSON.
 */
class Utf8OutputTest {
    @TempDir
    Path dir;

    @Test
    void namesBeyondAsciiAreUtf8WithoutALocale() throws Exception {
        String record = Generated.root().resolve("scripts/jtrace-record").toString();
        String analyze = Generated.root().resolve("scripts/jtrace-analyze").toString();
        Path trace = dir.resolve("utf8.jtr");
        String name = "café-中.txt";
        Generated.requirePtrace(dir, record);
        var r = Generated.run(dir, List.of(record, "-q", "-w", trace.toString(), "--", "sh", "-c",
                "echo x > " + name + "; read line < " + name));
        assertEquals(0, r.status(), r.show());
        String path = dir.resolve(name).toString();
        for (List<String> view : List.of(List.of("fds"), List.of("fds", "--json"), List.of("summary", "--json"))) {
            List<String> command = new java.util.ArrayList<>(List.of("env", "-u", "LANG", "-u", "LC_ALL", "-u", "LC_CTYPE",
                    analyze));
            command.addAll(view);
            command.addAll(List.of("-r", trace.toString()));
            var out = Generated.run(dir, command);
            assertEquals(0, out.status(), out.show());
            if (!view.get(0).equals("summary")) {
                assertTrue(out.out().contains(path), view + ": " + out.show());
            }
            assertTrue(!out.out().contains("caf?"), view + ": " + out.show());
        }
        // the default view quotes the bytes as strace does, whatever the locale
        var lines = Generated.run(dir, List.of("env", "-u", "LANG", analyze, "-r", trace.toString(), "-e", "trace=openat"));
        String octal = new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1).chars()
                .mapToObj(c -> c < 0x80 ? Character.toString(c) : String.format("\\%o", c)).reduce("", String::concat);
        assertTrue(lines.out().contains(octal), lines.show());
        assertTrue(Files.exists(dir.resolve(name)));
    }
}
