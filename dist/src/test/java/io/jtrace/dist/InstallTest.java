package io.jtrace.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.FormatVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * scripts/install into a temporary PREFIX, from the jars and files this build made (--no-build:
 * run it after the tools' package phase, as mvn package and mvn verify do), then the installed
 * launchers run from elsewhere.
 */
class InstallTest {
    @TempDir
    Path dir;

    private Generated.Result install(String... args) throws Exception {
        List<String> command = Stream.concat(Stream.of("bash", Generated.root().resolve("scripts/install").toString()),
                Stream.of(args)).toList();
        return Generated.run(dir, command);
    }

    private static List<String> files(Path prefix) throws Exception {
        try (Stream<Path> all = Files.walk(prefix)) {
            return all.filter(Files::isRegularFile).map(p -> prefix.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void installsLaunchersJarsPagesAndCompletionAndAgainTheSame() throws Exception {
        Path prefix = dir.resolve("prefix");
        var first = install("--no-build", prefix.toString());
        assertEquals(0, first.status(), first.show());
        List<String> installed = files(prefix);
        for (String f : List.of("bin/jtrace-record", "bin/jtrace-analyze", "share/jtrace/launch",
                "share/jtrace/jtrace-recorder.jar", "share/jtrace/jtrace-analyzer.jar",
                "share/bash-completion/completions/jtrace-record", "share/bash-completion/completions/jtrace-analyze")) {
            assertTrue(installed.contains(f), f + " in " + installed);
        }
        for (CommandLine tool : GenerateDocs.tools()) {
            for (CommandLine c : GenerateDocs.tree(tool)) {
                String page = "share/man/man1/" + ManPage.name(c.getCommandSpec()) + ".1";
                assertTrue(installed.contains(page), page + " in " + installed);
            }
        }
        // picocli is compiled into the tools' jars; zstd-jni's library lies unpacked for the launcher
        assertTrue(installed.stream().noneMatch(f -> f.matches("share/jtrace/lib/picocli-.*\\.jar")), installed.toString());
        assertTrue(installed.stream().anyMatch(f -> f.matches("share/jtrace/lib/native/linux/amd64/libzstd-jni-.*\\.so")),
                installed.toString());
        assertTrue(installed.stream().anyMatch(f -> f.matches("share/jtrace/lib/jnr-ffi-.*\\.jar")), installed.toString());
        assertTrue(Files.isExecutable(prefix.resolve("bin/jtrace-analyze")));
        for (String f : List.of("share/jtrace/jtrace-recorder.jsa", "share/jtrace/jtrace-analyzer.jsa")) {
            assertTrue(installed.contains(f), f + " (a class-data archive, made by a training run) in " + installed);
        }

        var again = install("--no-build", prefix.toString());
        assertEquals(0, again.status(), again.show());
        assertEquals(installed, files(prefix), "a second install changes nothing");
    }

    @Test
    void installedLaunchersFindTheirJarsFromAnyDirectory() throws Exception {
        Path prefix = dir.resolve("usr");
        var r = install("--no-build", prefix.toString());
        assertEquals(0, r.status(), r.show());
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path trace = Path.of(System.getProperty("jtrace.testdata", "../testdata"), "traces", "http-all.jtr")
                .toAbsolutePath();
        var info = Generated.run(elsewhere, List.of(prefix.resolve("bin/jtrace-analyze").toString(), "info", "-r",
                trace.toString()));
        assertEquals(0, info.status(), info.show());
        assertTrue(info.out().contains("format:") && info.out().contains("codec:"), info.show());
        // the launchers map the classes from the installed archives instead of loading them from the jars
        for (String tool : List.of("jtrace-analyze", "jtrace-record")) {
            Path log = dir.resolve(tool + "-classes.log");
            var v = Generated.run(elsewhere, List.of("env", "JAVA_OPTS=-Xlog:class+load:file=" + log,
                prefix.resolve("bin/" + tool).toString(), "--version"));
            assertEquals(0, v.status(), v.show());
            List<String> loaded = Files.readAllLines(log);
            String ours = loaded.stream().filter(l -> l.contains(" io.jtrace.")).findFirst().orElse("");
            assertTrue(ours.contains("source: shared objects file"), tool + ": " + ours);
            // picocli too, compiled with the tools for that (its own jar's Java 5 classes cannot be archived)
            String picocli = loaded.stream().filter(l -> l.contains(" picocli.CommandLine ")).findFirst().orElse("");
            assertTrue(picocli.contains("source: shared objects file"), tool + ": " + picocli);
        }
        // zstd-jni's library is loaded from the installation, not copied to the temporary directory first: the
        // analyzer reads a zstd trace where no temporary file can be made
        var noTmp = Generated.run(elsewhere, List.of("env", "JAVA_OPTS=-Djava.io.tmpdir=" + dir.resolve("no-such-dir"),
                prefix.resolve("bin/jtrace-analyze").toString(), "info", "-r", trace.toString()));
        assertEquals(0, noTmp.status(), noTmp.show());
        assertTrue(noTmp.out().matches("(?s).*codec: +zstd\\n.*"), noTmp.show());
        // the version comes from the jars' manifests, which Maven writes: not "dev"
        for (String tool : List.of("jtrace-analyze", "jtrace-record")) {
            var version = Generated.run(elsewhere, List.of(prefix.resolve("bin/" + tool).toString(), "--version"));
            assertEquals(0, version.status(), version.show());
            assertEquals(tool + " " + Generated.version() + " (trace format " + FormatVersion.current() + ")\n",
                    version.out());
        }
    }

    @Test
    void helpAndUsageErrors() throws Exception {
        var help = install("--help");
        assertEquals(0, help.status(), help.show());
        assertTrue(help.out().startsWith("usage: scripts/install [--build | --no-build] PREFIX\n"), help.out());
        for (List<String> bad : List.of(List.<String>of(), List.of("a", "b"), List.of("--frobnicate", "a"))) {
            var r = install(bad.toArray(String[]::new));
            assertEquals(2, r.status(), bad + ": " + r.show());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("install: ") && r.err().contains("(see --help)"), r.err());
        }
        Path file = Files.writeString(dir.resolve("a-file"), "");
        var notADir = install("--no-build", file.resolve("prefix").toString());
        assertEquals(1, notADir.status(), notADir.show());
        assertEquals(1, notADir.err().lines().count(), notADir.err());
        assertTrue(Files.notExists(dir.resolve("bin")));
    }
}
